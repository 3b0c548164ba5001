package dev.realtime.socketio.spring.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SocketIoTestClientContextCustomizerFactoryTests {

	private final SocketIoTestClientContextCustomizerFactory factory = new SocketIoTestClientContextCustomizerFactory();

	@Test
	void customizesTestsWithAnEmbeddedServer() {
		assertThat(this.factory.createContextCustomizer(RandomPortTest.class, List.of())).isNotNull();
		assertThat(this.factory.createContextCustomizer(DefinedPortTest.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(RandomPortTest.class, List.of()));
	}

	@Test
	void leavesOtherTestsAlone() {
		assertThat(this.factory.createContextCustomizer(MockTest.class, List.of())).isNull();
		assertThat(this.factory.createContextCustomizer(PlainTest.class, List.of())).isNull();
	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	static class RandomPortTest {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
	static class DefinedPortTest {

	}

	@SpringBootTest
	static class MockTest {

	}

	static class PlainTest {

	}

}
