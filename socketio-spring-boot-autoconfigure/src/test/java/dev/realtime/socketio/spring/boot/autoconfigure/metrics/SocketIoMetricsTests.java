package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerListener;
import dev.realtime.socketio.server.SocketIoServerOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoMetrics}, driven through the server's listener SPI.
 */
class SocketIoMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SocketIoServer server = SocketIoServer.create(SocketIoServerOptions.defaults());

	@Test
	void bindsTheFixedMetersUpFront() {
		new SocketIoMetrics(this.server).bindTo(this.registry);
		assertThat(this.registry.getMeters().stream().map((meter) -> meter.getId().getName()).distinct())
			.containsExactlyInAnyOrder("socketio.engine.sessions", "socketio.connections",
					"socketio.connections.opened", "socketio.handshakes", "socketio.data.received",
					"socketio.data.sent", "socketio.packets.dropped", "socketio.errors", "socketio.upgrades");
		assertThat(this.registry.get("socketio.errors").counters())
			.extracting((counter) -> counter.getId().getTag("kind"))
			.containsExactlyInAnyOrder("parse", "auth", "handler", "rejected", "timeout");
		assertThat(this.registry.get("socketio.handshakes").timers())
			.extracting((timer) -> timer.getId().getTag("outcome"))
			.containsExactlyInAnyOrder("accepted", "rejected", "error");
		assertThat(this.registry.get("socketio.engine.sessions").gauges())
			.extracting((gauge) -> gauge.getId().getTag("transport"))
			.containsExactlyInAnyOrder("polling", "websocket");
	}

	@Test
	void eventMetersHaveNoEventTagWhenNoEventIsListed() {
		new SocketIoMetrics(this.server).bindTo(this.registry);
		this.server.listeners().eventReceived("/", "anything");
		Meter.Id id = this.registry.get("socketio.events.received").counter().getId();
		assertThat(id.getTags()).extracting((tag) -> tag.getKey()).containsExactly("namespace");
	}

	@Test
	void unlistedEventsAreTaggedOther() {
		new SocketIoMetrics(this.server, Set.of("chat"), 100).bindTo(this.registry);
		SocketIoServerListener listener = this.server.listeners();
		listener.eventReceived("/", "chat");
		listener.eventReceived("/", "random-1");
		listener.eventReceived("/", "random-2");
		listener.eventSent("/", "chat", 3);
		assertThat(this.registry.get("socketio.events.received").tags("event", "chat").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("socketio.events.received").tags("event", "other").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("socketio.events.sent").tags("event", "chat").counter().count()).isEqualTo(3);
	}

	@Test
	void namespaceTagsAreBounded() {
		new SocketIoMetrics(this.server, List.of(), 3).bindTo(this.registry);
		for (int i = 0; i < 10; i++) {
			this.server.listeners().ackCompleted("/dynamic-" + i, false, 1000, true);
		}
		assertThat(this.registry.get("socketio.acks").timers()).extracting((timer) -> timer.getId().getTag("namespace"))
			.containsExactlyInAnyOrder("/dynamic-0", "/dynamic-1", "other");
		assertThat(this.registry.get("socketio.acks").tag("namespace", "other").timer().count()).isEqualTo(8);
	}

	@Test
	void handshakesAreTimedByOutcome() {
		new SocketIoMetrics(this.server).bindTo(this.registry);
		this.server.listeners().handshakeCompleted("/", SocketIoServerListener.ACCEPTED, 2_000_000);
		assertThat(this.registry.get("socketio.handshakes")
			.tag("outcome", "accepted")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
	}

}
