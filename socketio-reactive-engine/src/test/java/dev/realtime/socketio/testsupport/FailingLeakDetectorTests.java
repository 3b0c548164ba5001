package dev.realtime.socketio.testsupport;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FailingLeakDetector}: Netty uses it, and it records a dropped buffer.
 */
class FailingLeakDetectorTests {

	@AfterEach
	void forgetDeliberateLeaks() {
		FailingLeakDetector.clear();
	}

	@Test
	void droppedPooledBufferIsRecordedAsLeak() {
		FailingLeakDetector.clear();
		leakBuffer();
		assertThat(FailingLeakDetector.isActiveFor("ByteBuf"))
			.as("Netty must use FailingLeakDetector (system property io.netty.customResourceLeakDetector)")
			.isTrue();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			NettyLeakCheck.triggerDetection();
			assertThat(FailingLeakDetector.leaks()).anySatisfy((leak) -> {
				assertThat(leak.resourceType()).isEqualTo("ByteBuf");
				assertThat(leak.records()).contains("leakBuffer");
			});
		});
	}

	private static void leakBuffer() {
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
		buffer.writeBytes(new byte[] { 1, 2, 3 });
	}

}
