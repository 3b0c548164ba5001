package dev.realtime.socketio.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SocketIoParserLimits}.
 */
class SocketIoParserLimitsTests {

	@Test
	void defaultsMatchTheReferenceParser() {
		SocketIoParserLimits limits = SocketIoParserLimits.defaults();
		assertThat(limits.maxAttachments()).isEqualTo(10);
		assertThat(limits.maxNestingDepth()).isEqualTo(500);
		assertThat(limits.maxEventNameLength()).isEqualTo(256);
		assertThat(SocketIoParserLimits.builder().build()).isEqualTo(limits);
	}

	@Test
	void builderCopiesAndOverridesValues() {
		SocketIoParserLimits limits = SocketIoParserLimits.builder().maxAttachments(0).maxNestingDepth(1).build();
		assertThat(limits.maxAttachments()).isZero();
		assertThat(limits.maxNestingDepth()).isEqualTo(1);
		assertThat(limits.toBuilder().build()).isEqualTo(limits).hasSameHashCodeAs(limits);
		assertThat(limits.toBuilder().maxEventNameLength(5).build().maxEventNameLength()).isEqualTo(5);
	}

	@Test
	void builderRejectsInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoParserLimits.builder().maxAttachments(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoParserLimits.builder().maxNestingDepth(0));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoParserLimits.builder().maxEventNameLength(0));
	}

}
