package dev.realtime.socketio.engine;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HandshakeHeadersTests {

	private static HttpHeaders request() {
		HttpHeaders headers = new DefaultHttpHeaders();
		// Decoded names are new strings in the client's case
		headers.add(new AsciiString("Host"), new String("127.0.0.1:3000"));
		headers.add(new AsciiString("Upgrade"), new String("websocket"));
		headers.add(new AsciiString("Sec-WebSocket-Key"), new String("dGhlIHNhbXBsZSBub25jZQ=="));
		headers.add(new AsciiString("X-Custom"), "a");
		headers.add(new AsciiString("X-Custom"), "b");
		return headers;
	}

	@Test
	void keepsEveryHeaderInRequestOrderAndLooksThemUpIgnoringCase() {
		HttpHeaders copy = HandshakeHeaders.copyOf(request());
		assertThat(copy.size()).isEqualTo(5);
		assertThat(copy.get("host")).isEqualTo("127.0.0.1:3000");
		assertThat(copy.get("UPGRADE")).isEqualTo("websocket");
		assertThat(copy.get("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(copy.getAll("x-custom")).containsExactly("a", "b");
		assertThat(copy.names()).contains("host", "upgrade", "sec-websocket-key", "X-Custom");
	}

	@Test
	void sharesTheNamesAndValuesEveryClientSends() {
		HttpHeaders first = HandshakeHeaders.copyOf(request());
		HttpHeaders second = HandshakeHeaders.copyOf(request());
		CharSequence firstName = first.iteratorCharSequence().next().getKey();
		CharSequence secondName = second.iteratorCharSequence().next().getKey();
		assertThat(firstName).isSameAs(HttpHeaderNames.HOST).isSameAs(secondName);
		assertThat(HandshakeHeaders.canonicalValue(new String("websocket")))
			.isSameAs(HandshakeHeaders.canonicalValue(new StringBuilder("websocket")));
		assertThat(HandshakeHeaders.canonicalName(new AsciiString("X-Custom"))).hasToString("X-Custom");
	}

	@Test
	void sharesTheHostEveryClientOfAServerSendsButNotPerClientValues() {
		HttpHeaders first = HandshakeHeaders.copyOf(request());
		HttpHeaders second = HandshakeHeaders.copyOf(request());
		assertThat(second.get("host")).isEqualTo("127.0.0.1:3000").isSameAs(first.get("host"));
		assertThat(second.get("sec-websocket-key")).isEqualTo(first.get("sec-websocket-key"))
			.isNotSameAs(first.get("sec-websocket-key"));
	}

	@Test
	void isReadOnly() {
		HttpHeaders copy = HandshakeHeaders.copyOf(request());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> copy.add("x", "y"));
	}

}
