/**
 * Jazzer fuzz tests of the decoders that read client input: Engine.IO packets and
 * payloads, Socket.IO packets with binary attachments, and the handshake query of a
 * running server. Seed and crash inputs live under
 * {@code src/test/resources/dev/realtime/socketio/fuzz}.
 */
@NullMarked
package dev.realtime.socketio.fuzz;

import org.jspecify.annotations.NullMarked;
