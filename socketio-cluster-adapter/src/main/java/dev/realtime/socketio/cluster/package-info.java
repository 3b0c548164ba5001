/**
 * The protocol of the Node {@code socket.io-adapter} {@code ClusterAdapter} and
 * {@code ClusterAdapterWithHeartbeat}, independent of the transport: the base of the
 * adapters over Redis and Postgres, wire-compatible with Node's. An SPI for adapter
 * modules; applications use the adapters, not these types.
 */
@NullMarked
package dev.realtime.socketio.cluster;

import org.jspecify.annotations.NullMarked;
