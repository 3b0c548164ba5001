package dev.realtime.socketio.internal;

import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.engine.EngineIoSocketListener;

/**
 * An Engine.IO listener that sends every message back unchanged to the session that sent
 * it: the raw {@code /engine.io/} endpoint of the conformance app and the engine's tests.
 * Not API: may change without notice.
 */
public final class EngineIoEcho implements EngineIoSocketListener {

	private final EngineIoSocket socket;

	private final Consumer<String> closeReasons;

	private EngineIoEcho(EngineIoSocket socket, Consumer<String> closeReasons) {
		this.socket = socket;
		this.closeReasons = closeReasons;
	}

	/**
	 * Make a session echo its messages.
	 * @param socket a new session
	 */
	public static void attach(EngineIoSocket socket) {
		attach(socket, (reason) -> {
		});
	}

	/**
	 * Make a session echo its messages and report its close reason.
	 * @param socket a new session
	 * @param closeReasons receives the {@code EngineIoCloseReason} the session closed
	 * with
	 */
	public static void attach(EngineIoSocket socket, Consumer<String> closeReasons) {
		socket.setListener(new EngineIoEcho(socket, closeReasons));
	}

	@Override
	public void onText(String text) {
		this.socket.send(text);
	}

	@Override
	public void onBinary(byte[] data) {
		this.socket.send(data);
	}

	@Override
	public void onClose(String reason, String description) {
		this.closeReasons.accept(reason);
	}

}
