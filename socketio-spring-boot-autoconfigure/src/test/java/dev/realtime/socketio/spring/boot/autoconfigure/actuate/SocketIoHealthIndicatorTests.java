package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;
import dev.realtime.socketio.server.adapter.SocketIoAdapterHealth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoHealthIndicator}.
 */
class SocketIoHealthIndicatorTests {

	@Test
	void upWhileRunningAndDownOnceClosed() {
		SocketIoServer server = SocketIoServer.create(SocketIoServerOptions.defaults());
		SocketIoHealthIndicator indicator = new SocketIoHealthIndicator(server);
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("sessions", 0).containsEntry("namespaces", 1);
		server.close().block();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void downWhileTheClusterAdapterIsDisconnected() {
		HealthyAdapterFactory factory = new HealthyAdapterFactory();
		SocketIoServer server = SocketIoServer.create(SocketIoServerOptions.builder().adapterFactory(factory).build());
		SocketIoHealthIndicator indicator = new SocketIoHealthIndicator(server);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(indicator.health().getDetails()).containsEntry("adapter", "test-cluster")
			.containsEntry("adapterConnected", true);
		factory.connected.set(false);
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "the cluster adapter cannot reach test-cluster");
		server.close().block();
	}

	static class HealthyAdapterFactory implements SocketIoAdapterFactory, SocketIoAdapterHealth {

		final AtomicBoolean connected = new AtomicBoolean(true);

		@Override
		public SocketIoAdapter create(AdapterContext context) {
			return new InMemoryAdapter(context);
		}

		@Override
		public boolean isConnected() {
			return this.connected.get();
		}

		@Override
		public String description() {
			return "test-cluster";
		}

	}

}
