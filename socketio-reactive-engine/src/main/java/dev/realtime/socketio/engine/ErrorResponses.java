package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The answers to refused requests: a JSON error object over HTTP, plain text to a refused
 * WebSocket upgrade, as the reference server answers them.
 */
final class ErrorResponses {

	private ErrorResponses() {
	}

	static Mono<Void> error(HttpServerResponse response, EngineIoError error, boolean upgrade) {
		return error(response, error, error.message(), upgrade);
	}

	static Mono<Void> error(HttpServerResponse response, EngineIoError error, String message, boolean upgrade) {
		if (upgrade) {
			// A refused WebSocket upgrade gets a plain-text answer and the connection is
			// closed, as in the reference server.
			byte[] body = message.getBytes(StandardCharsets.UTF_8);
			return response.status(error.status())
				.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
				.header(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
				.sendByteArray(Mono.just(body))
				.then();
		}
		byte[] body = json(error, message).getBytes(StandardCharsets.UTF_8);
		return response.status(error.status())
			.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	/** The JSON error object of the reference server. */
	static String json(EngineIoError error, String message) {
		return "{\"code\":" + error.code() + ",\"message\":" + jsonString(message) + "}";
	}

	/**
	 * A handshake refused by the connection limits: 503 when the server is full, else
	 * 429.
	 */
	static Mono<Void> limited(HttpServerResponse response, ConnectionLimiter.Refusal refusal, boolean upgrade) {
		HttpResponseStatus status = (refusal == ConnectionLimiter.Refusal.SERVER_FULL)
				? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.TOO_MANY_REQUESTS;
		byte[] body = (upgrade ? refusal.message()
				: "{\"code\":" + EngineIoError.FORBIDDEN.code() + ",\"message\":\"" + refusal.message() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, upgrade ? "text/plain; charset=UTF-8" : "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	static String jsonString(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
