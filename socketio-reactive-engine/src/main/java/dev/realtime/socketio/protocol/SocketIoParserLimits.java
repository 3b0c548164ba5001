package dev.realtime.socketio.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;

/**
 * Limits a {@link SocketIoPacketDecoder} enforces on incoming packets, so that a client
 * cannot make the server buffer or walk unbounded structures.
 *
 * @since 0.1.0
 */
public final class SocketIoParserLimits {

	/**
	 * Default maximum number of binary attachments per packet, as in the reference
	 * parser.
	 */
	public static final int DEFAULT_MAX_ATTACHMENTS = 10;

	/**
	 * Default maximum nesting depth of a JSON payload: Jackson's own default read limit,
	 * so that whatever the application could parse with its mapper also passes here (real
	 * data nests deeper than a few dozen levels; the parser's cost is linear in the
	 * depth).
	 */
	public static final int DEFAULT_MAX_NESTING_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

	/** Default maximum length of an event name, in chars. */
	public static final int DEFAULT_MAX_EVENT_NAME_LENGTH = 256;

	private static final SocketIoParserLimits DEFAULTS = builder().build();

	private final int maxAttachments;

	private final int maxNestingDepth;

	private final int maxEventNameLength;

	private SocketIoParserLimits(Builder builder) {
		this.maxAttachments = builder.maxAttachments;
		this.maxNestingDepth = builder.maxNestingDepth;
		this.maxEventNameLength = builder.maxEventNameLength;
	}

	/**
	 * Return the default limits.
	 * @return the limits with every value at its default
	 */
	public static SocketIoParserLimits defaults() {
		return DEFAULTS;
	}

	/**
	 * Create a builder initialised with the default limits.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder initialised with these limits.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().maxAttachments(this.maxAttachments)
			.maxNestingDepth(this.maxNestingDepth)
			.maxEventNameLength(this.maxEventNameLength);
	}

	/**
	 * Return the maximum number of binary attachments of one packet.
	 * @return the maximum, 0 meaning that binary packets are refused
	 */
	public int maxAttachments() {
		return this.maxAttachments;
	}

	/**
	 * Return the maximum nesting depth of a JSON payload, the outer array or object
	 * counting as one.
	 * @return the maximum depth
	 */
	public int maxNestingDepth() {
		return this.maxNestingDepth;
	}

	/**
	 * Return the maximum length of an incoming event name, in chars.
	 * @return the maximum length
	 */
	public int maxEventNameLength() {
		return this.maxEventNameLength;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof SocketIoParserLimits that
				&& this.maxAttachments == that.maxAttachments && this.maxNestingDepth == that.maxNestingDepth
				&& this.maxEventNameLength == that.maxEventNameLength);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.maxAttachments + this.maxNestingDepth) + this.maxEventNameLength;
	}

	@Override
	public String toString() {
		return "SocketIoParserLimits[maxAttachments=" + this.maxAttachments + ", maxNestingDepth="
				+ this.maxNestingDepth + ", maxEventNameLength=" + this.maxEventNameLength + "]";
	}

	/**
	 * Builder for {@link SocketIoParserLimits}; each setter rejects invalid values at
	 * once.
	 */
	public static final class Builder {

		private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;

		private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;

		private int maxEventNameLength = DEFAULT_MAX_EVENT_NAME_LENGTH;

		private Builder() {
		}

		/**
		 * Set the maximum number of binary attachments of one packet.
		 * @param maxAttachments the maximum, not negative; 0 refuses binary packets
		 * @return this builder
		 */
		public Builder maxAttachments(int maxAttachments) {
			if (maxAttachments < 0) {
				throw new IllegalArgumentException("maxAttachments must not be negative: " + maxAttachments);
			}
			this.maxAttachments = maxAttachments;
			return this;
		}

		/**
		 * Set the maximum nesting depth of a JSON payload.
		 * @param maxNestingDepth the maximum, at least 1
		 * @return this builder
		 */
		public Builder maxNestingDepth(int maxNestingDepth) {
			if (maxNestingDepth < 1) {
				throw new IllegalArgumentException("maxNestingDepth must be positive: " + maxNestingDepth);
			}
			this.maxNestingDepth = maxNestingDepth;
			return this;
		}

		/**
		 * Set the maximum length of an incoming event name.
		 * @param maxEventNameLength the maximum, in chars, at least 1
		 * @return this builder
		 */
		public Builder maxEventNameLength(int maxEventNameLength) {
			if (maxEventNameLength < 1) {
				throw new IllegalArgumentException("maxEventNameLength must be positive: " + maxEventNameLength);
			}
			this.maxEventNameLength = maxEventNameLength;
			return this;
		}

		/**
		 * Build the limits.
		 * @return the immutable limits
		 */
		public SocketIoParserLimits build() {
			return new SocketIoParserLimits(this);
		}

	}

}
