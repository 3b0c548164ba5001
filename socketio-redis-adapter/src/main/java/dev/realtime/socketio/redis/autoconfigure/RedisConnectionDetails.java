package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reads the application's Spring Data Redis settings ({@code spring.data.redis.*}: url,
 * or host, port, username, password, database, ssl.enabled, timeout) into a Lettuce
 * {@link RedisURI}, without depending on Spring Data Redis.
 */
final class RedisConnectionDetails {

	private static final String PREFIX = "spring.data.redis.";

	private RedisConnectionDetails() {
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
