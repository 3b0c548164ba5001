package dev.realtime.socketio.protocol;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SocketIoPacket} and {@link SocketIoPacketType}.
 */
class SocketIoPacketTests {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Test
	void factoriesSetTypeNamespaceAndAckId() {
		ArrayNode data = nodes.arrayNode().add("a");
		SocketIoPacket event = SocketIoPacket.event("/chat", data, 5);
		assertThat(event.type()).isEqualTo(SocketIoPacketType.EVENT);
		assertThat(event.isEvent()).isTrue();
		assertThat(event.isAck()).isFalse();
		assertThat(event.namespace()).isEqualTo("/chat");
		assertThat(event.ackId()).isEqualTo(5);
		assertThat(event.hasAckId()).isTrue();
		assertThat(event.data()).isSameAs(data);
		assertThat(SocketIoPacket.event("/", data).hasAckId()).isFalse();
		assertThat(SocketIoPacket.ack("/", nodes.arrayNode(), 0).isAck()).isTrue();
		assertThat(SocketIoPacket.disconnect("/").data()).isNull();
		assertThat(SocketIoPacket.connectError("/", "no").data()).isEqualTo(nodes.objectNode().put("message", "no"));
	}

	@Test
	void factoriesRejectInvalidArguments() {
		ArrayNode data = nodes.arrayNode().add("a");
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoPacket.event("admin", data));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoPacket.disconnect(""));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoPacket.event("/", nodes.arrayNode()));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoPacket.event("/", data, -2));
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoPacket.ack("/", data, -1));
	}

	@Test
	void packetsWithEqualContentAreEqual() {
		SocketIoPacket first = SocketIoPacket.event("/", nodes.arrayNode().add("a").add(1), 3);
		SocketIoPacket second = SocketIoPacket.event("/", nodes.arrayNode().add("a").add(1), 3);
		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first).isNotEqualTo(SocketIoPacket.event("/", nodes.arrayNode().add("a").add(1), 4));
	}

	@Test
	void packetTypesMapToTheirWireCharacters() {
		for (SocketIoPacketType type : SocketIoPacketType.values()) {
			assertThat(SocketIoPacketType.of((char) ('0' + type.id()))).isSameAs(type);
			assertThat(SocketIoPacketType.fromId(type.id())).isSameAs(type);
		}
		assertThat(SocketIoPacketType.of('7')).isNull();
		assertThat(SocketIoPacketType.of('/')).isNull();
		assertThat(SocketIoPacketType.of('a')).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> SocketIoPacketType.fromId(7));
		assertThat(SocketIoPacketType.BINARY_EVENT.isEvent()).isTrue();
		assertThat(SocketIoPacketType.BINARY_ACK.isAck()).isTrue();
		assertThat(SocketIoPacketType.EVENT.isBinary()).isFalse();
	}

}
