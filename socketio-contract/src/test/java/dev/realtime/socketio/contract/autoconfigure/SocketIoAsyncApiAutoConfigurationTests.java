package dev.realtime.socketio.contract.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.realtime.socketio.contract.fixture.ShopHandler;

import static org.assertj.core.api.Assertions.assertThat;

class SocketIoAsyncApiAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoAsyncApiAutoConfiguration.class))
		.withBean(ShopHandler.class);

	@Test
	void buildsTheDocumentAtStartupWithTheDefaultTitle() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIoAsyncApiDocument.class);
			SocketIoAsyncApiDocument document = context.getBean(SocketIoAsyncApiDocument.class);
			assertThat(document.document().at("/info/title").asString()).isEqualTo("Socket.IO API");
			assertThat(document.contract().namespaces()).singleElement()
				.satisfies((namespace) -> assertThat(namespace.name()).isEqualTo("/shop"));
		});
	}

	@Test
	void endpointIsNotCreatedWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SocketIoAsyncApiEndpoint.class));
	}

	@Test
	void endpointIsCreatedWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=socketioasyncapi")
			.run((context) -> assertThat(context).hasSingleBean(SocketIoAsyncApiEndpoint.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("socketio.asyncapi.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoAsyncApiDocument.class));
	}

}
