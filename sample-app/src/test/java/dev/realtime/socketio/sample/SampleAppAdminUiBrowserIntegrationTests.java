package dev.realtime.socketio.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.realtime.socketio.testsupport.NodeScript;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The chat on its "admin" profile: the Admin UI the app serves under
 * {@code /socket.io-admin/}, in headless Chromium driven by {@code playwright-core}
 * ({@code node/admin-ui-browser.js} of the engine's test support), logs in as the profile
 * says and lists a chat user's socket and the chat room it joined. The screenshot is
 * saved as {@code target/screenshots/admin-ui-chat.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("admin")
class SampleAppAdminUiBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@LocalServerPort
	private int port;

	@Test
	void theServedAdminUiShowsAChatUsersSocketAndRoom() {
		if (!Files.isExecutable(CHROMIUM)) {
			fail("The browser test needs Chromium at " + CHROMIUM
					+ ": install it with 'apt-get install -y chromium' (.ci/run does it)");
		}
		String url = "http://localhost:" + this.port;
		try (SocketIoNodeDriver page = SocketIoNodeDriver.start()) {
			page.connect("alice", url + ChatHandler.NAMESPACE, Map.of("auth",
					Map.of("nickname", "alice-admin", "clientId", "a"), "transports", List.of("websocket")));
			String sid = page.await("alice", "connect").path("sid").asString();
			page.emitWithAck("alice", "join", "join", "support");
			page.awaitAck("alice", "join");

			Path screenshot = Path.of("target/screenshots/admin-ui-chat.png").toAbsolutePath();
			try (NodeScript browser = NodeScript.start("node/admin-ui-browser.js", url, "admin", "changeit", sid,
					"room:support", screenshot.toString(), ChatHandler.NAMESPACE)) {
				browser.awaitEvent("done", TIMEOUT);
				assertThat(browser.awaitExit(Duration.ofSeconds(10))).isZero();
			}
			assertThat(screenshot).isNotEmptyFile();
		}
	}

}
