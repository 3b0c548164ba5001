package dev.realtime.socketio.spring.boot.autoconfigure;

import java.time.Duration;

import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives the WebFlux server that Socket.IO shares the loop count of
 * {@link SocketIoEventLoops}. Boot's {@link ReactorResourceFactory} hands the server its
 * loops; by default those are Reactor Netty's global ones, whose count only a system
 * property read at class initialisation can change. So the factory gets loops of its own,
 * which it creates on start and disposes of on stop, after the web server has stopped
 * (its phase is 0), while its HTTP clients keep Reactor Netty's global connection pool. A
 * factory that the application gave loops or a connection provider of its own is left
 * alone.
 */
final class SocketIoEventLoopsPostProcessor implements BeanPostProcessor {

	private static final String PROPERTY = "socketio.server.event-loops";

	private static final String QUIET_PERIOD_PROPERTY = "spring.reactor.netty.shutdown-quiet-period";

	/** The prefix of Reactor Netty's own loops, so thread dumps read as before. */
	private static final String THREAD_PREFIX = "reactor-http";

	private final Environment environment;

	SocketIoEventLoopsPostProcessor(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ReactorResourceFactory factory && factory.isUseGlobalResources()) {
			int count = SocketIoEventLoops
				.count(Binder.get(this.environment).bind(PROPERTY, Integer.class).orElse(null));
			if (count > 0) {
				factory.setUseGlobalResources(false);
				factory.setConnectionProvider(HttpResources.get());
				factory.setLoopResourcesSupplier(() -> LoopResources.create(THREAD_PREFIX, count, true));
				if (!this.environment.containsProperty(QUIET_PERIOD_PROPERTY)) {
					// the loops serve a server that has stopped: there is nothing left to
					// drain
					factory.setShutdownQuietPeriod(Duration.ZERO);
				}
			}
		}
		return bean;
	}

}
