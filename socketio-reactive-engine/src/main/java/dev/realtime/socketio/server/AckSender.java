package dev.realtime.socketio.server;

/**
 * Sends the acknowledgement a client asked for with its event. Only the first call sends
 * anything; later calls are ignored. Safe from any thread.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AckSender {

	/**
	 * Send the acknowledgement.
	 * @param args the reply arguments, converted to JSON ({@code byte[]} becomes binary)
	 */
	void send(Object... args);

}
