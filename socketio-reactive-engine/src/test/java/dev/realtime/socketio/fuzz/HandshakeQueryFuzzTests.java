package dev.realtime.socketio.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.engine.EngineIoCorsOptions;
import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoRequestRejectedException;
import dev.realtime.socketio.engine.EngineIoServer;
import dev.realtime.socketio.netty.EngineIoHttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the request handling of a running Engine.IO server, the handshake query first:
 * whatever the request line, query and headers, the answer is a well-formed HTTP response
 * with a status docs/protocol.md documents, an error body that matches its status, and
 * the server stays up.
 * <p>
 * An input is a small text request, one line each: {@code <METHOD> <query>} (or
 * {@code <METHOD> /<path>?<query>} for a full request target), then {@code Name: value}
 * header lines, then after an empty line the body. {@code {sid}} in the request line
 * stands for the id of a live session opened just before. The test writes the request on
 * a raw socket, escaping only what would break the request line, and sets {@code Host},
 * {@code Content-Length} itself. Seeds: {@code HandshakeQueryFuzzTestsInputs/<method>/}.
 */
@Tag("fuzz")
class HandshakeQueryFuzzTests {

	private static final String PATH = "/engine.io/";

	private static final String ALLOWED_ORIGIN = "http://allowed.test";

	private static final int MAX_BUFFER = 1024;

