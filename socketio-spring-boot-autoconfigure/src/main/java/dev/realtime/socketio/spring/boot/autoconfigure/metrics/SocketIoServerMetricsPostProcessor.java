package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

import dev.realtime.socketio.server.SocketIoServer;

/**
 * {@link BeanPostProcessor} that binds {@link SocketIoMetrics} to the meter registry for
 * each {@link SocketIoServer} bean, once it is initialized.
 */
class SocketIoServerMetricsPostProcessor implements BeanPostProcessor, Ordered {

	private final ApplicationContext context;

	private volatile @Nullable MeterRegistry meterRegistry;

	SocketIoServerMetricsPostProcessor(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof SocketIoServer server) {
			SocketIoMetricsProperties properties = Binder.get(this.context.getEnvironment())
				.bind("socketio.metrics", Bindable.of(SocketIoMetricsProperties.class))
				.orElseGet(SocketIoMetricsProperties::new);
			new SocketIoMetrics(server, properties.getEvents(), properties.getMaxNamespaceTags())
				.bindTo(getMeterRegistry());
		}
		return bean;
	}

	private MeterRegistry getMeterRegistry() {
		MeterRegistry registry = this.meterRegistry;
		if (registry == null) {
			registry = this.context.getBean(MeterRegistry.class);
			this.meterRegistry = registry;
		}
		return registry;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
