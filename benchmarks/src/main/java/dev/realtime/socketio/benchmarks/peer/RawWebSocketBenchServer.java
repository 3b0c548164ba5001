package dev.realtime.socketio.benchmarks.peer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import dev.realtime.socketio.benchmarks.server.ServerArguments;

/**
 * The ceiling: a raw Reactor Netty WebSocket server that speaks only the minimum
 * Engine.IO v4 / Socket.IO v5 framing the bench events need (open, CONNECT to {@code /},
 * ping, {@code echo}, {@code ack}, {@code join}, {@code broadcast}, one binary
 * attachment). Websocket transport only: no polling, no parser beyond fixed prefixes, no
 * per-socket objects but the channel.
 *
 * @since 0.1.0
 */
public final class RawWebSocketBenchServer {

	private static final byte[] ECHO = "[\"echo\",".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ACK = "[\"ack\",".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] JOIN = "[\"join\",\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BROADCAST = "[\"broadcast\",\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] MSG = "42[\"msg\",".getBytes(StandardCharsets.US_ASCII);

	private static final Map<String, Set<Channel>> rooms = new ConcurrentHashMap<>();

	private RawWebSocketBenchServer() {
	}

	public static void main(String[] args) {
		ServerArguments arguments = ServerArguments.parse(args);
		DisposableServer server = HttpServer.create()
			.host(arguments.address())
			.port(arguments.port())
			.route((routes) -> routes.ws("/socket.io/", RawWebSocketBenchServer::session,
					WebsocketServerSpec.builder().maxFramePayloadLength(1_000_000).build()))
			.bindNow();
		System.out.println("raw bench server listening on " + server.host() + ":" + server.port());
		server.onDispose().block();
	}

	private static Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
		Channel channel = ((Connection) in).channel();
		Session session = new Session(channel);
		channel.writeAndFlush(text("0{\"sid\":\"" + id() + "\",\"upgrades\":[],\"pingInterval\":25000,"
				+ "\"pingTimeout\":20000,\"maxPayload\":1000000}"), channel.voidPromise());
		// EIO4: the server pings, the client answers pong
		ScheduledFuture<?> ping = channel.eventLoop()
			.scheduleAtFixedRate(() -> channel.writeAndFlush(text("2"), channel.voidPromise()), 25, 25,
					TimeUnit.SECONDS);
		return in.aggregateFrames(1_000_000).receiveFrames().doOnNext(session::onFrame).doFinally((signal) -> {
			ping.cancel(false);
			for (Set<Channel> members : rooms.values()) {
				members.remove(channel);
			}
		}).then();
	}

	private static String id() {
		return Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
	}

	private static TextWebSocketFrame text(String text) {
		return new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
	}

	private static boolean startsWith(ByteBuf buf, int index, byte[] prefix) {
		if (buf.writerIndex() - index < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (buf.getByte(index + i) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static void broadcast(String room, ByteBuf payloadWithClosingBracket) {
		Set<Channel> members = rooms.get(room);
		if (members == null) {
			return;
		}
		ByteBuf frame = Unpooled.buffer(MSG.length + payloadWithClosingBracket.readableBytes());
		frame.writeBytes(MSG).writeBytes(payloadWithClosingBracket);
		// One task per event loop that writes the shared frame to its channels, then
		// flushes them.
		Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
		for (Channel member : members) {
			byLoop.computeIfAbsent(member.eventLoop(), (loop) -> new ArrayList<>()).add(member);
		}
		for (Map.Entry<EventLoop, List<Channel>> entry : byLoop.entrySet()) {
			List<Channel> channels = entry.getValue();
			ByteBuf shared = frame.retainedDuplicate();
			entry.getKey().execute(() -> {
				for (Channel member : channels) {
					member.write(new TextWebSocketFrame(shared.retainedDuplicate()), member.voidPromise());
				}
				for (Channel member : channels) {
					member.flush();
				}
				shared.release();
			});
		}
		frame.release();
	}

	private static final class Session {

		private final Channel channel;

		private TextWebSocketFrame pendingBinaryHeader;

		Session(Channel channel) {
			this.channel = channel;
		}

		void onFrame(WebSocketFrame frame) {
			if (frame instanceof BinaryWebSocketFrame) {
				// The attachment of a binary echo: send the header, then the bytes back
				if (this.pendingBinaryHeader != null) {
					this.channel.write(this.pendingBinaryHeader, this.channel.voidPromise());
					this.pendingBinaryHeader = null;
					this.channel.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()),
							this.channel.voidPromise());
				}
				return;
			}
			if (!(frame instanceof TextWebSocketFrame)) {
				return;
			}
			ByteBuf buf = frame.content();
			int length = buf.readableBytes();
			if (length < 2 || buf.getByte(0) != '4') {
				return;
			}
			byte type = buf.getByte(1);
			if (type == '0') {
				this.channel.writeAndFlush(text("40{\"sid\":\"" + id() + "\"}"), this.channel.voidPromise());
				return;
			}
			if (type == '5') {
				// 451-["echo",{"_placeholder":true,"num":0}] is echoed as is, then its
				// attachment
				this.pendingBinaryHeader = new TextWebSocketFrame(buf.retain());
				return;
			}
			if (type != '2') {
				return;
			}
			int index = 2;
			while (index < length && Character.isDigit(buf.getByte(index))) {
				index++;
			}
			if (index == 2 && startsWith(buf, index, ECHO)) {
				this.channel.writeAndFlush(new TextWebSocketFrame(buf.retain()), this.channel.voidPromise());
			}
			else if (index > 2 && startsWith(buf, index, ACK)) {
				int argsStart = index + ACK.length;
				ByteBuf reply = this.channel.alloc().buffer(length);
				reply.writeByte('4')
					.writeByte('3')
					.writeBytes(buf, 2, index - 2)
					.writeByte('[')
					.writeBytes(buf, argsStart, length - argsStart);
				this.channel.writeAndFlush(new TextWebSocketFrame(reply), this.channel.voidPromise());
			}
			else if (startsWith(buf, index, JOIN)) {
				int roomStart = index + JOIN.length;
				int roomEnd = buf.indexOf(roomStart, length, (byte) '"');
				String room = buf.toString(roomStart, roomEnd - roomStart, StandardCharsets.UTF_8);
				rooms.computeIfAbsent(room, (name) -> ConcurrentHashMap.newKeySet()).add(this.channel);
				if (index > 2) {
					ByteBuf reply = this.channel.alloc().buffer();
					reply.writeByte('4')
						.writeByte('3')
						.writeBytes(buf, 2, index - 2)
						.writeByte('[')
						.writeBytes(buf, roomStart - 1, roomEnd - roomStart + 2)
						.writeByte(']');
					this.channel.writeAndFlush(new TextWebSocketFrame(reply), this.channel.voidPromise());
				}
			}
			else if (startsWith(buf, index, BROADCAST)) {
				int roomStart = index + BROADCAST.length;
				int roomEnd = buf.indexOf(roomStart, length, (byte) '"');
				String room = buf.toString(roomStart, roomEnd - roomStart, StandardCharsets.UTF_8);
				int payloadStart = roomEnd + 2;
				broadcast(room, buf.slice(payloadStart, length - payloadStart));
			}
		}

	}

}
