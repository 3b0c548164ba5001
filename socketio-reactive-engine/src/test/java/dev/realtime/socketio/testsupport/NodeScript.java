package dev.realtime.socketio.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Node.js script run as a child process, for interop tests against the official npm
 * clients ({@code socket.io-client}, {@code engine.io-client}, ...).
 * <p>
 * Scripts are test resources under {@code src/test/resources/node/} of the module that
 * uses them, and are started with {@code NODE_PATH} pointing at the pinned clients in
 * {@code <repo>/test-clients/node_modules} (system property
 * {@value #NODE_MODULES_PROPERTY}, set by surefire in the parent pom; otherwise found by
 * walking up from the working directory). {@code NODE_PATH} only applies to
 * {@code require()}, so scripts are CommonJS: use {@code require(...)}, not
 * {@code import}. What several scripts share lives in a sibling module of their folder
 * ({@code require('./sio-driver-common')}), which also works for a script in another
 * module's test jar (see {@link #resolveResource}).
 * <p>
 * By convention a script prints one JSON object per line on stdout, for example
 * {@code {"event":"message","data":...}}, and reads commands, if any, from stdin. Every
 * failure (timeout, early exit, unparsable line) is an {@link AssertionError} whose
 * message carries the script's stderr and the last stdout lines. When the npm clients are
 * not installed, {@link #start} fails; it never skips. <pre class="code">
 * try (NodeScript client = NodeScript.start("node/connect.js", url)) {
 *     JsonNode connected = client.awaitEvent("connect", Duration.ofSeconds(5));
 *     client.writeLine("emit hello");
 *     assertThat(client.nextJson(Duration.ofSeconds(5)).path("data").asString()).isEqualTo("world");
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class NodeScript implements AutoCloseable {

	/**
	 * System property naming the {@code node_modules} folder that scripts resolve
	 * packages from.
	 */
	public static final String NODE_MODULES_PROPERTY = "socketio.node.modules";

	/**
	 * System property naming the {@code node} executable; defaults to {@code node} on the
	 * {@code PATH}.
	 */
	public static final String NODE_EXECUTABLE_PROPERTY = "socketio.node.executable";

	private static final String INSTALL_HINT = "Install the pinned npm test clients first: "
			+ "cd test-clients && npm ci (or run .ci/run)";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final int MAX_STDERR_CHARS = 32 * 1024;

	private static final int RECENT_STDOUT_LINES = 20;

	private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	private final String description;

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> recentLines = new ArrayList<>();

	private final StringBuilder stderr = new StringBuilder();

	private volatile boolean stdoutClosed;

	private boolean closed;

	private NodeScript(String description, Process process) {
		this.description = description;
		this.process = process;
		startDaemon("stdout", this::readStdout);
		startDaemon("stderr", this::readStderr);
	}

	/**
	 * Start {@code node <script> <args...>} for a classpath resource.
	 * @param resource the classpath location of the script, for example
	 * {@code node/connect.js}
	 * @param args the arguments passed to the script
	 * @return the running script; close it to stop the process tree
	 * @throws AssertionError if the npm clients are not installed, the resource does not
	 * exist or {@code node} cannot be started
	 */
	public static NodeScript start(String resource, String... args) {
		return start(resolveResource(resource), args);
	}

	/**
	 * Start {@code node <script> <args...>} for a script file.
	 * @param script the script file
	 * @param args the arguments passed to the script
	 * @return the running script; close it to stop the process tree
	 * @throws AssertionError if the npm clients are not installed or {@code node} cannot
	 * be started
	 */
	public static NodeScript start(Path script, String... args) {
		Path nodeModules = nodeModules();
		List<String> command = new ArrayList<>();
		command.add(System.getProperty(NODE_EXECUTABLE_PROPERTY, "node"));
		command.add(script.toAbsolutePath().toString());
		command.addAll(Arrays.asList(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("NODE_PATH", nodeModules.toString());
		builder.environment().put("NO_COLOR", "1");
		String description = "node " + script.getFileName() + " " + String.join(" ", args);
		try {
			return new NodeScript(description.strip(), builder.start());
		}
		catch (IOException ex) {
			throw new AssertionError("Could not start '" + String.join(" ", command)
					+ "'; is Node.js 20+ on the PATH (or -D" + NODE_EXECUTABLE_PROPERTY + " set)?", ex);
		}
	}

	/**
	 * Resolve a classpath resource to a file that {@code node} can run. A resource inside
	 * a jar (another module's test jar) is extracted to a temporary folder together with
	 * the other files of its jar folder, so that it can {@code require('./shared')} a
	 * sibling module; subfolders are not extracted.
	 * @param resource the classpath location, with or without a leading {@code /}
	 * @return the script file
	 */
	public static Path resolveResource(String resource) {
		String name = resource.startsWith("/") ? resource.substring(1) : resource;
		URL url = classLoader().getResource(name);
		if (url == null) {
			throw new AssertionError("Node script '" + name + "' not found on the classpath "
					+ "(scripts live in src/test/resources/node/)");
		}
		try {
			if ("file".equals(url.getProtocol())) {
				return Path.of(url.toURI());
			}
			String fileName = name.substring(name.lastIndexOf('/') + 1);
			Path dir = Files.createTempDirectory("node-script");
			// Registered before its files: deleted in reverse order, once they are gone
			dir.toFile().deleteOnExit();
			if (url.openConnection() instanceof JarURLConnection jar) {
				extractFolder(jar.getJarFile(), name.substring(0, name.length() - fileName.length()), dir);
			}
			else {
				try (InputStream in = url.openStream()) {
					copy(in, dir.resolve(fileName));
				}
			}
			return dir.resolve(fileName);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not extract node script " + url, ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Unexpected resource URL " + url, ex);
		}
	}

	private static void extractFolder(JarFile jar, String folder, Path target) throws IOException {
		for (JarEntry entry : Collections.list(jar.entries())) {
			String entryName = entry.getName();
			if (!entry.isDirectory() && entryName.startsWith(folder) && entryName.indexOf('/', folder.length()) < 0) {
				try (InputStream in = jar.getInputStream(entry)) {
					copy(in, target.resolve(entryName.substring(folder.length())));
				}
			}
		}
	}

	private static void copy(InputStream in, Path file) throws IOException {
		Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		file.toFile().deleteOnExit();
	}

	/**
	 * Return the {@code node_modules} folder holding the pinned npm test clients: the
	 * {@value #NODE_MODULES_PROPERTY} system property when it names an existing folder,
	 * otherwise the first {@code test-clients/node_modules} found walking up from the
	 * working directory.
	 * @return the folder
	 * @throws AssertionError if neither exists, saying how to install the clients
	 */
	public static Path nodeModules() {
		List<Path> candidates = new ArrayList<>();
		String configured = System.getProperty(NODE_MODULES_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			candidates.add(Path.of(configured));
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			candidates.add(dir.resolve("test-clients").resolve("node_modules"));
		}
		for (Path candidate : candidates) {
			if (Files.isDirectory(candidate.resolve("socket.io-client"))) {
				return candidate.toAbsolutePath().normalize();
			}
		}
		throw new AssertionError("npm test clients not found (looked for socket.io-client in " + candidates.get(0)
				+ (candidates.size() > 1 ? " and parent folders" : "") + "). " + INSTALL_HINT);
	}

	/**
	 * Parse one line of script output.
	 * @param line a JSON document
	 * @return the parsed tree
	 * @throws AssertionError if the line is not JSON
	 */
	public static JsonNode parseJson(String line) {
		try {
			return JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new AssertionError("Not a JSON line: " + line, ex);
		}
	}

	/**
	 * Wait for the next stdout line.
	 * @param timeout how long to wait
	 * @return the line, without its terminator
	 * @throws AssertionError if the script exited or the timeout passed first
	 */
	public String nextLine(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long remaining = deadline - System.nanoTime();
				String line = this.lines.poll(Math.max(0, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50))),
						TimeUnit.NANOSECONDS);
				if (line != null) {
					return line;
				}
				if (this.stdoutClosed) {
					// The reader queues every line before flagging EOF: one more look is
					// enough.
					line = this.lines.poll();
					if (line != null) {
						return line;
					}
					throw failure("exited (" + exitDescription() + ") before printing the expected line");
				}
				if (remaining <= 0) {
					throw failure("printed no line within " + timeout);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("was interrupted while waiting for a line");
		}
	}

	/**
	 * Wait for the next {@code n} stdout lines.
	 * @param n the number of lines
	 * @param timeout how long to wait for all of them
	 * @return the lines, in order
	 * @throws AssertionError if the script exited or the timeout passed first
	 */
	public List<String> awaitLines(int n, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> result = new ArrayList<>(n);
		while (result.size() < n) {
			Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			try {
				result.add(nextLine(remaining));
			}
			catch (AssertionError ex) {
				throw failure("printed " + result.size() + " of " + n + " expected lines within " + timeout + " ("
						+ ex.getMessage().lines().findFirst().orElse("") + ")");
			}
		}
		return result;
	}

	/**
	 * Wait for the next stdout line and parse it as JSON.
	 * @param timeout how long to wait
	 * @return the parsed line
	 * @throws AssertionError if the script exited, the timeout passed or the line is not
	 * JSON
	 */
	public JsonNode nextJson(Duration timeout) {
		String line = nextLine(timeout);
		try {
			return JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw failure("printed a line that is not JSON: " + line);
		}
	}

	/**
	 * Wait for the next {@code n} stdout lines and parse each as JSON.
	 * @param n the number of lines
	 * @param timeout how long to wait for all of them
	 * @return the parsed lines, in order
	 * @throws AssertionError if the script exited, the timeout passed or a line is not
	 * JSON
	 */
	public List<JsonNode> awaitJson(int n, Duration timeout) {
		List<JsonNode> result = new ArrayList<>(n);
		for (String line : awaitLines(n, timeout)) {
			try {
				result.add(JSON.readTree(line));
			}
			catch (JacksonException ex) {
				throw failure("printed a line that is not JSON: " + line);
			}
		}
		return result;
	}

	/**
	 * Wait for a JSON line whose {@code event} field equals the given name, discarding
	 * the lines before it.
	 * @param event the expected {@code event} value
	 * @param timeout how long to wait
	 * @return the matching line
	 * @throws AssertionError if the script exited or the timeout passed first
	 */
	public JsonNode awaitEvent(String event, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			JsonNode node;
			try {
				node = nextJson(remaining);
			}
			catch (AssertionError ex) {
				throw failure("did not report event '" + event + "' within " + timeout + " ("
						+ ex.getMessage().lines().findFirst().orElse("") + ")");
			}
			if (event.equals(node.path("event").asString(""))) {
				return node;
			}
		}
	}

	/**
	 * Write one line to the script's stdin.
	 * @param line the line, without terminator
	 */
	public void writeLine(String line) {
		try {
			OutputStream stdin = this.process.getOutputStream();
			stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			stdin.flush();
		}
		catch (IOException ex) {
			throw failure("did not accept input (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Close the script's stdin, which scripts may treat as a request to finish.
	 */
	public void closeStdin() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// Already gone
		}
	}

	/**
	 * Wait for the script to exit.
	 * @param timeout how long to wait
	 * @return the exit code
	 * @throws AssertionError if the script is still running after the timeout
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw failure("did not exit within " + timeout);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("was interrupted while waiting for exit");
		}
	}

	/**
	 * Return whether the process is still running.
	 * @return {@code true} while running
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return what the script wrote to stderr so far (the last 32K characters).
	 * @return the captured stderr
	 */
	public String stderr() {
		synchronized (this.stderr) {
			return this.stderr.toString();
		}
	}

	/**
	 * Stop the script and any process it started: a polite termination first, then a
	 * forced one after a grace period.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		closeStdin();
		List<ProcessHandle> tree = new ArrayList<>(this.process.descendants().toList());
		tree.add(this.process.toHandle());
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
		for (ProcessHandle handle : tree) {
			try {
				long remaining = Math.max(0, deadline - System.nanoTime());
				handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
	}

	@Override
	public String toString() {
		return "NodeScript[" + this.description + "]";
	}

	private AssertionError failure(String what) {
		StringBuilder message = new StringBuilder("'").append(this.description).append("' ").append(what);
		List<String> recent;
		synchronized (this.recentLines) {
			recent = List.copyOf(this.recentLines);
		}
		if (!recent.isEmpty()) {
			message.append("\n--- last stdout lines ---\n").append(String.join("\n", recent));
		}
		String err = stderr();
		message.append("\n--- stderr ---\n").append(err.isEmpty() ? "(empty)" : err.stripTrailing());
		return new AssertionError(message.toString());
	}

	private String exitDescription() {
		try {
			if (this.process.waitFor(1, TimeUnit.SECONDS)) {
				return "exit code " + this.process.exitValue();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "stdout closed, process still running";
	}

	private void readStdout() {
		try (BufferedReader reader = reader(this.process.getInputStream())) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.recentLines) {
					this.recentLines.add(line);
					if (this.recentLines.size() > RECENT_STDOUT_LINES) {
						this.recentLines.remove(0);
					}
				}
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// Stream closed by close()
		}
		finally {
			this.stdoutClosed = true;
		}
	}

	private void readStderr() {
		try (BufferedReader reader = reader(this.process.getErrorStream())) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.stderr) {
					this.stderr.append(line).append('\n');
					if (this.stderr.length() > MAX_STDERR_CHARS) {
						this.stderr.delete(0, this.stderr.length() - MAX_STDERR_CHARS);
					}
				}
			}
		}
		catch (IOException ex) {
			// Stream closed by close()
		}
	}

	private void startDaemon(String stream, Runnable task) {
		Thread thread = new Thread(task, "node-" + stream + "-" + this.process.pid());
		thread.setDaemon(true);
		thread.start();
	}

	private static BufferedReader reader(InputStream in) {
		return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
	}

	private static ClassLoader classLoader() {
		@Nullable ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : NodeScript.class.getClassLoader();
	}

}
