package dev.realtime.socketio.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sample chat: a Spring WebFlux application serving a static page and a Socket.IO
 * namespace, {@code /chat}, on the same port.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	private static final Log logger = LogFactory.getLog(SampleApplication.class);

	/**
	 * Start the chat.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@EventListener
	void printUrl(WebServerInitializedEvent event) {
		logger.info("Chat ready: open http://localhost:" + event.getWebServer().getPort() + "/ in a browser");
	}

}
