package dev.realtime.socketio.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain TCP socket, blocking, for what a library client would not
 * do: stop reading while the server writes, or send bytes no encoder would produce. It
 * writes masked frames and reads the server's frames one at a time.
 */
final class TcpWebSocket implements AutoCloseable {

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private TcpWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
		this.out = socket.getOutputStream();
	}

	/**
	 * Open a WebSocket to {@code /engine.io/}.
	 * @param receiveBuffer the socket's receive buffer, set before connecting (0: the OS
	 * default)
	 */
	static TcpWebSocket open(int port, String query, int receiveBuffer) throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		TcpWebSocket ws = new TcpWebSocket(socket);
		String head = ws.handshake("GET /engine.io/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
		if (!head.startsWith("HTTP/1.1 101")) {
			socket.close();
			throw new IllegalStateException("WebSocket handshake refused: " + head);
		}
		return ws;
	}

	private String handshake(String request) throws IOException {
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		StringBuilder head = new StringBuilder();
		while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection closed during the handshake: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	void sendText(String text) throws IOException {
		send(TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Send one final, masked frame. */
	void send(int opcode, byte[] payload) throws IOException {
		this.out.write(frame(opcode, payload));
		this.out.flush();
	}

	/** Send text frames in one write, so that the server reads them together. */
	void sendTogether(String... texts) throws IOException {
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		for (String text : texts) {
			frames.write(frame(TEXT, text.getBytes(StandardCharsets.UTF_8)));
		}
		this.out.write(frames.toByteArray());
		this.out.flush();
	}

	/** Drop the connection with a TCP reset, as a client that crashes does. */
	void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	private static byte[] frame(int opcode, byte[] payload) {
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		int length = payload.length;
		int header = (length < 126) ? 2 : (length < 65536) ? 4 : 10;
		byte[] frame = new byte[header + 4 + length];
		frame[0] = (byte) (0x80 | opcode);
		if (length < 126) {
			frame[1] = (byte) (0x80 | length);
		}
		else if (length < 65536) {
			frame[1] = (byte) (0x80 | 126);
			frame[2] = (byte) (length >>> 8);
			frame[3] = (byte) length;
		}
		else {
			frame[1] = (byte) (0x80 | 127);
			for (int i = 0; i < 8; i++) {
				frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
			}
		}
		System.arraycopy(mask, 0, frame, header, 4);
		for (int i = 0; i < length; i++) {
			frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
		}
		return frame;
	}

	/**
	 * Read the next frame (the server sends final frames only), or return {@code null} at
	 * the end of the stream.
	 */
	@Nullable Frame next() throws IOException {
		int first = this.in.read();
		if (first < 0) {
			return null;
		}
		int second = this.in.readUnsignedByte();
		long length = second & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new Frame(first & 0x0f, payload);
	}

	/** The next text frame that is not a ping, answering pings. */
	String nextText() throws IOException {
		while (true) {
			Frame frame = next();
			if (frame == null) {
				throw new EOFException("Connection closed");
			}
			if (frame.opcode() == TEXT) {
				String text = frame.text();
				if (!"2".equals(text)) {
					return text;
				}
				sendText("3");
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Frame(int opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/** The status of a close frame, or -1. */
		int closeStatus() {
			return (this.opcode == CLOSE && this.payload.length >= 2)
					? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : -1;
		}

	}

}
