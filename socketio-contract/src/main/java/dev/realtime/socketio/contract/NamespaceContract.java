package dev.realtime.socketio.contract;

import java.util.List;

/**
 * The events of one namespace.
 *
 * @param name the namespace name, such as {@code /chat}, or the regular expression of a
 * dynamic namespace
 * @param pattern whether {@code name} is a regular expression
 * @param clientEvents the events clients send, each handled by an {@code @OnEvent} method
 * @param serverEvents the events the server sends, as {@code @EmitsEvent} declares them
 * @since 0.1.0
 */
public record NamespaceContract(String name, boolean pattern, List<EventContract> clientEvents,
		List<EventContract> serverEvents) {

	/**
	 * Create a namespace contract.
	 * @param name the name or pattern
	 * @param pattern whether the name is a pattern
	 * @param clientEvents the events clients send
	 * @param serverEvents the events the server sends
	 */
	public NamespaceContract {
		clientEvents = List.copyOf(clientEvents);
		serverEvents = List.copyOf(serverEvents);
	}

	/**
	 * Return an id for the namespace made of letters, digits, {@code .}, {@code -} and
	 * {@code _}: {@code main} for {@code /}, the name without its slashes otherwise (such
	 * as {@code chat} for {@code /chat}), and {@code pattern_} and the pattern's letters
	 * and digits for a dynamic namespace. Documents and files are named with it.
	 * @return the id
	 */
	public String id() {
		if (!this.pattern && this.name.equals("/")) {
			return "main";
		}
		String id = this.name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
		if (id.isEmpty()) {
			id = "namespace";
		}
		return this.pattern ? "pattern_" + id : id;
	}

}
