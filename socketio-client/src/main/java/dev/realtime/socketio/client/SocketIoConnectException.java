package dev.realtime.socketio.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A namespace could not be connected: the server refused it ({@code connect_error}, with
 * the server's message and optional data), or the connection to the server could not be
 * opened or was lost before the namespace was connected. <pre class="code">
 * client.connect("/admin")
 *     .onErrorResume(SocketIoConnectException.class, (ex) -&gt; {
 *         log.warn("Refused: " + ex.getMessage() + " " + ex.data());
 *         return Mono.empty();
 *     });
 * </pre>
 *
 * @since 0.1.0
 */
public class SocketIoConnectException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String namespace;

	private final boolean refused;

	private final transient @Nullable JsonNode data;

	private final transient @Nullable JsonMapper mapper;

	/**
	 * Create an exception for a refusal by the server.
	 * @param namespace the namespace that was refused
	 * @param message the server's message
	 * @param data the server's data, or {@code null} if it sent none
	 * @param mapper the mapper that converts the data in {@link #data(Class)}
	 */
	public SocketIoConnectException(String namespace, String message, @Nullable JsonNode data, JsonMapper mapper) {
		super(message);
		this.namespace = namespace;
		this.refused = true;
		this.data = data;
		this.mapper = mapper;
	}

	/**
	 * Create an exception for a connection that failed before the server answered.
	 * @param namespace the namespace that was being connected
	 * @param message what went wrong
	 * @param cause the cause, if any
	 */
	public SocketIoConnectException(String namespace, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.namespace = namespace;
		this.refused = false;
		this.data = null;
		this.mapper = null;
	}

	/**
	 * Return the namespace that could not be connected.
	 * @return the namespace, for example {@code /chat}
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Whether the server refused the namespace ({@code connect_error}), as opposed to a
	 * connection that could not be opened or was lost.
	 * @return {@code true} for a refusal
	 */
	public boolean isRefused() {
		return this.refused;
	}

	/**
	 * Return the data the server sent with its refusal.
	 * @return the data, or {@code null} if there was none
	 */
	public @Nullable JsonNode data() {
		return this.data;
	}

	/**
	 * Return the data the server sent with its refusal, converted with the client's
	 * mapper.
	 * @param <T> the type to convert to
	 * @param type the type to convert to
	 * @return the converted data, or {@code null} if there was none
	 */
	public <T> @Nullable T data(Class<T> type) {
		if (this.data == null || this.mapper == null) {
			return null;
		}
		return this.mapper.treeToValue(this.data, type);
	}

}
