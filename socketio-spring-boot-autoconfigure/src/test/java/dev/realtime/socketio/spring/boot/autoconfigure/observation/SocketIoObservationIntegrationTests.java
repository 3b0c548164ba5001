package dev.realtime.socketio.spring.boot.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.socket.client.Ack;
import io.socket.client.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.observation.SocketIoEventObservationContext;
import dev.realtime.socketio.testsupport.JavaSocketIoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the observation of handler methods, with a real
 * {@link ObservationRegistry} and the Java {@code socket.io-client}.
 */
@SpringBootTest(classes = SocketIoObservationIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.observation.enabled=true", "socketio.metrics.events=greet" })
class SocketIoObservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private RecordingHandler handler;

	@RegisterExtension
	final JavaSocketIoClients clients = new JavaSocketIoClients();

	private Socket socket;

	@Test
	void handledEventsAreObserved() throws Exception {
		this.socket = connect();
		CompletableFuture<Object> reply = new CompletableFuture<>();
		this.socket.emit("greet", new Object[] { "ada" }, (Ack) (args) -> reply.complete(args[0]));
		assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello ada");
		SocketIoEventObservationContext context = this.handler.awaitStopped("socketio greet");
		assertThat(context.getName()).isEqualTo("socketio.handler");
		assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("namespace", "/observed"), KeyValue.of("event", "greet"), KeyValue.of("outcome", "ok"));
		assertThat(this.handler.scoped).contains("greet");
	}

	@Test
	void failedHandlersAreObservedWithTheError() {
		this.socket = connect();
		this.socket.emit("explode");
		SocketIoEventObservationContext context = this.handler.awaitStopped("socketio explode");
		assertThat(context.getError()).isInstanceOf(IllegalStateException.class);
		assertThat(context.getLowCardinalityKeyValues()).contains(KeyValue.of("event", "other"),
				KeyValue.of("outcome", "error"));
	}

	@Test
	void eventsOfCatchAllHandlersAreBounded() {
		this.socket = connect();
		this.socket.emit("random-1234");
		SocketIoEventObservationContext context = this.handler.awaitStopped("socketio other");
		assertThat(context.getEventContext().eventName()).isEqualTo("random-1234");
	}

	private Socket connect() {
		return this.clients.connect("http://localhost:" + this.port + "/observed",
				JavaSocketIoClients.options("websocket"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ObservedNamespace.class)
	static class TestApplication {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

		@Bean
		ObservationRegistry observationRegistry(RecordingHandler handler) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(handler);
			return registry;
		}

	}

	static class RecordingHandler implements ObservationHandler<SocketIoEventObservationContext> {

		final List<SocketIoEventObservationContext> stopped = new CopyOnWriteArrayList<>();

		final List<String> scoped = new CopyOnWriteArrayList<>();

		@Override
		public void onScopeOpened(SocketIoEventObservationContext context) {
			this.scoped.add(context.getEventName());
		}

		@Override
		public void onStop(SocketIoEventObservationContext context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof SocketIoEventObservationContext;
		}

		SocketIoEventObservationContext awaitStopped(String contextualName) {
			await().atMost(TIMEOUT)
				.until(() -> this.stopped.stream().anyMatch((c) -> contextualName.equals(c.getContextualName())));
			return this.stopped.stream().filter((c) -> contextualName.equals(c.getContextualName())).findFirst().get();
		}

	}

	@SocketIoNamespace("/observed")
	static class ObservedNamespace {

		@OnEvent("greet")
		String greet(String name) {
			return "hello " + name;
		}

		@OnEvent("explode")
		void explode() {
			throw new IllegalStateException("exploded");
		}

		@OnAnyEvent
		void any() {
		}

	}

}
