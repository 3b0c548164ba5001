package dev.realtime.socketio.engine;

import java.util.Objects;

import dev.realtime.socketio.engine.packet.EngineIoParseException;
import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket side of one session: the WebSocket that carries it, the upgrade under way
 * from long-polling, and what arrives on either of them. Confined to the session's
 * executor, like the session.
 * <p>
 * A frame from a WebSocket that no longer matters (a probe given up, a second WebSocket
 * for the same session) is dropped here, so that the session only sees the packets of the
 * transport that carries it.
 */
final class SessionWebSockets {

	private final EngineIoSession session;

	private @Nullable WebSocketTransport current;

	/** The upgrade under way, if any. */
	private @Nullable WebSocketUpgrade upgrade;

	SessionWebSockets(EngineIoSession session, @Nullable WebSocketTransport current) {
		this.session = session;
		this.current = current;
	}

	/** The WebSocket carrying the session, if any. */
	@Nullable WebSocketTransport current() {
		return this.current;
	}

	/** The upgrade under way, if any. */
	@Nullable WebSocketUpgrade upgrade() {
		return this.upgrade;
	}

	private boolean carries(WebSocketTransport ws) {
		return ws == this.current && this.session.transport() == EngineIoTransport.WEBSOCKET;
	}

	// Inbound

	void onText(WebSocketTransport ws, String text) {
		WebSocketUpgrade upgrade = upgradeProbing(ws);
		if (upgrade != null) {
			upgrade.onText(text);
			return;
		}
		EnginePacket packet;
		try {
			packet = this.session.protocol().decodePacket(text);
		}
		catch (EngineIoParseException ex) {
			onParseError(ws, ex);
			return;
		}
		if (carries(ws)) {
			this.session.onPacket(packet);
		}
	}

	void onBinary(WebSocketTransport ws, byte[] data) {
		WebSocketUpgrade upgrade = upgradeProbing(ws);
		if (upgrade != null) {
			upgrade.onBinary(data);
		}
		else if (carries(ws)) {
			EnginePacket packet;
			try {
				packet = this.session.protocol().decodeBinaryFrame(data);
			}
			catch (EngineIoParseException ex) {
				onParseError(ws, ex);
				return;
			}
			this.session.onPacket(packet);
		}
	}

	private void onParseError(WebSocketTransport ws, EngineIoParseException ex) {
		if (ws == this.current) {
			this.session.close(EngineIoCloseReason.PARSE_ERROR,
					Objects.requireNonNullElse(ex.getMessage(), "parse error"));
		}
	}

	void onClosed(WebSocketTransport ws) {
		if (upgradeProbing(ws) != null) {
			abortUpgrade(ws);
		}
		else if (carries(ws)) {
			if (this.session.isClosing()) {
				this.session.finishClose();
			}
			else {
				this.session.close(EngineIoCloseReason.TRANSPORT_CLOSE, "");
			}
		}
	}

	/**
	 * The WebSocket failed (a frame over the limit, an I/O error): ref "transport error".
	 */
	void onError(WebSocketTransport ws, String description) {
		if (upgradeProbing(ws) != null) {
			abortUpgrade(ws);
		}
		else if (carries(ws)) {
			this.session.close(EngineIoCloseReason.TRANSPORT_ERROR, description);
		}
	}

	// Upgrade

	/** A WebSocket with this session's id arrived: it becomes the upgrade probe. */
	void onUpgradeSocket(WebSocketTransport ws) {
		WebSocketUpgrade current = this.upgrade;
		if (current != null && !current.probeLoop().inEventLoop()) {
			// As for a poll (PollingTransport.onPoll): the probe's loop may not have read
			// what the client sent on the probe before this WebSocket, so it decides
			// after that.
			EventLoop probeLoop = current.probeLoop();
			probeLoop.execute(() -> this.session.executeHere(() -> onUpgradeSocket(ws), probeLoop));
			return;
		}
		if (!this.session.isOpen() || this.session.transport() != EngineIoTransport.POLLING || current != null) {
			// Only one WebSocket per session: a second one is closed at once.
			ws.close();
			return;
		}
		WebSocketUpgrade upgrade = new WebSocketUpgrade(this.session, this.session.polling(), ws);
		this.upgrade = upgrade;
		upgrade.start(this.session.options().upgradeTimeout().toMillis());
	}

	/** The upgrade under way if this WebSocket is its probe. */
	private @Nullable WebSocketUpgrade upgradeProbing(WebSocketTransport ws) {
		WebSocketUpgrade upgrade = this.upgrade;
		return (upgrade != null && upgrade.probe() == ws) ? upgrade : null;
	}

	/** Give up on an upgrade, if this WebSocket is its probe, and close the WebSocket. */
	void abortUpgrade(WebSocketTransport ws) {
		if (upgradeProbing(ws) != null) {
			endUpgrade();
		}
		ws.close();
	}

	/** The upgrade under way, if any, is over: its timers stop. */
	void endUpgrade() {
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade != null) {
			upgrade.cancelTimers();
			this.upgrade = null;
		}
	}

	/** The upgrade's probe now carries the session. */
	void switchTo(WebSocketTransport ws) {
		this.current = ws;
		this.session.carriedByWebSocket();
	}

	/**
	 * The session closes: an upgrade under way ends, and its probe is closed unless the
	 * client is to hear of the close on it ({@code keepProbe}).
	 */
	void onSessionClose(boolean keepProbe) {
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade == null) {
			return;
		}
		upgrade.cancelTimers();
		if (!keepProbe) {
			this.upgrade = null;
			upgrade.probe().close();
		}
	}

	/** The session is closed: a probe still open is closed too. */
	void onSessionClosed() {
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade != null) {
			endUpgrade();
			upgrade.probe().close();
		}
	}

}
