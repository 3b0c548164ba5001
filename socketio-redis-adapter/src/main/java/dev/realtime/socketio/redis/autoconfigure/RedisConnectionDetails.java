package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reads the application's Spring Data Redis settings ({@code spring.data.redis.*}: url,
 * or host, port, username, password, database, ssl.enabled, timeout; cluster.nodes) into
 * Lettuce {@link RedisURI}s, without depending on Spring Data Redis.
 */
final class RedisConnectionDetails {

	private static final String PREFIX = "spring.data.redis.";

	private RedisConnectionDetails() {
	}

	/**
	 * The seed nodes of {@code spring.data.redis.cluster.nodes} ({@code host:port,...}),
	 * with the credentials, ssl and timeout of the other settings; empty when not set.
	 */
	static List<RedisURI> clusterNodes(Environment environment) {
		List<String> nodes = Binder.get(environment)
			.bind(PREFIX + "cluster.nodes", Bindable.listOf(String.class))
			.orElse(List.of());
		List<RedisURI> uris = new ArrayList<>();
		for (String node : nodes) {
			String trimmed = node.trim();
			int colon = trimmed.lastIndexOf(':');
			if (colon <= 0 || colon == trimmed.length() - 1) {
				throw new IllegalArgumentException(
						"spring.data.redis.cluster.nodes takes host:port entries, not '" + trimmed + "'");
			}
			int port;
			try {
				port = Integer.parseInt(trimmed.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("spring.data.redis.cluster.nodes: bad port in '" + trimmed + "'",
						ex);
			}
			RedisURI uri = RedisURI.builder()
				.withHost(trimmed.substring(0, colon))
				.withPort(port)
				.withSsl(environment.getProperty(PREFIX + "ssl.enabled", Boolean.class, false))
				.build();
			String password = environment.getProperty(PREFIX + "password");
			if (StringUtils.hasText(password)) {
				String username = environment.getProperty(PREFIX + "username");
				if (StringUtils.hasText(username)) {
					uri.setUsername(username);
				}
				uri.setPassword(password.toCharArray());
			}
			Binder.get(environment).bind(PREFIX + "timeout", Duration.class).ifBound(uri::setTimeout);
			uris.add(uri);
		}
		return uris;
	}

	static RedisURI redisUri(Environment environment) {
		Binder binder = Binder.get(environment);
		@Nullable Duration timeout = binder.bind(PREFIX + "timeout", Duration.class).orElse(null);
		String url = environment.getProperty(PREFIX + "url");
		RedisURI uri;
		if (StringUtils.hasText(url)) {
			uri = RedisURI.create(url);
		}
		else {
			uri = RedisURI.builder()
				.withHost(environment.getProperty(PREFIX + "host", "localhost"))
				.withPort(environment.getProperty(PREFIX + "port", Integer.class, RedisURI.DEFAULT_REDIS_PORT))
				.withDatabase(environment.getProperty(PREFIX + "database", Integer.class, 0))
				.withSsl(environment.getProperty(PREFIX + "ssl.enabled", Boolean.class, false))
				.build();
			String password = environment.getProperty(PREFIX + "password");
			if (StringUtils.hasText(password)) {
				String username = environment.getProperty(PREFIX + "username");
				if (StringUtils.hasText(username)) {
					uri.setUsername(username);
				}
				uri.setPassword(password.toCharArray());
			}
		}
		if (timeout != null) {
			uri.setTimeout(timeout);
		}
		String clientName = environment.getProperty(PREFIX + "client-name");
		if (StringUtils.hasText(clientName)) {
			uri.setClientName(clientName);
		}
		return uri;
	}

}
