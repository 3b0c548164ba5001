/**
 * Test support shared with the other modules through the engine's test-jar: Node.js client
 * scripts ({@link dev.realtime.socketio.testsupport.NodeScript}) and Netty leak checks
 * ({@link dev.realtime.socketio.testsupport.NettyLeakCheck}). Not API.
 */
@NullMarked
package dev.realtime.socketio.testsupport;

import org.jspecify.annotations.NullMarked;
