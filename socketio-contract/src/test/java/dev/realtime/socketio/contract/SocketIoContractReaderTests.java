package dev.realtime.socketio.contract;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;

import dev.realtime.socketio.contract.fixture.RoomsHandler;
import dev.realtime.socketio.contract.fixture.ShopHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SocketIoContractReaderTests {

	private final SocketIoContract contract = new SocketIoContractReader()
		.read(List.of(ShopHandler.class, RoomsHandler.Rooms.class, RoomsHandler.Main.class));

	@Test
	void namespacesAreSortedByNameAndPatternsAreMarked() {
		assertThat(this.contract.namespaces()).extracting(NamespaceContract::name)
			.containsExactly("/", "/shop", "^/room-\\d+$");
		assertThat(this.contract.namespaces()).extracting(NamespaceContract::pattern)
			.containsExactly(false, false, true);
	}

	@Test
	void socketAndPrincipalParametersAreNotPayloads() {
		EventContract order = clientEvent("/shop", "order");
		assertThat(order.arguments()).singleElement().satisfies((argument) -> {
			assertThat(argument.name()).isEqualTo("order");
			assertThat(argument.type()).isEqualTo(ShopHandler.Order.class);
			assertThat(argument.required()).isTrue();
		});
		assertThat(order.ack()).isEqualTo(new AckContract(ShopHandler.Receipt.class));
	}

	@Test
	void everyEventNameOfAMethodIsAnEventWithoutReply() {
		assertThat(clientEvent("/shop", "ping").arguments()).isEmpty();
		assertThat(clientEvent("/shop", "ping").ack()).isNull();
		assertThat(clientEvent("/shop", "noop").ack()).isNull();
	}

	@Test
	void payloadIndexesOrderTheArgumentsAndTheEventNameIsNotOne() {
		EventContract search = clientEvent("/shop", "search");
		assertThat(search.arguments()).extracting(ArgumentContract::name).containsExactly("query", "limit", "sort");
		assertThat(search.arguments()).extracting(ArgumentContract::required).containsExactly(true, true, false);
		assertThat(search.ack()).isNotNull();
		assertThat(search.ack().type().getTypeName()).isEqualTo(listOf(ShopHandler.Item.class).getTypeName());
	}

	@Test
	void aFluxRepliesWithAListAndOptionalArgumentsAreNotRequired() {
		EventContract browse = clientEvent("/shop", "browse");
		assertThat(browse.arguments()).singleElement().satisfies((argument) -> {
			assertThat(argument.type()).isEqualTo(String.class);
			assertThat(argument.required()).isFalse();
		});
		assertThat(browse.ack().type().getTypeName()).isEqualTo(listOf(ShopHandler.Item.class).getTypeName());
	}

	@Test
	void anAckSenderRepliesWithAnUnknownTypeAndMonoVoidWithNothing() {
		assertThat(clientEvent("/shop", "legacy").ack()).isEqualTo(new AckContract(Object.class));
		assertThat(clientEvent("/shop", "legacy").arguments()).singleElement()
			.satisfies((argument) -> assertThat(argument.type().getTypeName())
				.isEqualTo(ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)
					.getType()
					.getTypeName()));
		assertThat(clientEvent("/shop", "forget").ack()).isNull();
		assertThat(clientEvent("/shop", "forget").arguments().get(0).type().getTypeName())
			.isEqualTo(ResolvableType.forClassWithGenerics(Set.class, String.class).getType().getTypeName());
	}

	@Test
	void emitsEventDeclarationsAreServerEvents() {
		NamespaceContract shop = namespace("/shop");
		assertThat(shop.serverEvents()).extracting(EventContract::name)
			.containsExactly("closing", "order-shipped", "price");
		EventContract price = shop.serverEvents().get(2);
		assertThat(price.arguments()).extracting(ArgumentContract::type).containsExactly(String.class, long.class);
		assertThat(shop.serverEvents().get(1).description()).isEqualTo("An order left the warehouse");
		assertThat(shop.serverEvents().get(0).arguments()).isEmpty();
	}

	@Test
	void aClassWithoutTheAnnotationIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SocketIoContractReader().read(List.of(String.class)))
			.withMessageContaining("java.lang.String is not annotated with @SocketIoNamespace");
	}

	@Test
	void scanningFindsTheAnnotatedClasses() {
		assertThat(SocketIoContractReader.scan(getClass().getClassLoader(), "dev.realtime.socketio.contract.fixture"))
			.containsExactly(RoomsHandler.Main.class, RoomsHandler.Rooms.class, ShopHandler.class);
	}

	private static Type listOf(Class<?> element) {
		return ResolvableType.forClassWithGenerics(List.class, element).getType();
	}

	private EventContract clientEvent(String namespace, String event) {
		return namespace(namespace).clientEvents()
			.stream()
			.filter((candidate) -> candidate.name().equals(event))
			.findFirst()
			.orElseThrow();
	}

	private NamespaceContract namespace(String name) {
		return this.contract.namespaces()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
