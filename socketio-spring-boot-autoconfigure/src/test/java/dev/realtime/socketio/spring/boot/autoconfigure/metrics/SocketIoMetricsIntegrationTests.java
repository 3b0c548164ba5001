package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;
import dev.realtime.socketio.testsupport.JavaSocketIoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the Socket.IO meters on a WebFlux application with a real
 * registry, driven by the Java {@code socket.io-client} over both transports and by raw
 * WebSocket frames.
 */
@SpringBootTest(classes = SocketIoMetricsIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.metrics.events=echo,pong", "socketio.connect-timeout=1s" })
class SocketIoMetricsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String NAMESPACE = "/metrics";

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoServer server;

	@Autowired
	private MeterRegistry registry;

	@RegisterExtension
	final JavaSocketIoClients clients = new JavaSocketIoClients();

	@AfterEach
	void closeClients() {
		this.clients.closeAll();
		await().atMost(TIMEOUT).until(() -> this.server.engine().sessionCount() == 0);
	}

	@Test
	void sessionsConnectionsHandshakesAndBytesPerTransport() {
		long accepted = timerCount("socketio.handshakes", "outcome", "accepted");
		double opened = counter("socketio.connections.opened", "namespace", NAMESPACE);
		double closed = counter("socketio.connections.closed", "namespace", NAMESPACE, "reason",
				"client namespace disconnect");
		double pollingIn = counter("socketio.data.received", "transport", "polling");
		double pollingOut = counter("socketio.data.sent", "transport", "polling");
		double wsIn = counter("socketio.data.received", "transport", "websocket");
		double wsOut = counter("socketio.data.sent", "transport", "websocket");
		Socket polling = connect(options("polling"));
		Socket websocket = connect(options("websocket"));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(gauge("socketio.engine.sessions", "transport", "polling")).isEqualTo(1);
			assertThat(gauge("socketio.engine.sessions", "transport", "websocket")).isEqualTo(1);
			assertThat(gauge("socketio.connections", "namespace", NAMESPACE)).isEqualTo(2);
			assertThat(counter("socketio.connections.opened", "namespace", NAMESPACE)).isEqualTo(opened + 2);
			assertThat(timerCount("socketio.handshakes", "outcome", "accepted")).isEqualTo(accepted + 2);
			assertThat(counter("socketio.data.received", "transport", "polling")).isGreaterThan(pollingIn);
			assertThat(counter("socketio.data.sent", "transport", "polling")).isGreaterThan(pollingOut);
			assertThat(counter("socketio.data.received", "transport", "websocket")).isGreaterThan(wsIn);
			assertThat(counter("socketio.data.sent", "transport", "websocket")).isGreaterThan(wsOut);
		});
		polling.disconnect();
		websocket.disconnect();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(gauge("socketio.connections", "namespace", NAMESPACE)).isZero();
			assertThat(counter("socketio.connections.closed", "namespace", NAMESPACE, "reason",
					"client namespace disconnect"))
				.isEqualTo(closed + 2);
		});
	}

	@Test
	void upgradeFromPollingToWebSocketIsCounted() {
		double upgrades = counter("socketio.upgrades");
		connect(options("polling", "websocket"));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(counter("socketio.upgrades")).isEqualTo(upgrades + 1);
			assertThat(gauge("socketio.engine.sessions", "transport", "websocket")).isEqualTo(1);
			assertThat(gauge("socketio.engine.sessions", "transport", "polling")).isZero();
		});
	}

	@Test
	void eventsAreCountedWithListedNamesAndClientAcksAreTimed() throws Exception {
		double echo = counter("socketio.events.received", "namespace", NAMESPACE, "event", "echo");
		double other = counter("socketio.events.received", "namespace", NAMESPACE, "event", "other");
		double pong = counter("socketio.events.sent", "namespace", NAMESPACE, "event", "pong");
		long acks = timerCount("socketio.acks", "namespace", NAMESPACE, "direction", "client-to-server", "outcome",
				"ok");
		Socket socket = connect(options("websocket"));
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit("echo", new Object[] { "hi" }, (Ack) (args) -> reply.complete(args[0]));
		socket.emit("unlisted", "ignored");
		assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hi");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(counter("socketio.events.received", "namespace", NAMESPACE, "event", "echo"))
				.isEqualTo(echo + 1);
			assertThat(counter("socketio.events.received", "namespace", NAMESPACE, "event", "other"))
				.isEqualTo(other + 1);
			assertThat(counter("socketio.events.sent", "namespace", NAMESPACE, "event", "pong")).isEqualTo(pong + 1);
			assertThat(timerCount("socketio.acks", "namespace", NAMESPACE, "direction", "client-to-server", "outcome",
					"ok"))
				.isEqualTo(acks + 1);
		});
		assertThat(this.registry.find("socketio.events.received").tagKeys("namespace", "event").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTag("event")).isIn("echo", "pong", "other"));
	}

	@Test
	void serverAcksAreTimedUntilAnsweredOrTimedOut() {
		long ok = timerCount("socketio.acks", "namespace", NAMESPACE, "direction", "server-to-client", "outcome", "ok");
		long timedOut = timerCount("socketio.acks", "namespace", NAMESPACE, "direction", "server-to-client", "outcome",
				"timeout");
		double timeouts = counter("socketio.errors", "kind", "timeout");
		Socket client = connect(options("websocket"));
		client.on("ask", (args) -> ((Ack) args[args.length - 1]).call("answer"));
		client.on("ignore", (args) -> {
		});
		SocketIoSocket socket = serverSocket();
		assertThat(socket.timeout(TIMEOUT).emitWithAck("ask").block(TIMEOUT).get(0).asString()).isEqualTo("answer");
		Mono<String> ignored = socket.timeout(Duration.ofMillis(200))
			.emitWithAck("ignore")
			.map((reply) -> "answered")
			.onErrorResume((ex) -> Mono.just("timed out"));
		assertThat(ignored.block(TIMEOUT)).isEqualTo("timed out");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(timerCount("socketio.acks", "namespace", NAMESPACE, "direction", "server-to-client", "outcome",
					"ok"))
				.isEqualTo(ok + 1);
			assertThat(timerCount("socketio.acks", "namespace", NAMESPACE, "direction", "server-to-client", "outcome",
					"timeout"))
				.isEqualTo(timedOut + 1);
			assertThat(counter("socketio.errors", "kind", "timeout")).isEqualTo(timeouts + 1);
		});
		Timer timer = this.registry.get("socketio.acks")
			.tags("namespace", NAMESPACE, "direction", "server-to-client", "outcome", "ok")
			.timer();
		// The registry's meter filters apply, as Spring Boot's
		// management.metrics.distribution.* do
		assertThat(timer.takeSnapshot().percentileValues()).hasSize(1);
	}

	@Test
	void volatilePacketsThatCannotBeWrittenAreDropped() {
		double dropped = counter("socketio.packets.dropped", "reason", "volatile");
		connect(options("polling"));
		SocketIoSocket socket = serverSocket();
		for (int i = 0; i < 50; i++) {
			socket.asVolatile().emit("tick", i);
		}
		await().atMost(TIMEOUT)
			.untilAsserted(
					() -> assertThat(counter("socketio.packets.dropped", "reason", "volatile")).isGreaterThan(dropped));
		assertThat(this.registry.find("socketio.packets.dropped").tag("reason", "backpressure").counter()).isNotNull();
	}

	@Test
	void refusedHandshakesAreAuthErrors() {
		long rejected = timerCount("socketio.handshakes", "outcome", "rejected");
		long failed = timerCount("socketio.handshakes", "outcome", "error");
		double auth = counter("socketio.errors", "kind", "auth");
		List<Object> errors = new CopyOnWriteArrayList<>();
		for (String token : new String[] { "bad", "broken" }) {
			IO.Options options = options("websocket");
			options.auth = Map.of("token", token);
			Socket socket = this.clients.socket("http://localhost:" + this.port + NAMESPACE, options);
			socket.on(Socket.EVENT_CONNECT_ERROR, (args) -> errors.add(args[0]));
			socket.connect();
		}
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(errors).hasSize(2);
			assertThat(timerCount("socketio.handshakes", "outcome", "rejected")).isEqualTo(rejected + 1);
			assertThat(timerCount("socketio.handshakes", "outcome", "error")).isEqualTo(failed + 1);
			assertThat(counter("socketio.errors", "kind", "auth")).isEqualTo(auth + 2);
		});
	}

	@Test
	void failingHandlersAreHandlerErrors() {
		double handler = counter("socketio.errors", "kind", "handler");
		Socket socket = connect(options("websocket"));
		socket.emit("fail");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(counter("socketio.errors", "kind", "handler")).isEqualTo(handler + 1));
	}

	@Test
	void rejectedEventsAreCountedApartFromHandlerErrors() {
		double handler = counter("socketio.errors", "kind", "handler");
		double rejected = counter("socketio.errors", "kind", "rejected");
		Socket socket = connect(options("websocket"));
		socket.emit("refuse");
		socket.emit("echo");
		socket.emit("fail");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(counter("socketio.errors", "kind", "rejected")).isEqualTo(rejected + 2);
			assertThat(counter("socketio.errors", "kind", "handler")).isEqualTo(handler + 1);
		});
	}

	@Test
	void invalidPacketsAreParseErrorsAndSilentSessionsTimeOut() {
		double parse = counter("socketio.errors", "kind", "parse");
		double timeouts = counter("socketio.errors", "kind", "timeout");
		HttpClient.create()
			.websocket()
			.uri("ws://localhost:" + this.port + "/socket.io/?EIO=4&transport=websocket")
			.handle((in, out) -> out.sendString(Mono.just("4Z")).then().thenMany(in.receive().asString()))
			.onErrorResume((ex) -> Flux.empty())
			.blockLast(TIMEOUT);
		// A session that never joins a namespace is closed after the connect timeout
		HttpClient.create()
			.websocket()
			.uri("ws://localhost:" + this.port + "/socket.io/?EIO=4&transport=websocket")
			.handle((in, out) -> in.receive().asString().take(Duration.ofSeconds(3)))
			.onErrorResume((ex) -> Flux.empty())
			.blockLast(TIMEOUT);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(counter("socketio.errors", "kind", "parse")).isEqualTo(parse + 1);
			assertThat(counter("socketio.errors", "kind", "timeout")).isEqualTo(timeouts + 1);
		});
	}

	private SocketIoSocket serverSocket() {
		await().atMost(TIMEOUT).until(() -> this.server.of(NAMESPACE).sockets().size() == 1);
		return this.server.of(NAMESPACE).sockets().values().iterator().next();
	}

	private Socket connect(IO.Options options) {
		return this.clients.connect("http://localhost:" + this.port + NAMESPACE, options);
	}

	private static IO.Options options(String... transports) {
		return JavaSocketIoClients.options(transports);
	}

	private double counter(String name, String... tags) {
		Counter counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long timerCount(String name, String... tags) {
		Timer timer = this.registry.find(name).tags(tags).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double gauge(String name, String... tags) {
		Gauge gauge = this.registry.find(name).tags(tags).gauge();
		return (gauge != null) ? gauge.value() : 0;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(MetricsNamespace.class)
	static class TestApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			registry.config().meterFilter(new MeterFilter() {

				@Override
				public @Nullable DistributionStatisticConfig configure(Meter.Id id,
						DistributionStatisticConfig config) {
					if (id.getName().equals("socketio.acks")) {
						return DistributionStatisticConfig.builder().percentiles(0.99).build().merge(config);
					}
					return config;
				}

			});
			return registry;
		}

		@Bean
		SocketIoConnectAuthorizer tokenAuthorizer() {
			return (socket) -> switch (socket.handshake().auth().path("token").asString()) {
				case "bad" -> Mono.error(new ConnectRejectedException("not authorized"));
				case "broken" -> Mono.error(new IllegalStateException("authorization service unavailable"));
				default -> Mono.empty();
			};
		}

	}

	@SocketIoNamespace(NAMESPACE)
	static class MetricsNamespace {

		@OnEvent("echo")
		String echo(SocketIoSocket socket, String text) {
			socket.emit("pong", text);
			return text;
		}

		@OnEvent("unlisted")
		void unlisted(String text) {
		}

		@OnEvent("fail")
		void fail() {
			throw new IllegalStateException("handler failure");
		}

		@OnEvent("refuse")
		void refuse() {
			throw new UnsupportedOperationException("auction closed");
		}

		@SocketIoExceptionHandler
		Map<String, String> refused(UnsupportedOperationException ex) {
			return Map.of("error", ex.getMessage());
		}

	}

}
