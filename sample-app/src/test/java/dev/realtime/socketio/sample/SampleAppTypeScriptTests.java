package dev.realtime.socketio.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The TypeScript definitions the build writes for the chat
 * ({@code target/socketio/chat.d.ts}, by {@code SocketIoTypeScriptTool} in
 * {@code process-test-classes}), compiled by {@code tsc} with small clients of the real
 * {@code socket.io-client} types: a correct client compiles, a client that gets a payload
 * wrong does not.
 */
class SampleAppTypeScriptTests {

	private static final long TSC_TIMEOUT_SECONDS = 180;

	@TempDir
	private Path workDir;

	@Test
	void buildWroteTheChatDefinitions() throws IOException {
		String definitions = Files.readString(definitions());
		assertThat(definitions).contains("export interface ClientToServerEvents {",
				"message: (message: SendMessage, ack: (reply: Receipt) => void) => void;",
				"export interface ServerToClientEvents {", "presence: (presence: Presence) => void;",
				"from?: string | null;");
	}

	@Test
	void typedClientCompiles() throws Exception {
		Compilation compilation = compile("chat-client.ts");
		assertThat(compilation.exitCode()).as(compilation.output()).isZero();
	}

	@Test
	void misspeltPayloadFieldIsATypeError() throws Exception {
		Compilation compilation = compile("chat-client-wrong-field.ts");
		assertThat(compilation.exitCode()).isNotZero();
		assertThat(compilation.output()).contains("client.ts(7,", "'txt'", "SendMessage");
	}

	@Test
	void payloadFieldOfTheWrongTypeIsATypeError() throws Exception {
		Compilation compilation = compile("chat-client-wrong-type.ts");
		assertThat(compilation.exitCode()).isNotZero();
		assertThat(compilation.output()).contains("client.ts(8,", "not assignable to type 'number'");
	}

	private Compilation compile(String client) throws IOException, InterruptedException {
		Path nodeModules = nodeModules();
		Files.copy(definitions(), this.workDir.resolve("chat.d.ts"));
		try (InputStream source = getClass().getResourceAsStream("/typescript/" + client)) {
			assertThat(source).as(client).isNotNull();
			Files.copy(source, this.workDir.resolve("client.ts"));
		}
		JsonMapper json = JsonMapper.shared();
		ObjectNode config = json.createObjectNode();
		ObjectNode options = config.putObject("compilerOptions");
		options.put("strict", true);
		options.put("noEmit", true);
		options.put("target", "es2020");
		options.put("module", "commonjs");
		options.put("moduleResolution", "node");
		options.putArray("lib").add("es2020").add("dom");
		options.putArray("types");
		// Bare imports (socket.io-client and what its types import) from the pinned
		// clients
		options.putObject("paths").putArray("*").add(nodeModules.toAbsolutePath() + "/*");
		config.putArray("files").add("client.ts");
		Files.writeString(this.workDir.resolve("tsconfig.json"), json.writeValueAsString(config));
		Path tsc = nodeModules.resolve("typescript/bin/tsc");
		assertThat(tsc).as("typescript in test-clients (cd test-clients && npm ci)").exists();
		Process process = new ProcessBuilder(System.getProperty("socketio.node.executable", "node"), tsc.toString(),
				"-p", this.workDir.resolve("tsconfig.json").toString(), "--pretty", "false")
			.directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(TSC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("tsc did not finish within " + TSC_TIMEOUT_SECONDS + "s");
		}
		return new Compilation(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private static Path definitions() {
		String dir = System.getProperty("sample.typescript.dir");
		assertThat(dir).as("system property sample.typescript.dir (set by the pom)").isNotNull();
		Path file = Path.of(dir, "chat.d.ts");
		assertThat(file).as("written by SocketIoTypeScriptTool in process-test-classes").exists();
		return file;
	}

	private static Path nodeModules() {
		String dir = System.getProperty("socketio.node.modules");
		assertThat(dir).as("system property socketio.node.modules (set by the parent pom)").isNotNull();
		return Path.of(dir);
	}

	private record Compilation(int exitCode, String output) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + ": " + this.output;
		}

	}

}
