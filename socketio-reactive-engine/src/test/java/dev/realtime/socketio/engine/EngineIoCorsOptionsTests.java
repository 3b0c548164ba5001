package dev.realtime.socketio.engine;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EngineIoCorsOptions}: which origins and patterns are accepted, and
 * which {@code Origin} headers they allow.
 */
class EngineIoCorsOptionsTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1:8100", "localhost", "app.example.com", "https://app.example.com/chat",
			"https://app.example.com?x=1", "https://" })
	void originWithoutSchemeOrWithPathIsRefused(String origin) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EngineIoCorsOptions.builder().allowedOrigins(List.of(origin)).build())
			.withMessageContaining("'" + origin + "' is not an origin")
			.withMessageContaining("scheme://host[:port]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1:8100", "*.example.com", "localhost:[*]" })
	void patternWithoutSchemeIsRefused(String pattern) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EngineIoCorsOptions.builder().allowedOriginPatterns(List.of(pattern)).build())
			.withMessageContaining("'" + pattern + "' is not an origin pattern");
	}

	@ParameterizedTest
	@CsvSource({ "https://app.example.com, https://app.example.com, true",
			"https://app.example.com/, https://app.example.com, true",
			"HTTPS://App.Example.com, https://app.example.com, true",
			"https://app.example.com, http://app.example.com, false",
			"https://app.example.com, https://app.example.com:8443, false",
			"http://127.0.0.1:8100, http://127.0.0.1:8100, true", "*, https://anything.example.org, true" })
	void originsMatchExactly(String allowed, String origin, boolean expected) {
		EngineIoCorsOptions cors = EngineIoCorsOptions.builder().allowedOrigins(List.of(allowed)).build();
		assertThat(cors.isAllowed(origin)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "https://*.example.com | https://app.example.com | true",
			"https://*.example.com | https://a.b.example.com | true",
			"https://*.example.com | https://example.com | false",
			"https://*.example.com | http://app.example.com | false",
			"https://*.example.com | https://app.example.com.evil.org | false",
			"http://localhost:[*] | http://localhost | true", "http://localhost:[*] | http://localhost:8080 | true",
			"http://localhost:[*] | http://localhost.evil.org | false",
			"https://app.example.com:[8080,8081] | https://app.example.com:8081 | true",
			"https://app.example.com:[8080,8081] | https://app.example.com:8082 | false",
			"https://app.example.com:[8080,8081] | https://app.example.com | false",
			"* | https://anything.example.org | true" })
	void patternsMatchAsSpringDoes(String pattern, String origin, boolean expected) {
		EngineIoCorsOptions cors = EngineIoCorsOptions.builder().allowedOriginPatterns(List.of(pattern)).build();
		assertThat(cors.isAllowed(origin)).isEqualTo(expected);
	}

}
