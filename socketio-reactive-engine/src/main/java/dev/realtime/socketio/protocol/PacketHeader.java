package dev.realtime.socketio.protocol;

/**
 * The header of a text packet, {@code <type>[<attachments>-][<namespace>,][<ackId>]},
 * read by index without regular expressions (Socket.IO v5, encoding). The JSON payload,
 * if any, starts at {@link #payloadOffset()}.
 */
final class PacketHeader {

	private final String text;

	private int position;

	private final SocketIoPacketType type;

	private final int attachments;

	private final String namespace;

	private final long ackId;

	private PacketHeader(String text, int maxAttachments) {
		this.text = text;
		this.type = readType();
		this.attachments = this.type.isBinary() ? readAttachmentCount(maxAttachments) : 0;
		this.namespace = readNamespace();
		this.ackId = readAckId();
	}

	/**
	 * Read the header of the given packet.
	 * @throws SocketIoParseException if the header is malformed
	 */
	static PacketHeader read(String text, int maxAttachments) {
		return new PacketHeader(text, maxAttachments);
	}

	SocketIoPacketType type() {
		return this.type;
	}

	int attachments() {
		return this.attachments;
	}

	String namespace() {
		return this.namespace;
	}

	long ackId() {
		return this.ackId;
	}

	int payloadOffset() {
		return this.position;
	}

	boolean hasPayload() {
		return this.position < this.text.length();
	}

	private SocketIoPacketType readType() {
		if (this.text.isEmpty()) {
			throw new SocketIoParseException("Empty packet");
		}
		char c = this.text.charAt(0);
		SocketIoPacketType type = SocketIoPacketType.of(c);
		if (type == null) {
			throw new SocketIoParseException("Unknown packet type '" + c + "'");
		}
		this.position = 1;
		return type;
	}

	private int readAttachmentCount(int maxAttachments) {
		int start = this.position;
		long count = 0;
		while (isDigitAt(this.position)) {
			count = count * 10 + (this.text.charAt(this.position++) - '0');
			if (count > maxAttachments) {
				throw new SocketIoLimitExceededException("maxAttachments",
						"More than " + maxAttachments + " attachments (parser limit maxAttachments)");
			}
		}
		if (this.position == start || this.position == this.text.length() || this.text.charAt(this.position) != '-') {
			throw new SocketIoParseException("Invalid attachment count in " + this.type + " packet");
		}
		if (count == 0) {
			// Socket.IO v5 binary: encoders never send a binary packet without
			// attachments
			throw new SocketIoParseException(this.type + " packet without attachments");
		}
		this.position++;
		return (int) count;
	}

	private String readNamespace() {
		if (this.position == this.text.length() || this.text.charAt(this.position) != '/') {
			return SocketIoPacket.MAIN_NAMESPACE;
		}
		// Socket.IO v5 encoding: the namespace runs until ',' or the end of the packet
		int comma = this.text.indexOf(',', this.position);
		int end = (comma != -1) ? comma : this.text.length();
		String namespace = this.text.substring(this.position, end);
		this.position = (comma != -1) ? comma + 1 : end;
		return namespace;
	}

	private long readAckId() {
		if (!isDigitAt(this.position)) {
			return SocketIoPacket.NO_ACK_ID;
		}
		if (!this.type.isEvent() && !this.type.isAck()) {
			throw new SocketIoParseException(this.type + " packet must not have an ack id");
		}
		long ackId = 0;
		while (isDigitAt(this.position)) {
			int digit = this.text.charAt(this.position++) - '0';
			if (ackId > (Long.MAX_VALUE - digit) / 10) {
				throw new SocketIoParseException("Ack id out of range");
			}
			ackId = ackId * 10 + digit;
		}
		return ackId;
	}

	private boolean isDigitAt(int index) {
		if (index >= this.text.length()) {
			return false;
		}
		char c = this.text.charAt(index);
		return c >= '0' && c <= '9';
	}

}
