package dev.realtime.socketio.contract;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of a payload type, as the application's {@code JsonMapper} reads and
 * writes it; {@link PayloadTypes} describes Java types with it.
 *
 * @since 0.1.0
 */
public sealed interface PayloadType {

	/**
	 * A JSON string, number, integer or boolean.
	 *
	 * @param jsonType {@code string}, {@code number}, {@code integer} or {@code boolean}
	 * @param format a JSON Schema format, such as {@code date-time} or {@code int64}, or
	 * {@code null}
	 */
	record Scalar(String jsonType, @Nullable String format) implements PayloadType {
	}

	/**
	 * A binary attachment ({@code byte[]}, {@code ByteBuffer}).
	 */
	record Binary() implements PayloadType {
	}

	/**
	 * Any JSON value ({@code Object}, {@code JsonNode}).
	 */
	record Any() implements PayloadType {
	}

	/**
	 * A JSON array.
	 *
	 * @param items the type of the elements
	 * @param unique whether the elements are distinct (a {@code Set})
	 */
	record ArrayOf(PayloadType items, boolean unique) implements PayloadType {
	}

	/**
	 * A JSON object used as a map with string keys.
	 *
	 * @param values the type of the values
	 */
	record MapOf(PayloadType values) implements PayloadType {
	}

	/**
	 * A string with a fixed set of values (a Java {@code enum}).
	 *
	 * @param values the values
	 */
	record EnumOf(List<String> values) implements PayloadType {
	}

	/**
	 * A reference to a named object type ({@link ObjectType}).
	 *
	 * @param name the name of the object type
	 */
	record Ref(String name) implements PayloadType {
	}

	/**
	 * A named JSON object: a record or bean.
	 *
	 * @param name a name unique among the object types of a contract
	 * @param javaType the Java class
	 * @param properties the properties, in the order the mapper writes them
	 */
	record ObjectType(String name, Class<?> javaType, List<Property> properties) {
	}

	/**
	 * A property of an {@link ObjectType}.
	 *
	 * @param name the JSON name
	 * @param type the type
	 * @param required whether the property is always present: a primitive, a Bean
	 * Validation not-null constraint, or a non-{@code @Nullable} property in
	 * {@code @NullMarked} code
	 * @param nullable whether the value may be {@code null} (annotated {@code @Nullable})
	 * @param constraints Bean Validation constraints as JSON Schema keywords, such as
	 * {@code maxLength}
	 */
	record Property(String name, PayloadType type, boolean required, boolean nullable,
			Map<String, Object> constraints) {
	}

}
