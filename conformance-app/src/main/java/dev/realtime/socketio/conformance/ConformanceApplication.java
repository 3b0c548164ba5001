package dev.realtime.socketio.conformance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves {@code /engine.io/} (raw Engine.IO echo), {@code /socket.io/} (the Socket.IO
 * contract) and {@code /socket.io-csr/} (with connection state recovery) on port 3000, as
 * {@code docs/protocol.md} section 3 describes.
 */
@SpringBootApplication
public class ConformanceApplication {

	/**
	 * Start the fixture.
	 * @param args command-line arguments, such as {@code --server.port=3000}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ConformanceApplication.class, args);
	}

}
