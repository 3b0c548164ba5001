package dev.realtime.socketio.spring.handler.support;

import org.junit.jupiter.api.Test;

import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.handler.EventContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DisconnectReasonArgumentResolver}.
 */
class DisconnectReasonArgumentResolverTests extends ArgumentResolverTestSupport {

	private final DisconnectReasonArgumentResolver resolver = new DisconnectReasonArgumentResolver();

	@Test
	void shouldSupportReasonAndStringParametersOfDisconnectMethods() {
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "left", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "left", 1))).isFalse();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "leftFor", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "message", 0))).isFalse();
	}

	@Test
	void shouldResolveTheReason() {
		EventContext context = EventContext.disconnect(this.socket, DisconnectReason.TRANSPORT_CLOSE);
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "leftFor", 0), context))
			.isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
	}

	@Test
	void shouldResolveAStringToTheReasonsNodeName() {
		EventContext context = EventContext.disconnect(this.socket, DisconnectReason.TRANSPORT_CLOSE);
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "left", 0), context))
			.isEqualTo("transport close");
	}

	static class Handler {

		@OnDisconnect
		void left(String reason, Object other) {
		}

		@OnDisconnect
		void leftFor(DisconnectReason reason) {
		}

		@OnEvent("message")
		void message(String text) {
		}

	}

}
