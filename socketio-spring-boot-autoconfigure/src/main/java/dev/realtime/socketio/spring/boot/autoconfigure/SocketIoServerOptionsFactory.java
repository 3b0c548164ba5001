package dev.realtime.socketio.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.realtime.socketio.engine.EngineIoCookieOptions;
import dev.realtime.socketio.engine.EngineIoCorsOptions;
import dev.realtime.socketio.engine.EngineIoHeadersListener;
import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoLimits;
import dev.realtime.socketio.netty.HttpRequestTimeouts;
import dev.realtime.socketio.protocol.SocketIoParserLimits;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.EventRateLimits;
import dev.realtime.socketio.server.SocketIoServerOptions;

/**
 * Turns {@link SocketIoProperties} into {@link SocketIoServerOptions}, checking every
 * value first so that a mistake fails startup with a message naming the property.
 */
final class SocketIoServerOptionsFactory {

	private final SocketIoProperties properties;

	SocketIoServerOptionsFactory(SocketIoProperties properties) {
		this.properties = properties;
	}

	SocketIoServerOptions create(@Nullable JsonMapper jsonMapper, List<EngineIoHeadersListener> headersListeners,
			List<EngineIoOptionsCustomizer> engineCustomizers, List<SocketIoServerCustomizer> serverCustomizers) {
		validate(this.properties);
		EngineIoOptions.Builder engine = engineOptions();
		if (!headersListeners.isEmpty()) {
			engine.headersListener(headersListener(headersListeners));
		}
		engineCustomizers.forEach((customizer) -> customizer.customize(engine));
		SocketIoServerOptions.Builder builder = SocketIoServerOptions.builder().engine(engine.build());
		PropertyMapper map = PropertyMapper.get();
		map.from(this.properties::getConnectTimeout).to(builder::connectTimeout);
		map.from(this.properties::isCleanupEmptyChildNamespaces).to(builder::cleanupEmptyChildNamespaces);
		map.from(this.properties::isServeClient).to(builder::serveClient);
		map.from(this.properties.getParser()).as(this::parserLimits).to(builder::parserLimits);
		map.from(this.properties.getParser()::getType).to(builder::parser);
		map.from(this.properties.getLimits().getEvents()).as(this::eventRateLimits).to(builder::eventRateLimits);
		map.from(jsonMapper).to(builder::jsonMapper);
		map.from(this.properties.getConnectionStateRecovery())
			.when(SocketIoProperties.ConnectionStateRecovery::isEnabled)
			.as(this::connectionStateRecovery)
			.to(builder::connectionStateRecovery);
		serverCustomizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private EngineIoOptions.Builder engineOptions() {
		SocketIoProperties properties = this.properties;
		EngineIoOptions.Builder builder = EngineIoOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getPath).to(builder::path);
		map.from(properties::getPingInterval).to(builder::pingInterval);
		map.from(properties::getPingTimeout).to(builder::pingTimeout);
		map.from(properties::getUpgradeTimeout).to(builder::upgradeTimeout);
		map.from(properties::getMaxHttpBufferSize).asInt(DataSize::toBytes).to(builder::maxHttpBufferSize);
		map.from(properties::getMaxPayloadPackets).to(builder::maxPayloadPackets);
		map.from(properties::getTransports).as(EnumSet::copyOf).to(builder::transports);
		map.from(properties::isAllowUpgrades).to(builder::allowUpgrades);
		map.from(properties::isAllowEio3).to(builder::allowEio3);
		map.from(properties::isPerMessageDeflate).to(builder::perMessageDeflate);
		map.from(properties::getInitialPacket).to(builder::initialPacket);
		map.from(properties.getHttpCompression()::isEnabled).to(builder::httpCompression);
		map.from(properties.getHttpCompression()::getThreshold)
			.asInt(DataSize::toBytes)
			.to(builder::httpCompressionThreshold);
		map.from(properties.getCookie())
			.when(SocketIoProperties.Cookie::isEnabled)
			.as(this::cookie)
			.to(builder::cookie);
		map.from(properties.getCors()).when(this::isCorsConfigured).as(this::cors).to(builder::cors);
		SocketIoProperties.Limits limits = properties.getLimits();
		map.from(limits::getMaxBufferedBytes).as(DataSize::toBytes).to(builder::maxBufferedBytes);
		map.from(limits::getMaxBufferedPackets).to(builder::maxBufferedPackets);
		map.from(limits::getMaxTotalBufferedBytes).as(DataSize::toBytes).to(builder::maxTotalBufferedBytes);
		map.from(limits::getCloseTimeout).to(builder::closeTimeout);
		map.from(limits).as(this::limits).to(builder::limits);
		return builder;
	}

