package dev.realtime.socketio.benchmarks.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The bench server of {@code spec/BENCH-APP.md}: a Spring Boot application on the starter
 * with annotation handlers ({@link BenchHandlers}).
 * <p>
 * {@code java -Xmx1g -jar bench-server.jar --server.port=PORT --server.address=127.0.0.1}
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class BenchServerApplication {

	@Bean
	EventArgumentsResolver eventArgumentsResolver() {
		return new EventArgumentsResolver();
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchServerApplication.class, args);
	}

}
