package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Reads a request body as UTF-8 text, failing as soon as it grows past a limit, so that an
 * oversized body is never held in memory whole.
 */
final class BodyReader {

	private BodyReader() {
	}

	static Mono<String> read(HttpServerRequest request, int maxBytes) {
		// The composite owns every retained chunk and is released whatever the outcome.
		return Mono.<String, CompositeByteBuf>usingWhen(
				Mono.fromSupplier(() -> ByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE)),
				(composite) -> request.receive()
					.retain()
					.doOnNext((chunk) -> append(composite, chunk, maxBytes))
					.then(Mono.fromSupplier(() -> composite.toString(StandardCharsets.UTF_8))),
				(composite) -> {
					composite.release();
					return Mono.empty();
				});
	}

	private static void append(CompositeByteBuf composite, ByteBuf chunk, int maxBytes) {
		if (composite.readableBytes() + chunk.readableBytes() > maxBytes) {
			chunk.release();
			throw new TooLargeException();
		}
		composite.addComponent(true, chunk);
	}

	/** The body exceeded the limit. */
	static final class TooLargeException extends RuntimeException {

		TooLargeException() {
			super("Request body too large", null, false, false);
		}

	}

}
