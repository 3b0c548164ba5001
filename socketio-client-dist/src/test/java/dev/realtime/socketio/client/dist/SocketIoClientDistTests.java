package dev.realtime.socketio.client.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the jar carries: the bundle files the server answers for, and the npm package's
 * {@code package.json} whose version becomes their ETag.
 */
class SocketIoClientDistTests {

	private static final String LOCATION = "META-INF/socket.io-client/";

	@Test
	void carriesTheBrowserBundlesAndTheirSourceMaps() throws IOException {
		String version = packageVersion();
		assertThat(text("socket.io.js")).startsWith("/*!\n * Socket.IO v" + version);
		assertThat(text("socket.io.min.js")).startsWith("/*!\n * Socket.IO v" + version);
		assertThat(text("socket.io.esm.min.js")).startsWith("/*!\n * Socket.IO v" + version);
		for (String map : new String[] { "socket.io.js.map", "socket.io.min.js.map", "socket.io.esm.min.js.map" }) {
			assertThat(JsonMapper.shared().readTree(text(map)).path("version").asInt()).as(map).isEqualTo(3);
		}
	}

	@Test
	void carriesTheVersionTheInteropTestsDrive() {
		// test-clients pins the npm socket.io-client the interop tests run; the bundle is
		// the same.
		JsonNode testClients = JsonMapper.shared().readTree(Path.of("..", "test-clients", "package.json").toFile());
		assertThat(packageVersion()).isEqualTo("4.8.4")
			.isEqualTo(testClients.path("dependencies").path("socket.io-client").asString());
	}

	private static String packageVersion() {
		return JsonMapper.shared().readTree(text("package.json")).path("version").asString();
	}

	private static String text(String name) {
		try (InputStream in = SocketIoClientDistTests.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
