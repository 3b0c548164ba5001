package dev.realtime.socketio.contract.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that serves the AsyncAPI 3.0 document of the application's
 * Socket.IO API ({@code /actuator/socketioasyncapi} once exposed, for instance with
 * {@code management.endpoints.web.exposure.include=health,socketioasyncapi}). The id is
 * one word, as Boot's own endpoint ids are.
 *
 * @since 0.1.0
 */
@Endpoint(id = "socketioasyncapi")
public class SocketIoAsyncApiEndpoint {

	private final SocketIoAsyncApiDocument document;

	/**
	 * Create an endpoint.
	 * @param document the document
	 */
	public SocketIoAsyncApiEndpoint(SocketIoAsyncApiDocument document) {
		this.document = Objects.requireNonNull(document, "document");
	}

	/**
	 * Return the document, as {@code application/json} (what AsyncAPI tools read) rather
	 * than the actuator's own media type.
	 * @return the AsyncAPI document
	 */
	@ReadOperation(produces = "application/json")
	public Map<String, Object> asyncApi() {
		return this.document.asMap();
	}

}
