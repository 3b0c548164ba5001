package dev.realtime.socketio.server.adapter;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.realtime.socketio.protocol.SocketIoPacket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store of connection state recovery, on a clock the tests move.
 */
class InMemorySessionStoreTests {

	private static final Duration WINDOW = Duration.ofSeconds(10);

	private final AtomicLong now = new AtomicLong();

	private final InMemorySessionStore store = new InMemorySessionStore(WINDOW, this.now::get);

	@Test
	void storedEventGetsTheNextOffsetAsItsLastArgumentWithoutChangingTheOriginal() {
		ArrayNode data = event("news", 1);
		SocketIoPacket first = this.store.store(SocketIoPacket.event("/", data), to("room"));
		SocketIoPacket second = this.store.store(SocketIoPacket.event("/", event("news", 2)), to("room"));
		assertThat(data.toString()).isEqualTo("[\"news\",1]");
		assertThat(first.data().toString()).isEqualTo("[\"news\",1,\"1\"]");
		assertThat(second.data().toString()).isEqualTo("[\"news\",2,\"2\"]");
	}

	@Test
	void onlyEventsWithoutAckIdAndNotVolatileAreRecoverable() {
		BroadcastOptions volatileOptions = BroadcastOptions.builder().volatileFlag(true).build();
		assertThat(InMemoryAdapter.isRecoverable(SocketIoPacket.event("/", event("a")), BroadcastOptions.all()))
			.isTrue();
		assertThat(InMemoryAdapter.isRecoverable(SocketIoPacket.event("/", event("a")), volatileOptions)).isFalse();
		assertThat(InMemoryAdapter.isRecoverable(SocketIoPacket.event("/", event("a"), 3), BroadcastOptions.all()))
			.isFalse();
		assertThat(InMemoryAdapter.isRecoverable(SocketIoPacket.disconnect("/"), BroadcastOptions.all())).isFalse();
	}

	@Test
	void restoreReturnsTheEventsAfterTheOffsetThatReachedTheSessionRoomsInOrder() {
		String offset = lastOffset(this.store.store(SocketIoPacket.event("/", event("e", 0)), to("room")));
		this.store.store(SocketIoPacket.event("/", event("e", 1)), to("room"));
		this.store.store(SocketIoPacket.event("/", event("e", 2)), to("other"));
		this.store.store(SocketIoPacket.event("/", event("e", 3)), BroadcastOptions.all());
		this.store.store(SocketIoPacket.event("/", event("e", 4)),
				BroadcastOptions.builder().except(Set.of("room")).build());
		this.store.store(SocketIoPacket.event("/", event("e", 5)), to("sid-1"));
		this.store.store(SocketIoPacket.event("/", event("e", 6)), to("sid-2"));
		this.store.persist(session());
		RestoredSession restored = this.store.restore("pid-1", offset);
		assertThat(restored).isNotNull();
		assertThat(restored.session().sid()).isEqualTo("sid-1");
		assertThat(restored.session().data()).containsEntry("name", "ada");
		assertThat(restored.missedPackets()).extracting((packet) -> packet.get(1).asInt()).containsExactly(1, 3, 5);
		assertThat(restored.missedPackets()).allSatisfy((packet) -> assertThat(packet.get(2).isString()).isTrue());
	}

	@Test
	void sessionIsRestoredOnce() {
		String offset = lastOffset(this.store.store(SocketIoPacket.event("/", event("e")), to("room")));
		this.store.persist(session());
		assertThat(this.store.restore("pid-1", offset)).isNotNull();
		assertThat(this.store.restore("pid-1", offset)).isNull();
	}

	@Test
	void unknownPidOrUnknownOffsetIsNotRestored() {
		String offset = lastOffset(this.store.store(SocketIoPacket.event("/", event("e")), to("room")));
		this.store.persist(session());
		assertThat(this.store.restore("pid-2", offset)).isNull();
		this.store.persist(session());
		assertThat(this.store.restore("pid-1", "not-an-offset")).isNull();
		this.store.persist(session());
		assertThat(this.store.restore("pid-1", "99")).isNull();
	}

	@Test
	void sessionOlderThanTheWindowIsNotRestored() {
		String offset = lastOffset(this.store.store(SocketIoPacket.event("/", event("e")), to("room")));
		this.store.persist(session());
		this.now.addAndGet(WINDOW.toNanos() + 1);
		assertThat(this.store.restore("pid-1", offset)).isNull();
		assertThat(this.store.sessionCount()).isZero();
	}

	@Test
	void sessionWhoseOffsetWasDroppedIsNotRestored() {
		String offset = lastOffset(this.store.store(SocketIoPacket.event("/", event("e")), to("room")));
		this.now.addAndGet(WINDOW.toNanos() + 1);
		this.store.store(SocketIoPacket.event("/", event("e")), to("room"));
		this.store.persist(session());
		assertThat(this.store.restore("pid-1", offset)).isNull();
	}

	@Test
	void packetsAndSessionsOlderThanTheWindowAreDropped() {
		for (int i = 0; i < 100; i++) {
			this.store.store(SocketIoPacket.event("/", event("e", i)), BroadcastOptions.all());
			this.store.persist(new SocketIoSession("sid-" + i, "pid-" + i, Set.of(), Map.of()));
		}
		this.now.addAndGet(WINDOW.toNanos() + 1);
		this.store.store(SocketIoPacket.event("/", event("e")), BroadcastOptions.all());
		this.store.persist(session());
		assertThat(this.store.packetCount()).isOne();
		assertThat(this.store.sessionCount()).isOne();
	}

	private static SocketIoSession session() {
		return new SocketIoSession("sid-1", "pid-1", Set.of("sid-1", "room"), Map.of("name", "ada"));
	}

	private static BroadcastOptions to(String room) {
		return BroadcastOptions.builder().rooms(Set.of(room)).build();
	}

	private static ArrayNode event(String name, int... args) {
		ArrayNode data = JsonNodeFactory.instance.arrayNode().add(name);
		for (int arg : args) {
			data.add(arg);
		}
		return data;
	}

	private static String lastOffset(SocketIoPacket packet) {
		ArrayNode data = (ArrayNode) packet.data();
		return data.get(data.size() - 1).asString();
	}

}
