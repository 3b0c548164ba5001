package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds the {@link EmitsEvent @EmitsEvent} declarations of a bean; written by the
 * compiler when {@code @EmitsEvent} is repeated.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EmitsEvents {

	/**
	 * The declarations.
	 * @return the declarations
	 */
	EmitsEvent[] value();

}
