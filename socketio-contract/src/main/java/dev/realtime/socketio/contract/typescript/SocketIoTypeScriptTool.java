package dev.realtime.socketio.contract.typescript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.contract.SocketIoContract;
import dev.realtime.socketio.contract.SocketIoContractReader;

/**
 * Writes the TypeScript definitions of the {@code @SocketIoNamespace} classes in some
 * packages, at build time:
 * {@code SocketIoTypeScriptTool <output-directory> <package>...}. Run it after compiling,
 * on the application's classpath, for instance with the {@code exec-maven-plugin}'s
 * {@code java} goal in the {@code process-classes} phase; a frontend build then depends
 * on the files it writes.
 * <p>
 * The application does not start: payload types are described as a default
 * {@code JsonMapper} writes them, and parameters only a custom argument resolver supports
 * are taken for payloads.
 *
 * @since 0.1.0
 */
public final class SocketIoTypeScriptTool {

	private SocketIoTypeScriptTool() {
	}

	/**
	 * Write the definitions.
	 * @param args the output directory, then one or more packages to scan
	 * @throws IOException if a file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			throw new IllegalArgumentException("Usage: SocketIoTypeScriptTool <output-directory> <package>... (got "
					+ Arrays.toString(args) + ")");
		}
		Path output = Path.of(args[0]);
		List<String> packages = Arrays.asList(args).subList(1, args.length);
		for (Path file : write(output, Thread.currentThread().getContextClassLoader(), packages)) {
			System.out.println("Wrote " + file);
		}
	}

	/**
	 * Write the definitions of the {@code @SocketIoNamespace} classes in packages.
	 * @param output the directory to write to; created if missing
	 * @param classLoader the application's class loader
	 * @param packages the packages to scan, with their sub-packages
	 * @return the files written
	 * @throws IOException if a file cannot be written
	 * @throws IllegalStateException if the packages hold no {@code @SocketIoNamespace}
	 * class
	 */
	public static List<Path> write(Path output, ClassLoader classLoader, List<String> packages) throws IOException {
		List<Class<?>> handlers = SocketIoContractReader.scan(classLoader, packages.toArray(String[]::new));
		if (handlers.isEmpty()) {
			throw new IllegalStateException("No @SocketIoNamespace class in " + packages);
		}
		SocketIoContract contract = new SocketIoContractReader().read(handlers);
		Map<String, String> files = new SocketIoTypeScriptGenerator(JsonMapper.shared()).generate(contract);
		Files.createDirectories(output);
		List<Path> written = new ArrayList<>();
		for (Map.Entry<String, String> file : files.entrySet()) {
			Path path = output.resolve(file.getKey());
			Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
			written.add(path);
		}
		return written;
	}

}
