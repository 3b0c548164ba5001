package dev.realtime.socketio.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.TestFixture;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.engine.EngineIoTestServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engine.IO v3 sessions on a server that allows them (docs/protocol.md 1.11), at the wire
 * level: the length-prefixed payloads, base64 and binary bodies over polling, the type
 * byte of binary frames, and the heartbeat the client drives. The Socket.IO 2.x client
 * itself runs in {@code SocketIoV2ClientInteropIntegrationTests}.
 */
class EngineIoV3IntegrationTests {

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	private EngineIoTestServer start(boolean allowEio3) {
		this.server = this.servers
			.start(EngineIoTestServer.echo(EngineIoTestServer.slowHeartbeat().allowEio3(allowEio3).build()));
		return this.server;
	}

	/** Open a v3 polling session; returns its id. */
	private String handshake(String extraQuery) {
		Reply reply = this.server.get("EIO=3&transport=polling" + extraQuery);
		assertThat(reply.status()).isEqualTo(200);
		String body = reply.text();
		int colon = body.indexOf(':');
		String packet = body.substring(colon + 1);
		// EIO3: <length>:<packet>, the length in UTF-16 code units
		assertThat(Integer.parseInt(body.substring(0, colon))).isEqualTo(packet.length());
		JsonNode open = EngineIoTestServer.openPacket(packet);
		assertThat(open.path("upgrades").toString()).isEqualTo("[\"websocket\"]");
		assertThat(open.path("pingInterval").asInt()).isEqualTo(30_000);
		return open.path("sid").asString();
	}

	private static String polling(String sid) {
		return "EIO=3&transport=polling&sid=" + sid;
	}

	@Test
	void handshakeIsRefusedWithCode5WhenEio3IsNotAllowed() {
		start(false);
		Reply reply = this.server.get("EIO=3&transport=polling");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.text()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
	}

	@Test
	void textPayloadsAreLengthPrefixedInUtf16CodeUnits() {
		start(true);
		String sid = handshake("&b64=1");
		assertThat(this.server.engine().session(sid).protocol()).isEqualTo(EngineIoProtocol.V3);
		assertThat(this.server.post(polling(sid), "6:4hello2:4€3:4😀").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("6:4hello2:4€3:4😀");
	}

	@Test
	void binaryTravelsInBase64WhenTheClientAsksForIt() {
		start(true);
		String sid = handshake("&b64=1");
		this.server.post(polling(sid), "6:b4AQID");
		Reply reply = this.server.get(polling(sid));
		assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/plain; charset=UTF-8");
		assertThat(reply.text()).isEqualTo("6:b4AQID");
	}

	@Test
	void binaryTravelsInBinaryBodiesForXhr2Clients() throws Exception {
		start(true);
		String sid = handshake("");
		// A text packet "4hi" and a binary message <01 02 03>
		byte[] payload = { 0, 3, (byte) 0xff, '4', 'h', 'i', 1, 4, (byte) 0xff, 4, 1, 2, 3 };
		HttpResponse<String> posted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.server.httpUrl() + "?" + polling(sid)))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(payload))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isEqualTo(200);
		Reply reply = this.server.get(polling(sid));
		assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/octet-stream");
		assertThat(reply.body()).containsExactly(payload);
	}

	@Test
	void theClientPingsAndTheServerAnswers() {
		start(true);
		String sid = handshake("&b64=1");
		this.server.post(polling(sid), "1:2");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("1:3");
	}

	@Test
	void aPongFromTheClientClosesTheSession() {
		start(true);
		String sid = handshake("&b64=1");
		this.server.post(polling(sid), "1:3");
		this.server.awaitNoSessions();
	}

	@Test
	void aMalformedPayloadClosesTheSession() {
		start(true);
		String sid = handshake("&b64=1");
		assertThat(this.server.post(polling(sid), "9:4hello").status()).isEqualTo(400);
		this.server.awaitNoSessions();
	}

	@Test
	void requestsOfTheOtherRevisionAreRefused() {
		start(true);
		String sid = handshake("&b64=1");
		assertThat(this.server.get("EIO=4&transport=polling&sid=" + sid).json().path("code").asInt()).isEqualTo(3);
		assertThat(this.server.get("EIO=3&transport=polling&j=0").status()).isEqualTo(400);
	}

	@Test
	void binaryFramesCarryTheirTypeByteOverWebSocket() {
		start(true);
		try (RawWebSocketClient ws = this.server.openWebSocket("EIO=3&transport=websocket")) {
			ws.awaitConnected();
			assertThat(ws.nextText()).startsWith("0{\"sid\":");
			ws.sendBinary(new byte[] { 4, 1, 2, 3 });
			assertThat(ws.nextBinary()).containsExactly(4, 1, 2, 3);
			ws.sendText("2");
			assertThat(ws.nextText()).isEqualTo("3");
			ws.sendText("4é");
			assertThat(ws.nextText()).isEqualTo("4é");
		}
	}

	@Test
	void aPollingSessionUpgradesToWebSocket() {
		start(true);
		String sid = handshake("");
		try (RawWebSocketClient ws = this.server.openWebSocket("EIO=3&transport=websocket&sid=" + sid)) {
			ws.awaitConnected();
			ws.sendText("2probe");
			assertThat(ws.nextText()).isEqualTo("3probe");
			ws.sendText("5");
			ws.sendBinary(new byte[] { 4, 9 });
			assertThat(ws.nextBinary()).containsExactly(4, 9);
			assertThat(this.server.engine().session(sid).transport()).isEqualTo(EngineIoTransport.WEBSOCKET);
		}
	}

}
