package dev.realtime.socketio.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Live objects per class, as {@code jcmd <pid> GC.class_histogram} prints them (it
 * collects garbage first), to show which classes a heap growth is made of. A histogram is
 * kept in a file between the two snapshots so that it is not itself part of the heap it
 * measures.
 *
 * @param text the histogram as printed
 */
record ClassHistogram(String text) {

	/**
	 * Take the histogram of this JVM.
	 * @return the histogram
	 */
	static ClassHistogram take() {
		try {
			return new ClassHistogram((String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { null }, new String[] { String[].class.getName() }));
		}
		catch (JMException ex) {
			throw new IllegalStateException("Could not take a class histogram", ex);
		}
	}

	/**
	 * Read a histogram written by {@link #write(Path)}.
	 * @param file the file
	 * @return the histogram
	 */
	static ClassHistogram read(Path file) {
		try {
			return new ClassHistogram(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Write the histogram to a file, creating its folder.
	 * @param file the file
	 * @return the file
	 */
	Path write(Path file) {
		try {
			Path folder = file.toAbsolutePath().getParent();
			if (folder != null) {
				Files.createDirectories(folder);
			}
			return Files.writeString(file, this.text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Describe the classes that grew most since an earlier histogram.
	 * @param earlier the earlier histogram
	 * @param limit how many classes to list
	 * @return one line per class: bytes and instances added
	 */
	List<String> growthSince(ClassHistogram earlier, int limit) {
		Map<String, Usage> before = earlier.usage();
		List<Map.Entry<String, Usage>> deltas = new ArrayList<>();
		usage().forEach((name, usage) -> {
			Usage old = before.getOrDefault(name, new Usage(0, 0));
			deltas.add(Map.entry(name, new Usage(usage.instances() - old.instances(), usage.bytes() - old.bytes())));
		});
		return deltas.stream()
			.filter((entry) -> entry.getValue().bytes() > 0)
			.sorted(Comparator.comparingLong((Map.Entry<String, Usage> entry) -> entry.getValue().bytes()).reversed())
			.limit(limit)
			.map((entry) -> String.format(Locale.ROOT, "%+,11d bytes %+,9d instances  %s", entry.getValue().bytes(),
					entry.getValue().instances(), entry.getKey()))
			.toList();
	}

	private Map<String, Usage> usage() {
		Map<String, Usage> classes = new HashMap<>();
		for (String line : this.text.split("\n")) {
			// " 1: 12345 678901 java.lang.String (java.base@17)"
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":")) {
				classes.put(fields[3], new Usage(Long.parseLong(fields[1]), Long.parseLong(fields[2])));
			}
		}
		return classes;
	}

	/**
	 * Live instances and bytes of one class.
	 *
	 * @param instances the instances
	 * @param bytes their shallow size
	 */
	record Usage(long instances, long bytes) {

	}

}
