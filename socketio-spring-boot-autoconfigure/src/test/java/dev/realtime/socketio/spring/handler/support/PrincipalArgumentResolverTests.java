package dev.realtime.socketio.spring.handler.support;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.realtime.socketio.spring.auth.SocketIoPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PrincipalArgumentResolver}.
 */
class PrincipalArgumentResolverTests extends ArgumentResolverTestSupport {

	private final PrincipalArgumentResolver resolver = new PrincipalArgumentResolver();

	@Test
	void shouldSupportPrincipalAndItsSubtypes() {
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "principal", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "user", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "other", 0))).isFalse();
	}

	@Test
	void shouldResolveThePrincipalTheAuthorizerStored() {
		ChatUser user = new ChatUser("alice");
		this.socketAttributes.put(SocketIoPrincipal.ATTRIBUTE, user);
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "principal", 0), event("e")))
			.isSameAs(user);
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "user", 0), event("e"))).isSameAs(user);
	}

	@Test
	void shouldFailWithoutPrincipal() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.resolver.resolveArgumentValue(parameter(Handler.class, "principal", 0), event("e")))
			.withMessage("No authenticated principal");
	}

	@Test
	void shouldResolveNullForNullableParameterWithoutPrincipal() {
		assertThat(this.resolver.resolveArgumentValue(parameter(Handler.class, "optional", 0), event("e"))).isNull();
	}

	@Test
	void shouldFailWhenThePrincipalHasAnotherType() {
		this.socketAttributes.put(SocketIoPrincipal.ATTRIBUTE, (Principal) () -> "bob");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.resolver.resolveArgumentValue(parameter(Handler.class, "user", 0), event("e")))
			.withMessageContaining("not a ChatUser");
	}

	@Test
	void shouldUseCustomLookup() {
		ChatUser user = new ChatUser("carol");
		PrincipalArgumentResolver custom = new PrincipalArgumentResolver((socket) -> user);
		assertThat(custom.resolveArgumentValue(parameter(Handler.class, "principal", 0), event("e"))).isSameAs(user);
	}

	record ChatUser(String getName) implements Principal {
	}

	static class Handler {

		void principal(Principal principal) {
		}

		void user(ChatUser user) {
		}

		void optional(@Nullable Principal principal) {
		}

		void other(String name) {
		}

	}

}
