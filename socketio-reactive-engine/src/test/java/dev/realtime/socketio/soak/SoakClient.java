package dev.realtime.socketio.soak;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.ConnectionProvider;

/**
 * A raw Socket.IO client on Reactor Netty's {@link HttpClient} that runs one cycle per
 * call: Engine.IO handshake, CONNECT to the main namespace, one {@code message} event
 * with an ack, DISCONNECT and close, in the order the official clients use. It keeps
 * nothing per cycle, so what the heap holds afterwards belongs to the server.
 * <p>
 * A cycle for event number {@code n} sends {@code 42n["message",n]} and expects the ack
 * {@code 43n[n]}: the server's handler acks with its first argument.
 */
final class SoakClient implements AutoCloseable {

	private static final String PATH = "/socket.io/?EIO=4&transport=";

	private static final char RECORD_SEPARATOR = '\u001e';

	private final ConnectionProvider connections;

	private final HttpClient http;

	private final HttpClient textPost;

	/**
	 * Create a client with its own connection pool.
	 * @param port the server's port on 127.0.0.1
	 * @param maxConnections the pool size for polling requests
	 */
	SoakClient(int port, int maxConnections) {
		this.connections = ConnectionProvider.builder("soak")
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.build();
		this.http = HttpClient.create(this.connections).baseUrl("http://127.0.0.1:" + port);
		this.textPost = this.http
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8"));
	}

	/**
	 * Run one cycle over HTTP long-polling. The official client always has a GET pending,
	 * so one goes out together with the POST that carries {@code 41} and the Engine.IO
	 * close: whichever of the two the server sees first, both must be answered.
	 * @param n the cycle number, used as ack id and payload
	 * @param timeout how long the cycle may take
	 * @return completion of the cycle, or a {@link CycleFailure}
	 */
	Mono<Void> pollingCycle(int n, Duration timeout) {
		Progress progress = new Progress("polling");
		return progress.step("GET handshake", get(PATH + "polling"))
			.map((open) -> progress.sid(sid(expectPacket(open, "0{", "handshake"))))
			.flatMap((sid) -> {
				String uri = PATH + "polling&sid=" + sid;
				return progress.step("POST 40", post(uri, "40"))
					.then(progress.step("GET CONNECT ack", get(uri)))
					.doOnNext((body) -> expectPacket(body, "40{", "CONNECT ack"))
					.then(progress.step("POST event", post(uri, "42" + n + "[\"message\"," + n + "]")))
					.then(progress.step("GET event ack", get(uri)))
					.doOnNext((body) -> expectPacket(body, "43" + n + "[" + n + "]", "event ack"))
					.then(progress.step("close with a GET pending",
							Mono.when(
									lastPoll(uri)
										.doOnSuccess((status) -> progress.step("close: GET answered " + status)),
									post(uri, "41" + RECORD_SEPARATOR + "1")
										.doOnSuccess((ok) -> progress.step("close: POST answered")))));
			})
			.then()
			.transform((cycle) -> progress.watch(cycle, timeout));
	}

	/**
	 * Run one cycle over a WebSocket without upgrade: {@code 41}, then a close frame.
	 * @param n the cycle number, used as ack id and payload
	 * @param timeout how long the cycle may take
	 * @return completion of the cycle once the server closed the connection, or a
	 * {@link CycleFailure}
	 */
	Mono<Void> webSocketCycle(int n, Duration timeout) {
		Progress progress = new Progress("websocket");
		AtomicBoolean acked = new AtomicBoolean();
		return progress
			.step("WebSocket open",
					this.http.websocket()
						.uri(PATH + "websocket")
						.handle((in, out) -> converse(in, out, n, acked, progress))
						.then(Mono.defer(() -> acked.get() ? Mono.<Void>empty()
								: Mono.error(new IllegalStateException("WebSocket closed before the event ack")))))
			.transform((cycle) -> progress.watch(cycle, timeout));
	}

