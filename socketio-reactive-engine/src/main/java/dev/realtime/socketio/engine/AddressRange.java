package dev.realtime.socketio.engine;

import java.net.InetAddress;

import io.netty.util.NetUtil;

/**
 * An IP address or CIDR range, such as {@code 10.0.0.0/8} or {@code ::1}.
 */
final class AddressRange {

	private final byte[] network;

	private final int prefix;

	private AddressRange(byte[] network, int prefix) {
		this.network = network;
		this.prefix = prefix;
	}

	static AddressRange parse(String value) {
		int slash = value.indexOf('/');
		String address = (slash >= 0) ? value.substring(0, slash) : value;
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address.trim());
		if (bytes == null) {
			throw new IllegalArgumentException("Not an IP address or CIDR range: '" + value + "'");
		}
		int prefix = bytes.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(value.substring(slash + 1).trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a CIDR range: '" + value + "'");
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("Prefix out of range in '" + value + "'");
			}
		}
		return new AddressRange(bytes, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[full] & mask) == (this.network[full] & mask);
	}

}
