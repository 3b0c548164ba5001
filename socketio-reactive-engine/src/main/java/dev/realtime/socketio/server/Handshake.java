package dev.realtime.socketio.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a socket's client sent when it connected: the HTTP request of the Engine.IO
 * handshake and the {@code auth} payload of the Socket.IO CONNECT packet.
 *
 * @since 0.1.0
 */
public final class Handshake {

	private static final VarHandle AUTH;

	static {
		try {
			AUTH = MethodHandles.lookup().findVarHandle(Handshake.class, "auth", ObjectNode.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final HttpHeaders headers;

	private final Map<String, List<String>> query;

	/** Created when first asked for when the client sent none: most sockets never are. */
	private volatile @Nullable ObjectNode auth;

	private final String address;

	private final Instant time;

	private final String url;

	private final boolean secure;

	private final boolean crossDomain;

	/**
	 * Create a handshake.
	 * @param headers the HTTP request headers
	 * @param query the query parameters
	 * @param auth the CONNECT auth payload, or {@code null} when the client sent none
	 * @param address the client's IP address
	 * @param time when the Engine.IO handshake happened
	 * @param url the request URI
	 * @param secure whether the connection uses TLS
	 * @param crossDomain whether the request carried an {@code Origin} header
	 */
	public Handshake(HttpHeaders headers, Map<String, List<String>> query, @Nullable ObjectNode auth, String address,
			Instant time, String url, boolean secure, boolean crossDomain) {
		this.headers = headers;
		this.query = query;
		this.auth = auth;
		this.address = address;
		this.time = time;
		this.url = url;
		this.secure = secure;
		this.crossDomain = crossDomain;
	}

	/**
	 * Return the HTTP request headers.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the query parameters.
	 * @return the parameters by name
	 */
	public Map<String, List<String>> query() {
		return this.query;
	}

	/**
	 * Return the CONNECT auth payload, empty when the client sent none.
	 * @return the payload
	 */
	public ObjectNode auth() {
		ObjectNode auth = this.auth;
		if (auth != null) {
			return auth;
		}
		ObjectNode empty = JsonNodeFactory.instance.objectNode();
		ObjectNode witness = (ObjectNode) AUTH.compareAndExchange(this, null, empty);
		return (witness != null) ? witness : empty;
	}

	/**
	 * Return the client's IP address.
	 * @return the address
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Return when the Engine.IO handshake happened.
	 * @return the time
	 */
	public Instant time() {
		return this.time;
	}

	/**
	 * Return the request URI.
	 * @return the URI, path and query
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Return whether the connection uses TLS.
	 * @return whether it is secure
	 */
	public boolean secure() {
		return this.secure;
	}

	/**
	 * Return whether the request carried an {@code Origin} header.
	 * @return whether it is cross-domain
	 */
	public boolean crossDomain() {
		return this.crossDomain;
	}

	/**
	 * Return when the handshake happened, in milliseconds since the epoch (Node's
	 * {@code issued}).
	 * @return the handshake time in milliseconds
	 */
	public long issued() {
		return this.time.toEpochMilli();
	}

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	@Override
	public String toString() {
		return "Handshake[address=" + this.address + ", url=" + this.url + ", time=" + this.time + "]";
	}

}
