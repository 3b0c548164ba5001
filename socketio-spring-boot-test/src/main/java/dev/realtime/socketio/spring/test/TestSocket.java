package dev.realtime.socketio.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import dev.realtime.socketio.client.ClientEvent;
import dev.realtime.socketio.client.ClientSocket;
import dev.realtime.socketio.client.ConnectionEvent;

/**
 * A connected socket of a {@link SocketIoTestClient}, with blocking expectations for the
 * usual steps of a test. It records every event and connection change from the moment it
 * connected, so an expectation never misses what arrived before it was written.
 * <pre class="code">
 * TestSocket alice = socketIo.namespace("/chat").auth(Map.of("nickname", "alice")).connect();
 * RoomState room = alice.emitWithAck("join", "general").expectReply(RoomState.class);
 * ChatMessage message = bob.expectEvent("message", ChatMessage.class);
 * </pre> Each expectation waits up to the client's timeout and fails with an
 * {@link AssertionError} that lists what was received instead.
 *
 * @since 0.1.0
 */
public final class TestSocket {

	private final ClientSocket socket;

	private final Duration timeout;

	private final EventRecorder<ClientEvent> events = new EventRecorder<>();

	private final EventRecorder<ConnectionEvent> connectionEvents = new EventRecorder<>();

	TestSocket(ClientSocket socket, Duration timeout) {
		this.socket = socket;
		this.timeout = timeout;
	}

	/**
	 * Start recording; called on the client's thread as the socket connects, so that
	 * nothing sent right after the server accepted it is missed.
	 */
	void record() {
		this.socket.onAny().subscribe(this.events::add, (ex) -> this.events.complete(), this.events::complete);
		this.socket.connectionEvents()
			.subscribe(this.connectionEvents::add, (ex) -> this.connectionEvents.complete(),
					this.connectionEvents::complete);
	}

	/**
	 * Return the reactive socket underneath, for what this class does not cover.
	 * @return the socket
	 */
	public ClientSocket socket() {
		return this.socket;
	}

	/**
	 * Return the socket id the server gave.
	 * @return the id, or {@code null} when not connected
	 */
	public @Nullable String id() {
		return this.socket.id();
	}

	/**
	 * Send an event.
	 * @param event the event name
	 * @param args the arguments, converted with the application's {@code JsonMapper};
	 * {@code byte[]} is sent as binary
	 * @return this socket
	 */
	public TestSocket emit(String event, Object... args) {
		this.socket.emit(event, args);
		return this;
	}

	/**
	 * Prepare an event that asks for an ack; it is sent by the returned expectation.
	 * @param event the event name
	 * @param args the arguments
	 * @return what to expect of the ack
	 */
	public AckExpectation emitWithAck(String event, Object... args) {
		return new AckExpectation(this.socket, this.timeout, event, args);
	}

	/**
	 * Wait for the next event of a name that no expectation took yet, and convert its
	 * first argument.
	 * @param <T> the argument type
	 * @param event the event name
	 * @param type the argument type, converted with the application's {@code JsonMapper}
	 * @return the argument
	 * @throws AssertionError if no such event came within the timeout
	 */
	public <T> T expectEvent(String event, Class<T> type) {
		return expectEvent(event).arg(0, type);
	}

	/**
	 * Wait for the next event of a name that no expectation took yet.
	 * @param event the event name
	 * @return the event
	 * @throws AssertionError if no such event came within the timeout
	 */
	public ClientEvent expectEvent(String event) {
		Objects.requireNonNull(event, "event");
		ClientEvent received = this.events.take((candidate) -> candidate.name().equals(event), this.timeout);
		if (received == null) {
			throw new AssertionError("Expected event '" + event + "' on " + this.socket.namespace() + " within "
					+ this.timeout.toMillis() + " ms; received " + describe(this.events.all()));
		}
		return received;
	}

	/**
	 * Return the events of a name received so far, taken by an expectation or not.
	 * @param event the event name
	 * @return the events, oldest first
	 */
	public List<ClientEvent> received(String event) {
		return this.events.all().stream().filter((candidate) -> candidate.name().equals(event)).toList();
	}

	/**
	 * Return the first argument of every event of a name: those received so far, then
	 * those to come, completing when the socket is disconnected for good. Made for
	 * {@code StepVerifier}.
	 * @param <T> the argument type
	 * @param event the event name
	 * @param type the argument type
	 * @return the arguments
	 */
	public <T> Flux<T> events(String event, Class<T> type) {
		return events(event).map((received) -> received.arg(0, type));
	}

	/**
	 * Return every event of a name: those received so far, then those to come.
	 * @param event the event name
	 * @return the events
	 */
	public Flux<ClientEvent> events(String event) {
		return this.events.flux().filter((received) -> received.name().equals(event));
	}

	/**
	 * Answer the server's ack requests for an event with a handler's return value (see
	 * {@link ClientSocket#onRequest(String, Function)}).
	 * @param event the event name
	 * @param handler the handler
	 * @return this socket
	 */
	public TestSocket onRequest(String event, Function<ClientEvent, @Nullable Object> handler) {
		this.socket.onRequest(event, handler);
		return this;
	}

	/**
	 * Wait until the socket is disconnected, by the server or because the connection was
	 * lost.
	 * @return the reason, for example {@link ConnectionEvent#SERVER_DISCONNECT}
	 * @throws AssertionError if the socket stayed connected for the timeout
	 */
	public String expectDisconnect() {
		ConnectionEvent event = this.connectionEvents
			.take((candidate) -> candidate instanceof ConnectionEvent.Disconnected, this.timeout);
		if (event == null) {
			throw new AssertionError("Expected " + this.socket.namespace() + " to be disconnected within "
					+ this.timeout.toMillis() + " ms; connection events: " + this.connectionEvents.all());
		}
		return ((ConnectionEvent.Disconnected) event).reason();
	}

	/**
	 * Leave the namespace and close the connection.
	 */
	public void disconnect() {
		this.socket.disconnect().block(this.timeout);
	}

	private static String describe(List<ClientEvent> events) {
		return events.isEmpty() ? "nothing" : events.toString();
	}

	@Override
	public String toString() {
		return "TestSocket[" + this.socket + "]";
	}

}
