/**
 * Test support shared with the other modules through the engine's test-jar: Node.js
 * client scripts ({@link dev.realtime.socketio.testsupport.NodeScript}), Netty leak
 * checks ({@link dev.realtime.socketio.testsupport.NettyLeakCheck}) and the JUnit
 * extension that starts and closes servers and drivers
 * ({@link dev.realtime.socketio.testsupport.TestFixture}). Not API.
 */
@NullMarked
package dev.realtime.socketio.testsupport;

import org.jspecify.annotations.NullMarked;
