package dev.realtime.socketio.spring.boot.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.realtime.socketio.server.SocketIoServerOptions;

/**
 * Checks {@code socketio.adapter.type} against the adapter the server got. The property
 * is bound by the adapter modules (Redis, Postgres), so without the module on the
 * classpath nothing else reads it and {@code redis} or {@code postgres} would be silently
 * ignored: two instances would then share nothing.
 */
final class SocketIoAdapterCheck {

	static final String PROPERTY = "socketio.adapter.type";

	static final String REDIS_ADAPTER_FACTORY = "dev.realtime.socketio.redis.RedisAdapterFactory";

	static final String REDIS_ADAPTER_COORDINATES = "dev.realtime.socketio:socketio-redis-adapter";

	static final String POSTGRES_ADAPTER_FACTORY = "dev.realtime.socketio.postgres.PostgresAdapterFactory";

	static final String POSTGRES_ADAPTER_COORDINATES = "dev.realtime.socketio:socketio-postgres-adapter";

	private SocketIoAdapterCheck() {
	}

	static void check(Environment environment, SocketIoServerOptions options, @Nullable ClassLoader classLoader) {
		String type = environment.getProperty(PROPERTY);
		if (!StringUtils.hasText(type)) {
			return;
		}
		String normalized = type.trim().toLowerCase(Locale.ROOT);
		if (normalized.equals("memory")) {
			return;
		}
		if (normalized.equals("postgres")) {
			checkPostgres(options, classLoader);
			return;
		}
		if (!normalized.equals("redis") && !normalized.equals("redis-streams")) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, type,
					"must be 'memory', 'redis', 'redis-streams' or 'postgres'");
		}
		if (!ClassUtils.isPresent(REDIS_ADAPTER_FACTORY, classLoader)) {
			throw new SocketIoStartupException(PROPERTY + " is '" + normalized
					+ "', but the Redis adapter is not on the "
					+ "classpath: without it the server would run on the in-memory adapter and share no rooms or "
					+ "broadcasts with other instances.",
					"Add the dependency " + REDIS_ADAPTER_COORDINATES + " (the same version as the starter), or "
							+ "set " + PROPERTY + " to 'memory' for a single instance.");
		}
		if (isInMemory(options)) {
			throw new SocketIoStartupException(PROPERTY + " is '" + normalized
					+ "', but the server runs on the in-memory "
					+ "adapter: the Redis adapter's auto-configuration did not apply (it was excluded, or Lettuce "
					+ "is not on the classpath).",
					"Remove the exclusion of "
							+ (normalized.equals("redis") ? "SocketIoRedisAdapterAutoConfiguration"
									: "SocketIoRedisStreamsAdapterAutoConfiguration")
							+ " and check that io.lettuce:" + "lettuce-core is on the classpath, or set " + PROPERTY
							+ " to 'memory'.");
		}
	}

	private static void checkPostgres(SocketIoServerOptions options, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(POSTGRES_ADAPTER_FACTORY, classLoader)) {
			throw new SocketIoStartupException(PROPERTY + " is 'postgres', but the Postgres adapter is not on the "
					+ "classpath: without it the server would run on the in-memory adapter and share no rooms or "
					+ "broadcasts with other instances.",
					"Add the dependency " + POSTGRES_ADAPTER_COORDINATES + " (the same version as the starter), or "
							+ "set " + PROPERTY + " to 'memory' for a single instance.");
		}
		if (isInMemory(options)) {
			throw new SocketIoStartupException(PROPERTY + " is 'postgres', but the server runs on the in-memory "
					+ "adapter: the Postgres adapter's auto-configuration did not apply (it was excluded, or the "
					+ "Postgres JDBC driver is not on the classpath).",
					"Remove the exclusion of SocketIoPostgresAdapterAutoConfiguration and check that "
							+ "org.postgresql:postgresql is on the classpath, or set " + PROPERTY + " to 'memory'.");
		}
	}

	private static boolean isInMemory(SocketIoServerOptions options) {
		return options.adapterFactory()
			.getClass() == SocketIoServerOptions.builder().build().adapterFactory().getClass();
	}

}
