package dev.realtime.socketio.sample;

/**
 * A request the chat refuses; its message is shown to the user.
 *
 * @since 0.1.0
 */
public class ChatException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what the user did wrong
	 */
	public ChatException(String message) {
		super(message);
	}

	@Override
	public String getMessage() {
		// Always set by the constructor.
		return String.valueOf(super.getMessage());
	}

}
