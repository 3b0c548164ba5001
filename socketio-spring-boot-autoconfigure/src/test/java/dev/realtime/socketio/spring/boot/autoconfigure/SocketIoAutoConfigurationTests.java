package dev.realtime.socketio.spring.boot.autoconfigure;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.realtime.socketio.engine.EngineIoCookieOptions;
import dev.realtime.socketio.engine.EngineIoCorsOptions;
import dev.realtime.socketio.engine.EngineIoHeadersListener;
import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoRequestFilter;
import dev.realtime.socketio.engine.EngineIoTransport;
import dev.realtime.socketio.protocol.SocketIoParserLimits;
import dev.realtime.socketio.protocol.SocketIoParserType;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.spring.core.SocketIoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoAutoConfiguration}.
 */
class SocketIoAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class));

	@Test
	void shouldCreateDefaultBeansForReactiveWebApp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIoServer.class)
				.hasSingleBean(SocketIoServerOptions.class)
				.hasSingleBean(SocketIoTemplate.class)
				.hasSingleBean(SocketIoNettyRouteProvider.class)
				.hasSingleBean(SocketIoServerShutdownLifecycle.class)
				.doesNotHaveBean(SocketIoStandaloneServer.class);
			SocketIoServerOptions options = context.getBean(SocketIoServerOptions.class);
			EngineIoOptions engine = options.engine();
			assertThat(engine.path()).isEqualTo("/socket.io/");
			assertThat(engine.pingInterval()).isEqualTo(Duration.ofSeconds(25));
			assertThat(engine.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(engine.upgradeTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(engine.maxHttpBufferSize()).isEqualTo(1_000_000);
			assertThat(engine.maxPayloadPackets()).isEqualTo(1000);
			assertThat(engine.transports()).containsExactlyInAnyOrder(EngineIoTransport.POLLING,
					EngineIoTransport.WEBSOCKET);
			assertThat(engine.allowUpgrades()).isTrue();
			assertThat(engine.allowEio3()).isFalse();
			assertThat(engine.perMessageDeflate()).isFalse();
			assertThat(engine.httpCompression()).isFalse();
			assertThat(engine.httpCompressionThreshold()).isEqualTo(1024);
			assertThat(engine.cookie()).isNull();
			assertThat(engine.cors()).isNull();
			assertThat(engine.initialPacket()).isNull();
			assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
			assertThat(options.parserLimits()).isEqualTo(SocketIoParserLimits.defaults());
			assertThat(options.parser()).isEqualTo(SocketIoParserType.DEFAULT);
			assertThat(options.cleanupEmptyChildNamespaces()).isFalse();
			assertThat(context.getBean(SocketIoServer.class).options()).isSameAs(options);
			assertThat(context.getBean(SocketIoTemplate.class).getServer())
				.isSameAs(context.getBean(SocketIoServer.class));
			assertThat(context.getBean(SocketIoProperties.class).getHandler().getExecution())
				.isEqualTo(SocketIoProperties.Handler.Execution.EVENT_LOOP);
		});
	}

	@Test
	void shouldBackOffWhenUserDefinesServer() {
		this.contextRunner.withUserConfiguration(UserServerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIoServer.class);
			assertThat(context.getBean(SocketIoServer.class)).isSameAs(context.getBean("userSocketIoServer"));
			assertThat(context.getBean(SocketIoTemplate.class).getServer())
				.isSameAs(context.getBean("userSocketIoServer"));
		});
	}

	@Test
	void shouldBackOffWhenUserDefinesOptions() {
		this.contextRunner.withUserConfiguration(UserOptionsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIoServerOptions.class);
			assertThat(context.getBean(SocketIoServer.class).options().engine().path()).isEqualTo("/user/");
		});
	}

	@Test
	void shouldBackOffWhenUserDefinesTemplate() {
		this.contextRunner
			.withBean("userTemplate", SocketIoTemplate.class,
					() -> new SocketIoTemplate(SocketIoServer.create(SocketIoServerOptions.defaults())))
			.run((context) -> assertThat(context).hasSingleBean(SocketIoTemplate.class).hasBean("userTemplate"));
	}

	@Test
	void shouldNotConfigureAnythingWhenDisabled() {
		this.contextRunner.withPropertyValues("socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoServer.class)
				.doesNotHaveBean(SocketIoProperties.class)
				.doesNotHaveBean(SocketIoNettyRouteProvider.class)
				.doesNotHaveBean(SocketIoStandaloneServer.class));
	}

	@Test
	void shouldNotConfigureAnythingWithoutTheEngine() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SocketIoServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoServer.class));
	}

	@Test
	void shouldUseStandaloneServerInReactiveWebAppWhenPortIsSet() {
		this.contextRunner.withPropertyValues("socketio.server.port=0").run((context) -> {
			assertThat(context).hasSingleBean(SocketIoStandaloneServer.class)
				.doesNotHaveBean(SocketIoNettyRouteProvider.class);
			assertStandaloneServerAnswers(context.getBean(SocketIoStandaloneServer.class),
					context.getEnvironment().getProperty(SocketIoStandaloneServer.PORT_PROPERTY, Integer.class));
		});
	}

	@Test
	void shouldApplyHeadersListenerBeansInOrderToTheHandshakeResponse() {
		this.contextRunner.withPropertyValues("socketio.server.port=0")
			.withUserConfiguration(HeadersListenerConfiguration.class)
			.run((context) -> {
				int port = context.getBean(SocketIoStandaloneServer.class).getPort();
				HttpHeaders headers = HttpClient.create()
					.headers((request) -> request.set("X-Trace", "t-7"))
					.get()
					.uri("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling")
					.responseSingle((response, content) -> content.asString().thenReturn(response.responseHeaders()))
					.block(Duration.ofSeconds(10));
				assertThat(headers.getAll("Set-Cookie")).containsExactly("lb=node-1");
				assertThat(headers.getAll("X-Order")).containsExactly("first", "second");
				assertThat(headers.get("X-Trace-Echo")).isEqualTo("t-7");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class HeadersListenerConfiguration {

		@Bean
		@Order(2)
		EngineIoHeadersListener secondHeaders() {
			return (request, headers, handshake) -> headers.add("X-Order", "second");
		}

		@Bean
		@Order(1)
		EngineIoHeadersListener firstHeaders() {
			return (request, headers, handshake) -> {
				headers.add("X-Order", "first");
				headers.set("X-Trace-Echo", String.valueOf(request.requestHeaders().get("X-Trace")));
				if (handshake) {
					headers.add("Set-Cookie", "lb=node-1");
				}
			};
		}

	}

	@Test
	void shouldUseStandaloneServerInReactiveWebAppWithoutNettyRoutes() {
		this.contextRunner.withPropertyValues("socketio.server.port=0")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.reactor.netty"))
			.run((context) -> assertThat(context).hasSingleBean(SocketIoStandaloneServer.class)
				.doesNotHaveBean("socketIoNettyRouteProvider"));
	}

	@Test
	void shouldUseStandaloneServerInNonWebApp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=0", "socketio.server.address=127.0.0.1")
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketIoServer.class)
					.hasSingleBean(SocketIoStandaloneServer.class)
					.doesNotHaveBean(SocketIoNettyRouteProvider.class);
				SocketIoStandaloneServer server = context.getBean(SocketIoStandaloneServer.class);
				assertThat(server.isRunning()).isTrue();
				assertStandaloneServerAnswers(server,
						context.getEnvironment().getProperty(SocketIoStandaloneServer.PORT_PROPERTY, Integer.class));
			});
	}

	@Test
	void shouldUseStandaloneServerInServletWebApp() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=0")
			.run((context) -> assertThat(context).hasSingleBean(SocketIoStandaloneServer.class)
				.doesNotHaveBean(SocketIoNettyRouteProvider.class));
	}

	@Test
	void shouldStopStandaloneServerWithContext() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=0")
			.run((context) -> {
				SocketIoStandaloneServer server = context.getBean(SocketIoStandaloneServer.class);
				context.stop();
				assertThat(server.isRunning()).isFalse();
				assertThat(server.getPort()).isEqualTo(-1);
			});
	}

	@Test
	void shouldBindEveryProperty() {
		this.contextRunner.withPropertyValues("socketio.path=/io", "socketio.ping-interval=5s",
				"socketio.ping-timeout=3s", "socketio.connect-timeout=7s", "socketio.upgrade-timeout=2s",
				"socketio.max-http-buffer-size=2MB", "socketio.max-payload-packets=50", "socketio.transports=websocket",
				"socketio.allow-upgrades=false", "socketio.allow-eio3=true", "socketio.per-message-deflate=true",
				"socketio.initial-packet=hello", "socketio.cleanup-empty-child-namespaces=true",
				"socketio.http-compression.enabled=true", "socketio.http-compression.threshold=2KB",
				"socketio.cookie.enabled=true", "socketio.cookie.name=sid", "socketio.cookie.path=/app",
				"socketio.cookie.http-only=false", "socketio.cookie.same-site=strict",
				"socketio.cors.allowed-origins=https://a.example.com,https://b.example.com",
				"socketio.cors.allowed-origin-patterns=https://*.example.org", "socketio.cors.allowed-methods=GET,POST",
				"socketio.cors.allowed-headers=X-Token", "socketio.cors.allow-credentials=true",
				"socketio.cors.max-age=600", "socketio.handler.execution=bounded-elastic",
				"socketio.parser.type=msgpack", "socketio.parser.max-attachments=3",
				"socketio.parser.max-nesting-depth=8", "socketio.parser.max-event-name-length=64",
				"socketio.auth.bearer.required=false", "socketio.auth.bearer.token-key=jwt")
			.run((context) -> {
				SocketIoServerOptions options = context.getBean(SocketIoServerOptions.class);
				EngineIoOptions engine = options.engine();
				assertThat(engine.path()).isEqualTo("/io/");
				assertThat(engine.pingInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(engine.pingTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(engine.upgradeTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(engine.maxHttpBufferSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(engine.maxPayloadPackets()).isEqualTo(50);
				assertThat(engine.transports()).containsExactly(EngineIoTransport.WEBSOCKET);
				assertThat(engine.allowUpgrades()).isFalse();
				assertThat(engine.allowEio3()).isTrue();
				assertThat(engine.perMessageDeflate()).isTrue();
				assertThat(engine.initialPacket()).isEqualTo("hello");
				assertThat(options.cleanupEmptyChildNamespaces()).isTrue();
				assertThat(engine.httpCompression()).isTrue();
				assertThat(engine.httpCompressionThreshold()).isEqualTo(2048);
				assertThat(engine.cookie()).isEqualTo(new EngineIoCookieOptions("sid", "/app", false, "Strict"));
				EngineIoCorsOptions cors = engine.cors();
				assertThat(cors).isNotNull();
				assertThat(cors.allowedOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
				assertThat(cors.allowedOriginPatterns()).containsExactly("https://*.example.org");
				assertThat(cors.allowedMethods()).containsExactly("GET", "POST");
				assertThat(cors.allowedHeaders()).containsExactly("X-Token");
				assertThat(cors.allowCredentials()).isTrue();
				assertThat(cors.maxAge()).isEqualTo(Duration.ofMinutes(10));
				assertThat(cors.isAllowed("https://b.example.com")).isTrue();
				assertThat(cors.isAllowed("https://x.example.org")).isTrue();
				assertThat(cors.isAllowed("https://evil.example.net")).isFalse();
				assertThat(options.parser()).isEqualTo(SocketIoParserType.MSGPACK);
				assertThat(options.parserLimits()).isEqualTo(SocketIoParserLimits.builder()
					.maxAttachments(3)
					.maxNestingDepth(8)
					.maxEventNameLength(64)
					.build());
				SocketIoProperties properties = context.getBean(SocketIoProperties.class);
				assertThat(properties.getHandler().getExecution())
					.isEqualTo(SocketIoProperties.Handler.Execution.BOUNDED_ELASTIC);
				assertThat(properties.getAuth().getBearer().isRequired()).isFalse();
				assertThat(properties.getAuth().getBearer().getTokenKey()).isEqualTo("jwt");
			});
	}

	@Test
	void shouldBindStandaloneServerProperties() {
		this.contextRunner.withPropertyValues("socketio.server.port=0", "socketio.server.address=127.0.0.1")
			.run((context) -> {
				SocketIoProperties properties = context.getBean(SocketIoProperties.class);
				assertThat(properties.getServer().getPort()).isZero();
				assertThat(properties.getServer().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
			});
	}

	@Test
	void shouldBindTransportsInAnyCase() {
		this.contextRunner.withPropertyValues("socketio.transports=WebSocket,POLLING")
			.run((context) -> assertThat(context.getBean(SocketIoServerOptions.class).engine().transports())
				.containsExactlyInAnyOrder(EngineIoTransport.WEBSOCKET, EngineIoTransport.POLLING));
	}

	@Test
	void shouldOmitSameSiteWhenOmitted() {
		this.contextRunner.withPropertyValues("socketio.cookie.enabled=true", "socketio.cookie.same-site=omitted")
			.run((context) -> assertThat(context.getBean(SocketIoServerOptions.class).engine().cookie())
				.isEqualTo(new EngineIoCookieOptions("io", "/", true, null)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			socketio.ping-interval=0s                  | socketio.ping-interval
			socketio.ping-timeout=-1s                  | socketio.ping-timeout
			socketio.connect-timeout=-5s               | socketio.connect-timeout
			socketio.upgrade-timeout=0ms               | socketio.upgrade-timeout
			socketio.max-http-buffer-size=0            | socketio.max-http-buffer-size
			socketio.max-http-buffer-size=4GB          | socketio.max-http-buffer-size
			socketio.max-payload-packets=0             | socketio.max-payload-packets
			socketio.transports=carrier-pigeon         | socketio.transports
			socketio.transports=                       | socketio.transports
			socketio.path=                             | socketio.path
			socketio.http-compression.threshold=-1     | socketio.http-compression.threshold
			socketio.cors.max-age=-1                   | socketio.cors.max-age
			socketio.parser.max-attachments=-1         | socketio.parser.max-attachments
			socketio.parser.max-nesting-depth=0        | socketio.parser.max-nesting-depth
			socketio.parser.max-event-name-length=0    | socketio.parser.max-event-name-length
			socketio.handler.execution=threads         | socketio.handler.execution
			socketio.ping-interval=soon                | socketio.ping-interval
			socketio.auth.bearer.token-key=            | socketio.auth.bearer.token-key
			""")
	void shouldFailOnInvalidProperty(String property, String name) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(name);
		});
	}

	@Test
	void shouldBindLimits() {
		this.contextRunner
			.withPropertyValues("socketio.limits.max-buffered-bytes=2MB", "socketio.limits.max-buffered-packets=500",
					"socketio.limits.max-total-buffered-bytes=64MB", "socketio.limits.close-timeout=2s",
					"socketio.limits.max-sessions=1000", "socketio.limits.max-sessions-per-address=20",
					"socketio.limits.handshakes-per-second=5", "socketio.limits.handshake-burst=15",
					"socketio.limits.trusted-proxies=10.0.0.0/8,::1", "socketio.limits.events.rate=10",
					"socketio.limits.events.burst=30", "socketio.limits.events.max-violations=7",
					"socketio.limits.events.overrides[0].namespace=/chat",
					"socketio.limits.events.overrides[0].event=typing", "socketio.limits.events.overrides[0].rate=2",
					"socketio.limits.events.overrides[0].burst=2")
			.run((context) -> {
				SocketIoServerOptions options = context.getBean(SocketIoServerOptions.class);
				EngineIoOptions engine = options.engine();
				assertThat(engine.maxBufferedBytes()).isEqualTo(2L * 1024 * 1024);
				assertThat(engine.maxBufferedPackets()).isEqualTo(500);
				assertThat(engine.maxTotalBufferedBytes()).isEqualTo(64L * 1024 * 1024);
				assertThat(engine.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(engine.limits().maxSessions()).isEqualTo(1000);
				assertThat(engine.limits().maxSessionsPerAddress()).isEqualTo(20);
				assertThat(engine.limits().handshakesPerSecond()).isEqualTo(5);
				assertThat(engine.limits().handshakeBurst()).isEqualTo(15);
				assertThat(engine.limits().trustedProxies()).containsExactly("10.0.0.0/8", "::1");
				assertThat(options.eventRateLimits().enabled()).isTrue();
				assertThat(options.eventRateLimits().maxViolations()).isEqualTo(7);
			});
	}

	@ParameterizedTest
	@CsvSource({ "socketio.limits.trusted-proxies=not-an-address, socketio.limits.trusted-proxies",
			"socketio.limits.events.rate=-1, socketio.limits.events.rate",
			"socketio.limits.max-buffered-packets=0, socketio.limits.max-buffered-packets",
			"socketio.limits.max-total-buffered-bytes=0, socketio.limits.max-total-buffered-bytes",
			"socketio.limits.close-timeout=0s, socketio.limits.close-timeout" })
	void shouldFailOnInvalidLimit(String property, String name) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(name);
		});
	}

	@Test
	void shouldFailOnCookieWithoutName() {
		this.contextRunner.withPropertyValues("socketio.cookie.enabled=true", "socketio.cookie.name= ")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("socketio.cookie.name");
			});
	}

	@ParameterizedTest
	@CsvSource({ "-1", "65536", "100000" })
	void shouldFailOnStandalonePortOutOfRange(String port) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=" + port)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Property socketio.server.port with value '" + port + "' is invalid");
			});
	}

	@Test
	void shouldApplyCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(CustomizersConfiguration.class)
			.withPropertyValues("socketio.ping-interval=9s")
			.run((context) -> {
				SocketIoServerOptions options = context.getBean(SocketIoServerOptions.class);
				assertThat(options.engine().pingInterval()).isEqualTo(Duration.ofSeconds(9));
				assertThat(options.engine().requestFilter()).isSameAs(CustomizersConfiguration.FILTER);
				assertThat(options.engine().initialPacket()).isEqualTo("second");
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.cleanupEmptyChildNamespaces()).isTrue();
				assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("engine-first",
						"engine-second", "server");
			});
	}

	@Test
	void shouldUseApplicationJsonMapper() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasSingleBean(JsonMapper.class);
			assertThat(context.getBean(SocketIoServerOptions.class).jsonMapper())
				.isSameAs(context.getBean(JsonMapper.class));
		});
	}

	@Test
	void shouldUseUserJsonMapper() {
		JsonMapper mapper = JsonMapper.builder().build();
		this.contextRunner.withBean(JsonMapper.class, () -> mapper)
			.run((context) -> assertThat(context.getBean(SocketIoServerOptions.class).jsonMapper()).isSameAs(mapper));
	}

	@Test
	void shouldUseSharedJsonMapperWithoutJackson() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SocketIoServerOptions.class).jsonMapper())
			.isSameAs(JsonMapper.shared()));
	}

	@Test
	void shouldCloseServerWhenContextStops() {
		this.contextRunner.run((context) -> {
			SocketIoServerShutdownLifecycle lifecycle = context.getBean(SocketIoServerShutdownLifecycle.class);
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.getPhase()).isGreaterThan(SocketIoStandaloneServer.PHASE);
			context.stop();
			assertThat(lifecycle.isRunning()).isFalse();
		});
	}

	@Test
	void shouldPublishMetadataWithDescriptions() throws Exception {
		JsonNode property = null;
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode metadata = JsonMapper.shared().readTree(in);
				for (JsonNode candidate : metadata.path("properties")) {
					if ("socketio.ping-interval".equals(candidate.path("name").asString())) {
						property = candidate;
					}
				}
			}
		}
		assertThat(property).isNotNull();
		assertThat(property.path("description").asString()).isNotBlank();
		assertThat(property.path("defaultValue").asString()).isEqualTo("25s");
		assertThat(property.path("type").asString()).isEqualTo("java.time.Duration");
	}

	private static void assertStandaloneServerAnswers(SocketIoStandaloneServer server, Integer publishedPort) {
		assertThat(server.getPort()).isPositive();
		assertThat(publishedPort).isEqualTo(server.getPort());
		String body = HttpClient.create()
			.get()
			.uri("http://127.0.0.1:" + server.getPort() + "/socket.io/?EIO=4&transport=polling")
			.responseSingle(
					(response, content) -> content.asString().map((text) -> response.status().code() + " " + text))
			.block(Duration.ofSeconds(10));
		assertThat(body).startsWith("200 0{\"sid\":");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		SocketIoServer userSocketIoServer() {
			return SocketIoServer.create(SocketIoServerOptions.defaults());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOptionsConfiguration {

		@Bean
		SocketIoServerOptions userSocketIoServerOptions() {
			return SocketIoServerOptions.builder().engine(EngineIoOptions.builder().path("/user/").build()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		static final EngineIoRequestFilter FILTER = (handshake) -> Mono.empty();

		final List<String> calls = Collections.synchronizedList(new ArrayList<>());

		@Bean
		@Order(2)
		EngineIoOptionsCustomizer secondEngineCustomizer() {
			return (builder) -> {
				this.calls.add("engine-second");
				builder.initialPacket("second");
			};
		}

		@Bean
		@Order(1)
		EngineIoOptionsCustomizer firstEngineCustomizer() {
			return (builder) -> {
				this.calls.add("engine-first");
				builder.requestFilter(FILTER).initialPacket("first");
			};
		}

		@Bean
		SocketIoServerCustomizer serverCustomizer() {
			return (builder) -> {
				this.calls.add("server");
				builder.connectTimeout(Duration.ofSeconds(2)).cleanupEmptyChildNamespaces(true);
			};
		}

	}

}
