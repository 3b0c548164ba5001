package dev.realtime.socketio.protocol;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Finds the binary values of a JSON tree: {@link tools.jackson.databind.node.BinaryNode}s
 * and {@link POJONode}s wrapping a {@code byte[]} or a {@link ByteBuffer}.
 */
final class BinaryValues {

	private BinaryValues() {
	}

	/**
	 * Return whether the given node is a binary value.
	 */
	static boolean isBinary(JsonNode node) {
		if (node.isBinary()) {
			return true;
		}
		if (node instanceof POJONode pojoNode) {
			Object pojo = pojoNode.getPojo();
			return pojo instanceof byte[] || pojo instanceof ByteBuffer;
		}
		return false;
	}

	/**
	 * Return the bytes of the given node, or {@code null} if it is not a binary value. A
	 * {@code byte[]} is returned as is, a {@link ByteBuffer} is copied from its position
	 * to its limit, leaving the buffer untouched.
	 */
	static byte @Nullable [] bytes(JsonNode node) {
		if (node.isBinary()) {
			return node.binaryValue();
		}
		if (node instanceof POJONode pojoNode) {
			Object pojo = pojoNode.getPojo();
			if (pojo instanceof byte[] bytes) {
				return bytes;
			}
			if (pojo instanceof ByteBuffer buffer) {
				byte[] bytes = new byte[buffer.remaining()];
				buffer.duplicate().get(bytes);
				return bytes;
			}
		}
		return null;
	}

	/**
	 * Count the binary values of the given tree, at any depth.
	 */
	static int count(JsonNode node) {
		if (node.isContainer()) {
			int count = 0;
			for (JsonNode child : node) {
				count += count(child);
			}
			return count;
		}
		return isBinary(node) ? 1 : 0;
	}

}
