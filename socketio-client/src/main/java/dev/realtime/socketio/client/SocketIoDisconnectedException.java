package dev.realtime.socketio.client;

/**
 * An operation could not complete because its socket was disconnected: an ack that was
 * still awaited when the connection dropped, or an emit on a socket that was disconnected
 * for good.
 *
 * @since 0.1.0
 */
public class SocketIoDisconnectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	/**
	 * Create an exception.
	 * @param message what could not complete
	 * @param reason the disconnect reason, as in
	 * {@link ConnectionEvent.Disconnected#reason()}
	 */
	public SocketIoDisconnectedException(String message, String reason) {
		super(message + " (" + reason + ")");
		this.reason = reason;
	}

	/**
	 * Return why the socket was disconnected.
	 * @return the reason, for example {@code transport close}
	 */
	public String reason() {
		return this.reason;
	}

}
