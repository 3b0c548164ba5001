package dev.realtime.socketio.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SocketIoClientBuilderTests {

	@Test
	void aUriIsRequired() {
		assertThatIllegalStateException().isThrownBy(() -> SocketIoClient.builder().build())
			.withMessageContaining("uri(");
	}

	@Test
	void onlyHttpAndWebSocketUrisWithAHostAreAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoClient.builder().uri("ftp://localhost"))
			.withMessageContaining("http(s):// or ws(s)://");
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoClient.builder().uri("localhost:8080"));
		assertThat(SocketIoClient.builder().uri("wss://example.com/chat").build().uri().getPath()).isEqualTo("/chat");
	}

	@Test
	void atLeastOneTransportIsNeeded() {
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoClient.builder().transports());
	}

	@Test
	void aNamespaceStartsWithASlash() {
		SocketIoClient client = SocketIoClient.builder().uri("http://localhost:1").build();
		assertThatIllegalArgumentException().isThrownBy(() -> client.connect("chat").block())
			.withMessageContaining("starts with '/'");
	}

	@Test
	void authMustBeAJsonObject() {
		SocketIoClient client = SocketIoClient.builder().uri("http://localhost:1").build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.connect("/", "a string").block(Duration.ofSeconds(5)))
			.withMessageContaining("must be written as a JSON object");
	}

	@Test
	void reconnectionDelaysAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> Reconnection.builder().delay(Duration.ofSeconds(10)).maxDelay(Duration.ofSeconds(5)).build())
			.withMessageContaining("must not be longer than maxDelay");
		assertThatIllegalArgumentException().isThrownBy(() -> Reconnection.builder().randomizationFactor(1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> Reconnection.builder().maxAttempts(0));
		assertThat(Reconnection.disabled().enabled()).isFalse();
		assertThat(Reconnection.defaults().maxAttempts()).isEqualTo(Integer.MAX_VALUE);
	}

}
