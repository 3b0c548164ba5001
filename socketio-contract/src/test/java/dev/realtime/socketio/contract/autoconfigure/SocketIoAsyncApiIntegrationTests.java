package dev.realtime.socketio.contract.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.realtime.socketio.contract.asyncapi.AsyncApiSchema;
import dev.realtime.socketio.contract.fixture.RoomsHandler;
import dev.realtime.socketio.contract.fixture.ShopHandler;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=shop", "socketio.asyncapi.path=/asyncapi/socketio.json",
				"socketio.asyncapi.version=3.2.1", "management.endpoints.web.exposure.include=socketioasyncapi" })
class SocketIoAsyncApiIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Test
	void actuatorEndpointServesAValidDocumentOfTheHandlerBeans() {
		JsonNode document = get("/actuator/socketioasyncapi");
		assertThat(AsyncApiSchema.violations(document)).isEmpty();
		assertThat(document.at("/info/title").asString()).isEqualTo("shop");
		assertThat(document.at("/info/version").asString()).isEqualTo("3.2.1");
		assertThat(document.at("/channels/shop/address").asString()).isEqualTo("/shop");
		assertThat(document.at("/operations/shop.receive.order/reply/messages/0/$ref").asString())
			.isEqualTo("#/channels/shop/messages/order.ack");
		assertThat(document.at("/channels/main/address").asString()).isEqualTo("/");
	}

	@Test
	void configuredPathServesTheSameDocument() {
		assertThat(get("/asyncapi/socketio.json")).isEqualTo(get("/actuator/socketioasyncapi"));
	}

	private JsonNode get(String path) {
		byte[] body = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(TIMEOUT)
			.build()
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ShopHandler.class, RoomsHandler.Main.class })
	static class ShopApplication {

	}

}
