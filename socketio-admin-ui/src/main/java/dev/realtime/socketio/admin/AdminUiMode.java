package dev.realtime.socketio.admin;

/**
 * How much the admin namespace tells the UI, as the Node option {@code mode}.
 *
 * @since 0.1.0
 */
public enum AdminUiMode {

	/**
	 * Everything: the sockets with their handshake, rooms and data, their connections and
	 * disconnections, room changes, and every event received and sent.
	 */
	DEVELOPMENT,

	/**
	 * Server stats and aggregated counts only (connections, packets, bytes): no
	 * per-socket listener, no memory per socket, nothing from the payloads.
	 */
	PRODUCTION

}
