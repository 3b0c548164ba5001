package dev.realtime.socketio.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;
import dev.realtime.socketio.spring.handler.support.EventHandlerExecution;
import dev.realtime.socketio.spring.handler.support.SocketIoAnnotationHandlerRegistrar;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for
 * {@link SocketIoNamespace @SocketIoNamespace} beans: registers their handler methods on
 * the {@link SocketIoServer} bean. Payloads are converted by the application's
 * {@link JsonMapper}, {@code @Valid} payloads are validated by its Bean Validation
 * {@code Validator} when there is one, {@link EventArgumentResolver} and
 * {@link EventReturnValueHandler} beans are added to the defaults, and
 * {@code socketio.handler.execution} decides where blocking handler methods run.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketIoAutoConfiguration.class)
@ConditionalOnClass(SocketIoServer.class)
@ConditionalOnBean(SocketIoServer.class)
public final class SocketIoAnnotationAutoConfiguration {

	private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
			SocketIoAnnotationAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	SocketIoAnnotationHandlerRegistrar socketIoAnnotationHandlerRegistrar(SocketIoServer server,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<SocketIoProperties> properties,
			ObjectProvider<EventArgumentResolver> argumentResolvers,
			ObjectProvider<EventReturnValueHandler> returnValueHandlers, ListableBeanFactory beanFactory) {
		SocketIoAnnotationHandlerRegistrar registrar = new SocketIoAnnotationHandlerRegistrar(server);
		jsonMapper.ifAvailable(registrar::setJsonMapper);
		properties.ifAvailable((socketIo) -> {
			registrar.setExecution(EventHandlerExecution.valueOf(socketIo.getHandler().getExecution().name()));
			registrar.setIncludeExceptionMessage(socketIo.getHandler().isIncludeExceptionMessage());
		});
		registrar.setValidator(BEAN_VALIDATION_PRESENT ? BeanValidation.validator(beanFactory) : null);
		registrar.setCustomArgumentResolvers(argumentResolvers.orderedStream().toList());
		registrar.setCustomReturnValueHandlers(returnValueHandlers.orderedStream().toList());
		return registrar;
	}

	/**
	 * Finds the application's Bean Validation validator; loaded only when Bean Validation
	 * is on the classpath.
	 */
	private static final class BeanValidation {

		static @Nullable Validator validator(ListableBeanFactory beanFactory) {
			jakarta.validation.Validator validator = beanFactory.getBeanProvider(jakarta.validation.Validator.class)
				.getIfUnique();
			if (validator == null) {
				return null;
			}
			return (validator instanceof SmartValidator smart) ? smart : new SpringValidatorAdapter(validator);
		}

	}

}
