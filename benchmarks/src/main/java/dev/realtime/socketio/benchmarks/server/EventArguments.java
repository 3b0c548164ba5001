package dev.realtime.socketio.benchmarks.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code ArrayNode} parameter that receives every argument of the event, for
 * handlers that pass any number of arguments through (the {@code echo} of the bench
 * contract).
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventArguments {

}
