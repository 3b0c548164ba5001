/**
 * Test support for Socket.IO applications:
 * {@link dev.realtime.socketio.spring.test.SocketIoTestClient}, auto-configured in
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} tests.
 */
@NullMarked
package dev.realtime.socketio.spring.test;

import org.jspecify.annotations.NullMarked;
