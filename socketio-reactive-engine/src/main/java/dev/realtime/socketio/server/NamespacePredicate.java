package dev.realtime.socketio.server;

import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether a client may create a dynamic namespace on the fly.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NamespacePredicate {

	/**
	 * Check a namespace name.
	 * @param name the namespace the client asked for
	 * @param auth the CONNECT auth payload
	 * @return {@code true} to create the namespace
	 */
	boolean matches(String name, ObjectNode auth);

}
