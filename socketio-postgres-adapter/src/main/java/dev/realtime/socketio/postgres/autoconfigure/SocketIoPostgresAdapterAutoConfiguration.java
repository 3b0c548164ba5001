package dev.realtime.socketio.postgres.autoconfigure;

import javax.sql.DataSource;

import dev.realtime.socketio.postgres.PostgresAdapterFactory;
import dev.realtime.socketio.postgres.PostgresAdapterOptions;
import dev.realtime.socketio.postgres.PostgresAdapterStatistics;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoServerCustomizer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Runs the Socket.IO server on the Postgres adapter when
 * {@code socketio.adapter.type=postgres}: on the application's {@link DataSource} bean if
 * it has one (such as Spring Boot's pool from {@code spring.datasource.*}), otherwise on
 * a non-pooling data source of its own from {@code socketio.adapter.postgres.url} (or
 * {@code spring.datasource.url}). With Spring Boot's health support, a
 * {@code socketIoPostgresAdapter} health indicator reports DOWN while the listening
 * connection is lost; with Micrometer, {@code socketio.adapter.postgres.*} meters count
 * what it sends and receives.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration",
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ SocketIoServerCustomizer.class, PostgresAdapterFactory.class, PGConnection.class })
@ConditionalOnProperty(name = "socketio.adapter.type", havingValue = "postgres")
@EnableConfigurationProperties(SocketIoPostgresAdapterProperties.class)
public final class SocketIoPostgresAdapterAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PostgresAdapterFactory socketIoPostgresAdapterFactory(SocketIoPostgresAdapterProperties properties,
			ObjectProvider<DataSource> dataSource, Environment environment) {
		PostgresAdapterOptions options = PostgresAdapterOptions.builder()
			.channelPrefix(properties.getChannelPrefix())
			.tableName(properties.getTableName())
			.payloadThreshold(properties.getPayloadThreshold())
			.cleanupInterval(properties.getCleanupInterval())
			.heartbeatInterval(properties.getHeartbeatInterval())
			.heartbeatTimeout(properties.getHeartbeatTimeout())
			.requestTimeout(properties.getRequestTimeout())
			.createTable(properties.isCreateTable())
			.reconnectDelay(properties.getReconnectDelay())
			.build();
		DataSource source = dataSource.getIfUnique();
		return PostgresAdapterFactory.create((source != null) ? source : ownDataSource(properties, environment),
				options);
	}

	private static DataSource ownDataSource(SocketIoPostgresAdapterProperties properties, Environment environment) {
		String url = StringUtils.hasText(properties.getUrl()) ? properties.getUrl()
				: environment.getProperty("spring.datasource.url");
		if (!StringUtils.hasText(url)) {
			throw new IllegalStateException("socketio.adapter.type is 'postgres', but the application has no "
					+ "DataSource bean and neither socketio.adapter.postgres.url nor spring.datasource.url is set");
		}
		PGSimpleDataSource source = new PGSimpleDataSource();
		source.setUrl(url);
		String username = (properties.getUrl() != null) ? properties.getUsername()
				: environment.getProperty("spring.datasource.username");
		String password = (properties.getUrl() != null) ? properties.getPassword()
				: environment.getProperty("spring.datasource.password");
		if (username != null) {
			source.setUser(username);
		}
		if (password != null) {
			source.setPassword(password);
		}
		return source;
	}

	@Bean
	SocketIoServerCustomizer socketIoPostgresAdapterCustomizer(PostgresAdapterFactory adapterFactory) {
		return (builder) -> builder.adapterFactory(adapterFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("socketio-postgres-adapter")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "socketIoPostgresAdapterHealthIndicator")
		HealthIndicator socketIoPostgresAdapterHealthIndicator(PostgresAdapterFactory adapterFactory) {
			return () -> adapterFactory.isConnected() ? Health.up().build()
					: Health.down()
						.withDetail("reason", "the LISTEN connection to Postgres is lost; the adapter is reconnecting")
						.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "socketIoPostgresAdapterMetrics")
		MeterBinder socketIoPostgresAdapterMetrics(PostgresAdapterFactory adapterFactory) {
			PostgresAdapterStatistics statistics = adapterFactory.statistics();
			return (registry) -> {
				FunctionCounter
					.builder("socketio.adapter.postgres.notifications", statistics,
							PostgresAdapterStatistics::notificationsSent)
					.tag("direction", "sent")
					.description("Notifications this node sent")
					.register(registry);
				FunctionCounter
					.builder("socketio.adapter.postgres.notifications", statistics,
							PostgresAdapterStatistics::notificationsReceived)
					.tag("direction", "received")
					.description("Notifications this node received, its own included")
					.register(registry);
				FunctionCounter
					.builder("socketio.adapter.postgres.attachments", statistics,
							PostgresAdapterStatistics::attachmentsWritten)
					.tag("direction", "written")
					.description("Payloads stored in the attachment table")
					.register(registry);
				FunctionCounter
					.builder("socketio.adapter.postgres.attachments", statistics,
							PostgresAdapterStatistics::attachmentsRead)
					.tag("direction", "read")
					.description("Payloads of other nodes read from the attachment table")
					.register(registry);
				FunctionCounter
					.builder("socketio.adapter.postgres.publish.failures", statistics,
							PostgresAdapterStatistics::publishFailures)
					.description("Messages this node could not publish")
					.register(registry);
				FunctionCounter
					.builder("socketio.adapter.postgres.listen.connections", statistics,
							PostgresAdapterStatistics::listenConnections)
					.description("Times the listening connection was opened")
					.register(registry);
				Gauge
					.builder("socketio.adapter.postgres.connected", adapterFactory,
							(factory) -> factory.isConnected() ? 1 : 0)
					.description("1 while the listening connection is open")
					.register(registry);
			};
		}

	}

}
