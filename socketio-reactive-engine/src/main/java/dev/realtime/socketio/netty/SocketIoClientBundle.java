package dev.realtime.socketio.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the browser client bundle ({@code socket.io.js}, {@code socket.io.min.js},
 * {@code socket.io.esm.min.js} and their source maps) under the server's path, as the
 * Node server's {@code serveClient} option does. The files are read from the classpath
 * folder {@value #LOCATION}, where the {@code socketio-client-dist} jar (a dependency of
 * the Spring Boot starter) carries them; when they are absent the answer is 404.
 * <p>
 * As in Node, the ETag is the client's version in quotes, read from the npm package's
 * {@code package.json} in the same folder (a hash of the file when there is none). A
 * request whose {@code If-None-Match} names it, weak or strong, gets a bare 304; the
 * other answers carry {@code Cache-Control: public, max-age=0}.
 *
 * @since 0.1.0
 */
public final class SocketIoClientBundle {

	/** The classpath folder the bundle is read from. */
	public static final String LOCATION = "META-INF/socket.io-client/";

	private static final String JAVASCRIPT = "application/javascript; charset=utf-8";

	private static final String SOURCE_MAP = "application/json; charset=utf-8";

	private static final Map<String, String> FILES = Map.of("socket.io.js", JAVASCRIPT, "socket.io.min.js", JAVASCRIPT,
			"socket.io.esm.min.js", JAVASCRIPT, "socket.io.js.map", SOURCE_MAP, "socket.io.min.js.map", SOURCE_MAP,
			"socket.io.esm.min.js.map", SOURCE_MAP);

	private final String path;

	private final ClassLoader classLoader;

	private final Map<String, Resource> cache = new ConcurrentHashMap<>();

	/**
	 * The version of the npm package the files come from, when its package.json is there.
	 */
	private final @Nullable String version;

	SocketIoClientBundle(String path, ClassLoader classLoader) {
		this.path = path;
		this.classLoader = classLoader;
		this.version = readVersion(classLoader);
	}

	/**
	 * Whether a request asks for a bundle file.
	 * @param request the request
	 * @return {@code true} for a GET or HEAD of a bundle file under the path
	 */
	boolean matches(HttpServerRequest request) {
		return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)
				&& fileName(request.uri()) != null;
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String name = fileName(request.uri());
		Resource resource = (name != null) ? load(name) : null;
		if (resource == null) {
			return response.status(HttpResponseStatus.NOT_FOUND).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
		}
		String ifNoneMatch = request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
		if (resource.etag().equals(ifNoneMatch) || ("W/" + resource.etag()).equals(ifNoneMatch)) {
			return response.status(HttpResponseStatus.NOT_MODIFIED).send();
		}
		response.header(HttpHeaderNames.CACHE_CONTROL, "public, max-age=0")
			.header(HttpHeaderNames.CONTENT_TYPE, Objects.requireNonNull(FILES.get(name)))
			.header(HttpHeaderNames.ETAG, resource.etag())
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(resource.bytes().length));
		if (request.method() == HttpMethod.HEAD) {
			return response.send();
		}
		return response.sendByteArray(Mono.just(resource.bytes())).then();
	}

	private @Nullable String fileName(String uri) {
		if (!uri.startsWith(this.path)) {
			return null;
		}
		int query = uri.indexOf('?');
		String name = uri.substring(this.path.length(), (query >= 0) ? query : uri.length());
		return FILES.containsKey(name) ? name : null;
	}

	private @Nullable Resource load(String name) {
		Resource cached = this.cache.get(name);
		if (cached != null) {
			return cached;
		}
		try (InputStream in = this.classLoader.getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				return null;
			}
			byte[] bytes = in.readAllBytes();
			Resource resource = new Resource(bytes,
					"\"" + ((this.version != null) ? this.version : hash(bytes)) + "\"");
			this.cache.put(name, resource);
			return resource;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable String readVersion(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(LOCATION + "package.json")) {
			if (in == null) {
				return null;
			}
			JsonNode version = JsonMapper.shared().readTree(in).path("version");
			return version.isString() ? version.stringValue() : null;
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
	}

	private static String hash(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return Long.toHexString(crc.getValue());
	}

	private record Resource(byte[] bytes, String etag) {
	}

}
