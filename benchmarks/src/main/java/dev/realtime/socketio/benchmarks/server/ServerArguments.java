package dev.realtime.socketio.benchmarks.server;

/**
 * The {@code --server.port=PORT --server.address=ADDRESS} arguments every bench server
 * takes, the way Spring Boot reads them.
 *
 * @param address the address to bind
 * @param port the port to bind
 * @since 0.1.0
 */
public record ServerArguments(String address, int port) {

	/**
	 * Parse command-line arguments; the defaults are {@code 127.0.0.1:3000}.
	 * @param args the arguments
	 * @return the parsed arguments
	 */
	public static ServerArguments parse(String[] args) {
		String address = "127.0.0.1";
		int port = 3000;
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring("--server.port=".length()));
			}
			else if (arg.startsWith("--server.address=")) {
				address = arg.substring("--server.address=".length());
			}
		}
		return new ServerArguments(address, port);
	}

}
