package dev.realtime.socketio.contract;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.AnnotationUtils;

import dev.realtime.socketio.contract.PayloadType.ObjectType;
import dev.realtime.socketio.contract.PayloadType.Property;

/**
 * Describes Java payload types as {@link PayloadType}s, the way a {@link JsonMapper}
 * reads and writes them: property names and order come from the mapper's own
 * introspection (so {@code @JsonProperty}, {@code @JsonIgnore} and naming strategies
 * count). The records and beans met are collected as named {@link ObjectType}s; Bean
 * Validation constraints on their properties become JSON Schema keywords, and JSpecify's
 * {@code @Nullable} and {@code @NullMarked} decide what is required and what may be
 * {@code null}.
 * <p>
 * Not thread-safe: one instance per document.
 *
 * @since 0.1.0
 */
public class PayloadTypes {

	private static final String CONSTRAINTS = "jakarta.validation.constraints.";

	private final JsonMapper jsonMapper;

	private final Map<JavaType, String> names = new HashMap<>();

	private final Map<String, ObjectType> objects = new LinkedHashMap<>();

	/**
	 * Create a description for types as a mapper sees them.
	 * @param jsonMapper the application's mapper
	 */
	public PayloadTypes(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	/**
	 * Describe a type; the object types it uses are added to {@link #objectTypes()}.
	 * @param type a Java type, possibly generic
	 * @return its description
	 */
	public PayloadType describe(Type type) {
		return describe(this.jsonMapper.constructType(type));
	}

	/**
	 * Return the object types described so far, in the order they were met.
	 * @return the object types by name
	 */
	public Map<String, ObjectType> objectTypes() {
		return this.objects;
	}

	private PayloadType describe(JavaType type) {
		if (type.isReferenceType()) {
			return describe(type.getReferencedType());
		}
		Class<?> raw = type.getRawClass();
		PayloadType scalar = scalar(raw);
		if (scalar != null) {
			return scalar;
		}
		if (raw == byte[].class || ByteBuffer.class.isAssignableFrom(raw)) {
			return new PayloadType.Binary();
		}
		if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
			return new PayloadType.Any();
		}
		if (raw.isEnum()) {
			List<String> values = new ArrayList<>();
			for (Object constant : raw.getEnumConstants()) {
				values.add(((Enum<?>) constant).name());
			}
			return new PayloadType.EnumOf(values);
		}
		if (type.isArrayType() || type.isCollectionLikeType()) {
			return new PayloadType.ArrayOf(describe(type.getContentType()), Set.class.isAssignableFrom(raw));
		}
		if (type.isMapLikeType()) {
			return new PayloadType.MapOf(describe(type.getContentType()));
		}
		if (Collection.class.isAssignableFrom(raw) || Iterable.class.isAssignableFrom(raw)) {
			return new PayloadType.ArrayOf(new PayloadType.Any(), false);
		}
		return new PayloadType.Ref(objectType(type));
	}

