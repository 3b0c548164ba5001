package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.handler.EventContext;

/**
 * Sends return values as acknowledgement replies.
 */
final class AckReplies {

	private AckReplies() {
	}

	/**
	 * Whether a method can have an ack to reply to: event handlers and exception
	 * handlers.
	 */
	static boolean canReply(MethodParameter returnType) {
		return returnType.hasMethodAnnotation(OnEvent.class) || returnType.hasMethodAnnotation(OnAnyEvent.class)
				|| returnType.hasMethodAnnotation(SocketIoExceptionHandler.class);
	}

	/**
	 * Reply with one argument, or with none for {@code null}; nothing when the client
	 * asked for no ack.
	 */
	static void reply(EventContext context, @Nullable Object value) {
		AckSender ack = context.ackSender();
		if (ack == null) {
			return;
		}
		if (value == null) {
			ack.send();
		}
		else {
			ack.send(new Object[] { value });
		}
	}

}
