package dev.realtime.socketio.engine;

import dev.realtime.socketio.engine.packet.Eio3PayloadCodec;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;
import org.jspecify.annotations.Nullable;

/**
 * The revision of the Engine.IO protocol a session speaks, from the {@code EIO} query
 * parameter of its handshake. A server speaks v4 to every client; with
 * {@link EngineIoOptions#allowEio3()} it also speaks v3 to the clients that ask for it
 * (Socket.IO 2.x), each session in its own client's protocol.
 *
 * @since 0.1.0
 */
public enum EngineIoProtocol {

	/**
	 * Engine.IO v3, of Socket.IO 2.x clients: length-prefixed polling payloads, and the
	 * client sends the heartbeat pings (docs/protocol.md 1.11).
	 */
	V3("3"),

	/** Engine.IO v4, of Socket.IO 3.x and later clients. */
	V4("4");

	private final String version;

	EngineIoProtocol(String version) {
		this.version = version;
	}

	/**
	 * Return the value of the {@code EIO} query parameter for this revision.
	 * @return {@code "3"} or {@code "4"}
	 */
	public String version() {
		return this.version;
	}

	/**
	 * The protocol a handshake asks for, or {@code null} when the server does not speak
	 * it (reference: code 5, "Unsupported protocol version").
	 */
	static @Nullable EngineIoProtocol forHandshake(@Nullable String eio, boolean allowEio3) {
		if ("4".equals(eio)) {
			return V4;
		}
		return ("3".equals(eio) && allowEio3) ? V3 : null;
	}

	/** The protocol of a session, from its handshake, which the server accepted. */
	static EngineIoProtocol of(EngineIoHandshake handshake) {
		return "3".equals(handshake.queryParam("EIO")) ? V3 : V4;
	}

	/** Decode a text packet, from a WebSocket text frame. */
	EnginePacket decodePacket(String text) {
		return (this == V4) ? EnginePayloadCodec.decodePacket(text) : Eio3PayloadCodec.decodePacket(text);
	}

	/**
	 * Decode a binary WebSocket frame: the message's bytes in v4, behind a type byte in
	 * v3.
	 */
	EnginePacket decodeBinaryFrame(byte[] frame) {
		return (this == V4) ? EnginePacket.message(frame) : Eio3PayloadCodec.decodeBinaryPacket(frame);
	}

}
