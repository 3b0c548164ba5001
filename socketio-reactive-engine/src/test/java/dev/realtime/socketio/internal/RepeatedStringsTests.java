package dev.realtime.socketio.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RepeatedStrings}.
 */
class RepeatedStringsTests {

	@Test
	void returnsTheEqualStringSeenBefore() {
		String first = RepeatedStrings.share(new String("http://localhost:8080"));
		assertThat(RepeatedStrings.share(new String("http://localhost:8080"))).isSameAs(first);
		assertThat(RepeatedStrings.share((CharSequence) new String("http://localhost:8080"))).isSameAs(first);
	}

	@Test
	void keepsDifferentValuesApartAndLongOnesUnshared() {
		String a = RepeatedStrings.share(new String("10.0.0.1"));
		String b = RepeatedStrings.share(new String("10.0.0.2"));
		assertThat(a).isEqualTo("10.0.0.1");
		assertThat(b).isEqualTo("10.0.0.2");
		String longValue = "x".repeat(RepeatedStrings.MAX_LENGTH + 1);
		RepeatedStrings.share(longValue);
		assertThat(RepeatedStrings.share(new String(longValue))).isNotSameAs(longValue);
		StringBuilder builder = new StringBuilder("10.0.0.1");
		assertThat(RepeatedStrings.share(builder)).isSameAs(builder);
	}

}
