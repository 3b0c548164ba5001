package dev.realtime.socketio.server;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DisconnectReason}.
 */
class DisconnectReasonTests {

	@Test
	void reasonsCarryTheNodeServersStrings() {
		assertThat(Arrays.stream(DisconnectReason.values()).map(DisconnectReason::wireName)).containsExactly(
				"server namespace disconnect", "client namespace disconnect", "server shutting down",
				"forced server close", "transport close", "transport error", "ping timeout", "parse error",
				"rate limit exceeded", "buffer overflow", "forced close");
	}

	@Test
	void recoverableReasonsAreTheNodeServersOnes() {
		// The reference server keeps a session after these and only these.
		assertThat(Arrays.stream(DisconnectReason.values()).filter(DisconnectReason::isRecoverable))
			.containsExactlyInAnyOrder(DisconnectReason.TRANSPORT_ERROR, DisconnectReason.TRANSPORT_CLOSE,
					DisconnectReason.FORCED_CLOSE, DisconnectReason.PING_TIMEOUT, DisconnectReason.SERVER_SHUTTING_DOWN,
					DisconnectReason.FORCED_SERVER_CLOSE);
	}

	@ParameterizedTest
	@EnumSource(DisconnectReason.class)
	void wireNameRoundTripsAndIsTheStringForm(DisconnectReason reason) {
		assertThat(DisconnectReason.fromWireName(reason.wireName())).isSameAs(reason);
		assertThat(reason).hasToString(reason.wireName());
	}

	@Test
	void unknownNameHasNoReason() {
		assertThat(DisconnectReason.fromWireName("TRANSPORT_CLOSE")).isNull();
		assertThat(DisconnectReason.fromWireName(null)).isNull();
	}

}
