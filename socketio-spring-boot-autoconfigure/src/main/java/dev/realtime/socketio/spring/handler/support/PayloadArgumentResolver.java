package dev.realtime.socketio.spring.handler.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.ValidationAnnotationUtils;

import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.Payload;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.InvalidPayloadException;
import dev.realtime.socketio.spring.handler.PayloadValidationException;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves event arguments: {@link Payload @Payload} parameters and, with default
 * resolution, the unannotated parameters of methods that receive events. Each is
 * converted once by the {@link JsonMapper} to the parameter's generic type;
 * {@code JsonNode} parameters get the tree as is, and {@code byte[]} and
 * {@code ByteBuffer} parameters the bytes of a binary attachment.
 * <p>
 * The argument index is the {@code @Payload} index or, by default, the position of the
 * parameter among the method's payload parameters, which {@link #prepare} fixes at
 * startup. Parameters annotated with {@code @Valid} or {@code @Validated} are validated
 * when a {@link Validator} is configured.
 *
 * @since 0.1.0
 */
public class PayloadArgumentResolver implements SyncEventArgumentResolver {

	private final JsonMapper jsonMapper;

	private final @Nullable Validator validator;

	private final boolean useDefaultResolution;

	/**
	 * Create a resolver.
	 * @param jsonMapper converts event arguments to parameter types
	 * @param validator validates {@code @Valid} parameters, or {@code null} to skip
	 * validation
	 * @param useDefaultResolution whether unannotated parameters of event, catch-all and
	 * exception handler methods are payloads too, or only {@code @Payload} ones
	 */
	public PayloadArgumentResolver(JsonMapper jsonMapper, @Nullable Validator validator, boolean useDefaultResolution) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.validator = validator;
		this.useDefaultResolution = useDefaultResolution;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(Payload.class)) {
			return true;
		}
		return this.useDefaultResolution
				&& (parameter.hasMethodAnnotation(OnEvent.class) || parameter.hasMethodAnnotation(OnAnyEvent.class)
						|| parameter.hasMethodAnnotation(SocketIoExceptionHandler.class));
	}

	/**
	 * Fix the argument index and target type of a parameter; called once per parameter at
	 * startup, by {@link InvocableEventMethod}.
	 * @param parameter the parameter
	 * @param position the position of the parameter among the method's payload parameters
	 * @return the parameter to pass to {@link #resolveArgumentValue}
	 */
	public MethodParameter prepare(MethodParameter parameter, int position) {
		return (parameter instanceof PayloadParameter) ? parameter : new PayloadParameter(parameter, position);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		PayloadParameter payload = (parameter instanceof PayloadParameter prepared) ? prepared
				: new PayloadParameter(parameter, parameter.getParameterIndex());
		ArrayNode args = context.args();
		int index = payload.index;
		if (index >= args.size()) {
			if (payload.required) {
				throw new InvalidPayloadException(
						"argument " + index + " of event '" + context.eventName() + "' is missing", parameter, index,
						null);
			}
			return payload.optional ? Optional.empty() : null;
		}
		Object value = convert(args.get(index), payload, context);
		if (payload.validationHints != null && this.validator != null && value != null) {
			validate(value, payload);
		}
		return payload.optional ? Optional.ofNullable(value) : value;
	}

	private @Nullable Object convert(JsonNode node, PayloadParameter payload, EventContext context) {
		Class<?> type = payload.targetType.getRawClass();
		if (type.isInstance(node)) {
			return node;
		}
		if (type == byte[].class && node.isBinary()) {
			return node.binaryValue();
		}
		if (type == ByteBuffer.class && node.isBinary()) {
			return ByteBuffer.wrap(node.binaryValue());
		}
		if (type == String.class && node.isString()) {
			return node.stringValue();
		}
		try {
			if (type == ByteBuffer.class) {
				byte[] bytes = this.jsonMapper.treeToValue(node, byte[].class);
				return (bytes != null) ? ByteBuffer.wrap(bytes) : null;
			}
			return this.jsonMapper.treeToValue(node, payload.targetType);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// The client gets no class name nor Jackson's message; the cause keeps them
			// for the log.
			throw new InvalidPayloadException(
					"argument " + payload.index + " of event '" + context.eventName() + "' cannot be read", payload,
					payload.index, ex);
		}
	}

	private void validate(Object value, PayloadParameter payload) {
		Validator validator = Objects.requireNonNull(this.validator);
		Object[] hints = Objects.requireNonNull(payload.validationHints);
		DirectFieldBindingResult errors = new DirectFieldBindingResult(value, payload.objectName());
		if (validator instanceof SmartValidator smart && hints.length > 0) {
			smart.validate(value, errors, hints);
		}
		else {
			validator.validate(value, errors);
		}
		if (errors.hasErrors()) {
			throw new PayloadValidationException(payload, payload.index, errors);
		}
	}

	/**
	 * A payload parameter with what the resolver computes once: the argument index, the
	 * Jackson type and the validation hints.
	 */
	private final class PayloadParameter extends MethodParameter {

		private final int index;

		private final boolean required;

		private final boolean optional;

		private final JavaType targetType;

		private final Object @Nullable [] validationHints;

		PayloadParameter(MethodParameter original, int position) {
			super(cacheAnnotations(original));
			Payload annotation = original.getParameterAnnotation(Payload.class);
			this.index = (annotation != null && annotation.value() >= 0) ? annotation.value() : position;
			this.optional = original.getParameterType() == Optional.class;
			this.required = !original.isOptional() && (annotation == null || annotation.required());
			MethodParameter target = original.nestedIfOptional();
			Type type = GenericTypeResolver.resolveType(target.getNestedGenericParameterType(),
					original.getContainingClass());
			this.targetType = PayloadArgumentResolver.this.jsonMapper.constructType(type);
			this.validationHints = determineValidationHints(original);
		}

		private PayloadParameter(PayloadParameter original) {
			super(original);
			this.index = original.index;
			this.required = original.required;
			this.optional = original.optional;
			this.targetType = original.targetType;
			this.validationHints = original.validationHints;
		}

		private static MethodParameter cacheAnnotations(MethodParameter original) {
			original.getParameterAnnotations();
			return original;
		}

		private static Object @Nullable [] determineValidationHints(MethodParameter parameter) {
			for (Annotation annotation : parameter.getParameterAnnotations()) {
				Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
				if (hints != null) {
					return hints;
				}
			}
			return null;
		}

		String objectName() {
			String name = getParameterName();
			return (name != null) ? name : "payload";
		}

		@Override
		public PayloadParameter clone() {
			return new PayloadParameter(this);
		}

	}

}
