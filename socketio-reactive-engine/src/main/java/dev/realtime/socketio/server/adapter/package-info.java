/**
 * The adapter SPI: how rooms and broadcasts reach sockets on this node or, with a cluster
 * adapter, on every node.
 */
@NullMarked
package dev.realtime.socketio.server.adapter;

import org.jspecify.annotations.NullMarked;
