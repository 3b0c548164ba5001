package dev.realtime.socketio.testsupport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits on the queues tests fill from server callbacks (connections, disconnect reasons).
 */
public final class TestQueues {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	private TestQueues() {
	}

	/**
	 * Take the next value, waiting for it as long as {@link SocketIoTestServer#TIMEOUT}.
	 * @throws AssertionError when none came
	 */
	public static <T> T next(BlockingQueue<T> queue) {
		try {
			T value = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(value).as("value within %s", TIMEOUT).isNotNull();
			return value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
