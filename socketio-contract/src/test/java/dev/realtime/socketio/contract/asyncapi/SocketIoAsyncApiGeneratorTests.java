package dev.realtime.socketio.contract.asyncapi;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.contract.SocketIoContract;
import dev.realtime.socketio.contract.SocketIoContractReader;
import dev.realtime.socketio.contract.fixture.RoomsHandler;
import dev.realtime.socketio.contract.fixture.ShopHandler;

import static org.assertj.core.api.Assertions.assertThat;

class SocketIoAsyncApiGeneratorTests {

	private final SocketIoContract contract = new SocketIoContractReader()
		.read(List.of(ShopHandler.class, RoomsHandler.Rooms.class, RoomsHandler.Main.class));

	private final ObjectNode document = new SocketIoAsyncApiGenerator(JsonMapper.shared()).generate(this.contract,
			new AsyncApiInfo("Shop", "2.1.0", "The shop's events"));

	@Test
	void documentIsValidAgainstTheAsyncApi30Schema() {
		assertThat(AsyncApiSchema.violations(this.document)).isEmpty();
	}

	@Test
	void schemaCheckFindsAnInvalidDocument() {
		ObjectNode broken = this.document.deepCopy();
		broken.remove("info");
		((ObjectNode) broken.at("/operations/shop.receive.order")).put("action", "publish");
		assertThat(AsyncApiSchema.violations(broken)).anySatisfy((violation) -> assertThat(violation).contains("info"))
			.anySatisfy((violation) -> assertThat(violation).contains("/operations/shop.receive.order/action"));
	}

	@Test
	void infoAndContentType() {
		assertThat(this.document.at("/asyncapi").asString()).isEqualTo("3.0.0");
		assertThat(this.document.at("/info/title").asString()).isEqualTo("Shop");
		assertThat(this.document.at("/info/version").asString()).isEqualTo("2.1.0");
		assertThat(this.document.at("/info/description").asString()).isEqualTo("The shop's events");
		assertThat(this.document.at("/defaultContentType").asString()).isEqualTo("application/json");
	}

	@Test
	void namespacesAreChannelsAddressedByName() {
		assertThat(this.document.at("/channels/shop/address").asString()).isEqualTo("/shop");
		assertThat(this.document.at("/channels/main/address").asString()).isEqualTo("/");
		JsonNode pattern = this.document.at("/channels/pattern_room-_d");
		assertThat(pattern.get("address").isNull()).isTrue();
		assertThat(pattern.get("x-socketio-namespace-pattern").asString()).isEqualTo("^/room-\\d+$");
	}

	@Test
	void clientEventsAreReceiveOperationsWithTheirAckAsReply() {
		JsonNode order = this.document.at("/operations/shop.receive.order");
		assertThat(order.get("action").asString()).isEqualTo("receive");
		assertThat(order.at("/channel/$ref").asString()).isEqualTo("#/channels/shop");
		assertThat(order.at("/messages/0/$ref").asString()).isEqualTo("#/channels/shop/messages/order");
		assertThat(order.at("/reply/messages/0/$ref").asString()).isEqualTo("#/channels/shop/messages/order.ack");
		assertThat(this.document.at("/components/messages/shop.order/name").asString()).isEqualTo("order");
		assertThat(this.document.at("/components/messages/shop.order/payload/$ref").asString())
			.isEqualTo("#/components/schemas/Order");
		assertThat(this.document.at("/components/messages/shop.order.ack/payload/$ref").asString())
			.isEqualTo("#/components/schemas/Receipt");
		assertThat(this.document.at("/operations/shop.receive.ping").has("reply")).isFalse();
		assertThat(this.document.at("/components/messages/shop.ping").has("payload")).isFalse();
	}

	@Test
	void serverEventsAreSendOperations() {
		JsonNode shipped = this.document.at("/operations/shop.send.order-shipped");
		assertThat(shipped.get("action").asString()).isEqualTo("send");
		assertThat(shipped.at("/messages/0/$ref").asString())
			.isEqualTo("#/channels/shop/messages/order-shipped.server");
		JsonNode message = this.document.at("/components/messages/shop.order-shipped.server");
		assertThat(message.get("name").asString()).isEqualTo("order-shipped");
		assertThat(message.get("summary").asString()).isEqualTo("An order left the warehouse");
	}

	@Test
	void severalArgumentsAreATuple() {
		JsonNode search = this.document.at("/components/messages/shop.search/payload");
		assertThat(search.get("type").asString()).isEqualTo("array");
		assertThat(search.at("/items/0/type").asString()).isEqualTo("string");
		assertThat(search.at("/items/1/type").asString()).isEqualTo("integer");
		assertThat(search.at("/items/2/type").asString()).isEqualTo("string");
		assertThat(search.get("minItems").asInt()).isEqualTo(2);
		assertThat(search.get("maxItems").asInt()).isEqualTo(3);
		JsonNode price = this.document.at("/components/messages/shop.price.server/payload");
		assertThat(price.at("/items/1/format").asString()).isEqualTo("int64");
	}

	@Test
	void beanValidationConstraintsAreSchemaKeywords() {
		JsonNode order = this.document.at("/components/schemas/Order");
		assertThat(order.get("required")).extracting(JsonNode::asString).containsExactly("id", "lines");
		assertThat(order.at("/properties/id/minLength").asInt()).isEqualTo(1);
		assertThat(order.at("/properties/id/maxLength").asInt()).isEqualTo(36);
		assertThat(order.at("/properties/lines/minItems").asInt()).isEqualTo(1);
		assertThat(order.at("/properties/lines/items/$ref").asString()).isEqualTo("#/components/schemas/Line");
		assertThat(order.at("/properties/email/format").asString()).isEqualTo("email");
		assertThat(order.at("/properties/email/type")).extracting(JsonNode::asString).containsExactly("string", "null");
		assertThat(order.at("/properties/shipping/anyOf/0/$ref").asString()).isEqualTo("#/components/schemas/Address");
		assertThat(order.at("/properties/shipping/anyOf/1/type").asString()).isEqualTo("null");
		JsonNode line = this.document.at("/components/schemas/Line");
		assertThat(line.at("/properties/sku/pattern").asString()).isEqualTo("^(?:[A-Z]{3}-\\d+)$");
		assertThat(line.at("/properties/quantity/minimum").asInt()).isEqualTo(1);
		assertThat(line.at("/properties/quantity/maximum").asInt()).isEqualTo(99);
		JsonNode address = this.document.at("/components/schemas/Address");
		assertThat(address.at("/properties/country/minLength").asInt()).isEqualTo(2);
		assertThat(address.at("/properties/country/maxLength").asInt()).isEqualTo(2);
	}

	@Test
	void collectionsMapsEnumsAndBinary() {
		JsonNode item = this.document.at("/components/schemas/Item");
		assertThat(item.at("/properties/price/exclusiveMinimum").asInt()).isZero();
		assertThat(item.at("/properties/tags/uniqueItems").asBoolean()).isTrue();
		assertThat(item.at("/properties/stock/additionalProperties/type").asString()).isEqualTo("integer");
		assertThat(this.document.at("/components/schemas/Receipt/properties/status/enum"))
			.extracting(JsonNode::asString)
			.containsExactly("ACCEPTED", "REJECTED");
		assertThat(this.document.at("/components/messages/main.hello/payload/format").asString()).isEqualTo("binary");
		assertThat(this.document.at("/components/messages/shop.browse.ack/payload/type").asString()).isEqualTo("array");
	}

}
