package dev.realtime.socketio.spring.handler.support;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;

/**
 * Sends the value an event or exception handler method returned as the ack reply, when
 * the client asked for one; JSON conversion is the server's. {@code null} and an empty
 * {@code Optional} reply with no arguments. Types that cannot be sent as they are, such
 * as {@code Stream}, {@code Iterator} and {@code Future}, are not supported.
 * <p>
 * This is the last return value handler: it supports every other type.
 *
 * @since 0.1.0
 */
public class AckReturnValueHandler implements EventReturnValueHandler {

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		Class<?> type = returnType.getParameterType();
		return AckReplies.canReply(returnType) && !BaseStream.class.isAssignableFrom(type)
				&& !Iterator.class.isAssignableFrom(type) && !Future.class.isAssignableFrom(type);
	}

	@Override
	public Mono<Void> handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			EventContext context) {
		Object value = (returnValue instanceof Optional<?> optional) ? optional.orElse(null) : returnValue;
		AckReplies.reply(context, value);
		return Mono.empty();
	}

}
