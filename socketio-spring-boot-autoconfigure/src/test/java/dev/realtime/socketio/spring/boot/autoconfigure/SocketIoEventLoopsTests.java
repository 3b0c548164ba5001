package dev.realtime.socketio.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How many event loops the server gets: one per processor unless Reactor Netty's own
 * count is the same or was chosen through its system property, and an explicit
 * {@code socketio.server.event-loops} always.
 */
class SocketIoEventLoopsTests {

	@Test
	void twoProcessorsGetTwoLoopsInsteadOfReactorNettysFour() {
		assertThat(SocketIoEventLoops.resolve(null, false, 2, 4)).isEqualTo(2);
	}

	@Test
	void oneProcessorGetsOneLoop() {
		assertThat(SocketIoEventLoops.resolve(null, false, 1, 4)).isEqualTo(1);
	}

	@Test
	void reactorNettysSharedLoopsWhenTheyAreOnePerProcessorAlready() {
		assertThat(SocketIoEventLoops.resolve(null, false, 8, 8)).isZero();
	}

	@Test
	void reactorNettysSharedLoopsWhenItsSystemPropertyIsSet() {
		assertThat(SocketIoEventLoops.resolve(null, true, 2, 3)).isZero();
	}

	@Test
	void theConfiguredCountWins() {
		assertThat(SocketIoEventLoops.resolve(3, true, 2, 4)).isEqualTo(3);
	}

	@Test
	void zeroLoopsFailStartupWithTheFix() {
		SocketIoProperties properties = new SocketIoProperties();
		properties.getServer().setEventLoops(0);
		assertThatExceptionOfType(SocketIoStartupException.class).isThrownBy(() -> SocketIoEventLoops.from(properties))
			.withMessageContaining("socketio.server.event-loops must be at least 1");
	}

}
