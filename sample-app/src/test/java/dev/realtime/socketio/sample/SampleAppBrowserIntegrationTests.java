package dev.realtime.socketio.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoPrincipal;
import dev.realtime.socketio.spring.core.SocketIoTemplate;
import dev.realtime.socketio.testsupport.NodeScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The chat page end to end, in headless Chromium driven by {@code playwright-core}
 * ({@code src/test/resources/node/chat-browser.js}): two people chat in a room, a taken
 * nickname is refused, and a page whose transport the server drops recovers its session
 * with connection state recovery: it shows the messages sent to its room while it was
 * away, in order and once each. Screenshots are saved under {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleAppBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoTemplate template;

	@BeforeAll
	static void chromiumIsInstalled() {
		if (!Files.isExecutable(CHROMIUM)) {
			fail("The browser test needs Chromium at " + CHROMIUM
					+ ": install it with 'apt-get install -y chromium' (.ci/run does it)");
		}
	}

	@Test
	void twoPeopleChatAndADroppedPageRecoversTheMissedMessages() {
		Path screenshots = Path.of(System.getProperty("sample.screenshots.dir", "target/screenshots"));
		try (NodeScript browser = NodeScript.start("node/chat-browser.js", "http://localhost:" + this.port + "/",
				screenshots.toAbsolutePath().toString())) {
			JsonNode drop = browser.awaitEvent("drop", TIMEOUT);
			List<SocketIoSocket> dropped = closeTransports(drop.path("nickname").asString());
			assertThat(dropped).hasSize(1);
			browser.writeLine("dropped");
			browser.awaitEvent("done", TIMEOUT);
			assertThat(browser.awaitExit(Duration.ofSeconds(10))).isZero();
		}
		assertThat(screenshots.resolve("04-chat-alice.png")).isNotEmptyFile();
	}

	/**
	 * Close the Engine.IO connection of a user's sockets, as a network failure would: the
	 * page sees {@code transport close} (or {@code transport error}) and reconnects (a
	 * server-side disconnect would not reconnect).
	 */
	private List<SocketIoSocket> closeTransports(String nickname) {
		List<SocketIoSocket> sockets = this.template.namespace(ChatHandler.NAMESPACE)
			.sockets()
			.values()
			.stream()
			.filter((socket) -> {
				Principal principal = SocketIoPrincipal.get(socket);
				return principal != null && principal.getName().equals(nickname);
			})
			.toList();
		sockets.forEach((socket) -> socket.conn().close());
		return sockets;
	}

}
