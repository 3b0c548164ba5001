package dev.realtime.socketio.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtime.socketio.engine.EngineIoTestServer.Reply;
import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.TestFixture;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Connection limits and the client address behind trusted proxies.
 */
class EngineIoLimitsIntegrationTests {

	private static final String HANDSHAKE = "EIO=4&transport=polling";

	private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	private void start(EngineIoLimits limits) {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().limits(limits).build());
		engine.onConnection((socket) -> {
			EngineIoTestServer.echo(socket);
			InetSocketAddress address = socket.handshake().remoteAddress();
			if (address != null) {
				this.addresses.put(socket.id(), address);
			}
		});
		this.server = this.servers.start(EngineIoTestServer.start(engine));
	}

	@Test
	void refusesHandshakesWhenTheServerIsFull() {
		start(new EngineIoLimits(2, 0, 0, 0, List.of()));
		String first = this.server.handshake();
		this.server.handshake();
		Reply refused = this.server.get(HANDSHAKE);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.text()).isEqualTo("{\"code\":4,\"message\":\"Server full\"}");
		this.server.post(EngineIoTestServer.polling(first), "1");
		await().until(() -> this.server.engine().sessionCount() == 1);
		assertThat(this.server.get(HANDSHAKE).status()).isEqualTo(200);
	}

	@Test
	void refusesMoreSessionsPerAddressThanAllowed() {
		start(new EngineIoLimits(0, 1, 0, 0, List.of()));
		this.server.handshake();
		Reply refused = this.server.get(HANDSHAKE);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.text()).isEqualTo("{\"code\":4,\"message\":\"Too many sessions\"}");
	}

	@Test
	void rateLimitsHandshakesPerAddressAfterTheBurst() {
		start(new EngineIoLimits(0, 0, 0.001, 2, List.of()));
		this.server.handshake();
		this.server.handshake();
		Reply refused = this.server.get(HANDSHAKE);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.text()).isEqualTo("{\"code\":4,\"message\":\"Too many handshakes\"}");
	}

	@Test
	void refusesAWebSocketHandshakeOverTheLimitWithPlainText() {
		start(new EngineIoLimits(1, 0, 0, 0, List.of()));
		this.server.handshake();
		Throwable refused = RawWebSocketClient
			.connect(this.server.http(), this.server.path("EIO=4&transport=websocket"))
			.awaitRefused();
		assertThat(refused).hasMessageContaining("503");
	}

	@Test
	void usesTheForwardedAddressOnlyFromATrustedProxy() {
		start(new EngineIoLimits(0, 1, 0, 0, List.of("127.0.0.0/8")));
		Reply first = this.server.request(HttpMethod.GET, HANDSHAKE,
				(headers) -> headers.set("X-Forwarded-For", "198.51.100.1, 203.0.113.7"));
		Reply second = this.server.request(HttpMethod.GET, HANDSHAKE,
				(headers) -> headers.set("Forwarded", "for=\"[2001:db8::1]:4711\""));
		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		String firstSid = EngineIoTestServer.openPacket(first.text()).path("sid").asString();
		String secondSid = EngineIoTestServer.openPacket(second.text()).path("sid").asString();
		await().until(() -> this.addresses.size() == 2);
		assertThat(this.addresses.get(firstSid).getAddress().getHostAddress()).isEqualTo("203.0.113.7");
		assertThat(this.addresses.get(secondSid).getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
		// The same forwarded address again is over its per-address limit.
		assertThat(this.server
			.request(HttpMethod.GET, HANDSHAKE, (headers) -> headers.set("X-Forwarded-For", "203.0.113.7"))
			.status()).isEqualTo(429);
	}

	@Test
	void ignoresForwardingHeadersFromAnUntrustedPeer() {
		start(new EngineIoLimits(0, 0, 0, 0, List.of("10.0.0.0/8")));
		Reply reply = this.server.request(HttpMethod.GET, HANDSHAKE,
				(headers) -> headers.set("X-Forwarded-For", "203.0.113.7"));
		String sid = EngineIoTestServer.openPacket(reply.text()).path("sid").asString();
		await().until(() -> this.addresses.containsKey(sid));
		assertThat(this.addresses.get(sid).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void rejectsAnInvalidTrustedProxy() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EngineIoLimits(0, 0, 0, 0, List.of("not-an-ip")))
			.withMessageContaining("not-an-ip");
	}

}