	private static @Nullable PayloadType scalar(Class<?> raw) {
		if (raw == String.class || raw == char.class || raw == Character.class
				|| CharSequence.class.isAssignableFrom(raw)) {
			return new PayloadType.Scalar("string", null);
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return new PayloadType.Scalar("boolean", null);
		}
		if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class || raw == byte.class
				|| raw == Byte.class) {
			return new PayloadType.Scalar("integer", "int32");
		}
		if (raw == long.class || raw == Long.class) {
			return new PayloadType.Scalar("integer", "int64");
		}
		if (raw == BigInteger.class) {
			return new PayloadType.Scalar("integer", null);
		}
		if (raw == float.class || raw == Float.class) {
			return new PayloadType.Scalar("number", "float");
		}
		if (raw == double.class || raw == Double.class) {
			return new PayloadType.Scalar("number", "double");
		}
		if (raw == BigDecimal.class || Number.class.isAssignableFrom(raw)) {
			return new PayloadType.Scalar("number", null);
		}
		if (raw == UUID.class) {
			return new PayloadType.Scalar("string", "uuid");
		}
		if (raw == URI.class || raw == URL.class) {
			return new PayloadType.Scalar("string", "uri");
		}
		if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
				|| raw == LocalDateTime.class) {
			return new PayloadType.Scalar("string", "date-time");
		}
		if (raw == LocalDate.class) {
			return new PayloadType.Scalar("string", "date");
		}
		if (raw == LocalTime.class) {
			return new PayloadType.Scalar("string", "time");
		}
		if (raw == Duration.class) {
			return new PayloadType.Scalar("string", "duration");
		}
		return null;
	}

	private String objectType(JavaType type) {
		String existing = this.names.get(type);
		if (existing != null) {
			return existing;
		}
		String name = uniqueName(type.getRawClass());
		this.names.put(type, name);
		// Reserve the name first: a recursive type refers to itself.
		this.objects.put(name, new ObjectType(name, type.getRawClass(), List.of()));
		// Jackson 3 exposes its bean introspection only through a serialization context;
		// this
		// is the mapper's own view of the properties, configuration and annotations
		// included.
		BeanDescription description = this.jsonMapper._serializationContext().introspectBeanDescription(type);
		boolean nullMarked = isNullMarked(type.getRawClass());
		List<Property> properties = new ArrayList<>();
		for (BeanPropertyDefinition property : description.findProperties()) {
			if (!property.couldSerialize()) {
				continue;
			}
			properties.add(property(property, nullMarked));
		}
		this.objects.put(name, new ObjectType(name, type.getRawClass(), properties));
		return name;
	}

	private Property property(BeanPropertyDefinition property, boolean nullMarked) {
		List<AnnotatedElement> elements = new ArrayList<>(2);
		List<AnnotatedType> annotatedTypes = new ArrayList<>(2);
		AnnotatedField field = property.getField();
		if (field != null) {
			Field member = field.getAnnotated();
			elements.add(member);
			annotatedTypes.add(member.getAnnotatedType());
		}
		AnnotatedMethod getter = property.getGetter();
		if (getter != null) {
			Method member = getter.getAnnotated();
			elements.add(member);
			annotatedTypes.add(member.getAnnotatedReturnType());
		}
		JavaType javaType = property.getPrimaryType();
		PayloadType type = describe(javaType);
		boolean nullable = javaType.isReferenceType() || hasNullable(elements, annotatedTypes);
		Map<String, Object> constraints = new LinkedHashMap<>();
		boolean notNull = constraints(elements, annotatedTypes, type, constraints);
		boolean required = javaType.isPrimitive() || notNull || (nullMarked && !nullable);
		return new Property(property.getName(), type, required, nullable && !notNull, constraints);
	}

	private static boolean hasNullable(List<AnnotatedElement> elements, List<AnnotatedType> annotatedTypes) {
		for (AnnotatedElement element : elements) {
			if (hasAnnotationNamed(element.getAnnotations(), "Nullable")) {
				return true;
			}
		}
		for (AnnotatedType annotatedType : annotatedTypes) {
			if (hasAnnotationNamed(annotatedType.getAnnotations(), "Nullable")) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasAnnotationNamed(Annotation[] annotations, String simpleName) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType().getSimpleName().equals(simpleName)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a class is in {@code @NullMarked} code: the class, an enclosing class or
	 * its package is annotated, and no closer {@code @NullUnmarked} undoes it.
	 */
	private static boolean isNullMarked(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			if (hasAnnotationNamed(current.getAnnotations(), "NullUnmarked")) {
				return false;
			}
			if (hasAnnotationNamed(current.getAnnotations(), "NullMarked")) {
				return true;
			}
		}
		Package pkg = type.getPackage();
		return pkg != null && hasAnnotationNamed(pkg.getAnnotations(), "NullMarked");
	}

	/**
	 * Add the Bean Validation constraints of a property as JSON Schema keywords; return
	 * whether one of them forbids {@code null}.
	 */
	private static boolean constraints(List<AnnotatedElement> elements, List<AnnotatedType> annotatedTypes,
			PayloadType type, Map<String, Object> keywords) {
		List<Annotation> annotations = new ArrayList<>();
		for (AnnotatedElement element : elements) {
			annotations.addAll(List.of(element.getAnnotations()));
		}
		for (AnnotatedType annotatedType : annotatedTypes) {
			annotations.addAll(List.of(annotatedType.getAnnotations()));
		}
		boolean notNull = false;
		boolean string = type instanceof PayloadType.Scalar scalar && scalar.jsonType().equals("string");
		boolean array = type instanceof PayloadType.ArrayOf;
		boolean map = type instanceof PayloadType.MapOf || type instanceof PayloadType.Ref;
		for (Annotation annotation : annotations) {
			String name = annotation.annotationType().getName();
			if (!name.startsWith(CONSTRAINTS)) {
				continue;
			}
			Map<String, Object> attributes = AnnotationUtils.getAnnotationAttributes(annotation);
			switch (name.substring(CONSTRAINTS.length())) {
				case "NotNull" -> notNull = true;
				case "NotBlank" -> {
					notNull = true;
					keywords.put("minLength", 1);
					// Not only whitespace: the pattern finds one non-space character.
					keywords.put("pattern", "\\S");
				}
				case "NotEmpty" -> {
					notNull = true;
					sizeKeyword(keywords, string, array, map, "min", 1);
				}
				case "Size" -> {
					int min = (Integer) attribute(attributes, "min");
					int max = (Integer) attribute(attributes, "max");
					if (min > 0) {
						sizeKeyword(keywords, string, array, map, "min", min);
					}
					if (max < Integer.MAX_VALUE) {
						sizeKeyword(keywords, string, array, map, "max", max);
					}
				}
				case "Min" -> keywords.put("minimum", attribute(attributes, "value"));
				case "Max" -> keywords.put("maximum", attribute(attributes, "value"));
				case "DecimalMin" -> keywords.put(
						Boolean.TRUE.equals(attribute(attributes, "inclusive")) ? "minimum" : "exclusiveMinimum",
						new BigDecimal((String) attribute(attributes, "value")));
				case "DecimalMax" -> keywords.put(
						Boolean.TRUE.equals(attribute(attributes, "inclusive")) ? "maximum" : "exclusiveMaximum",
						new BigDecimal((String) attribute(attributes, "value")));
				case "Positive" -> keywords.put("exclusiveMinimum", 0);
				case "PositiveOrZero" -> keywords.put("minimum", 0);
				case "Negative" -> keywords.put("exclusiveMaximum", 0);
				case "NegativeOrZero" -> keywords.put("maximum", 0);
				// Bean Validation matches the whole value; JSON Schema patterns search.
				case "Pattern" -> keywords.put("pattern", "^(?:" + attribute(attributes, "regexp") + ")$");
				case "Email" -> keywords.put("format", "email");
				case "Past", "PastOrPresent", "Future", "FutureOrPresent" -> {
					// No JSON Schema keyword: the schema's format says it is a date.
				}
				default -> {
				}
			}
		}
		return notNull;
	}

	private static Object attribute(Map<String, Object> attributes, String name) {
		return Objects.requireNonNull(attributes.get(name), name);
	}

	private static void sizeKeyword(Map<String, Object> keywords, boolean string, boolean array, boolean map,
			String bound, int value) {
		if (string) {
			keywords.put(bound + "Length", value);
		}
		else if (array) {
			keywords.put(bound + "Items", value);
		}
		else if (map) {
			keywords.put(bound + "Properties", value);
		}
	}

	private String uniqueName(Class<?> type) {
		String simple = type.getSimpleName();
		if (!this.objects.containsKey(simple)) {
			return simple;
		}
		String qualified = type.getName().replace('$', '.');
		String name = qualified;
		for (int i = 2; this.objects.containsKey(name); i++) {
			name = qualified + i;
		}
		return name;
	}

}
