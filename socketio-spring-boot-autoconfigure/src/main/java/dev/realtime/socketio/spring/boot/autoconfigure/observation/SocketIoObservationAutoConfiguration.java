package dev.realtime.socketio.spring.boot.autoconfigure.observation;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAnnotationAutoConfiguration;
import dev.realtime.socketio.spring.handler.support.SocketIoAnnotationHandlerRegistrar;
import dev.realtime.socketio.spring.observation.DefaultSocketIoEventObservationConvention;
import dev.realtime.socketio.spring.observation.SocketIoEventObservationConvention;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that observes each invocation of a
 * Socket.IO handler method with the application's {@link ObservationRegistry}, when
 * {@code socketio.observation.enabled} is {@code true}: Micrometer Tracing users get a
 * span per handled event, and the registry's meter handler a {@code socketio.handler}
 * timer. The {@code event} key value names the events listed in
 * {@code socketio.metrics.events}; a {@link SocketIoEventObservationConvention} bean
 * replaces the default convention.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		after = SocketIoAnnotationAutoConfiguration.class)
@ConditionalOnClass({ ObservationRegistry.class, SocketIoAnnotationHandlerRegistrar.class })
@ConditionalOnBooleanProperty("socketio.observation.enabled")
@ConditionalOnBean({ ObservationRegistry.class, SocketIoAnnotationHandlerRegistrar.class })
public final class SocketIoObservationAutoConfiguration {

	@Bean
	static BeanPostProcessor socketIoObservationRegistrarPostProcessor(
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SocketIoEventObservationConvention> convention, Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof SocketIoAnnotationHandlerRegistrar registrar) {
					registrar.setObservationRegistry(observationRegistry.getIfUnique());
					registrar.setObservationConvention(convention.getIfAvailable(() -> defaultConvention(environment)));
				}
				return bean;
			}

		};
	}

	private static SocketIoEventObservationConvention defaultConvention(Environment environment) {
		List<String> events = Binder.get(environment)
			.bind("socketio.metrics.events", Bindable.listOf(String.class))
			.orElseGet(List::of);
		return new DefaultSocketIoEventObservationConvention(events);
	}

}
