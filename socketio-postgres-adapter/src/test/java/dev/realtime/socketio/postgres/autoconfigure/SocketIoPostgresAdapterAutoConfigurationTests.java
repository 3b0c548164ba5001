package dev.realtime.socketio.postgres.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import dev.realtime.socketio.postgres.PostgresAdapterFactory;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoPostgresAdapterAutoConfiguration}, on a real Postgres.
 */
class SocketIoPostgresAdapterAutoConfigurationTests {

	private static EmbeddedPostgres postgres;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoPostgresAdapterAutoConfiguration.class));

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@Test
	void doesNothingWithoutThePostgresType() {
		this.runner.withBean(DataSource.class, postgres::getPostgresDatabase)
			.run((context) -> assertThat(context).doesNotHaveBean(PostgresAdapterFactory.class));
	}

	@Test
	void usesTheApplicationsDataSourceAndBindsTheProperties() {
		this.runner.withBean(DataSource.class, postgres::getPostgresDatabase)
			.withPropertyValues("socketio.adapter.type=postgres", "socketio.adapter.postgres.channel-prefix=app",
					"socketio.adapter.postgres.table-name=app_attachments",
					"socketio.adapter.postgres.heartbeat-interval=2s")
			.run((context) -> {
				PostgresAdapterFactory factory = context.getBean(PostgresAdapterFactory.class);
				assertThat(factory.options().channelOf("/")).isEqualTo("app#/");
				assertThat(factory.options().tableName()).isEqualTo("app_attachments");
				assertThat(factory.options().heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
				await().atMost(Duration.ofSeconds(10)).until(factory::isConnected);
				HealthIndicator health = context.getBean("socketIoPostgresAdapterHealthIndicator",
						HealthIndicator.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("socketIoPostgresAdapterMetrics", MeterBinder.class).bindTo(registry);
				assertThat(registry.get("socketio.adapter.postgres.connected").gauge().value()).isEqualTo(1);
				assertThat(registry.get("socketio.adapter.postgres.notifications").tag("direction", "sent").meters())
					.hasSize(1);
			});
	}

	@Test
	void failsWithoutADataSourceOrAUrl() {
		this.runner.withPropertyValues("socketio.adapter.type=postgres")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("no DataSource bean"));
	}

	@Test
	void opensItsOwnConnectionsFromTheUrl() {
		this.runner
			.withPropertyValues("socketio.adapter.type=postgres",
					"socketio.adapter.postgres.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"socketio.adapter.postgres.username=postgres")
			.run((context) -> {
				PostgresAdapterFactory factory = context.getBean(PostgresAdapterFactory.class);
				await().atMost(Duration.ofSeconds(10)).until(factory::isConnected);
			});
	}

}
