package dev.realtime.socketio.engine;

/**
 * Receives what happens on one {@link EngineIoSocket}. Every callback runs on an event
 * loop in the session's context, one at a time and in order; implementations must not
 * block.
 *
 * @since 0.1.0
 */
public interface EngineIoSocketListener {

	/**
	 * Called for every text message from the client.
	 * @param text the message
	 */
	void onText(String text);

	/**
	 * Called for every binary message from the client.
	 * @param data the message bytes, owned by the listener
	 */
	void onBinary(byte[] data);

	/**
	 * Called once when the session has closed.
	 * @param reason one of the {@link EngineIoCloseReason} strings
	 * @param description details, or an empty string
	 */
	void onClose(String reason, String description);

}
