package dev.realtime.socketio.spring.handler.support;

import org.junit.jupiter.api.Test;

import dev.realtime.socketio.server.AckSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AckSenderArgumentResolver}.
 */
class AckSenderArgumentResolverTests extends ArgumentResolverTestSupport {

	private final AckSenderArgumentResolver resolver = new AckSenderArgumentResolver();

	@Test
	void shouldSupportAckSender() {
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "handle", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "handle", 1))).isFalse();
	}

	@Test
	void shouldResolveTheAckTheClientAskedFor() {
		AckSender ack = (args) -> {
		};
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "handle", 0), event("e", ack)))
			.isSameAs(ack);
	}

	@Test
	void shouldResolveNullWhenTheClientAskedForNoAck() {
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "handle", 0), event("e"))).isNull();
	}

	static class Handler {

		void handle(AckSender ack, Object other) {
		}

	}

}
