package dev.realtime.socketio.spring.security;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.util.StringUtils;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;

/**
 * {@link SocketIoConnectAuthorizer} that authenticates a bearer token with a Spring
 * Security {@link ReactiveAuthenticationManager}, such as a
 * {@code JwtReactiveAuthenticationManager} or an opaque-token manager. The token is read
 * from the CONNECT auth payload ({@code io({ auth: { token: "..." } })}), or else from an
 * {@code Authorization: Bearer ...} header of the handshake request. It is passed to the
 * manager as a {@link BearerTokenAuthenticationToken}; the authenticated
 * {@link Authentication} becomes the socket's principal.
 * <p>
 * A refused connection reaches the client's {@code connect_error} with the message
 * {@value #REJECTED_MESSAGE} and data following RFC 6750: {@code {"error":
 * "invalid_token", "error_description": "..."}}.
 *
 * @since 0.1.0
 */
public final class BearerTokenConnectAuthorizer implements SocketIoConnectAuthorizer {

	/**
	 * Message of the {@link ConnectRejectedException} of a refused connection.
	 */
	public static final String REJECTED_MESSAGE = "Unauthorized";

	private static final String BEARER_PREFIX = "Bearer ";

	private final ReactiveAuthenticationManager authenticationManager;

	private String tokenKey = "token";

	private boolean required = true;

	/**
	 * Create an authorizer.
	 * @param authenticationManager the manager that authenticates the token
	 */
	public BearerTokenConnectAuthorizer(ReactiveAuthenticationManager authenticationManager) {
		this.authenticationManager = Objects.requireNonNull(authenticationManager, "authenticationManager");
	}

	/**
	 * Set the key of the token in the CONNECT auth payload (default {@code token}).
	 * @param tokenKey the key
	 */
	public void setTokenKey(String tokenKey) {
		this.tokenKey = Objects.requireNonNull(tokenKey, "tokenKey");
	}

	/**
	 * Set whether a connection without a token is refused (the default). When not, it is
	 * accepted without a principal; a token that does not authenticate is always refused.
	 * @param required whether a token is required
	 */
	public void setRequired(boolean required) {
		this.required = required;
	}

	@Override
	public Mono<Principal> authorize(SocketIoSocket socket) {
		String token = resolveToken(socket.handshake());
		if (token == null) {
			return this.required ? Mono.error(rejected("invalid_request", "Bearer token is missing")) : Mono.empty();
		}
		return this.authenticationManager.authenticate(new BearerTokenAuthenticationToken(token))
			.onErrorMap(AuthenticationException.class, (ex) -> rejected("invalid_token", ex.getMessage()))
			.filter(Authentication::isAuthenticated)
			.switchIfEmpty(Mono.error(() -> rejected("invalid_token", "Bearer token was not authenticated")))
			.map(Principal.class::cast);
	}

	private @Nullable String resolveToken(Handshake handshake) {
		JsonNode value = handshake.auth().get(this.tokenKey);
		if (value != null && value.isString()) {
			return stripPrefix(value.stringValue());
		}
		String header = handshake.headers().get(HttpHeaderNames.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
			return stripPrefix(header);
		}
		return null;
	}

	private static @Nullable String stripPrefix(String value) {
		String token = value.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())
				? value.substring(BEARER_PREFIX.length()) : value;
		token = token.trim();
		return StringUtils.hasText(token) ? token : null;
	}

	private static ConnectRejectedException rejected(String error, @Nullable String description) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("error", error);
		if (description != null) {
			data.put("error_description", description);
		}
		return new ConnectRejectedException(REJECTED_MESSAGE, data);
	}

}
