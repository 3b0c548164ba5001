package dev.realtime.socketio.testsupport;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NodeScript}.
 */
class NodeScriptTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void scriptResolvesPinnedClientsAndPrintsJson() {
		try (NodeScript script = NodeScript.start("node/selftest.js", "ok", "hello")) {
			JsonNode line = script.nextJson(TIMEOUT);
			assertThat(line.path("event").asString()).isEqualTo("selftest");
			assertThat(line.path("data").path("text").asString()).isEqualTo("hello");
			assertThat(line.path("data").path("client").asString()).isEqualTo("function");
			assertThat(line.path("data").path("engineIoProtocol").asInt()).isEqualTo(4);
			assertThat(script.awaitExit(TIMEOUT)).isZero();
		}
	}

	@Test
	void linesWrittenToStdinAreEchoed() {
		try (NodeScript script = NodeScript.start("/node/selftest.js", "echo")) {
			script.awaitEvent("ready", TIMEOUT);
			script.writeLine("one");
			script.writeLine("two");
			assertThat(script.awaitJson(2, TIMEOUT)).extracting((node) -> node.path("data").asString())
				.containsExactly("one", "two");
			script.closeStdin();
			assertThat(script.awaitExit(TIMEOUT)).isZero();
		}
	}

	@Test
	void scriptThatDiesFailsWithItsStderrAndExitCode() {
		try (NodeScript script = NodeScript.start("node/selftest.js", "fail")) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> script.nextLine(TIMEOUT))
				.withMessageContaining("exit code 3")
				.withMessageContaining("selftest: failing on purpose");
		}
	}

	@Test
	void silentScriptFailsAfterTimeoutAndIsKilledOnClose() {
		NodeScript script = NodeScript.start("node/selftest.js", "hang");
		try (script) {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> script.awaitLines(1, Duration.ofMillis(300)))
				.withMessageContaining("printed 0 of 1 expected lines");
			assertThat(script.isAlive()).isTrue();
		}
		assertThat(script.isAlive()).isFalse();
	}

	@Test
	void scriptInAJarRequiresItsSiblings(@TempDir Path dir) throws Exception {
		Path jar = dir.resolve("scripts.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			addEntry(out, "node/main.js", "process.stdout.write(JSON.stringify(require('./shared').line) + '\\n');");
			addEntry(out, "node/shared.js", "module.exports = { line: { event: 'shared' } };");
			addEntry(out, "other/unrelated.js", "throw new Error('not extracted');");
		}
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			thread.setContextClassLoader(loader);
			Path script = NodeScript.resolveResource("node/main.js");
			assertThat(script.resolveSibling("shared.js")).isRegularFile();
			assertThat(script.resolveSibling("unrelated.js")).doesNotExist();
			try (NodeScript running = NodeScript.start(script)) {
				assertThat(running.nextJson(TIMEOUT).path("event").asString()).isEqualTo("shared");
				assertThat(running.awaitExit(TIMEOUT)).isZero();
			}
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static void addEntry(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	@Test
	void missingScriptFails() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> NodeScript.start("node/missing.js"))
			.withMessageContaining("node/missing.js");
	}

	@Test
	void nodeModulesAreTheInstalledTestClients() {
		assertThat(NodeScript.nodeModules().resolve("socket.io-client/package.json")).isRegularFile();
		assertThat(NodeScript.nodeModules()).endsWith(Path.of("test-clients", "node_modules"));
	}

}
