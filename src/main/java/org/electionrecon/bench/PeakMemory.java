package org.electionrecon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's peak resident memory as Linux reports it: {@code VmHWM} in {@code /proc/<pid>/status}
 * (the high-water mark of its resident set). Elsewhere there is no such file and the benchmark
 * prints n/a.
 */
final class PeakMemory {

	private PeakMemory() {
	}

	static boolean supported() {
		return Files.isReadable(Path.of("/proc/self/status"));
	}

	/** The process's VmHWM in KiB, or -1 when it cannot be read (not Linux, or the process is gone). */
	static long highWaterMarkKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
					StandardCharsets.US_ASCII)) {
				if (line.startsWith("VmHWM:")) {
					String digits = line.substring("VmHWM:".length()).replaceAll("[^0-9]", "");
					return digits.isEmpty() ? -1 : Long.parseLong(digits);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process ended between two polls, or this is not Linux
		}
		return -1;
	}
}
