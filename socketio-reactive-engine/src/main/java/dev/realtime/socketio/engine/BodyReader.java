package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Reads a request body as UTF-8 text (or as bytes), failing as soon as it grows past a
 * limit, so that an oversized body is never held in memory whole.
 */
final class BodyReader {

	private BodyReader() {
	}

	static Mono<String> read(HttpServerRequest request, int maxBytes) {
		// Each chunk is copied into a heap array as it arrives and Reactor Netty releases
		// it
		// after onNext: nothing is retained, so there is nothing to release on error or
		// cancel, and no usingWhen/composite chain per POST (a polling body is one small
		// chunk).
		return request.receive().collect(() -> new Accumulator(maxBytes), Accumulator::append).map(Accumulator::text);
	}

	/** Read a body as bytes: an EIO3 binary payload. */
	static Mono<byte[]> readBytes(HttpServerRequest request, int maxBytes) {
		return request.receive().collect(() -> new Accumulator(maxBytes), Accumulator::append).map(Accumulator::bytes);
	}

	/** The bytes of a body so far. */
	private static final class Accumulator {

		private final int maxBytes;

		private byte[] bytes = new byte[0];

		private int length;

		Accumulator(int maxBytes) {
			this.maxBytes = maxBytes;
		}

		void append(ByteBuf chunk) {
			int size = chunk.readableBytes();
			if (this.length + size > this.maxBytes) {
				throw new TooLargeException();
			}
			if (this.length + size > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes,
						Math.min(this.maxBytes, Math.max(this.length + size, this.bytes.length * 2)));
			}
			chunk.getBytes(chunk.readerIndex(), this.bytes, this.length, size);
			this.length += size;
		}

		String text() {
			return new String(this.bytes, 0, this.length, StandardCharsets.UTF_8);
		}

		byte[] bytes() {
			return (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
		}

	}

	/** The body exceeded the limit. */
	static final class TooLargeException extends RuntimeException {

		TooLargeException() {
			super("Request body too large", null, false, false);
		}

	}

}
