package org.electionrecon.operate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.electionrecon.run.RunStatus;

/**
 * One process at a time on the embedded job database, and an immediate answer for the others.
 * The process that gets the exclusive lock on {@code election-recon.lock} in the database folder
 * holds it for as long as it uses the database; the operating system releases it when the process
 * ends, however it ends, so a killed run leaves no stale lock. While it holds the lock it keeps the
 * status file beside it up to date ({@link RunStatus}), and a process that does not get the lock
 * reads that instead of waiting for the database.
 * <p>
 * HSQLDB's own lock file is switched off in the database URL ({@code hsqldb.lock_file=false}):
 * this lock already keeps a second process out, and HSQLDB's, left behind by a killed process,
 * made the next one wait until its heartbeat went stale.
 */
public final class DatabaseLock implements AutoCloseable {

	public static final String LOCK_FILE = "election-recon.lock";
	public static final String STATUS_FILE = "election-recon.status";

	private final FileChannel channel;
	private final FileLock lock;
	private final Path statusFile;

	private DatabaseLock(FileChannel channel, FileLock lock, Path statusFile) {
		this.channel = channel;
		this.lock = lock;
		this.statusFile = statusFile;
	}

	/**
	 * The outcome of {@link #tryAcquire}: the lock, or (when another process holds it) what that
	 * process last wrote about itself, if anything.
	 */
	public record Attempt(DatabaseLock lock, Optional<RunStatus> holder) {

		public boolean acquired() {
			return lock != null;
		}
	}

	/**
	 * Takes the lock at once or not at all; on success writes the status file for {@code command}.
	 *
	 * @throws IOException when the folder or the lock file cannot be made or locked
	 */
	public static Attempt tryAcquire(Path databaseDir, String command) throws IOException {
		Files.createDirectories(databaseDir);
		Path statusFile = databaseDir.resolve(STATUS_FILE);
		FileChannel channel = FileChannel.open(databaseDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException heldInThisJvm) {
			lock = null;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		if (lock == null) {
			channel.close();
			return new Attempt(null, RunStatus.read(statusFile));
		}
		DatabaseLock held = new DatabaseLock(channel, lock, statusFile);
		try {
			RunStatus.ofThisProcess(command, databaseDir, Instant.now()).write(statusFile);
		}
		catch (IOException | RuntimeException ex) {
			held.close();
			throw ex;
		}
		return new Attempt(held, Optional.empty());
	}

	/** The status file this process keeps while it holds the lock. */
	public Path statusFile() {
		return statusFile;
	}

	/**
	 * Removes the status file (nothing runs any more), then lets the next process in. A failure
	 * here changes nothing for the command that has finished: the process's end releases the lock
	 * anyway, and a status file left behind is replaced by the next holder.
	 */
	@Override
	public void close() {
		try {
			Files.deleteIfExists(statusFile);
		}
		catch (IOException | RuntimeException ex) {
			// see above
		}
		try {
			channel.close(); // releases the lock
		}
		catch (IOException ex) {
			// see above
		}
	}

	/**
	 * Whether the job database is the embedded one, which this lock guards: not when the
	 * {@code postgres} profile is active or the data source URL is given, on the command line, as a
	 * system property or in the environment (where Spring would find them too).
	 */
	public static boolean guardsDatabaseOf(List<String> springArguments, Map<String, String> environment,
			Properties systemProperties) {
		if (environment.containsKey("SPRING_DATASOURCE_URL") || systemProperties.containsKey("spring.datasource.url")
				|| names("postgres", environment.get("SPRING_PROFILES_ACTIVE"))
				|| names("postgres", systemProperties.getProperty("spring.profiles.active"))) {
			return false;
		}
		for (String argument : springArguments) {
			if (argument.startsWith("--spring.datasource.url=")) {
				return false;
			}
			if (argument.startsWith("--spring.profiles.active=")
					&& names("postgres", argument.substring("--spring.profiles.active=".length()))) {
				return false;
			}
		}
		return true;
	}

	private static boolean names(String profile, String profiles) {
		return profiles != null && Arrays.stream(profiles.split(",")).map(String::strip).anyMatch(profile::equals);
	}
}
