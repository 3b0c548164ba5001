package dev.realtime.socketio.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Serves the Admin UI's single-page app (the {@code socketio-admin-ui-dist} jar, built
 * from the npm package's {@code ui/dist}) on Reactor Netty routes, under a base path such
 * as {@code /socket.io-admin/}, so the UI needs no outside site: <pre class="code">
 * HttpServer.create().route((routes) -&gt; {
 *     AdminUiStaticFiles.of("/socket.io-admin/").mount(routes);
 *     SocketIoRoutes.mount(routes, List.of(io));
 * });
 * </pre> The page loads its fonts and icons from public CDNs when it can reach them; it
 * works without them.
 *
 * @since 0.1.0
 */
public final class AdminUiStaticFiles {

	/** The classpath folder of the UI's files. */
	public static final String LOCATION = "META-INF/socket.io-admin-ui/";

	/** The default base path. */
	public static final String DEFAULT_PATH = "/socket.io-admin/";

	private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
			"application/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png", "svg",
			"image/svg+xml", "json", "application/json; charset=utf-8", "ico", "image/x-icon");

	private final String path;

	private final ClassLoader classLoader;

	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

	private AdminUiStaticFiles(String path, ClassLoader classLoader) {
		this.path = path;
		this.classLoader = classLoader;
	}

	/**
	 * Serve the UI under a base path.
	 * @param path the base path, such as {@code /socket.io-admin/}
	 * @return the files
	 * @throws IllegalStateException when the UI's jar is not on the classpath
	 */
	public static AdminUiStaticFiles of(String path) {
		Objects.requireNonNull(path, "path");
		String base = (path.startsWith("/") ? "" : "/") + path + (path.endsWith("/") ? "" : "/");
		ClassLoader classLoader = AdminUiStaticFiles.class.getClassLoader();
		if (classLoader.getResource(LOCATION + "index.html") == null) {
			throw new IllegalStateException("The admin UI files are not on the classpath: add "
					+ "dev.realtime.socketio:socketio-admin-ui-dist to the application to serve the UI");
		}
		return new AdminUiStaticFiles(base, classLoader);
	}

	/**
	 * Return the base path, with its trailing slash.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Add the UI's route to routes.
	 * @param routes the routes
	 * @return the routes
	 */
	public HttpServerRoutes mount(HttpServerRoutes routes) {
		return routes.route(this::matches, this::handle);
	}

	/**
	 * Return a routes customizer that adds the UI's route.
	 * @return a consumer for {@code HttpServer.route(..)}
	 */
	public Consumer<HttpServerRoutes> routes() {
		return this::mount;
	}

	/**
	 * Whether a request is for the UI.
	 * @param request the request
	 * @return {@code true} for a GET or HEAD under the base path (or of the path without
	 * its slash)
	 */
	public boolean matches(HttpServerRequest request) {
		if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
			return false;
		}
		String uri = pathOf(request.uri());
		return uri.startsWith(this.path) || uri.equals(this.path.substring(0, this.path.length() - 1));
	}

	/**
	 * Answer a request for the UI.
	 * @param request the request
	 * @param response the response
	 * @return completes when the answer is written
	 */
	public Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String uri = pathOf(request.uri());
		if (!uri.startsWith(this.path)) {
			// The page's files are relative to the folder: it needs its slash.
			return response.status(HttpResponseStatus.MOVED_PERMANENTLY)
				.header(HttpHeaderNames.LOCATION, this.path)
				.header(HttpHeaderNames.CONTENT_LENGTH, "0")
				.send();
		}
		String name = uri.substring(this.path.length());
		if (name.isEmpty()) {
			name = "index.html";
		}
		byte[] bytes = (isSafe(name)) ? load(name) : null;
		String type = TYPES.get(extension(name));
		if (bytes == null || type == null) {
			return response.status(HttpResponseStatus.NOT_FOUND).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
		}
		// Hashed names (js/app.0d7d7845.js) never change; the page itself is revalidated.
		String cacheControl = name.equals("index.html") ? "no-cache" : "public, max-age=86400";
		response.header(HttpHeaderNames.CONTENT_TYPE, type)
			.header(HttpHeaderNames.CACHE_CONTROL, cacheControl)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length));
		if (request.method() == HttpMethod.HEAD) {
			return response.send();
		}
		return response.sendByteArray(Mono.just(bytes)).then();
	}

	private static String pathOf(String uri) {
		int query = uri.indexOf('?');
		return (query >= 0) ? uri.substring(0, query) : uri;
	}

	private static boolean isSafe(String name) {
		return !name.contains("..") && !name.contains("\\") && !name.startsWith("/");
	}

	private static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : "";
	}

	private byte @Nullable [] load(String name) {
		byte[] cached = this.cache.get(name);
		if (cached != null) {
			return cached;
		}
		try (InputStream in = this.classLoader.getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				return null;
			}
			byte[] bytes = in.readAllBytes();
			this.cache.put(name, bytes);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
