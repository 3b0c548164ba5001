package dev.realtime.socketio.contract;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.contract.fixture.ShopHandler;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.support.SocketIoAnnotationHandlerRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader decides which parameters are payloads with the registrar's resolvers, in the
 * registrar's order: if the registrar's defaults change, this fails.
 */
class SocketIoContractReaderResolverOrderTests {

	@Test
	void readerConsultsTheRegistrarsResolversInTheRegistrarsOrder() {
		EventArgumentResolver custom = new CustomResolver();
		Registrar registrar = new Registrar(SocketIoServer.create(SocketIoServerOptions.defaults()));
		registrar.setCustomArgumentResolvers(List.of(custom));
		List<EventArgumentResolver> reader = new SocketIoContractReader(List.of(custom)).argumentResolvers();
		assertThat(reader).extracting(Object::getClass)
			.containsExactlyElementsOf(registrar.resolvers().stream().map(Object::getClass).toList());
	}

	@Test
	void parameterACustomResolverSupportsIsNotAPayload() {
		EventArgumentResolver orders = new CustomResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == ShopHandler.Order.class;
			}

		};
		SocketIoContract contract = new SocketIoContractReader(List.of(orders)).read(List.of(ShopHandler.class));
		EventContract order = contract.namespaces()
			.get(0)
			.clientEvents()
			.stream()
			.filter((event) -> event.name().equals("order"))
			.findFirst()
			.orElseThrow();
		assertThat(order.arguments()).isEmpty();
	}

	private static final class Registrar extends SocketIoAnnotationHandlerRegistrar {

		Registrar(SocketIoServer server) {
			super(server);
		}

		List<EventArgumentResolver> resolvers() {
			return initArgumentResolvers();
		}

	}

	private static class CustomResolver implements EventArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return false;
		}

		@Override
		public Mono<Object> resolveArgument(MethodParameter parameter, EventContext context) {
			return Mono.empty();
		}

	}

}
