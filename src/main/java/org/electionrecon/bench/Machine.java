package org.electionrecon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a result came from, as the report prints it: a result without its machine means little. */
final class Machine {

	private Machine() {
	}

	/** CPUs, CPU model, memory and operating system. */
	static String describe() {
		StringBuilder s = new StringBuilder();
		s.append(Runtime.getRuntime().availableProcessors()).append(" CPUs");
		String model = firstValue(Path.of("/proc/cpuinfo"), "model name");
		if (model != null) {
			s.append(", ").append(model);
		}
		String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
		if (memTotal != null) {
			try {
				long kib = Long.parseLong(memTotal.replaceAll("[^0-9]", ""));
				s.append(String.format(Locale.ROOT, ", %.1f GiB RAM", kib / 1024.0 / 1024.0));
			}
			catch (NumberFormatException ex) {
				// leave it out
			}
		}
		s.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
			.append(' ').append(System.getProperty("os.arch"));
		return s.toString();
	}

	/** The JDK the benchmark and its child processes run on. */
	static String jdk() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + "), " + System.getProperty("java.home");
	}

	/** The 1, 5 and 15 minute load averages, or the 1 minute one where /proc/loadavg is missing. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
			if (fields.length >= 3) {
				return fields[0] + " " + fields[1] + " " + fields[2];
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return one < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", one);
	}

	private static String firstValue(Path file, String key) {
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
					return line.substring(colon + 1).trim();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return null;
	}
}
