package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ReflectionUtils;

import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.EventName;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.handler.EventContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * Tests for {@link SocketEventDispatcher}: where invocations run and in which order.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketEventDispatcherTests {

	private final EventLoop eventLoop = new DefaultEventLoop();

	private final ExecutorService worker = Executors.newCachedThreadPool();

	private final SocketIoSocket socket = mock(SocketIoSocket.class,
			withSettings().extraInterfaces(ServerInternals.EngineSocketOwner.class));

	private final Handler handler = new Handler();

	private final InvocableEventMethodFactory factory = new InvocableEventMethodFactory(
			new EventArgumentResolverComposite().addResolvers(List.of(new EventNameArgumentResolver())),
			new EventReturnValueHandlerComposite()
				.addHandlers(List.of(new VoidReturnValueHandler(), new ReactiveReturnValueHandler())),
			null);

	SocketEventDispatcherTests() {
		EngineIoSocket conn = mock(EngineIoSocket.class);
		given(conn.eventLoop()).willReturn(this.eventLoop);
		willAnswer((invocation) -> {
			this.eventLoop.execute(invocation.getArgument(0));
			return null;
		}).given(conn).execute(any(Runnable.class));
		given(((ServerInternals.EngineSocketOwner) this.socket).engineSocket()).willReturn(conn);
	}

	@AfterEach
	void shutdown() {
		this.handler.release.countDown();
		this.eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		this.worker.shutdownNow();
	}

	@Test
	void shouldInvokeReactiveHandlerRightAwayWhenNothingIsPending() throws Exception {
		SocketEventDispatcher dispatcher = new SocketEventDispatcher(this.socket, this.worker);
		onEventLoop(() -> dispatcher.dispatch(invoker("reactive"), event("r1")));
		assertThat(this.handler.calls).containsExactly("r1 on event loop");
	}

	@Test
	void shouldInvokeBlockingHandlerOnTheWorker() {
		SocketEventDispatcher dispatcher = new SocketEventDispatcher(this.socket, this.worker);
		this.handler.release.countDown();
		onEventLoop(() -> dispatcher.dispatch(invoker("blocking"), event("b1")));
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.handler.calls.size() == 1);
		assertThat(this.handler.calls).containsExactly("b1 on worker");
	}

	@Test
	void shouldKeepArrivalOrderBehindBlockingHandler() {
		SocketEventDispatcher dispatcher = new SocketEventDispatcher(this.socket, this.worker);
		onEventLoop(() -> {
			dispatcher.dispatch(invoker("blocking"), event("b1"));
			dispatcher.dispatch(invoker("reactive"), event("r2"));
			dispatcher.dispatch(invoker("blocking"), event("b3"));
			dispatcher.dispatch(invoker("reactive"), event("r4"));
		});
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.handler.entered.contains("b1"));
		assertThat(this.handler.calls).isEmpty();
		this.handler.release.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.handler.calls.size() == 4);
		assertThat(this.handler.calls).containsExactly("b1 on worker", "r2 on event loop", "b3 on worker",
				"r4 on event loop");
	}

	@Test
	void shouldInvokeEverythingOnTheEventLoopWithoutWorker() {
		SocketEventDispatcher dispatcher = new SocketEventDispatcher(this.socket, null);
		this.handler.release.countDown();
		onEventLoop(() -> {
			dispatcher.dispatch(invoker("blocking"), event("b1"));
			dispatcher.dispatch(invoker("reactive"), event("r2"));
		});
		assertThat(this.handler.calls).containsExactly("b1 on event loop", "r2 on event loop");
	}

	@Test
	void shouldWarnWhenAnInvocationHoldsTheEventLoop(CapturedOutput output) {
		SocketEventDispatcher dispatcher = new SocketEventDispatcher(this.socket, null);
		onEventLoop(() -> {
			dispatcher.dispatch(invoker("reactive"), event("quick"));
			dispatcher.dispatch(invoker("slow"), event("s1"));
		});
		assertThat(this.handler.calls).containsExactly("quick on event loop", "s1 on event loop");
		assertThat(output).contains("#slow", "held the event loop", "socketio.handler.execution=bounded-elastic");
		assertThat(output).doesNotContain("#reactive");
	}

	private void onEventLoop(Runnable task) {
		this.eventLoop.submit(task).syncUninterruptibly();
	}

	private EventHandlerInvoker invoker(String methodName) {
		Method method = ReflectionUtils.findMethod(Handler.class, methodName, String.class);
		InvocableEventMethod invocable = this.factory.create(this.handler, method);
		return new EventHandlerInvoker(invocable, new EventExceptionHandler(null, List.of(), null, false));
	}

	private EventContext event(String name) {
		return EventContext.event(this.socket, name, JsonNodeFactory.instance.arrayNode(), null);
	}

	final class Handler {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final List<String> entered = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		@OnEvent("blocking")
		void blocking(@EventName String event) throws InterruptedException {
			this.entered.add(event);
			this.release.await(5, TimeUnit.SECONDS);
			this.calls.add(event + where());
		}

		@OnEvent("slow")
		void slow(@EventName String event) throws InterruptedException {
			Thread.sleep(SocketEventDispatcher.SLOW_INVOCATION_MILLIS + 20);
			this.calls.add(event + where());
		}

		@OnEvent("reactive")
		Mono<Void> reactive(@EventName String event) {
			this.calls.add(event + where());
			return Mono.empty();
		}

		private String where() {
			return SocketEventDispatcherTests.this.eventLoop.inEventLoop() ? " on event loop" : " on worker";
		}

	}

}
