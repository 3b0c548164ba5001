package dev.realtime.socketio.contract.asyncapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The official AsyncAPI 3.0.0 JSON schema (a copy of
 * {@code schemas/3.0.0-without-$id.json} of the AsyncAPI Initiative's
 * {@code spec-json-schemas}, Apache License 2.0; see {@code asyncapi/NOTICE.md} beside
 * it), for tests that check generated documents.
 */
public final class AsyncApiSchema {

	private static final String RESOURCE = "/asyncapi/asyncapi-3.0.0.schema.json";

	private static final Schema SCHEMA = load();

	private AsyncApiSchema() {
	}

	/**
	 * Validate a document.
	 * @param document the AsyncAPI document
	 * @return the violations, as messages with their location; empty when valid
	 */
	public static List<String> violations(JsonNode document) {
		List<Error> errors = SCHEMA.validate(document);
		return errors.stream().map((error) -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
	}

	private static Schema load() {
		try (InputStream schema = AsyncApiSchema.class.getResourceAsStream(RESOURCE)) {
			if (schema == null) {
				throw new IllegalStateException("Missing test resource " + RESOURCE);
			}
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema, InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
