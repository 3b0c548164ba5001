package dev.realtime.socketio.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.contract.asyncapi.AsyncApiSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's AsyncAPI document, as a person fetching {@code /actuator/socketioasyncapi}
 * gets it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleAppAsyncApiTests {

	@LocalServerPort
	private int port;

	@Test
	void documentIsValidAsyncApi30() throws Exception {
		assertThat(AsyncApiSchema.violations(document())).isEmpty();
	}

	@Test
	void documentDescribesTheChatEvents() throws Exception {
		JsonNode document = document();
		assertThat(document.at("/info/title").asString()).isEqualTo("socketio-sample-chat");
		assertThat(document.at("/channels/chat/address").asString()).isEqualTo("/chat");
		assertThat(document.at("/operations").propertyNames()).containsExactlyInAnyOrder("chat.receive.join",
				"chat.receive.leave", "chat.receive.message", "chat.receive.typing", "chat.send.announcement",
				"chat.send.message", "chat.send.presence", "chat.send.recovered", "chat.send.stats",
				"chat.send.typing");
		// The page's message, its constraints, and the receipt it gets as the ack
		JsonNode sent = document.at("/components/schemas/SendMessage");
		assertThat(sent.get("required")).extracting(JsonNode::asString).containsExactly("id", "room", "text");
		assertThat(sent.at("/properties/text/maxLength").asInt()).isEqualTo(500);
		assertThat(document.at("/components/messages/chat.message.ack/payload/$ref").asString())
			.isEqualTo("#/components/schemas/Receipt");
		assertThat(document.at("/operations/chat.receive.typing").has("reply")).isFalse();
		// What the server sends: an announcement has no sender
		JsonNode delivered = document.at("/components/schemas/ChatMessage");
		assertThat(delivered.at("/properties/from/type")).extracting(JsonNode::asString)
			.containsExactly("string", "null");
		assertThat(document.at("/components/messages/chat.stats.server/payload/$ref").asString())
			.isEqualTo("#/components/schemas/Statistics");
	}

	private JsonNode document() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/socketioasyncapi"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		return JsonMapper.shared().readTree(response.body());
	}

}
