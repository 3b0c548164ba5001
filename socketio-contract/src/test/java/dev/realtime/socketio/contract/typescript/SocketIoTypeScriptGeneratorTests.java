package dev.realtime.socketio.contract.typescript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.contract.SocketIoContractReader;
import dev.realtime.socketio.contract.fixture.RoomsHandler;
import dev.realtime.socketio.contract.fixture.ShopHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SocketIoTypeScriptGeneratorTests {

	private final Map<String, String> files = new SocketIoTypeScriptGenerator(JsonMapper.shared())
		.generate(new SocketIoContractReader()
			.read(List.of(ShopHandler.class, RoomsHandler.Rooms.class, RoomsHandler.Main.class)));

	@Test
	void oneModulePerNamespace() {
		assertThat(this.files).containsOnlyKeys("main.d.ts", "shop.d.ts", "pattern_room-_d.d.ts");
		assertThat(this.files.get("pattern_room-_d.d.ts")).contains("clients of matching ^/room-\\d+$",
				"say: (text: string) => void;", "said: (string: string) => void;");
	}

	@Test
	void clientEventsTakeTheirArgumentsAndTheAckCallback() {
		String shop = this.files.get("shop.d.ts");
		assertThat(shop).contains("order: (order: Order, ack: (reply: Receipt) => void) => void;", "ping: () => void;",
				"noop: () => void;",
				"search: (query: string, limit: number, sort: string | null, ack: (reply: Array<Item>) => void) => void;",
				"browse: (category: string | null, ack: (reply: Array<Item>) => void) => void;",
				"legacy: (data: Record<string, unknown>, ack: (reply: unknown) => void) => void;",
				"forget: (ids: Array<string>) => void;");
		assertThat(this.files.get("main.d.ts"))
			.contains("hello: (data: ArrayBuffer | ArrayBufferView, ack: (reply: string) => void) => void;");
	}

	@Test
	void serverEventsAreListenersAndOddNamesAreQuoted() {
		String shop = this.files.get("shop.d.ts");
		assertThat(shop).contains("/** An order left the warehouse */\n\t\"order-shipped\": (order: Order) => void;",
				"price: (string: string, long: number) => void;", "closing: () => void;");
	}

	@Test
	void payloadTypesAreInterfaces() {
		String shop = this.files.get("shop.d.ts");
		assertThat(shop).contains(
				"export interface Order {\n\t/** minLength: 1, pattern: \\S, maxLength: 36 */\n\tid: string;",
				"lines: Array<Line>;", "email?: string | null;", "shipping?: Address | null;",
				"status: \"ACCEPTED\" | \"REJECTED\";", "stock: Record<string, number>;", "quantity: number;");
	}

	@Test
	void toolWritesTheFilesOfTheScannedPackages(@TempDir Path output) throws IOException {
		List<Path> written = SocketIoTypeScriptTool.write(output.resolve("socketio"), getClass().getClassLoader(),
				List.of("dev.realtime.socketio.contract.fixture"));
		assertThat(written).extracting((path) -> path.getFileName().toString())
			.containsExactly("main.d.ts", "shop.d.ts", "pattern_room-_d.d.ts");
		assertThat(Files.readString(output.resolve("socketio/shop.d.ts"))).isEqualTo(this.files.get("shop.d.ts"));
	}

	@Test
	void toolRefusesPackagesWithoutHandlers(@TempDir Path output) {
		assertThatIllegalStateException()
			.isThrownBy(() -> SocketIoTypeScriptTool.write(output, getClass().getClassLoader(), List.of("org.junit")))
			.withMessageContaining("No @SocketIoNamespace class in [org.junit]");
	}

}
