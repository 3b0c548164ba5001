package dev.realtime.socketio.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.testsupport.NodeScript;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Admin UI served by a Spring Boot application
 * ({@code socketio.admin-ui.serve-ui=true} under {@code /socket.io-admin/}): its files
 * over HTTP, and the UI itself in headless Chromium driven by {@code playwright-core}
 * ({@code src/test/resources/node/admin-ui-browser.js}), which logs in with basic
 * authentication and sees a connected socket and its room. The screenshot of the sockets
 * page is saved as {@code target/screenshots/admin-ui.png}.
 */
@SpringBootTest(classes = SocketIoAdminUiServedUiIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.admin-ui.enabled=true", "socketio.admin-ui.serve-ui=true",
				"socketio.admin-ui.server-id=node-1", "socketio.admin-ui.auth.username=admin",
				"socketio.admin-ui.auth.password=" + SocketIoAdminUiIntegrationTests.CHANGEIT })
class SocketIoAdminUiServedUiIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoServer io;

	private SocketIoNodeDriver driver;

	@AfterEach
	void close() {
		if (this.driver != null) {
			this.driver.close();
		}
	}

	@Test
	void servesIndexHtmlAndItsAssets() {
		HttpClient http = HttpClient.create().baseUrl("http://127.0.0.1:" + this.port);
		Response index = get(http, "/socket.io-admin/");
		assertThat(index.status()).isEqualTo(200);
		assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
		assertThat(index.body()).contains("<title>Socket.IO Admin UI</title>");

		Matcher script = Pattern.compile("<script src=\"(js/app\\.[0-9a-f]+\\.js)\"").matcher(index.body());
		assertThat(script.find()).as("index.html links the app's script").isTrue();
		Response js = get(http, "/socket.io-admin/" + script.group(1));
		assertThat(js.status()).isEqualTo(200);
		assertThat(js.contentType()).isEqualTo("application/javascript; charset=utf-8");
		assertThat(js.body()).contains("ConnectionModal");

		Matcher css = Pattern.compile("<link href=\"(css/app\\.[0-9a-f]+\\.css)\" rel=\"stylesheet\"")
			.matcher(index.body());
		assertThat(css.find()).isTrue();
		Response stylesheet = get(http, "/socket.io-admin/" + css.group(1));
		assertThat(stylesheet.status()).isEqualTo(200);
		assertThat(stylesheet.contentType()).isEqualTo("text/css; charset=utf-8");

		assertThat(get(http, "/socket.io-admin/js/nothing-here.js").status()).isEqualTo(404);
	}

	@Test
	void theUiLogsInAndShowsAConnectedSocketAndItsRoom() {
		if (!Files.isExecutable(CHROMIUM)) {
			fail("The browser test needs Chromium at " + CHROMIUM
					+ ": install it with 'apt-get install -y chromium' (.ci/run does it)");
		}
		String url = "http://localhost:" + this.port;
		this.driver = SocketIoNodeDriver.start();
		this.driver.connect("app", url + "/", Map.of());
		String sid = this.driver.await("app", "connect").path("sid").asString();
		this.io.sockets().sockets().get(sid).join("lobby");

		Path screenshot = Path.of(System.getProperty("admin-ui.screenshot", "target/screenshots/admin-ui.png"))
			.toAbsolutePath();
		try (NodeScript browser = NodeScript.start("node/admin-ui-browser.js", url, "admin", "changeit", sid, "lobby",
				screenshot.toString())) {
			browser.awaitEvent("done", TIMEOUT);
			assertThat(browser.awaitExit(Duration.ofSeconds(10))).isZero();
		}
		assertThat(screenshot).isNotEmptyFile();
	}

	private static Response get(HttpClient http, String path) {
		Response response = http.get()
			.uri(path)
			.responseSingle((head, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new Response(head.status().code(),
						String.valueOf(head.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)), text)))
			.block(Duration.ofSeconds(10));
		assertThat(response).isNotNull();
		return response;
	}

	record Response(int status, String contentType, String body) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
