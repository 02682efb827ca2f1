package org.electionrecon.operate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.run.ExitCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file system's notifications of changes in the input folder, used by {@code watch} as a
 * wake-up only: a notification makes it list the folder at once rather than at the next poll, so
 * a file's arrival starts the settle clock when it happens. What changed and whether it settled
 * is still decided from the listings alone ({@link InputListing}, {@link InputSettling}), and the
 * folder is still listed every poll: notifications are missed on network and container file
 * systems, come for files a run never reads (lock files, partial downloads), and may be lost when
 * too many queue up, so they never start or hold back an update by themselves.
 * <p>
 * Watched: the input folder and those of its kinds' folders ({@link SourceKind#folder()}) that
 * exist, the only places a run reads files from. A kind's folder created later is registered at
 * the next {@link #register()} (the input folder's own notification wakes the loop to do so); one
 * removed and created again likewise. Where notifications cannot be had (no watch service for the
 * file system, too many watches), it says so once in the log and waits on the stop request alone:
 * {@code watch} then polls, as it did before.
 */
final class InputNotifications implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(InputNotifications.class);

	private final Path input;

	/** {@code null} when the file system gives no notifications, or once they failed or were closed. */
	private volatile WatchService service;

	private final Map<Path, WatchKey> keys = new HashMap<>();

	private InputNotifications(Path input, WatchService service) {
		this.input = input;
		this.service = service;
	}

	/** Notifications of the input folder's changes, or none (logged) where the file system gives none. */
	static InputNotifications open(Path input) {
		try {
			return new InputNotifications(input, input.getFileSystem().newWatchService());
		}
		catch (IOException | UnsupportedOperationException ex) {
			log.info("No file-system notifications for {} ({}): the folder is listed every poll only", input,
					ExitCodes.oneLine(ex));
			return new InputNotifications(input, null);
		}
	}

	/** Whether notifications wake the loop (for tests and the log). */
	boolean active() {
		return service != null;
	}

	/**
	 * Registers the input folder and its kinds' folders that exist and are not watched yet, or no
	 * longer (removed and created again). Cheap when all are: one check of each key.
	 */
	void register() {
		WatchService watching = service;
		if (watching == null) {
			return;
		}
		List<Path> folders = new ArrayList<>();
		folders.add(input);
		for (SourceKind kind : SourceKind.values()) {
			folders.add(input.resolve(kind.folder()));
		}
		for (Path folder : folders) {
			WatchKey key = keys.get(folder);
			if (key != null && key.isValid()) {
				continue;
			}
			if (!Files.isDirectory(folder)) {
				continue;
			}
			try {
				keys.put(folder, folder.register(watching, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
			}
			catch (ClosedWatchServiceException closed) {
				return; // a stop request closed it
			}
			catch (IOException | RuntimeException ex) {
				// e.g. the user limit of inotify watches reached: polling alone is the rule, as without notifications
				log.info("The input folder {} cannot be watched for notifications ({}): it is listed every poll only",
						folder, ExitCodes.oneLine(ex));
				close();
				return;
			}
		}
	}

	/**
	 * Waits for a notification for up to {@code timeout}; {@code true} when one came. Without
	 * notifications it waits on {@code stop} alone. Returns at once when the notifications are
	 * closed, which is how a stop request ({@link #close()}) ends the wait. Every notification
	 * queued is taken: a burst (a file written in many pieces) wakes the loop once.
	 */
	boolean await(Duration timeout, CountDownLatch stop) throws InterruptedException {
		// rounded up: a wait that ends before the instant the loop waits for would only list the folder once more
		long millis = timeout.isNegative() ? 0 : timeout.toMillis() + (timeout.toNanosPart() % 1_000_000 > 0 ? 1 : 0);
		WatchService watching = service;
		if (watching == null) {
			stop.await(millis, TimeUnit.MILLISECONDS);
			return false;
		}
		try {
			WatchKey key = watching.poll(millis, TimeUnit.MILLISECONDS);
			if (key == null) {
				return false;
			}
			while (key != null) {
				key.pollEvents();
				key.reset();
				key = watching.poll();
			}
			return true;
		}
		catch (ClosedWatchServiceException closed) {
			return false;
		}
	}

	/** Stops the notifications; a wait in {@link #await} returns at once. Safe from any thread, and more than once. */
	@Override
	public void close() {
		WatchService watching = service;
		service = null;
		if (watching == null) {
			return;
		}
		try {
			watching.close();
		}
		catch (IOException ex) {
			log.debug("Closing the input folder's notifications: {}", ExitCodes.oneLine(ex));
		}
	}
}
