package dev.realtime.socketio.client.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

import dev.realtime.socketio.client.ClientEvent;

/**
 * The handlers a socket answers the server's acknowledged events with. A handler returns
 * the ack's payload, or a publisher of it; the ack is sent on the client's executor once
 * the payload is there. A handler that fails sends no ack, so the server's own timeout
 * reports it, as an ack listener that throws does in the JS client.
 */
final class RequestHandlers {

	private static final Logger logger = Loggers.getLogger(RequestHandlers.class);

	private final Map<String, Function<ClientEvent, @Nullable Object>> handlers = new ConcurrentHashMap<>();

	private final String namespace;

	private final ClientExecutor executor;

	private final BiConsumer<Long, @Nullable Object> ackSender;

	RequestHandlers(String namespace, ClientExecutor executor, BiConsumer<Long, @Nullable Object> ackSender) {
		this.namespace = namespace;
		this.executor = executor;
		this.ackSender = ackSender;
	}

	void put(String event, Function<ClientEvent, @Nullable Object> handler) {
		this.handlers.put(Objects.requireNonNull(event, "event"), Objects.requireNonNull(handler, "handler"));
	}

	/** Answer an event that expects an ack, if a handler is registered for it. */
	void answer(ClientEvent event, long ackId) {
		Function<ClientEvent, @Nullable Object> handler = this.handlers.get(event.name());
		if (handler == null) {
			return;
		}
		Object result;
		try {
			result = handler.apply(event);
		}
		catch (RuntimeException ex) {
			logFailure(event, ex);
			return;
		}
		if (result instanceof Publisher<?> publisher) {
			Mono.from(publisher)
				.map(Optional::<Object>of)
				.defaultIfEmpty(Optional.empty())
				.subscribe((reply) -> this.executor.execute(() -> this.ackSender.accept(ackId, reply.orElse(null))),
						(ex) -> logFailure(event, ex));
		}
		else {
			this.ackSender.accept(ackId, result);
		}
	}

	private void logFailure(ClientEvent event, Throwable ex) {
		logger.warn("The handler of '" + event.name() + "' on " + this.namespace + " failed; no ack sent", ex);
	}

}
