package dev.realtime.socketio.engine;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The answer to a long-polling request, computed in the session's context and written
 * on the request's connection.
 */
record PollResponse(HttpResponseStatus status, String contentType, String body) {

	static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

	static final PollResponse OK = new PollResponse(HttpResponseStatus.OK, "text/html", "ok");

	static final PollResponse BAD_REQUEST = new PollResponse(HttpResponseStatus.BAD_REQUEST, TEXT_PLAIN, "");

	static PollResponse payload(String body) {
		return new PollResponse(HttpResponseStatus.OK, TEXT_PLAIN, body);
	}

}
