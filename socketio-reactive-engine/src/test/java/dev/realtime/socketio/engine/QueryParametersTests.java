package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The compact copy of a handshake's query parameters.
 */
class QueryParametersTests {

	private static Map<String, List<String>> decode(String uri) {
		return new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 256).parameters();
	}

	@Test
	void copyEqualsTheDecodedParametersInRequestOrder() {
		Map<String, List<String>> decoded = decode(
				"/socket.io/?EIO=4&transport=websocket&token=abc&room=a&room=b&empty=");
		Map<String, List<String>> copy = QueryParameters.copyOf(decoded);
		assertThat(copy).isEqualTo(decoded);
		assertThat(copy.hashCode()).isEqualTo(decoded.hashCode());
		assertThat(copy.keySet()).containsExactly("EIO", "transport", "token", "room", "empty");
		assertThat(copy.get("room")).containsExactly("a", "b");
		assertThat(copy.get("empty")).containsExactly("");
		assertThat(copy.get("token")).containsExactly("abc");
		assertThat(copy.containsKey("EIO")).isTrue();
		assertThat(copy.get("missing")).isNull();
		assertThat(copy.containsKey("missing")).isFalse();
		assertThat(copy).hasSize(5);
	}

	@Test
	void commonNamesAndValuesAreSharedConstants() {
		Map<String, List<String>> first = QueryParameters.copyOf(decode("/?EIO=4&transport=websocket"));
		Map<String, List<String>> second = QueryParameters.copyOf(decode("/?EIO=4&transport=websocket"));
		assertThat(first.get("EIO")).isSameAs(second.get("EIO"));
		assertThat(first.get("transport")).isSameAs(second.get("transport"));
		assertThat(first.keySet().iterator().next()).isSameAs(second.keySet().iterator().next());
	}

	@Test
	void copyIsReadOnly() {
		Map<String, List<String>> copy = QueryParameters.copyOf(decode("/?EIO=4&a=1&a=2"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> copy.put("b", List.of("2")));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> copy.get("a").add("3"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> copy.remove("EIO"));
	}

	@Test
	void emptyQueryGivesEmptyMap() {
		assertThat(QueryParameters.copyOf(new LinkedHashMap<>())).isEmpty();
		assertThat(QueryParameters.copyOf(decode("/socket.io/"))).isEmpty();
	}

}
