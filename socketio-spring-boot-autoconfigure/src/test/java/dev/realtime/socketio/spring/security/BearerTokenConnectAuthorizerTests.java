package dev.realtime.socketio.spring.security;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.SocketIoSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link BearerTokenConnectAuthorizer}.
 */
class BearerTokenConnectAuthorizerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ReactiveAuthenticationManager manager = (authentication) -> {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		return switch (token) {
			case "good" -> Mono.just(UsernamePasswordAuthenticationToken.authenticated("alice", token, List.of()));
			case "unauthenticated" -> Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("bob", token));
			case "empty" -> Mono.empty();
			default -> Mono.error(new BadCredentialsException("Unknown token"));
		};
	};

	private final BearerTokenConnectAuthorizer authorizer = new BearerTokenConnectAuthorizer(this.manager);

	@Test
	void tokenFromAuthPayloadIsAuthenticated() {
		StepVerifier.create(this.authorizer.authorize(socket(Map.of("token", "good"), null)))
			.assertNext((principal) -> assertThat(principal.getName()).isEqualTo("alice"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void bearerPrefixInAuthPayloadIsStripped() {
		StepVerifier.create(this.authorizer.authorize(socket(Map.of("token", "Bearer good"), null)))
			.assertNext((principal) -> assertThat(principal.getName()).isEqualTo("alice"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void tokenFromAuthorizationHeaderIsAuthenticated() {
		StepVerifier.create(this.authorizer.authorize(socket(Map.of(), "bearer good")))
			.assertNext((principal) -> assertThat(principal.getName()).isEqualTo("alice"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void customTokenKeyIsRead() {
		this.authorizer.setTokenKey("jwt");
		StepVerifier.create(this.authorizer.authorize(socket(Map.of("jwt", "good"), null)))
			.assertNext((principal) -> assertThat(principal.getName()).isEqualTo("alice"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void missingTokenIsRejectedByDefault() {
		assertRejected(this.authorizer.authorize(socket(Map.of(), null)), "invalid_request", "Bearer token is missing");
	}

	@Test
	void missingTokenIsAnonymousWhenNotRequired() {
		this.authorizer.setRequired(false);
		StepVerifier.create(this.authorizer.authorize(socket(Map.of(), null))).expectComplete().verify(TIMEOUT);
	}

	@Test
	void nonTextTokenCountsAsMissing() {
		this.authorizer.setRequired(false);
		StepVerifier.create(this.authorizer.authorize(socket(Map.of("token", 42), null)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void failedAuthenticationIsRejectedWithItsMessage() {
		assertRejected(this.authorizer.authorize(socket(Map.of("token", "forged"), null)), "invalid_token",
				"Unknown token");
	}

	@Test
	void unauthenticatedResultIsRejected() {
		assertRejected(this.authorizer.authorize(socket(Map.of("token", "unauthenticated"), null)), "invalid_token",
				"Bearer token was not authenticated");
	}

	@Test
	void emptyResultIsRejected() {
		assertRejected(this.authorizer.authorize(socket(Map.of("token", "empty"), null)), "invalid_token",
				"Bearer token was not authenticated");
	}

	private static void assertRejected(Mono<Principal> result, String error, String description) {
		StepVerifier.create(result).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ConnectRejectedException.class)
				.hasMessage(BearerTokenConnectAuthorizer.REJECTED_MESSAGE);
			assertThat(((ConnectRejectedException) ex).data())
				.isEqualTo(Map.of("error", error, "error_description", description));
		}).verify(TIMEOUT);
	}

	private static SocketIoSocket socket(Map<String, Object> auth, String authorization) {
		HttpHeaders headers = new DefaultHttpHeaders();
		if (authorization != null) {
			headers.set("Authorization", authorization);
		}
		ObjectNode authNode = JsonMapper.shared().valueToTree(auth);
		Handshake handshake = new Handshake(headers, Map.of(), authNode, "127.0.0.1", Instant.now(), "/socket.io/",
				false, false);
		SocketIoSocket socket = mock(SocketIoSocket.class);
		given(socket.handshake()).willReturn(handshake);
		return socket;
	}

}
