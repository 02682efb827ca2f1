package org.electionrecon.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import org.electionrecon.cli.CommandLine;

/**
 * Where an invocation keeps its log: {@code OUTPUT/logs/election-recon-<yyyyMMdd-HHmmss>.log}, one file per
 * invocation of a command that writes workbooks into the output folder (run, watch, restart, report), so each
 * run keeps its own log beside its report, with the stack traces the console leaves out. Commands that
 * only read (status) or only mark a run (recover) keep no log file.
 */
public final class RunLog {

	/** The folder under the output folder that holds the logs. */
	public static final String FOLDER = "logs";

	private static final Set<String> WRITING_COMMANDS = Set.of(CommandLine.RUN, CommandLine.WATCH, CommandLine.RESTART,
			CommandLine.REPORT);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private RunLog() {
	}

	/**
	 * The log file of a command started now, its folder created; empty when the command keeps none, or
	 * when the folder cannot be created (the command then says on the console what is wrong with the
	 * output folder, rather than failing here for want of a log).
	 */
	public static Optional<Path> file(String command, Path output, LocalDateTime now) {
		if (!WRITING_COMMANDS.contains(command)) {
			return Optional.empty();
		}
		Path folder = output.resolve(FOLDER);
		try {
			Files.createDirectories(folder);
		}
		catch (IOException | SecurityException ex) {
			return Optional.empty();
		}
		if (!Files.isWritable(folder)) {
			return Optional.empty();
		}
		String name = "election-recon-" + STAMP.format(now);
		Path file = folder.resolve(name + ".log");
		// two invocations in the same second (run, then report) each keep their own file
		for (int n = 2; Files.exists(file); n++) {
			file = folder.resolve(name + "-" + n + ".log");
		}
		return Optional.of(file);
	}
}