	private static EngineIoHeadersListener headersListener(List<EngineIoHeadersListener> listeners) {
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<EngineIoHeadersListener> all = List.copyOf(listeners);
		return (request, headers, handshake) -> {
			for (EngineIoHeadersListener listener : all) {
				listener.onHeaders(request, headers, handshake);
			}
		};
	}

	static HttpRequestTimeouts requestTimeouts(SocketIoProperties properties) {
		SocketIoProperties.Limits limits = properties.getLimits();
		return new HttpRequestTimeouts(limits.getRequestHeadersTimeout(), limits.getRequestBodyTimeout());
	}

	private EngineIoLimits limits(SocketIoProperties.Limits limits) {
		try {
			return new EngineIoLimits(limits.getMaxSessions(), limits.getMaxSessionsPerAddress(),
					limits.getHandshakesPerSecond(), limits.getHandshakeBurst(), limits.getTrustedProxies());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("socketio.limits.trusted-proxies", limits.getTrustedProxies(), ex.getMessage());
		}
	}

	private EventRateLimits eventRateLimits(SocketIoProperties.Limits.Events events) {
		EventRateLimits.Builder limits = EventRateLimits.builder().maxViolations(events.getMaxViolations());
		try {
			if (events.getRate() > 0) {
				limits.perSocket(new EventRateLimits.Rate(events.getRate(), Math.max(1, events.getBurst())));
			}
			for (SocketIoProperties.Limits.Events.Rule override : events.getOverrides()) {
				EventRateLimits.Rate rate = new EventRateLimits.Rate(override.getRate(), override.getBurst());
				if (StringUtils.hasText(override.getEvent())) {
					limits.event(override.getNamespace(), override.getEvent(), rate);
				}
				else {
					limits.namespace(override.getNamespace(), rate);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw invalid("socketio.limits.events", events.getOverrides(), ex.getMessage());
		}
		return limits.build();
	}

	private ConnectionStateRecoveryOptions connectionStateRecovery(
			SocketIoProperties.ConnectionStateRecovery recovery) {
		return ConnectionStateRecoveryOptions.builder()
			.maxDisconnectionDuration(recovery.getMaxDisconnectionDuration())
			.skipMiddlewares(recovery.isSkipMiddlewares())
			.build();
	}

	private SocketIoParserLimits parserLimits(SocketIoProperties.Parser parser) {
		return SocketIoParserLimits.builder()
			.maxAttachments(parser.getMaxAttachments())
			.maxNestingDepth(parser.getMaxNestingDepth())
			.maxEventNameLength(parser.getMaxEventNameLength())
			.build();
	}

	private EngineIoCookieOptions cookie(SocketIoProperties.Cookie cookie) {
		return new EngineIoCookieOptions(cookie.getName(), cookie.getPath(), cookie.isHttpOnly(),
				cookie.getSameSite().attributeValue());
	}

	private boolean isCorsConfigured(SocketIoProperties.Cors cors) {
		return !cors.getAllowedOrigins().isEmpty() || !cors.getAllowedOriginPatterns().isEmpty();
	}

	private EngineIoCorsOptions cors(SocketIoProperties.Cors cors) {
		return EngineIoCorsOptions.builder()
			.allowedOrigins(cors.getAllowedOrigins())
			.allowedOriginPatterns(cors.getAllowedOriginPatterns())
			.allowedMethods(cors.getAllowedMethods())
			.allowedHeaders(cors.getAllowedHeaders())
			.allowCredentials(cors.isAllowCredentials())
			.maxAge(cors.getMaxAge())
			.build();
	}

	static void validate(SocketIoProperties properties) {
		if (!StringUtils.hasText(properties.getPath())) {
			throw invalid("socketio.path", properties.getPath(), "must not be empty");
		}
		positive("socketio.ping-interval", properties.getPingInterval());
		positive("socketio.ping-timeout", properties.getPingTimeout());
		positive("socketio.connect-timeout", properties.getConnectTimeout());
		positive("socketio.upgrade-timeout", properties.getUpgradeTimeout());
		bytes("socketio.max-http-buffer-size", properties.getMaxHttpBufferSize(), 1);
		atLeast("socketio.max-payload-packets", properties.getMaxPayloadPackets(), 1);
		if (properties.getTransports().isEmpty()) {
			throw invalid("socketio.transports", properties.getTransports(),
					"must name at least one of 'polling' and 'websocket'");
		}
		bytes("socketio.http-compression.threshold", properties.getHttpCompression().getThreshold(), 0);
		if (properties.getCookie().isEnabled() && !StringUtils.hasText(properties.getCookie().getName())) {
			throw invalid("socketio.cookie.name", properties.getCookie().getName(), "must not be empty");
		}
		corsValues("socketio.cors.allowed-origins", properties.getCors().getAllowedOrigins(),
				EngineIoCorsOptions.Builder::allowedOrigins);
		corsValues("socketio.cors.allowed-origin-patterns", properties.getCors().getAllowedOriginPatterns(),
				EngineIoCorsOptions.Builder::allowedOriginPatterns);
		Duration maxAge = properties.getCors().getMaxAge();
		if (maxAge != null && maxAge.isNegative()) {
			throw invalid("socketio.cors.max-age", maxAge, "must not be negative");
		}
		SocketIoProperties.Limits limits = properties.getLimits();
		bytes("socketio.limits.max-buffered-bytes", limits.getMaxBufferedBytes(), 1);
		atLeast("socketio.limits.max-buffered-packets", limits.getMaxBufferedPackets(), 1);
		bytes("socketio.limits.max-total-buffered-bytes", limits.getMaxTotalBufferedBytes(), 1);
		positive("socketio.limits.close-timeout", limits.getCloseTimeout());
		notNegative("socketio.limits.request-headers-timeout", limits.getRequestHeadersTimeout());
		notNegative("socketio.limits.request-body-timeout", limits.getRequestBodyTimeout());
		atLeast("socketio.limits.max-sessions", limits.getMaxSessions(), 0);
		atLeast("socketio.limits.max-sessions-per-address", limits.getMaxSessionsPerAddress(), 0);
		atLeast("socketio.limits.handshake-burst", limits.getHandshakeBurst(), 0);
		atLeast("socketio.limits.events.max-violations", limits.getEvents().getMaxViolations(), 0);
		if (limits.getEvents().getRate() < 0) {
			throw invalid("socketio.limits.events.rate", limits.getEvents().getRate(), "must not be negative");
		}
		if (limits.getHandshakesPerSecond() < 0) {
			throw invalid("socketio.limits.handshakes-per-second", limits.getHandshakesPerSecond(),
					"must not be negative");
		}
		SocketIoProperties.Parser parser = properties.getParser();
		atLeast("socketio.parser.max-attachments", parser.getMaxAttachments(), 0);
		atLeast("socketio.parser.max-nesting-depth", parser.getMaxNestingDepth(), 1);
		atLeast("socketio.parser.max-event-name-length", parser.getMaxEventNameLength(), 1);
		if (properties.getConnectionStateRecovery().isEnabled()) {
			positive("socketio.connection-state-recovery.max-disconnection-duration",
					properties.getConnectionStateRecovery().getMaxDisconnectionDuration());
		}
		validatePort(properties);
		if (!StringUtils.hasText(properties.getAuth().getBearer().getTokenKey())) {
			throw invalid("socketio.auth.bearer.token-key", properties.getAuth().getBearer().getTokenKey(),
					"must not be empty");
		}
	}

	static void validatePort(SocketIoProperties properties) {
		Integer port = properties.getServer().getPort();
		if (port != null && (port < 0 || port > 65535)) {
			throw invalid("socketio.server.port", port, "must be between 0 and 65535");
		}
	}

	private static void corsValues(String name, List<String> values,
			BiFunction<EngineIoCorsOptions.Builder, List<String>, EngineIoCorsOptions.Builder> setter) {
		for (String value : values) {
			try {
				setter.apply(EngineIoCorsOptions.builder(), List.of(value)).build();
			}
			catch (IllegalArgumentException ex) {
				throw invalid(name, value, String.valueOf(ex.getMessage()));
			}
		}
	}

	private static void positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, value, "must be a positive duration");
		}
	}

	private static void notNegative(String name, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw invalid(name, value, "must not be negative (0 turns it off)");
		}
	}

	private static void bytes(String name, @Nullable DataSize value, long min) {
		if (value == null || value.toBytes() < min || value.toBytes() > Integer.MAX_VALUE) {
			throw invalid(name, value, "must be between " + min + " and " + Integer.MAX_VALUE + " bytes");
		}
	}

	private static void atLeast(String name, int value, int min) {
		if (value < min) {
			throw invalid(name, value, "must be at least " + min);
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			@Nullable String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

}
