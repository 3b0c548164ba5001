package dev.realtime.socketio.smoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user of the starter sees on this Spring Boot line: the browser client served,
 * and a handler answering over the wire protocol (Engine.IO long-polling, spoken here
 * with a plain HTTP client so that the check depends on nothing but the starter).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SmokeApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@LocalServerPort
	private int port;

	@Test
	void runsOnTheSpringBootLineOfItsModule() {
		assertThat(SpringBootVersion.getVersion()).startsWith(System.getProperty("smoke.boot-line"));
	}

	@Test
	void servesTheBrowserClient() throws Exception {
		HttpResponse<String> bundle = get("/socket.io/socket.io.js");
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.body()).startsWith("/*!\n * Socket.IO v4.8.4");
	}

	@Test
	void answersAnEventWithItsAck() throws Exception {
		HttpResponse<String> open = get("/socket.io/?EIO=4&transport=polling");
		assertThat(open.statusCode()).isEqualTo(200);
		Matcher sid = SID.matcher(open.body());
		assertThat(sid.find()).as(open.body()).isTrue();
		String session = "/socket.io/?EIO=4&transport=polling&sid=" + sid.group(1);
		assertThat(post(session, "40").body()).isEqualTo("ok");
		String connected = get(session).body();
		assertThat(connected).startsWith("40{\"sid\":\"");
		String welcome = connected.contains("\u001e") ? connected : connected + "\u001e" + get(session).body();
		assertThat(welcome).contains("42[\"welcome\",{\"id\":\"");
		assertThat(post(session, "421[\"echo\",\"hello\"]").body()).isEqualTo("ok");
		assertThat(get(session).body()).isEqualTo("431[\"hello\"]");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT);
	}

}
