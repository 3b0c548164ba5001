package dev.realtime.socketio.spring.handler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code @Valid} event argument failed Bean Validation; the handler method was not
 * called. By default the client's ack receives {@code {"error":"validation
 * failed","message":"argument 0 of event 'message' is
 * invalid","violations":[{"field":"text","message":"must not be blank"}]}} ({@code field}
 * is absent for an error of the whole object).
 *
 * @since 0.1.0
 */
public class PayloadValidationException extends InvalidPayloadException {

	private final List<Violation> violations;

	private final transient Errors errors;

	/**
	 * Create an exception.
	 * @param parameter the handler method parameter
	 * @param index the index of the event argument
	 * @param errors the validation errors
	 */
	public PayloadValidationException(MethodParameter parameter, int index, Errors errors) {
		super("validation failed", parameter, index, null);
		this.errors = errors;
		List<Violation> violations = new ArrayList<>(errors.getErrorCount());
		for (ObjectError error : errors.getAllErrors()) {
			String field = (error instanceof FieldError fieldError) ? fieldError.getField() : null;
			violations.add(new Violation(field, String.valueOf(error.getDefaultMessage())));
		}
		this.violations = Collections.unmodifiableList(violations);
	}

	/**
	 * Return the violations, in the order the validator reported them.
	 * @return the violations
	 */
	public List<Violation> getViolations() {
		return this.violations;
	}

	/**
	 * Return the validation errors as Spring reports them.
	 * @return the errors
	 */
	public Errors getErrors() {
		return this.errors;
	}

	/**
	 * One constraint violation.
	 *
	 * @param field the property path, such as {@code text} or {@code author.name}, or
	 * {@code null} for the whole object
	 * @param message the interpolated message
	 */
	public record Violation(@Nullable String field, String message) {
	}

}
