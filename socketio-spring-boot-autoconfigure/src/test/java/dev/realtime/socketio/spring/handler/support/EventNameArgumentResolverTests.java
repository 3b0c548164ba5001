package dev.realtime.socketio.spring.handler.support;

import org.junit.jupiter.api.Test;

import dev.realtime.socketio.spring.annotation.EventName;
import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.handler.EventContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventNameArgumentResolver}.
 */
class EventNameArgumentResolverTests extends ArgumentResolverTestSupport {

	private final EventNameArgumentResolver resolver = new EventNameArgumentResolver();

	@Test
	void shouldSupportAnnotatedParameters() {
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "any", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "any", 1))).isFalse();
	}

	@Test
	void shouldResolveTheEventName() {
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "any", 0), event("chat message")))
			.isEqualTo("chat message");
	}

	@Test
	void shouldResolveNullOutsideEvents() {
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "any", 0),
				EventContext.connect(this.socket)))
			.isNull();
	}

	static class Handler {

		@OnAnyEvent
		void any(@EventName String event, String payload) {
		}

	}

}
