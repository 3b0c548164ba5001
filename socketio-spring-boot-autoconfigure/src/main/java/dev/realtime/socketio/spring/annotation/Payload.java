package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to one argument of the event, converted by the application's
 * {@code JsonMapper} to the parameter's generic type: records, POJOs, collections,
 * {@code JsonNode}, {@code String}, primitives, and {@code byte[]} or {@code ByteBuffer}
 * for binary attachments. Unannotated parameters are payloads too; the annotation is
 * needed only to pick an argument by index or to make one optional.
 * <p>
 * Annotate the parameter with {@code @Valid} (or Spring's {@code @Validated}) to validate
 * it with Bean Validation; a violation answers the client's ack with
 * {@code {"error":"validation failed","violations":[{"field":"...","message":"..."}]}}
 * and the method is not called.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Payload {

	/**
	 * The index of the event argument; by default the position of this parameter among
	 * the method's payload parameters.
	 * @return the argument index, or {@code -1} for the position
	 */
	int value() default -1;

	/**
	 * Whether the client must send the argument. An absent argument fails the event (an
	 * error ack) when required; otherwise the parameter is {@code null}, or
	 * {@code Optional.empty()}. Parameters typed {@code Optional} or annotated
	 * {@code @Nullable} are never required.
	 * @return whether the argument is required
	 */
	boolean required() default true;

}
