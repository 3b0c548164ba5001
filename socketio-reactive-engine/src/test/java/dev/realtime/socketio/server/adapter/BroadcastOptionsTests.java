package dev.realtime.socketio.server.adapter;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BroadcastOptions}.
 */
class BroadcastOptionsTests {

	@Test
	void defaultsTargetEverySocketOnEveryNode() {
		BroadcastOptions options = BroadcastOptions.builder().build();
		assertThat(options.rooms()).isEmpty();
		assertThat(options.except()).isEmpty();
		assertThat(options.volatileFlag()).isFalse();
		assertThat(options.compress()).isTrue();
		assertThat(options.local()).isFalse();
		assertThat(options.timeout()).isNull();
		assertThat(options).isEqualTo(BroadcastOptions.all()).hasSameHashCodeAs(BroadcastOptions.all());
	}

	@Test
	void builderSetsEachFlagByName() {
		BroadcastOptions options = BroadcastOptions.builder()
			.rooms(Set.of("news"))
			.except(Set.of("muted"))
			.volatileFlag(true)
			.compress(false)
			.local(true)
			.timeout(Duration.ofSeconds(2))
			.build();
		assertThat(options.rooms()).containsExactly("news");
		assertThat(options.except()).containsExactly("muted");
		assertThat(options.volatileFlag()).isTrue();
		assertThat(options.compress()).isFalse();
		assertThat(options.local()).isTrue();
		assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options).isNotEqualTo(BroadcastOptions.all());
	}

	@Test
	void roomsAreCopied() {
		Set<String> rooms = new HashSet<>(Set.of("news"));
		BroadcastOptions options = BroadcastOptions.builder().rooms(rooms).build();
		rooms.add("weather");
		assertThat(options.rooms()).containsExactly("news");
	}

	@Test
	void reachesSocketsInATargetRoomAndInNoExcludedOne() {
		BroadcastOptions options = BroadcastOptions.builder().rooms(Set.of("news")).except(Set.of("muted")).build();
		assertThat(options.reaches(Set.of("a", "news"))).isTrue();
		assertThat(options.reaches(Set.of("b", "news", "muted"))).isFalse();
		assertThat(options.reaches(Set.of("c"))).isFalse();
		assertThat(BroadcastOptions.all().reaches(Set.of("c"))).isTrue();
	}

	@Test
	void toBuilderStartsFromTheOptionsAndLeavesThemUnchanged() {
		BroadcastOptions options = BroadcastOptions.builder()
			.rooms(Set.of("a"))
			.except(Set.of("b"))
			.volatileFlag(true)
			.compress(false)
			.local(true)
			.timeout(Duration.ofSeconds(2))
			.build();
		assertThat(options.toBuilder().build()).isEqualTo(options);
		BroadcastOptions changed = options.toBuilder().local(false).build();
		assertThat(changed.local()).isFalse();
		assertThat(changed.rooms()).containsExactly("a");
		assertThat(options.local()).isTrue();
	}

}
