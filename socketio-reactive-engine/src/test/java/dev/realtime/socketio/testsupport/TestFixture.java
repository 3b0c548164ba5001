package dev.realtime.socketio.testsupport;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that owns one test resource (a server on a random port, a Redis, a
 * Node.js driver) and closes it. Registered with {@code @RegisterExtension} on a static
 * field it lives for the test class; on an instance field, for each test.
 * <pre class="code">
 * &#64;RegisterExtension
 * static final TestFixture&lt;SocketIoTestServer&gt; server = TestFixture.of(SocketIoTestServer::start);
 * </pre> A fixture made with {@link #manual()} starts nothing: the test hands it the
 * resource it built with its own options ({@link #start(AutoCloseable)}), and the fixture
 * closes it at the same point. Callbacks run outside the class's own {@code @BeforeEach}
 * and {@code @AfterEach} methods, so those see a started resource.
 *
 * @param <T> the resource
 */
public final class TestFixture<T extends AutoCloseable>
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final @Nullable Supplier<T> starter;

	private @Nullable T resource;

	private boolean perClass;

	private @Nullable String owner;

	private TestFixture(@Nullable Supplier<T> starter) {
		this.starter = starter;
	}

	/**
	 * A fixture that starts its resource before the class or each test.
	 */
	public static <T extends AutoCloseable> TestFixture<T> of(Supplier<T> starter) {
		return new TestFixture<>(starter);
	}

	/**
	 * A fixture whose resource the test starts, with {@link #start(AutoCloseable)}.
	 */
	public static <T extends AutoCloseable> TestFixture<T> manual() {
		return new TestFixture<>(null);
	}

	/**
	 * Take a resource the test started; close it after the test (or the class). A
	 * resource held already is closed first.
	 * @return the resource
	 */
	public T start(T resource) {
		close();
		this.resource = resource;
		return resource;
	}

	/**
	 * Return the resource.
	 * @throws AssertionError when none was started
	 */
	public T get() {
		T resource = this.resource;
		if (resource == null) {
			throw new AssertionError("No resource started: register the fixture with @RegisterExtension"
					+ ((this.starter != null) ? "" : " and call start(...)"));
		}
		return resource;
	}

	/**
	 * Whether a resource is held.
	 */
	public boolean isStarted() {
		return this.resource != null;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.perClass = true;
		startIfNeeded(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!this.perClass) {
			startIfNeeded(context);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			close();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// Nested classes call back too: only the class that started the resource closes
		// it.
		String id = context.getUniqueId();
		if (this.owner == null || this.owner.equals(id)) {
			close();
		}
	}

	private void startIfNeeded(ExtensionContext context) {
		Supplier<T> starter = this.starter;
		if (this.resource == null && starter != null) {
			this.resource = starter.get();
			this.owner = context.getUniqueId();
		}
	}

	private void close() {
		T resource = this.resource;
		this.resource = null;
		this.owner = null;
		if (resource != null) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				throw new AssertionError("Could not close " + resource, ex);
			}
		}
	}

}
