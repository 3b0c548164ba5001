package dev.realtime.socketio.conformance;

import java.security.Principal;
import java.util.Map;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code /restricted} accepts only a CONNECT whose auth carries the expected token.
 */
@Component
class RestrictedNamespaceAuthorizer implements SocketIoConnectAuthorizer {

	private final String token;

	RestrictedNamespaceAuthorizer(@Value("${conformance.restricted-token}") String token) {
		this.token = token;
	}

	@Override
	public boolean supportsNamespace(String namespace) {
		return "/restricted".equals(namespace);
	}

	@Override
	public Mono<Principal> authorize(SocketIoSocket socket) {
		JsonNode token = socket.handshake().auth().get("token");
		if (token != null && token.isString() && this.token.equals(token.stringValue())) {
			return Mono.empty();
		}
		return Mono.error(new ConnectRejectedException("unauthorized", Map.of("reason", "bad token")));
	}

}
