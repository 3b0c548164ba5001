package dev.realtime.socketio.redis.autoconfigure;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a Redis that the Socket.IO Redis adapter could not reach at startup in a few
 * lines: where it tried to connect and what to change, instead of the trace of every bean
 * that depended on the adapter. Failures of other Redis clients of the application are
 * left to other analyzers.
 */
final class RedisAdapterConnectionFailureAnalyzer extends AbstractFailureAnalyzer<RedisConnectionException> {

	static final String FACTORY_BEAN = "socketIoRedisAdapterFactory";

	static final String STREAMS_FACTORY_BEAN = "socketIoRedisStreamsAdapterFactory";

	private final @Nullable Environment environment;

	private final @Nullable ListableBeanFactory beanFactory;

	RedisAdapterConnectionFailureAnalyzer(@Nullable Environment environment, @Nullable BeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, RedisConnectionException cause) {
		String bean = createdFactory(rootFailure, cause);
		if (bean == null) {
			return null;
		}
		String type = STREAMS_FACTORY_BEAN.equals(bean) ? "redis-streams" : "redis";
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = (root != cause && root.getMessage() != null) ? shorten(root.getMessage()) : null;
		return new FailureAnalysis(
				"The Socket.IO Redis adapter (socketio.adapter.type=" + type + ") could not connect to Redis "
						+ address(cause) + ((reason != null) ? ": " + reason : "") + ".",
				"Start Redis, or point spring.data.redis.url (or spring.data.redis.host and spring.data.redis.port) "
						+ "at a reachable one. For a single instance without Redis, set socketio.adapter.type=memory.",
				cause);
	}

	/**
	 * Where the adapter connected: from the {@code spring.data.redis.*} settings, unless
	 * the application has a {@code RedisClient} of its own, which Lettuce's message
	 * names.
	 */
	private String address(RedisConnectionException cause) {
		boolean ownClient = this.beanFactory != null
				&& this.beanFactory.getBeanNamesForType(RedisClient.class, false, false).length > 0;
		if (this.environment == null || ownClient) {
			return "(" + cause.getMessage() + ")";
		}
		RedisURI uri = RedisConnectionDetails.redisUri(this.environment);
		return "at " + uri.getHost() + ":" + uri.getPort();
	}

	/** Netty's native transport prefixes the reason with the call that failed. */
	private static String shorten(String message) {
		int colon = message.lastIndexOf("): ");
		return (colon >= 0) ? message.substring(colon + 3) : message;
	}

	/** The adapter factory bean whose creation failed, or {@code null}. */
	private static @Nullable String createdFactory(Throwable failure, Throwable cause) {
		for (Throwable candidate = failure; candidate != null && candidate != cause; candidate = candidate.getCause()) {
			if (candidate instanceof BeanCreationException creation && (FACTORY_BEAN.equals(creation.getBeanName())
					|| STREAMS_FACTORY_BEAN.equals(creation.getBeanName()))) {
				return creation.getBeanName();
			}
		}
		return null;
	}

}
