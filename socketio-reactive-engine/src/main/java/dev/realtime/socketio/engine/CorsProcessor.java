package dev.realtime.socketio.engine;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Applies {@link EngineIoCorsOptions} to responses: the engine's own CORS, since WebFlux
 * filters never see Engine.IO traffic.
 */
final class CorsProcessor {

	private final @Nullable EngineIoCorsOptions options;

	private final String allowedMethods;

	CorsProcessor(@Nullable EngineIoCorsOptions options) {
		this.options = options;
		this.allowedMethods = (options != null) ? String.join(",", options.allowedMethods()) : "";
	}

	boolean enabled() {
		return this.options != null;
	}

	boolean isAllowed(String origin) {
		return this.options == null || this.options.isAllowed(origin);
	}

	void applyHeaders(@Nullable String origin, HttpServerResponse response) {
		EngineIoCorsOptions cors = this.options;
		if (cors == null) {
			return;
		}
		if (cors.allowsAnyOrigin() && !cors.allowCredentials()) {
			response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
			return;
		}
		if (origin != null && cors.isAllowed(origin)) {
			response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
			response.header(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
			if (cors.allowCredentials()) {
				response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
			}
		}
	}

	void applyPreflight(HttpHeaders request, HttpServerResponse response) {
		EngineIoCorsOptions cors = this.options;
		if (cors == null) {
			return;
		}
		response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, this.allowedMethods);
		if (!cors.allowedHeaders().isEmpty()) {
			response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(",", cors.allowedHeaders()));
		}
		else {
			String requested = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
			if (requested != null) {
				response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
			}
		}
		if (cors.maxAge() != null) {
			response.header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(cors.maxAge().toSeconds()));
		}
		response.header(HttpHeaderNames.CONTENT_LENGTH, "0");
	}

}
