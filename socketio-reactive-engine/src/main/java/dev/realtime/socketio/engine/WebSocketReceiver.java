package dev.realtime.socketio.engine;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The inbound side of one WebSocket: hands every frame to the request handler, reports an
 * error to the session, and tells the session when the WebSocket ends. The returned
 * {@code Mono} completes when the inbound ends (also after an error), which lets Reactor
 * Netty close the connection.
 * <p>
 * One object per connection in place of an operator chain ({@code doOnNext},
 * {@code then}, {@code onErrorResume}, {@code doFinally} and their lambdas), since it
 * lives as long as the connection: an idle connection's heap is mostly objects like
 * these.
 */
final class WebSocketReceiver extends Mono<Void> implements CoreSubscriber<Object>, Subscription {

	private static final AtomicIntegerFieldUpdater<WebSocketReceiver> FINISHED = AtomicIntegerFieldUpdater
		.newUpdater(WebSocketReceiver.class, "finished");

	private final Publisher<?> inbound;

	private final EngineIoRequestHandler handler;

	private final EngineIoSession session;

	private final WebSocketTransport ws;

	private @Nullable CoreSubscriber<? super Void> actual;

	private @Nullable Subscription upstream;

	private volatile int finished;

	WebSocketReceiver(Publisher<?> inbound, EngineIoRequestHandler handler, EngineIoSession session,
			WebSocketTransport ws) {
		this.inbound = inbound;
		this.handler = handler;
		this.session = session;
		this.ws = ws;
	}

	// The Mono side: subscribed once, by Reactor Netty

	@Override
	public void subscribe(CoreSubscriber<? super Void> actual) {
		if (this.actual != null) {
			Operators.error(actual, new IllegalStateException("WebSocketReceiver allows only one subscriber"));
			return;
		}
		this.actual = actual;
		this.inbound.subscribe(this);
	}

	@Override
	public void request(long n) {
		// Emits no values: the inbound is requested unbounded on subscription.
	}

	@Override
	public void cancel() {
		Subscription upstream = this.upstream;
		if (upstream != null) {
			upstream.cancel();
		}
		if (FINISHED.compareAndSet(this, 0, 1)) {
			closed();
		}
	}

	// The subscriber side, on the channel's event loop

	@Override
	public Context currentContext() {
		CoreSubscriber<? super Void> actual = this.actual;
		return (actual != null) ? actual.currentContext() : Context.empty();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			actual().onSubscribe(this);
			subscription.request(Long.MAX_VALUE);
		}
	}

	@Override
	public void onNext(Object message) {
		if (message instanceof WebSocketFrame frame && this.finished == 0) {
			try {
				this.handler.onFrame(this.session, this.ws, frame);
			}
			catch (RuntimeException ex) {
				// As doOnNext does: the failure ends the inbound
				Subscription upstream = this.upstream;
				if (upstream != null) {
					upstream.cancel();
				}
				onError(ex);
			}
		}
	}

	@Override
	public void onError(Throwable error) {
		if (!FINISHED.compareAndSet(this, 0, 1)) {
			Operators.onErrorDropped(error, currentContext());
			return;
		}
		String description = String.valueOf(error.getMessage());
		this.session.execute(() -> this.session.webSockets().onError(this.ws, description));
		actual().onComplete();
		closed();
	}

	@Override
	public void onComplete() {
		if (FINISHED.compareAndSet(this, 0, 1)) {
			actual().onComplete();
			closed();
		}
	}

	private CoreSubscriber<? super Void> actual() {
		CoreSubscriber<? super Void> actual = this.actual;
		if (actual == null) {
			throw new IllegalStateException("Not subscribed");
		}
		return actual;
	}

	private void closed() {
		this.session.execute(() -> this.session.webSockets().onClosed(this.ws));
	}

}