	private static Mono<Void> converse(WebsocketInbound in, WebsocketOutbound out, int n, AtomicBoolean acked,
			Progress progress) {
		Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
		String ack = "43" + n + "[" + n + "]";
		Mono<Void> receive = in.receive().asString().doOnNext((text) -> {
			if (text.startsWith("0{")) {
				progress.sid(sid(text));
				progress.step("CONNECT ack");
				outbound.tryEmitNext("40");
			}
			else if (text.startsWith("40{")) {
				progress.step("event ack");
				outbound.tryEmitNext("42" + n + "[\"message\"," + n + "]");
			}
			else if (text.equals(ack)) {
				progress.step("close");
				acked.set(true);
				outbound.tryEmitNext("41");
				outbound.tryEmitComplete();
			}
			else if (text.equals("2")) {
				outbound.tryEmitNext("3");
			}
			else {
				throw new IllegalStateException("Unexpected WebSocket message: " + text);
			}
		}).then();
		Mono<Void> send = out.sendString(outbound.asFlux()).then().then(out.sendClose());
		return Mono.when(receive, send);
	}

	private Mono<String> lastPoll(String uri) {
		// Answered with a noop when it is pending as the close arrives, or when it comes
		// within the grace after it; an answer of 400 means it came later, which is fine.
		return this.http.get()
			.uri(uri)
			.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map((text) -> {
				int status = response.status().code();
				if (status != 200 && status != 400) {
					throw new IllegalStateException("Last poll answered " + status + ": " + text);
				}
				return status + " " + text;
			}));
	}

	private Mono<String> get(String uri) {
		return this.http.get()
			.uri(uri)
			.responseSingle((response, body) -> ok(response.status(), body.asString(), "GET " + uri));
	}

	private Mono<String> post(String uri, String payload) {
		return this.textPost.post()
			.uri(uri)
			.send(ByteBufFlux.fromString(Mono.just(payload)))
			.responseSingle((response, body) -> ok(response.status(), body.asString(), "POST " + payload))
			.doOnNext((text) -> {
				if (!"ok".equals(text)) {
					throw new IllegalStateException("POST " + payload + " answered " + text);
				}
			});
	}

	private static Mono<String> ok(HttpResponseStatus status, Mono<String> body, String request) {
		return body.defaultIfEmpty("").map((text) -> {
			if (status.code() != 200) {
				throw new IllegalStateException(request + " answered " + status + ": " + text);
			}
			return text;
		});
	}

	/**
	 * Return the first packet of a polling payload that is not a noop, checking that it
	 * starts with the expected text (EIO4: packets are separated by 0x1e).
	 */
	private static String expectPacket(String payload, String expected, String step) {
		for (String packet : payload.split(String.valueOf(RECORD_SEPARATOR))) {
			if (packet.startsWith(expected)) {
				return packet;
			}
			if (!packet.equals("6")) {
				break;
			}
		}
		throw new IllegalStateException("Expected " + step + " (" + expected + "), got: " + payload);
	}

	private static String sid(String open) {
		int start = open.indexOf("\"sid\":\"") + 7;
		return open.substring(start, open.indexOf('"', start));
	}

	/**
	 * The step a cycle is at, for a failure to name it.
	 */
	private static final class Progress {

		private final String transport;

		private volatile String step = "start";

		private volatile @Nullable String sid;

		Progress(String transport) {
			this.transport = transport;
		}

		void step(String name) {
			this.step = name;
		}

		<T> Mono<T> step(String name, Mono<T> action) {
			return Mono.defer(() -> {
				this.step = name;
				return action;
			});
		}

		String sid(String sid) {
			this.sid = sid;
			return sid;
		}

		Mono<Void> watch(Mono<Void> cycle, Duration timeout) {
			return cycle.timeout(timeout).onErrorMap((ex) -> new CycleFailure(this.transport, this.step, this.sid, ex));
		}

	}

	/**
	 * A cycle that failed or timed out, with the step it was at.
	 */
	static final class CycleFailure extends RuntimeException {

		private final @Nullable String sid;

		CycleFailure(String transport, String step, @Nullable String sid, Throwable cause) {
			super(transport + " at '" + step + "' (sid " + sid + "): " + cause, cause);
			this.sid = sid;
		}

		/**
		 * Return the Engine.IO session id of the cycle, when the handshake got that far.
		 * @return the session id, or {@code null}
		 */
		@Nullable String sid() {
			return this.sid;
		}

	}

	/**
	 * Close the pooled connections and wait until they are closed.
	 */
	@Override
	public void close() {
		this.connections.disposeLater().block(Duration.ofSeconds(10));
	}

}
