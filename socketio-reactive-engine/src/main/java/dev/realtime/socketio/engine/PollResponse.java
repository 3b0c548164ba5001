package dev.realtime.socketio.engine;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a long-polling request, computed in the session's context and written on
 * the request's connection: a text body, or the bytes of an EIO3 binary payload.
 */
record PollResponse(HttpResponseStatus status, String contentType, String body, byte @Nullable [] binaryBody) {

	static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

	static final PollResponse OK = new PollResponse(HttpResponseStatus.OK, "text/html", "ok", null);

	/**
	 * A request the session refuses: the reference's {@code {"code":3,...}}, not an empty
	 * 400.
	 */
	static final PollResponse BAD_REQUEST = error(EngineIoError.BAD_REQUEST);

	/** A request for a session that closed meanwhile, as if it had never been found. */
	static final PollResponse UNKNOWN_SID = error(EngineIoError.UNKNOWN_SID);

	static PollResponse payload(String body) {
		return new PollResponse(HttpResponseStatus.OK, TEXT_PLAIN, body, null);
	}

	static PollResponse binary(byte[] body) {
		return new PollResponse(HttpResponseStatus.OK, "application/octet-stream", "", body);
	}

	private static PollResponse error(EngineIoError error) {
		return new PollResponse(error.status(), "application/json", ErrorResponses.json(error, error.message()), null);
	}

}
