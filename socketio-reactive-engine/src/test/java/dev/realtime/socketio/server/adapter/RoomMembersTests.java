package dev.realtime.socketio.server.adapter;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomMembersTests {

	@Test
	void aRoomOfOneIsASmallImmutableSetAndGrowsIntoAConcurrentOne() {
		Set<String> one = RoomMembers.with(null, "a");
		assertThat(one).containsExactly("a");
		assertThat(RoomMembers.with(one, "a")).isSameAs(one);
		Set<String> two = RoomMembers.with(one, "b");
		assertThat(two).containsExactlyInAnyOrder("a", "b");
		assertThat(RoomMembers.with(two, "c")).isSameAs(two).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(RoomMembers.without(two, "a")).isSameAs(two).containsExactlyInAnyOrder("b", "c");
		assertThat(RoomMembers.without(RoomMembers.without(two, "b"), "c")).isNull();
	}

	@Test
	void leavingARoomOfOneEmptiesItOnlyForItsMember() {
		Set<String> one = RoomMembers.with(null, "a");
		assertThat(RoomMembers.without(one, "b")).isSameAs(one);
		assertThat(RoomMembers.without(one, "a")).isNull();
	}

	@Test
	void aSocketsRoomsAreReplacedOnChange() {
		Set<String> rooms = SmallSets.with(null, "own-id");
		Set<String> joined = SmallSets.with(rooms, "chat");
		assertThat(rooms).containsExactly("own-id");
		assertThat(joined).containsExactlyInAnyOrder("own-id", "chat");
		assertThat(SmallSets.with(joined, "chat")).isSameAs(joined);
		assertThat(SmallSets.without(joined, "chat")).containsExactly("own-id");
		assertThat(SmallSets.without(joined, "elsewhere")).isSameAs(joined);
		assertThat(SmallSets.without(rooms, "own-id")).isNull();
	}

}