	private static final int TIMEOUT_MILLIS = 5000;

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})(?: .*)?");

	private static final Set<String> FRAMING_HEADERS = Set.of("host", "content-length", "transfer-encoding");

	private static final JsonMapper json = JsonMapper.shared();

	private static final AtomicInteger executions = new AtomicInteger();

	private static EngineIoServer engine;

	private static DisposableServer server;

	@BeforeAll
	static void startServer() {
		EngineIoOptions options = EngineIoOptions.builder()
			.pingInterval(Duration.ofMillis(200))
			.pingTimeout(Duration.ofMillis(300))
			.maxHttpBufferSize(MAX_BUFFER)
			.cors(EngineIoCorsOptions.builder().allowedOrigins(List.of(ALLOWED_ORIGIN)).build())
			.requestFilter((handshake) -> {
				if (handshake.query().containsKey("deny")) {
					return Mono.error(new EngineIoRequestRejectedException("Denied"));
				}
				if (handshake.query().containsKey("fail")) {
					return Mono.error(new IllegalStateException("Filter failed"));
				}
				return Mono.empty();
			})
			.build();
		engine = EngineIoServer.create(options);
		server = EngineIoHttpServer.start("127.0.0.1", 0, engine);
	}

	@AfterAll
	static void stopServer() throws IOException {
		try (SilentCloseable allowed = allowServerConnections()) {
			assertServerUp();
		}
		finally {
			engine.shutdown().block(Duration.ofSeconds(10));
			server.disposeNow(Duration.ofSeconds(10));
		}
	}

	@FuzzTest(maxDuration = "15s")
	void requestsGetDocumentedAnswers(byte[] input) throws IOException {
		try (SilentCloseable allowed = allowServerConnections()) {
			exchangeAndCheck(input);
		}
	}

	@Test
	void malformedQueryEscapeIsRefusedAsBadRequest() throws IOException {
		for (String query : List.of("EIO=%zz&transport=polling", "EIO=4&transport=polling&x=%")) {
			Response response = exchange(
					FuzzedRequest.parse(("GET " + query).getBytes(StandardCharsets.ISO_8859_1)).bytes(null), false);
			assertThat(response.status()).isEqualTo(400);
			assertThat(json.readTree(response.body()).get("code").asInt()).isEqualTo(3);
		}
	}

	@Test
	void webSocketHandshakeNettyCannotCompleteIsRefusedAsBadRequest() throws IOException {
		String upgrade = "\nConnection: Upgrade\nUpgrade: websocket";
		for (String request : List.of("GET EIO=4&transport=websocket" + upgrade,
				"GET EIO=4&transport=websocket" + upgrade + "\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
				"GET EIO=4&transport=websocket&sid={sid}" + upgrade + "\nSec-WebSocket-Version: 13")) {
			FuzzedRequest fuzzed = FuzzedRequest.parse(request.getBytes(StandardCharsets.ISO_8859_1));
			Response response = exchange(fuzzed.bytes(fuzzed.needsSession() ? openSession() : null), false);
			assertThat(response.status()).as(request).isEqualTo(400);
			assertThat(response.header("connection")).isEqualToIgnoringCase("close");
		}
	}

	/**
	 * Jazzer's SSRF detector refuses network connections in fuzz tests: allow those to
	 * the server under test. Only possible once Jazzer's agent is installed, in a fuzz
	 * test.
	 */
	private static SilentCloseable allowServerConnections() {
		int port = server.port();
		return BugDetectors.allowNetworkConnections(
				(host, to) -> to == port && (host.equals("127.0.0.1") || host.equals("localhost")));
	}

	private static void exchangeAndCheck(byte[] input) throws IOException {
		FuzzedRequest request = FuzzedRequest.parse(input);
		@Nullable String sid = request.needsSession() ? openSession() : null;
		Response response = exchange(request.bytes(sid), request.method().equals("HEAD"));
		int status = response.status();
		String method = request.method();
		boolean upgrade = request.hasUpgradeHeaders();
		boolean liveSid = (sid != null);
		String description = "status " + status + " for " + new String(request.bytes(sid), StandardCharsets.ISO_8859_1);
		switch (status) {
			case 101 -> assertThat(upgrade).as(description).isTrue();
			case 204 -> assertThat(method).as(description).isEqualTo("OPTIONS");
			// Netty's WebSocket handshake refuses an unsupported Sec-WebSocket-Version
			// with 426
			case 426 -> assertThat(upgrade).as(description).isTrue();
			// docs/protocol.md 1.4: another method than GET and POST on a live session
			case 500 -> assertThat(liveSid && !method.equals("GET") && !method.equals("POST")).as(description).isTrue();
			case 200, 400, 403, 404, 413 -> {
			}
			default -> throw new AssertionError("Undocumented " + description);
		}
		String contentType = response.header("content-type");
		if (contentType != null && contentType.startsWith("application/json") && !method.equals("HEAD")) {
			assertErrorBody(response, description);
		}
		if (executions.incrementAndGet() % 32 == 0) {
			assertServerUp();
		}
	}

	private static void assertErrorBody(Response response, String description) {
		JsonNode body = json.readTree(response.body());
		assertThat(body.isObject()).as(description).isTrue();
		assertThat(body.get("message").isString()).as(description).isTrue();
		// docs/protocol.md 1.7: codes 0, 1, 2, 3 and 5 are 400s, code 4 is a 403
		int code = body.get("code").asInt();
		assertThat(code).as(description).isBetween(0, 5);
		assertThat(response.status()).as(description).isEqualTo((code == 4) ? 403 : 400);
	}

	private static void assertServerUp() throws IOException {
		assertThat(openSession()).isNotBlank();
	}

	private static String openSession() throws IOException {
		Response response = exchange(("GET " + PATH + "?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Connection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1), false);
		assertThat(response.status()).isEqualTo(200);
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(body).startsWith("0{");
		return json.readTree(body.substring(1)).get("sid").stringValue();
	}

	private static Response exchange(byte[] request, boolean headRequest) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			// Reset rather than linger in TIME_WAIT: a fuzzing run opens many connections
			socket.setSoLinger(true, 0);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return Response.read(socket.getInputStream(), headRequest);
		}
	}

	/**
	 * A request built from fuzzer input.
	 */
	private record FuzzedRequest(String method, byte[] target, Map<String, byte[]> headers, byte[] body) {

		private static final byte[] SID_MARKER = "{sid}".getBytes(StandardCharsets.ISO_8859_1);

		static FuzzedRequest parse(byte[] input) {
			int lineEnd = indexOf(input, (byte) '\n', 0);
			byte[] line = slice(input, 0, lineEnd);
			int space = indexOf(line, (byte) ' ', 0);
			String method = (space < line.length) ? token(slice(line, 0, space)) : "GET";
			if (method.isEmpty() || method.length() > 16) {
				method = "GET";
			}
			byte[] query = slice(line, Math.min(space + 1, line.length), line.length);
			byte[] target = (query.length > 0 && query[0] == '/') ? query : concat(PATH + "?", query);
			Map<String, byte[]> headers = new TreeMap<>();
			int start = lineEnd + 1;
			while (start < input.length) {
				int end = indexOf(input, (byte) '\n', start);
				byte[] header = slice(input, start, end);
				start = end + 1;
				if (header.length == 0 || (header.length == 1 && header[0] == '\r')) {
					break;
				}
				int colon = indexOf(header, (byte) ':', 0);
				String name = token(slice(header, 0, colon));
				if (colon < header.length && !name.isEmpty() && name.length() == colon
						&& !FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					headers.put(name, headerValue(slice(header, colon + 1, header.length)));
				}
			}
			byte[] body = (start < input.length) ? slice(input, start, input.length) : new byte[0];
			return new FuzzedRequest(method, target, headers, body);
		}

		boolean needsSession() {
			return indexOf(this.target, SID_MARKER, 0) < this.target.length;
		}

		boolean hasUpgradeHeaders() {
			return this.headers.keySet().stream().anyMatch((name) -> name.equalsIgnoreCase("upgrade"));
		}

		byte[] bytes(@Nullable String sid) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(256 + this.body.length);
			out.writeBytes(this.method.getBytes(StandardCharsets.ISO_8859_1));
			out.write(' ');
			writeTarget(out, sid);
			out.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
			boolean connection = false;
			for (Map.Entry<String, byte[]> header : this.headers.entrySet()) {
				connection |= header.getKey().equalsIgnoreCase("connection");
				out.writeBytes(header.getKey().getBytes(StandardCharsets.ISO_8859_1));
				out.writeBytes(": ".getBytes(StandardCharsets.ISO_8859_1));
				out.writeBytes(header.getValue());
				out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			if (!connection) {
				out.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			if (this.body.length > 0 || this.method.equals("POST")) {
				out.writeBytes(("Content-Length: " + this.body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.writeBytes(this.body);
			return out.toByteArray();
		}

		private void writeTarget(ByteArrayOutputStream out, @Nullable String sid) {
			// Stay under Reactor Netty's 4096-byte request line: a longer one never
			// reaches the engine
			int length = Math.min(this.target.length, 3000);
			for (int i = 0; i < length; i++) {
				if (sid != null && indexOf(this.target, SID_MARKER, i) == i) {
					out.writeBytes(sid.getBytes(StandardCharsets.ISO_8859_1));
					i += SID_MARKER.length - 1;
					continue;
				}
				int b = this.target[i] & 0xff;
				if (b <= 0x20 || b == 0x7f) {
					// Whitespace and controls would split the request line: escape them
					out.writeBytes(String.format("%%%02X", b).getBytes(StandardCharsets.ISO_8859_1));
				}
				else {
					out.write(b);
				}
			}
		}

		private static String token(byte[] bytes) {
			StringBuilder token = new StringBuilder(bytes.length);
			for (byte b : bytes) {
				char c = (char) (b & 0xff);
				if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
						|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
					token.append(c);
				}
			}
			return token.toString();
		}

		private static byte[] headerValue(byte[] raw) {
			ByteArrayOutputStream value = new ByteArrayOutputStream(raw.length);
			for (byte b : raw) {
				// CR and LF would end the header early
				if (b != '\r' && b != '\n') {
					value.write(b);
				}
			}
			return value.toByteArray();
		}

		private static int indexOf(byte[] bytes, byte b, int from) {
			for (int i = from; i < bytes.length; i++) {
				if (bytes[i] == b) {
					return i;
				}
			}
			return bytes.length;
		}

		private static int indexOf(byte[] bytes, byte[] part, int from) {
			outer: for (int i = from; i <= bytes.length - part.length; i++) {
				for (int j = 0; j < part.length; j++) {
					if (bytes[i + j] != part[j]) {
						continue outer;
					}
				}
				return i;
			}
			return bytes.length;
		}

		private static byte[] slice(byte[] bytes, int from, int to) {
			return Arrays.copyOfRange(bytes, from, Math.min(to, bytes.length));
		}

		private static byte[] concat(String prefix, byte[] rest) {
			byte[] start = prefix.getBytes(StandardCharsets.ISO_8859_1);
			byte[] all = Arrays.copyOf(start, start.length + rest.length);
			System.arraycopy(rest, 0, all, start.length, rest.length);
			return all;
		}

	}

	/**
	 * An HTTP/1.1 response read from a raw socket, checked for well-formed framing.
	 */
	private record Response(int status, Map<String, String> headers, byte[] body) {

		static Response read(InputStream in, boolean headRequest) throws IOException {
			String head = readHead(in);
			String[] lines = head.split("\r\n");
			Matcher statusLine = STATUS_LINE.matcher(lines[0]);
			assertThat(statusLine.matches()).as("status line %s", lines[0]).isTrue();
			int status = Integer.parseInt(statusLine.group(1));
			Map<String, String> headers = new TreeMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				assertThat(colon).as("header line %s", lines[i]).isPositive();
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			byte[] body;
			if (status == 101 || status == 204 || status == 304 || headRequest) {
				body = new byte[0];
			}
			else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = readChunked(in);
			}
			else if (headers.containsKey("content-length")) {
				body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
				assertThat(body).as("body shorter than its Content-Length")
					.hasSize(Integer.parseInt(headers.get("content-length")));
			}
			else {
				assertThat(headers.get("connection")).as("body without length on a kept-alive connection")
					.isEqualToIgnoringCase("close");
				body = in.readAllBytes();
			}
			return new Response(status, headers, body);
		}

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

		private static String readHead(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream(512);
			int matched = 0;
			while (matched < 4) {
				int b = in.read();
				assertThat(b).as("connection closed before the end of the response head: %s", head).isNotNegative();
				head.write(b);
				matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
				assertThat(head.size()).as("response head too long").isLessThan(64 * 1024);
			}
			String text = head.toString(StandardCharsets.ISO_8859_1);
			return text.substring(0, text.length() - 4);
		}

		private static byte[] readChunked(InputStream in) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String sizeLine = readLine(in);
				int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
				if (size == 0) {
					while (!readLine(in).isEmpty()) {
						// Trailers
					}
					return body.toByteArray();
				}
				body.writeBytes(in.readNBytes(size));
				assertThat(readLine(in)).isEmpty();
			}
		}

		private static String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != '\n') {
				assertThat(b).as("connection closed inside a chunked body").isNotNegative();
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

}
