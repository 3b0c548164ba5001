package dev.realtime.socketio.server;

import org.jspecify.annotations.Nullable;

/**
 * Refuses a namespace connection from a {@link ConnectMiddleware}. The client receives a
 * CONNECT_ERROR with this message and data, in its {@code connect_error} handler.
 *
 * @since 0.1.0
 */
public class ConnectRejectedException extends RuntimeException {

	private final @Nullable Object data;

	/**
	 * Create an exception with a message only.
	 * @param message the message the client sees
	 */
	public ConnectRejectedException(String message) {
		this(message, null);
	}

	/**
	 * Create an exception with a message and data.
	 * @param message the message the client sees
	 * @param data extra data the client sees (converted to JSON), or {@code null}
	 */
	public ConnectRejectedException(String message, @Nullable Object data) {
		super(message, null, false, false);
		this.data = data;
	}

	/**
	 * Return the data sent to the client.
	 * @return the data, or {@code null}
	 */
	public @Nullable Object data() {
		return this.data;
	}

}
