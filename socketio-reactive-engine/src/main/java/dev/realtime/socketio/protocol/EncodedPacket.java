package dev.realtime.socketio.protocol;

import java.util.List;

/**
 * A Socket.IO packet ready for the transport: the text header, sent as one Engine.IO
 * message, followed by each attachment as its own binary Engine.IO message (Socket.IO v5,
 * binary packets).
 * <p>
 * The attachment arrays are shared with the packet data, not copied: do not modify them.
 * Like any record holding arrays, equality compares the attachments by identity.
 *
 * @param text the text part of the packet, without the Engine.IO message type
 * @param attachments the binary attachments in order, empty when the packet has none
 * @since 0.1.0
 */
public record EncodedPacket(String text, List<byte[]> attachments) {

	/**
	 * Create a new encoded packet.
	 * @param text the text part of the packet
	 * @param attachments the binary attachments in order
	 */
	public EncodedPacket {
		attachments = List.copyOf(attachments);
	}

	/**
	 * Return whether binary attachments follow the text part.
	 * @return {@code true} if there is at least one attachment
	 */
	public boolean hasAttachments() {
		return !this.attachments.isEmpty();
	}

}
