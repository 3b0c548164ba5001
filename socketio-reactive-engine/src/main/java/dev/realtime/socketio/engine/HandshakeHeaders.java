package dev.realtime.socketio.engine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

import dev.realtime.socketio.internal.RepeatedStrings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;

/**
 * The request headers a session keeps for its lifetime ({@link EngineIoHandshake}): a
 * read-only copy over one array of names and values. The header names every client sends,
 * and their most common values, are shared constants rather than strings decoded per
 * connection: an idle connection's heap is mostly objects like these. Shared names are
 * lower case, as the Node server reports them.
 */
final class HandshakeHeaders {

	private static final AsciiString[] COMMON_NAMES = { HttpHeaderNames.HOST, HttpHeaderNames.CONNECTION,
			HttpHeaderNames.UPGRADE, HttpHeaderNames.SEC_WEBSOCKET_KEY, HttpHeaderNames.SEC_WEBSOCKET_VERSION,
			HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL,
			HttpHeaderNames.USER_AGENT, HttpHeaderNames.ACCEPT, HttpHeaderNames.ACCEPT_ENCODING,
			HttpHeaderNames.ACCEPT_LANGUAGE, HttpHeaderNames.CACHE_CONTROL, HttpHeaderNames.PRAGMA,
			HttpHeaderNames.COOKIE, HttpHeaderNames.ORIGIN, HttpHeaderNames.REFERER, HttpHeaderNames.CONTENT_TYPE,
			HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.AUTHORIZATION, AsciiString.cached("x-forwarded-for"),
			AsciiString.cached("x-forwarded-proto"), AsciiString.cached("x-forwarded-host"),
			AsciiString.cached("x-real-ip"), AsciiString.cached("sec-fetch-dest"), AsciiString.cached("sec-fetch-mode"),
			AsciiString.cached("sec-fetch-site"), AsciiString.cached("sec-ch-ua"),
			AsciiString.cached("sec-ch-ua-mobile"), AsciiString.cached("sec-ch-ua-platform") };

	private static final String[] COMMON_VALUES = { "websocket", "Upgrade", "upgrade", "13", "keep-alive", "Keep-Alive",
			"no-cache", "*/*", "gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd",
			"permessage-deflate; client_max_window_bits", "cors", "same-origin", "cross-site", "empty", "?0",
			"\"Linux\"", "\"Windows\"", "\"macOS\"", "text/plain;charset=UTF-8" };

	/** Open addressing by case-insensitive hash: a power of two, at most half full. */
	private static final AsciiString[] NAME_TABLE = new AsciiString[64];

	static {
		for (AsciiString name : COMMON_NAMES) {
			int i = AsciiString.hashCode(name) & (NAME_TABLE.length - 1);
			while (NAME_TABLE[i] != null) {
				i = (i + 1) & (NAME_TABLE.length - 1);
			}
			NAME_TABLE[i] = name;
		}
	}

	/**
	 * Headers whose values vary by deployment rather than by client: every client of a
	 * server sends the same host and, from one web app, the same origin.
	 */
	private static final AsciiString[] REPEATED_ACROSS_CLIENTS = { HttpHeaderNames.HOST, HttpHeaderNames.ORIGIN,
			HttpHeaderNames.REFERER, HttpHeaderNames.USER_AGENT, HttpHeaderNames.ACCEPT_LANGUAGE };

	private HandshakeHeaders() {
	}

	private static boolean isRepeatedAcrossClients(CharSequence canonicalName) {
		for (AsciiString name : REPEATED_ACROSS_CLIENTS) {
			if (name == canonicalName) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return a compact read-only copy of request headers.
	 * @param headers the decoded headers
	 * @return the copy
	 */
	static HttpHeaders copyOf(HttpHeaders headers) {
		CharSequence[] pairs = new CharSequence[headers.size() * 2];
		int i = 0;
		for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext();) {
			Map.Entry<CharSequence, CharSequence> header = it.next();
			CharSequence name = canonicalName(header.getKey());
			pairs[i++] = name;
			pairs[i++] = isRepeatedAcrossClients(name) ? RepeatedStrings.share(header.getValue())
					: canonicalValue(header.getValue());
		}
		// Already validated by the HTTP decoder
		return new ReadOnlyHttpHeaders(false, (i == pairs.length) ? pairs : Arrays.copyOf(pairs, i));
	}

	static CharSequence canonicalName(CharSequence name) {
		int mask = NAME_TABLE.length - 1;
		for (int i = AsciiString.hashCode(name) & mask; NAME_TABLE[i] != null; i = (i + 1) & mask) {
			if (NAME_TABLE[i].contentEqualsIgnoreCase(name)) {
				return NAME_TABLE[i];
			}
		}
		return name;
	}

	static CharSequence canonicalValue(CharSequence value) {
		if (value.length() > 48) {
			return value;
		}
		for (String common : COMMON_VALUES) {
			if (common.contentEquals(value)) {
				return common;
			}
		}
		return value;
	}

}
