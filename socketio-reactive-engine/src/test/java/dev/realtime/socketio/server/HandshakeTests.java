package dev.realtime.socketio.server;

import java.time.Instant;
import java.util.Map;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Handshake}.
 */
class HandshakeTests {

	@Test
	void authIsOneEmptyObjectWhenTheClientSentNone() {
		Handshake handshake = new Handshake(EmptyHttpHeaders.INSTANCE, Map.of(), null, "127.0.0.1", Instant.now(),
				"/socket.io/?EIO=4&transport=websocket", false, false);
		assertThat(handshake.auth()).isEmpty();
		assertThat(handshake.auth()).isSameAs(handshake.auth());
	}

	@Test
	void authIsWhatTheClientSent() {
		Handshake handshake = new Handshake(EmptyHttpHeaders.INSTANCE, Map.of(),
				JsonNodeFactory.instance.objectNode().put("token", "abc"), "127.0.0.1", Instant.now(), "/socket.io/",
				false, false);
		assertThat(handshake.auth().path("token").asString()).isEqualTo("abc");
	}

}
