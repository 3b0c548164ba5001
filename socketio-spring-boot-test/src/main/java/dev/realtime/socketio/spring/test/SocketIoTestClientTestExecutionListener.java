package dev.realtime.socketio.spring.test;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes every connection the {@link SocketIoTestClient} of a test's context opened,
 * after each test method, so that no socket outlives its test. Registered in
 * {@code META-INF/spring.factories}.
 *
 * @since 0.1.0
 */
public final class SocketIoTestClientTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After-method callbacks run in reverse order: this one runs before the context
		// may be closed
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(SocketIoTestClient.class)
				.ifAvailable(SocketIoTestClient::closeAll);
		}
	}

}
