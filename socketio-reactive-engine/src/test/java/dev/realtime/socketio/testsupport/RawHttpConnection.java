package dev.realtime.socketio.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP connection to a local server for the HTTP requests no HTTP client sends:
 * malformed, cut short or held open. Text goes out and comes back as ISO-8859-1, byte for
 * byte; reads wait at most {@link SocketIoTestServer#TIMEOUT}.
 *
 * @since 0.1.0
 */
public final class RawHttpConnection implements AutoCloseable {

	private final Socket socket;

	private RawHttpConnection(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Open a connection to {@code 127.0.0.1}.
	 * @param port the server's port
	 * @return the connection
	 * @throws IOException if the server cannot be reached
	 */
	public static RawHttpConnection open(int port) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout((int) SocketIoTestServer.TIMEOUT.toMillis());
		return new RawHttpConnection(socket);
	}

	/**
	 * Send a request and read what comes back until the server closes the connection.
	 * @param port the server's port
	 * @param request the bytes of the request
	 * @return the answer
	 * @throws IOException if the server cannot be reached
	 */
	public static String exchange(int port, byte[] request) throws IOException {
		try (RawHttpConnection connection = open(port)) {
			return connection.send(request).readToEnd();
		}
	}

	/**
	 * Send text.
	 * @param text the text, sent as ISO-8859-1
	 * @return this connection
	 * @throws IOException if the connection is closed
	 */
	public RawHttpConnection send(String text) throws IOException {
		return send(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Send bytes.
	 * @param bytes the bytes
	 * @return this connection
	 * @throws IOException if the connection is closed
	 */
	public RawHttpConnection send(byte[] bytes) throws IOException {
		OutputStream out = this.socket.getOutputStream();
		out.write(bytes);
		out.flush();
		return this;
	}

	/**
	 * Read until the server closes the connection; a reset after the answer ends it too.
	 * @return what was read, as ISO-8859-1
	 * @throws IOException if the read times out
	 */
	public String readToEnd() throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		try {
			this.socket.getInputStream().transferTo(answer);
		}
		catch (SocketException ex) {
			// reset after the answer
		}
		return answer.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The stream of what the server sends, for a test that reads responses one by one.
	 * @return the input stream
	 * @throws IOException if the connection is closed
	 */
	public InputStream in() throws IOException {
		return this.socket.getInputStream();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
