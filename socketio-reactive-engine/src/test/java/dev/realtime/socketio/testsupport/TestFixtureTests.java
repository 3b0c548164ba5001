package dev.realtime.socketio.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TestFixture}, registered here the three ways the suites use it: the
 * second test sees what the first one left behind.
 */
@TestMethodOrder(OrderAnnotation.class)
class TestFixtureTests {

	private static final List<Resource> resources = new CopyOnWriteArrayList<>();

	@RegisterExtension
	static final TestFixture<Resource> perClass = TestFixture.of(() -> Resource.open("class"));

	@RegisterExtension
	final TestFixture<Resource> perTest = TestFixture.of(() -> Resource.open("test"));

	@RegisterExtension
	final TestFixture<Resource> manual = TestFixture.manual();

	@Test
	@Order(1)
	void startsTheResourcesBeforeTheTest() {
		assertThat(perClass.get().name()).isEqualTo("class");
		assertThat(this.perTest.get().name()).isEqualTo("test");
		assertThat(this.manual.isStarted()).isFalse();
		Resource first = this.manual.start(Resource.open("manual"));
		Resource second = this.manual.start(Resource.open("manual again"));
		assertThat(first.closed()).as("replaced resource closed").isTrue();
		assertThat(this.manual.get()).isSameAs(second);
	}

	@Test
	@Order(2)
	void closesPerTestResourcesAfterTheTestAndKeepsTheClassOne() {
		assertThat(resources).extracting(Resource::name)
			.containsExactly("class", "test", "manual", "manual again", "test");
		assertThat(resources.get(0).closed()).as("class resource").isFalse();
		assertThat(perClass.get()).isSameAs(resources.get(0));
		assertThat(resources.subList(1, 4)).allMatch(Resource::closed);
		assertThat(this.perTest.get()).isSameAs(resources.get(4));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(this.manual::get)
			.withMessageContaining("call start(...)");
	}

	static final class Resource implements AutoCloseable {

		private final String name;

		private volatile boolean closed;

		private Resource(String name) {
			this.name = name;
		}

		static Resource open(String name) {
			Resource resource = new Resource(name);
			resources.add(resource);
			return resource;
		}

		String name() {
			return this.name;
		}

		boolean closed() {
			return this.closed;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
