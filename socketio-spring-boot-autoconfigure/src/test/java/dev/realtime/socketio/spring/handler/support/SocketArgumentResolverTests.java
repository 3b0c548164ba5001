package dev.realtime.socketio.spring.handler.support;

import java.time.Instant;
import java.util.Map;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoConnection;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SocketArgumentResolver}.
 */
class SocketArgumentResolverTests extends ArgumentResolverTestSupport {

	private final SocketArgumentResolver resolver = new SocketArgumentResolver();

	@Test
	void shouldSupportSocketTypes() {
		for (int i = 0; i < 6; i++) {
			assertThat(this.resolver.supportsParameter(parameter(Handler.class, "socketTypes", i))).as("index " + i)
				.isTrue();
		}
	}

	@Test
	void shouldNotSupportOtherTypes() {
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "others", 0))).isFalse();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "others", 1))).isFalse();
	}

	@Test
	void shouldResolveTheSocketAndWhatBelongsToIt() {
		Handshake handshake = new Handshake(EmptyHttpHeaders.INSTANCE, Map.of(), JsonNodeFactory.instance.objectNode(),
				"127.0.0.1", Instant.now(), "/socket.io/?EIO=4", false, false);
		SocketIoServer server = SocketIoServer.create(SocketIoServerOptions.defaults());
		given(this.socket.handshake()).willReturn(handshake);
		given(this.namespace.server()).willReturn(server);
		SocketIoConnection conn = mock(SocketIoConnection.class);
		given(this.socket.conn()).willReturn(conn);
		EventContext context = event("hello");
		assertThat(resolve(0, context)).isSameAs(this.socket);
		assertThat(resolve(1, context)).isSameAs(this.namespace);
		assertThat(resolve(2, context)).isSameAs(handshake);
		assertThat(resolve(3, context)).isSameAs(context);
		assertThat(resolve(4, context)).isSameAs(server);
		assertThat(resolve(5, context)).isSameAs(conn);
	}

	private Object resolve(int index, EventContext context) {
		return this.resolver.resolveArgumentValue(parameter(Handler.class, "socketTypes", index), context);
	}

	static class Handler {

		void socketTypes(SocketIoSocket socket, Namespace namespace, Handshake handshake, EventContext context,
				SocketIoServer server, SocketIoConnection conn) {
		}

		void others(Object object, String text) {
		}

	}

}
