/**
 * Test support shared with the other modules through the engine's test-jar, so that a
 * test reuses one fixture instead of writing its own: Node.js client scripts
 * ({@link dev.realtime.socketio.testsupport.NodeScript}; a script in
 * {@code src/test/resources/node/} may {@code require} a sibling module, such as
 * {@code sio-driver-common.js} for the socket.io-client drivers), the driver of npm
 * socket.io-client sockets
 * ({@link dev.realtime.socketio.testsupport.SocketIoNodeDriver}), a server on a random
 * port ({@link dev.realtime.socketio.testsupport.SocketIoTestServer}) with the usual
 * listeners ({@link dev.realtime.socketio.testsupport.TestHandlers}) and a record of its
 * connections ({@link dev.realtime.socketio.testsupport.SocketRecorder}), Java
 * socket.io-client sockets closed after each test
 * ({@link dev.realtime.socketio.testsupport.JavaSocketIoClients}), raw WebSocket and HTTP
 * connections ({@link dev.realtime.socketio.testsupport.RawWebSocketClient},
 * {@link dev.realtime.socketio.testsupport.RawHttpConnection}), Netty leak checks
 * ({@link dev.realtime.socketio.testsupport.NettyLeakCheck}) and the JUnit extension that
 * starts and closes servers and drivers
 * ({@link dev.realtime.socketio.testsupport.TestFixture}). Not API.
 */
@NullMarked
package dev.realtime.socketio.testsupport;

import org.jspecify.annotations.NullMarked;
