package dev.realtime.socketio.spring.handler.support;

import java.security.Principal;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoPrincipal;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves parameters of type {@link Principal} (or a subtype, such as Spring Security's
 * {@code Authentication}) to the principal authenticated when the socket connected. The
 * principal is looked up by a strategy; by default with {@link SocketIoPrincipal#get},
 * where the auto-configured {@code SocketIoConnectAuthorizer}s store it.
 * <p>
 * Without a principal, or with one of another type, the invocation fails, unless the
 * parameter is {@code @Nullable}, in which case it is {@code null}.
 *
 * @since 0.1.0
 */
public class PrincipalArgumentResolver implements SyncEventArgumentResolver {

	private final Function<SocketIoSocket, @Nullable Principal> principalLookup;

	/**
	 * Create a resolver that finds the principal with {@link SocketIoPrincipal#get}.
	 */
	public PrincipalArgumentResolver() {
		this(SocketIoPrincipal::get);
	}

	/**
	 * Create a resolver.
	 * @param principalLookup returns the principal of a socket, or {@code null}
	 */
	public PrincipalArgumentResolver(Function<SocketIoSocket, @Nullable Principal> principalLookup) {
		this.principalLookup = Objects.requireNonNull(principalLookup, "principalLookup");
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Principal.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		Principal principal = this.principalLookup.apply(context.socket());
		if (parameter.getParameterType().isInstance(principal)) {
			return principal;
		}
		if (parameter.isOptional()) {
			return null;
		}
		throw new IllegalStateException(
				(principal != null) ? "The principal is a " + principal.getClass().getSimpleName() + ", not a "
						+ parameter.getParameterType().getSimpleName() : "No authenticated principal");
	}

}
