package dev.realtime.socketio.engine;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The HTTP errors of the Engine.IO protocol, with the codes and messages of the reference
 * server.
 */
enum EngineIoError {

	UNKNOWN_TRANSPORT(0, "Transport unknown", HttpResponseStatus.BAD_REQUEST),

	UNKNOWN_SID(1, "Session ID unknown", HttpResponseStatus.BAD_REQUEST),

	BAD_HANDSHAKE_METHOD(2, "Bad handshake method", HttpResponseStatus.BAD_REQUEST),

	BAD_REQUEST(3, "Bad request", HttpResponseStatus.BAD_REQUEST),

	FORBIDDEN(4, "Forbidden", HttpResponseStatus.FORBIDDEN),

	UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", HttpResponseStatus.BAD_REQUEST);

	private final int code;

	private final String message;

	private final HttpResponseStatus status;

	EngineIoError(int code, String message, HttpResponseStatus status) {
		this.code = code;
		this.message = message;
		this.status = status;
	}

	int code() {
		return this.code;
	}

	String message() {
		return this.message;
	}

	HttpResponseStatus status() {
		return this.status;
	}

}
