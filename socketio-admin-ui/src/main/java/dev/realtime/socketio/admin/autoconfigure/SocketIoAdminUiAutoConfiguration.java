package dev.realtime.socketio.admin.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.realtime.socketio.admin.AdminSessionStore;
import dev.realtime.socketio.admin.AdminUiAuth;
import dev.realtime.socketio.admin.AdminUiOptions;
import dev.realtime.socketio.admin.AdminUiStaticFiles;
import dev.realtime.socketio.admin.InMemoryAdminSessionStore;
import dev.realtime.socketio.admin.SocketIoAdminUi;
import dev.realtime.socketio.server.SocketIoServer;

/**
 * Opens the admin namespace of the Socket.IO Admin UI on the application's Socket.IO
 * server when {@code socketio.admin-ui.enabled=true}, and with
 * {@code socketio.admin-ui.serve-ui=true} serves the UI itself on the application's
 * Reactor Netty server. An {@link AdminSessionStore} bean replaces the in-memory store of
 * login sessions.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration")
@ConditionalOnClass({ SocketIoAdminUi.class, SocketIoServer.class })
@ConditionalOnBooleanProperty("socketio.admin-ui.enabled")
@ConditionalOnBean(SocketIoServer.class)
@EnableConfigurationProperties(SocketIoAdminUiProperties.class)
public final class SocketIoAdminUiAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SocketIoAdminUi socketIoAdminUi(SocketIoServer server, SocketIoAdminUiProperties properties,
			ObjectProvider<AdminSessionStore> sessionStore) {
		return SocketIoAdminUi.instrument(server, options(properties, sessionStore
			.getIfUnique(() -> new InMemoryAdminSessionStore(properties.getAuth().getSessionDuration()))));
	}

	static AdminUiOptions options(SocketIoAdminUiProperties properties, AdminSessionStore sessionStore) {
		SocketIoAdminUiProperties.Auth auth = properties.getAuth();
		String username = auth.getUsername();
		String password = auth.getPassword();
		if ((username == null) != (password == null)) {
			throw new IllegalStateException("socketio.admin-ui.auth.username and socketio.admin-ui.auth.password "
					+ "go together: set both for basic authentication, or neither for none");
		}
		return AdminUiOptions.builder()
			.namespace(properties.getNamespace())
			.auth((username != null && password != null) ? AdminUiAuth.basic(username, password) : AdminUiAuth.none())
			.readonly(properties.isReadonly())
			.mode(properties.getMode())
			.serverId(properties.getServerId())
			.statsInterval(properties.getStatsInterval())
			.sessionStore(sessionStore)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(NettyRouteProvider.class)
	@ConditionalOnBooleanProperty("socketio.admin-ui.serve-ui")
	static class ServeUiConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "socketIoAdminUiRouteProvider")
		NettyRouteProvider socketIoAdminUiRouteProvider(SocketIoAdminUiProperties properties) {
			return AdminUiStaticFiles.of(properties.getUiPath())::mount;
		}

	}

}
