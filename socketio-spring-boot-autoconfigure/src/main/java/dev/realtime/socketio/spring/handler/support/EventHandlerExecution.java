package dev.realtime.socketio.spring.handler.support;

/**
 * Where handler methods that do not return a reactive type run: on the event loop by
 * default, or, for handlers that block, on a worker. Handler methods that return a
 * reactive type always run on the connection's event loop.
 *
 * @since 0.1.0
 */
public enum EventHandlerExecution {

	/**
	 * Reactor's bounded-elastic scheduler, in per-socket order.
	 */
	BOUNDED_ELASTIC,

	/**
	 * A virtual thread per invocation, in per-socket order. Needs Java 21 or later; on an
	 * older JVM, bounded-elastic is used instead, with a warning.
	 */
	VIRTUAL_THREADS,

	/**
	 * The connection's event loop (the default): no thread hop, but a handler that blocks
	 * stalls every connection of that loop.
	 */
	EVENT_LOOP

}
