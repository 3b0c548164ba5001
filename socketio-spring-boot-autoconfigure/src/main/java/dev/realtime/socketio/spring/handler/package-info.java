/**
 * The handler-method SPI: strategies that resolve handler arguments from a Socket.IO
 * event and handle handler return values.
 */
@NullMarked
package dev.realtime.socketio.spring.handler;

import org.jspecify.annotations.NullMarked;
