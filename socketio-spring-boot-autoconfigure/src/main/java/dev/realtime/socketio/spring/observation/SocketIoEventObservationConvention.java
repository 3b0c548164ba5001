package dev.realtime.socketio.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for Socket.IO handler method invocations. Declare a bean
 * of this type to replace the {@link DefaultSocketIoEventObservationConvention}.
 *
 * @since 0.1.0
 */
public interface SocketIoEventObservationConvention extends ObservationConvention<SocketIoEventObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SocketIoEventObservationContext;
	}

}
