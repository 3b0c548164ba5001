package dev.realtime.socketio.spring.handler.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandlerExecutor}.
 */
class HandlerExecutorTests {

	@Test
	void eventLoopExecutionHasNoWorker() {
		HandlerExecutor executor = HandlerExecutor.create(EventHandlerExecution.EVENT_LOOP);
		assertThat(executor.executor()).isNull();
		assertThat(executor.scheduler()).isNull();
	}

	@Test
	void boundedElasticExecutionRunsOnReactorWorkers() {
		HandlerExecutor executor = HandlerExecutor.create(EventHandlerExecution.BOUNDED_ELASTIC);
		assertThat(threadName(executor.executor())).startsWith("boundedElastic-");
		executor.dispose();
	}

	@Test
	void virtualThreadExecutionUsesVirtualThreadsOrFallsBackBeforeJava21() {
		HandlerExecutor executor = HandlerExecutor.create(EventHandlerExecution.VIRTUAL_THREADS);
		try {
			String expectedPrefix = (Runtime.version().feature() >= 21) ? "socketio-handler-" : "boundedElastic-";
			assertThat(threadName(executor.executor())).startsWith(expectedPrefix);
		}
		finally {
			executor.dispose();
		}
	}

	private static String threadName(Executor executor) {
		CompletableFuture<String> name = new CompletableFuture<>();
		executor.execute(() -> name.complete(Thread.currentThread().getName()));
		return name.join();
	}

}
