package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.adapter.SocketIoAdapterHealth;

/**
 * {@link HealthIndicator} for a {@link SocketIoServer}: {@code UP} while it runs,
 * {@code DOWN} once it was closed, and {@code DOWN} while its cluster adapter cannot
 * reach its service, when the adapter factory (or the main namespace's adapter)
 * implements {@link SocketIoAdapterHealth}. Details: open sessions, namespaces, the
 * adapter.
 *
 * @since 0.1.0
 */
public class SocketIoHealthIndicator extends AbstractHealthIndicator {

	private final SocketIoServer server;

	/**
	 * Create an indicator.
	 * @param server the server
	 */
	public SocketIoHealthIndicator(SocketIoServer server) {
		super("Socket.IO health check failed");
		this.server = Objects.requireNonNull(server, "server");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("sessions", this.server.engine().sessionCount())
			.withDetail("namespaces", this.server.namespaces().size());
		SocketIoAdapterHealth adapter = adapterHealth();
		if (adapter != null) {
			builder.withDetail("adapter", adapter.description()).withDetail("adapterConnected", adapter.isConnected());
		}
		if (this.server.engine().isShuttingDown()) {
			builder.down().withDetail("reason", "the server was closed");
		}
		else if (adapter != null && !adapter.isConnected()) {
			builder.down().withDetail("reason", "the cluster adapter cannot reach " + adapter.description());
		}
		else {
			builder.up();
		}
	}

	private @Nullable SocketIoAdapterHealth adapterHealth() {
		if (this.server.options().adapterFactory() instanceof SocketIoAdapterHealth health) {
			return health;
		}
		return (ServerInternals.adapter(this.server.sockets()) instanceof SocketIoAdapterHealth health) ? health : null;
	}

}
