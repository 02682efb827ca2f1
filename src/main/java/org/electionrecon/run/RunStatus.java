package org.electionrecon.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;

/**
 * What the process holding the embedded job database is doing, as it keeps it in the status file
 * next to the database: who it is (command, process id, host, start), which run, which step and
 * how far it has got. Another process reads it instead of the database, which it cannot open
 * while this one holds it: {@code status} prints it, a second run names the run it would collide
 * with.
 *
 * @param run the run number, or {@code null} until the job has started
 * @param step the step running, or {@code null}
 * @param progress the step's progress line, or {@code null}
 * @param updated when this was written
 */
public record RunStatus(String command, long pid, String host, Instant started, Path database, Long run, String step,
		String progress, Instant updated) {

	public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
		.withZone(ZoneId.systemDefault());

	/** This process, just starting the command. */
	public static RunStatus ofThisProcess(String command, Path database, Instant now) {
		return new RunStatus(command, ProcessHandle.current().pid(), hostName(), now, database, null, null, null, now);
	}

	public RunStatus withRun(long runNumber, Instant now) {
		return new RunStatus(command, pid, host, started, database, runNumber, null, null, now);
	}

	public RunStatus withStep(String stepName, String line, Instant now) {
		return new RunStatus(command, pid, host, started, database, run, stepName, line, now);
	}

	/**
	 * Who holds the database, for a message: {@code run 4 (process 12345 on deskhost, started
	 * 2026-12-05 01:02:03 +00:00)}, or the command when it is not (yet) a numbered run.
	 */
	public String holder() {
		String who = "process " + pid + " on " + host + ", started " + TIME.format(started);
		if (run != null && isRun()) {
			return "run " + run + " (" + who + ")";
		}
		if (isRun()) {
			return "a run that is starting (" + who + ")";
		}
		return "the " + command + " command (" + who + ")";
	}

	private boolean isRun() {
		return "run".equals(command) || "restart".equals(command);
	}

	/** The one line a command that needs the database gives when this process holds it. */
	public String busyMessage() {
		return holder() + " is using the job database " + database
				+ (isRun() ? "; wait for it to finish (status shows its progress)" : "; try again when it has finished");
	}

	/** What {@code status} prints while this process holds the database. */
	public String report(Instant now) {
		String holder = holder();
		StringBuilder out = new StringBuilder(Character.toUpperCase(holder.charAt(0)) + holder.substring(1))
			.append(" is using the job database ").append(database).append('\n');
		String doing = progress != null ? progress : step != null ? "in " + step : "starting";
		out.append("  ").append(doing).append(" (").append(ago(Duration.between(updated, now))).append(")\n");
		out.append("The list of runs shows again when it has finished.\n");
		return out.toString();
	}

	private static String ago(Duration age) {
		long seconds = Math.max(0, age.toSeconds());
		return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
	}

	/** Writes the file whole or not at all: a reader never sees half of it. */
	public void write(Path file) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("command", command);
		properties.setProperty("pid", Long.toString(pid));
		properties.setProperty("host", host);
		properties.setProperty("started", started.toString());
		properties.setProperty("database", database.toString());
		properties.setProperty("updated", updated.toString());
		if (run != null) {
			properties.setProperty("run", run.toString());
		}
		if (step != null) {
			properties.setProperty("step", step);
		}
		if (progress != null) {
			properties.setProperty("progress", progress);
		}
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
			properties.store(writer, "election-recon: the process using this job database");
		}
		try {
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** The file's status; empty when there is none or it cannot be read as one. */
	public static Optional<RunStatus> read(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
			String run = properties.getProperty("run");
			return Optional.of(new RunStatus(properties.getProperty("command"),
					Long.parseLong(properties.getProperty("pid")), properties.getProperty("host"),
					Instant.parse(properties.getProperty("started")), Path.of(properties.getProperty("database")),
					run == null ? null : Long.valueOf(run), properties.getProperty("step"),
					properties.getProperty("progress"), Instant.parse(properties.getProperty("updated"))));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			// a file from another version, or damaged: the caller says what it knows without it
			return Optional.empty();
		}
	}

	/**
	 * The machine's name without a DNS lookup (which can take seconds on a badly configured host,
	 * and the answer is wanted at once).
	 */
	public static String hostName() {
		for (String variable : new String[] { "HOSTNAME", "COMPUTERNAME" }) {
			String name = System.getenv(variable);
			if (name != null && !name.isBlank()) {
				return name.strip();
			}
		}
		try {
			String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
			if (!name.isEmpty()) {
				return name;
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: ask the system
		}
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "this machine";
		}
	}
}
