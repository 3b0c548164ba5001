package dev.realtime.socketio.admin.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.realtime.socketio.admin.AdminUiMode;
import dev.realtime.socketio.admin.AdminUiOptions;
import dev.realtime.socketio.admin.SocketIoAdminUi;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoAdminUiAutoConfiguration}: off by default, the properties
 * bound into the admin UI's options, the UI's route only with {@code serve-ui}, and a
 * clear startup failure when only half of the credentials is set.
 */
class SocketIoAdminUiAutoConfigurationTests {

	private static final String HASH = "$2b$10$nu1FHRkuxkZkqID.31gz4uQsyERZAn.m4IIruysTsHDODBtrqS5Me";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIoAutoConfiguration.class, SocketIoAdminUiAutoConfiguration.class));

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIoServer.class);
			assertThat(context).doesNotHaveBean(SocketIoAdminUi.class);
			assertThat(context).doesNotHaveBean("socketIoAdminUiRouteProvider");
		});
	}

	@Test
	void explicitlyDisabled() {
		this.contextRunner.withPropertyValues("socketio.admin-ui.enabled=false", "socketio.admin-ui.serve-ui=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SocketIoAdminUi.class);
				assertThat(context).doesNotHaveBean("socketIoAdminUiRouteProvider");
			});
	}

	@Test
	void enabledWithDefaults() {
		this.contextRunner.withPropertyValues("socketio.admin-ui.enabled=true").run((context) -> {
			SocketIoAdminUi adminUi = context.getBean(SocketIoAdminUi.class);
			AdminUiOptions options = adminUi.options();
			assertThat(options.namespace()).isEqualTo("/admin");
			assertThat(options.auth().enabled()).isFalse();
			assertThat(options.readonly()).isFalse();
			assertThat(options.mode()).isEqualTo(AdminUiMode.DEVELOPMENT);
			assertThat(options.statsInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(context.getBean(SocketIoServer.class).of("/admin")).isSameAs(adminUi.namespace());
			assertThat(context).doesNotHaveBean("socketIoAdminUiRouteProvider");
		});
	}

	@Test
	void propertiesBindIntoTheOptions() {
		this.contextRunner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.namespace=/ops",
					"socketio.admin-ui.readonly=true", "socketio.admin-ui.mode=production",
					"socketio.admin-ui.server-id=node-7", "socketio.admin-ui.stats-interval=500ms",
					"socketio.admin-ui.auth.username=admin", "socketio.admin-ui.auth.password=" + HASH,
					"socketio.admin-ui.auth.session-duration=1h")
			.run((context) -> {
				SocketIoAdminUi adminUi = context.getBean(SocketIoAdminUi.class);
				AdminUiOptions options = adminUi.options();
				assertThat(options.namespace()).isEqualTo("/ops");
				assertThat(options.readonly()).isTrue();
				assertThat(options.mode()).isEqualTo(AdminUiMode.PRODUCTION);
				assertThat(adminUi.serverId()).isEqualTo("node-7");
				assertThat(options.statsInterval()).isEqualTo(Duration.ofMillis(500));
				assertThat(options.auth().enabled()).isTrue();
				assertThat(options.auth().matches("admin", "changeit")).isTrue();
				assertThat(options.auth().matches("admin", "nope")).isFalse();
				SocketIoAdminUiProperties properties = context.getBean(SocketIoAdminUiProperties.class);
				assertThat(properties.getAuth().getSessionDuration()).isEqualTo(Duration.ofHours(1));
			});
	}

	@Test
	void serveUiAddsTheUiRoute() {
		this.contextRunner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.serve-ui=true")
			.run((context) -> assertThat(context).getBean("socketIoAdminUiRouteProvider")
				.isInstanceOf(NettyRouteProvider.class));
	}

	@Test
	void usernameWithoutPasswordFailsAtStartup() {
		this.contextRunner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.auth.username=admin")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining(
						"socketio.admin-ui.auth.username and socketio.admin-ui.auth.password go together"));
	}

	@Test
	void passwordWithoutUsernameFailsAtStartup() {
		this.contextRunner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.auth.password=" + HASH)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("go together"));
	}

}
