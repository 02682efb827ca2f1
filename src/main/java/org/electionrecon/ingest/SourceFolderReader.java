package org.electionrecon.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import org.electionrecon.ingest.InputFolder.InputFile;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.ingest.table.TabularFiles;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the files of some source kinds, one record at a time, across files and sheets. An
 * unreadable file (or one that breaks part-way) becomes a {@code SOURCE_UNREADABLE} finding and
 * the run goes on. Restartable: the execution context holds the file and the number of records
 * already handed out from it, and a restart re-reads that file and skips them, so nothing is
 * staged twice and nothing is lost. Files are parsed ahead of the step by one thread per core,
 * each file by one thread into its own bounded queue of records, and the step takes the files'
 * records in file order: the same records, sequence numbers and failures in the same order as a
 * single thread, with parsing and staging on every core.
 */
public class SourceFolderReader implements ItemStreamReader<StagedItem>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SourceFolderReader.class);
	/** Records one file may stage; sequence numbers of file n start at n times this. */
	public static final long SEQ_PER_FILE = 1_000_000_000L;

	/** Records parsed ahead of the step per file being parsed; bounded, so memory does not grow with the input. */
	private static final int PREFETCHED = 4096;

	private final String name;
	private final List<SourceKind> kinds;
	private final LongFunction<ParseContext> contexts;
	private final long seqBase;
	private final int parsers;

	private Path inputRoot;
	private java.time.LocalDate election = ParseContext.DEFAULT_ELECTION;
	private long runId;
	private List<InputFile> files;
	private ParseContext parseContext;
	private int savedFileIndex;
	private long savedEmitted;
	private volatile Produced consumed;
	private Prefetch prefetch;
	private org.electionrecon.run.LiveStatus liveStatus;
	/** The bytes of the files before each file, and of all of them last: the step's progress counts whole files. */
	private long[] bytesBefore;
	private org.electionrecon.run.LiveStatus.Progress progress;
	private int progressFile;

	public SourceFolderReader(String name, List<SourceKind> kinds, LongFunction<ParseContext> contexts) {
		this(name, kinds, contexts, 0);
	}

	/**
	 * @param seqBase where this reader's sequence numbers start, so that a later step's files
	 *     sort after an earlier step's
	 */
	public SourceFolderReader(String name, List<SourceKind> kinds, LongFunction<ParseContext> contexts, long seqBase) {
		this(name, kinds, contexts, seqBase, Runtime.getRuntime().availableProcessors());
	}

	/** @param parsers files parsed at a time, each by its own thread (at least one) */
	public SourceFolderReader(String name, List<SourceKind> kinds, LongFunction<ParseContext> contexts, long seqBase,
			int parsers) {
		this.name = name;
		this.kinds = List.copyOf(kinds);
		this.contexts = contexts;
		this.seqBase = seqBase;
		this.parsers = Math.max(1, parsers);
	}

	/** Reports the files read (once a file, never a row) to the run's live status. */
	public void reportProgressTo(org.electionrecon.run.LiveStatus liveStatus) {
		this.liveStatus = liveStatus;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.inputRoot = Path.of(stepExecution.getJobExecution().getJobParameters().getString("input"));
		String date = stepExecution.getJobExecution().getJobParameters().getString("election");
		if (date != null) {
			this.election = java.time.LocalDate.parse(date);
		}
	}

	@Override
	public void open(ExecutionContext context) {
		try {
			InputFolder folder = new InputFolder(inputRoot);
			files = new ArrayList<>();
			for (SourceKind kind : kinds) {
				files.addAll(folder.files(kind));
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot list the input folder " + inputRoot + ": " + ex.getMessage(), ex);
		}
		stopPrefetch();
		savedFileIndex = context.getInt(key("file.index"), 0);
		savedEmitted = context.getLong(key("file.emitted"), 0);
		consumed = null;
		parseContext = null;
		if (liveStatus != null) {
			trackProgress();
		}
	}

	private void trackProgress() {
		bytesBefore = new long[files.size() + 1];
		for (int i = 0; i < files.size(); i++) {
			try {
				bytesBefore[i + 1] = bytesBefore[i] + size(files.get(i).path());
			}
			catch (IOException ex) {
				bytesBefore[i + 1] = bytesBefore[i]; // the file's reading will say what is wrong with it
			}
		}
		progressFile = Math.max(savedFileIndex - 1, 0);
		progress = liveStatus.track(name, "files", files.size(), bytesBefore[files.size()], progressFile,
				bytesBefore[progressFile]);
	}

	/**
	 * Saves the position after the last record handed out: the parsing threads may be further on,
	 * but only what the step has read counts.
	 */
	@Override
	public void update(ExecutionContext context) {
		if (consumed == null) {
			// nothing read since the step (re)started: keep the position it started from
			context.putInt(key("file.index"), savedFileIndex);
			context.putLong(key("file.emitted"), savedEmitted);
			return;
		}
		context.putInt(key("file.index"), consumed.fileIndex() + 1);
		context.putLong(key("file.emitted"), consumed.emittedInFile());
	}

	private String key(String suffix) {
		return name + "." + suffix;
	}

	/**
	 * The next record, from the parsing threads. Files are parsed there while this thread stages
	 * what was parsed before, so every core works; the records, their sequence numbers and the
	 * failures come in exactly the order a single thread would give them.
	 */
	@Override
	public StagedItem read() throws IOException {
		if (prefetch == null) {
			// built once per step execution (the register does not change while a step reads), here in
			// the step's transaction rather than by a parsing thread: it needs no connection of its
			// own, so even a pool of one connection serves the step
			parseContext = contexts.apply(runId).withElection(election);
			// a restart re-opens the file being read and skips what was already staged from it
			prefetch = new Prefetch(Math.max(savedFileIndex - 1, 0), savedEmitted);
		}
		Produced next = prefetch.take();
		if (next.failure() != null) {
			if (next.failure() instanceof IOException io) {
				throw io;
			}
			if (next.failure() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw (Error) next.failure();
		}
		if (next.item() == null) {
			if (progress != null) {
				progress.update(files.size(), bytesBefore[files.size()]);
			}
			return null;
		}
		if (progress != null && next.fileIndex() != progressFile) {
			// a new file: the ones before it are read
			progressFile = next.fileIndex();
			progress.update(progressFile, bytesBefore[progressFile]);
		}
		consumed = next;
		return next.item();
	}

	/** One input file's records, in order, with its findings and provenance; used by one thread. */
	private final class FileRecords implements AutoCloseable {

		private final int fileIndex;
		private final InputFile file;
		private final Deque<Staged> buffer = new ArrayDeque<>();
		private long skip;
		private long emitted;
		private SourceParser parser;
		private TabularFile openFile;
		private String sha;
		private long bytes;

		FileRecords(int fileIndex, long skip) throws IOException {
			this.fileIndex = fileIndex;
			this.file = files.get(fileIndex);
			this.skip = skip;
			open();
		}

		private void open() throws IOException {
			if (file.ignored()) {
				buffer.add(new SourceFile(file.name(), "ignored", null, size(file.path()), 0, 0, 0, 0,
						"ignored: " + file.ignoredBecause()));
				return;
			}
			log.info("Reading {} source {}", file.kind().folder(), file.name());
			try {
				sha = InputFolder.sha256(file.path());
			}
			catch (java.nio.file.AccessDeniedException ex) {
				// a file the account may not read stays so on a rerun: it is that file's finding, not the
				// run's failure (a file that vanished fails the step instead, and restart reads it once back)
				String reason = "permission denied (the account running the job may not read it)";
				log.warn("{} is unreadable: {}", file.name(), reason);
				buffer.add(unreadable(file.name(), reason));
				buffer.add(new SourceFile(file.name(), file.kind().folder(), null, size(file.path()), 0, 0, 0, 0,
						"unreadable: " + reason));
				return;
			}
			bytes = size(file.path());
			try {
				openFile = TabularFiles.open(file.path());
				parser = file.kind().parser(file.name(), openFile, parseContext);
			}
			catch (IOException | RuntimeException ex) {
				close();
				String reason = ex instanceof org.electionrecon.ingest.table.UnreadableSourceException ? ex.getMessage()
						: org.electionrecon.ingest.table.TabularFiles.rootMessage(ex);
				log.warn("{} is unreadable: {}", file.name(), reason);
				buffer.add(unreadable(file.name(), reason));
				buffer.add(new SourceFile(file.name(), file.kind().folder(), sha, bytes, 0, 0, 0, 0,
						"unreadable: " + reason));
			}
		}

		/** The file's next record, or {@code null} after its last. */
		StagedItem next() throws IOException {
			while (true) {
				if (!buffer.isEmpty()) {
					Staged record = buffer.poll();
					long seq = seqBase + (fileIndex + 1L) * SEQ_PER_FILE + emitted;
					emitted++;
					if (skip > 0) {
						skip--;
						continue;
					}
					return new StagedItem(seq, record);
				}
				if (parser == null) {
					return null;
				}
				List<Staged> out = new ArrayList<>();
				try {
					if (!parser.advance(out)) {
						buffer.addAll(out);
						buffer.add(provenance(null));
						log.info("Read {}: {} rows ({} accepted, {} rejected, {} out of scope)", file.name(),
								parser.rowsRead(), parser.rowsAccepted(), parser.rowsRejected(),
								parser.rowsOutOfScope());
						close();
						continue;
					}
				}
				catch (IOException | RuntimeException ex) {
					String reason = "reading stopped part-way: " + (ex instanceof IOException && ex.getMessage() != null
							? ex.getMessage() : org.electionrecon.ingest.table.TabularFiles.rootMessage(ex));
					log.warn("{}: {}", file.name(), reason);
					buffer.addAll(out);
					buffer.add(unreadable(file.name(), reason));
					buffer.add(provenance(reason));
					close();
					continue;
				}
				buffer.addAll(out);
			}
		}

		/** The file's provenance, with the hash and size taken when it was opened: each file is hashed once. */
		private SourceFile provenance(String failure) {
			List<String> notes = new ArrayList<>(parser.notes());
			if (failure != null) {
				notes.add(failure);
			}
			String joined = String.join("; ", notes);
			if (joined.length() > MAX_NOTES) { // RECON_SOURCE_FILE.NOTES: many skipped sheets must not stop the run
				joined = joined.substring(0, MAX_NOTES - 1) + "…";
			}
			return new SourceFile(file.name(), file.kind().folder(), sha, bytes, parser.rowsRead(),
					parser.rowsAccepted(), parser.rowsRejected(), parser.rowsOutOfScope(), joined);
		}

		@Override
		public void close() {
			parser = null;
			if (openFile != null) {
				try {
					openFile.close();
				}
				catch (IOException ex) {
					log.debug("closing {}", file.name(), ex);
				}
				openFile = null;
			}
		}
	}

	/** The staged notes' column of a source file (RECON_SOURCE_FILE.NOTES). */
	private static final int MAX_NOTES = 16000;

	private static Finding unreadable(String fileName, String reason) {
		return Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
				fileName + " cannot be read: " + reason, fileName);
	}

	private static long size(Path path) throws IOException {
		return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : 0;
	}

	@Override
	public void close() {
		stopPrefetch();
	}

	private void stopPrefetch() {
		if (prefetch != null) {
			prefetch.stop();
			prefetch = null;
		}
	}

	/**
	 * A record (or the end of a file or of all files, as a null item, or what stopped the reading)
	 * with the reader's position right after it.
	 */
	private record Produced(StagedItem item, Throwable failure, int fileIndex, long emittedInFile) {
	}

	/**
	 * The parsing threads and their queues. Each thread takes the next file not yet taken, parses it
	 * into that file's queue and marks its end; the step takes the queues in file order. A thread
	 * blocks when its file's queue is full, so at most {@code parsers} files are open and
	 * {@code parsers} times {@link #PREFETCHED} records wait, however large the input.
	 */
	private final class Prefetch {

		private final Map<Integer, BlockingQueue<Produced>> queues = new ConcurrentHashMap<>();
		private final AtomicInteger nextFile;
		private final List<Thread> threads = new ArrayList<>();
		private final int firstFile;
		private final long skipInFirstFile;
		private int takingFile;
		private volatile boolean stopped;

		Prefetch(int firstFile, long skipInFirstFile) {
			this.firstFile = firstFile;
			this.skipInFirstFile = skipInFirstFile;
			this.nextFile = new AtomicInteger(firstFile);
			this.takingFile = firstFile;
			int threadCount = Math.max(1, Math.min(parsers, files.size() - firstFile));
			for (int i = 0; i < threadCount; i++) {
				Thread thread = new Thread(this::run, threadCount == 1 ? name + "-reader" : name + "-reader-" + (i + 1));
				thread.setDaemon(true);
				threads.add(thread);
			}
			threads.forEach(Thread::start);
		}

		private BlockingQueue<Produced> queue(int fileIndex) {
			return queues.computeIfAbsent(fileIndex, index -> new ArrayBlockingQueue<>(PREFETCHED));
		}

		private void run() {
			try {
				for (int index = nextFile.getAndIncrement(); !stopped && index < files.size();
						index = nextFile.getAndIncrement()) {
					if (!parse(index)) {
						return;
					}
				}
			}
			catch (InterruptedException stop) {
				Thread.currentThread().interrupt();
			}
		}

		/** Parses one file into its queue; false when a failure ended the reading. */
		private boolean parse(int index) throws InterruptedException {
			BlockingQueue<Produced> queue = queue(index);
			FileRecords records = null;
			try {
				records = new FileRecords(index, index == firstFile ? skipInFirstFile : 0);
				for (StagedItem item = records.next(); item != null; item = records.next()) {
					queue.put(new Produced(item, null, index, records.emitted));
					if (stopped) {
						return false;
					}
				}
				queue.put(new Produced(null, null, index, records.emitted));
				return true;
			}
			catch (IOException | RuntimeException | Error failure) {
				queue.put(new Produced(null, failure, index, records == null ? 0 : records.emitted));
				return false;
			}
			finally {
				if (records != null) {
					records.close();
				}
			}
		}

		/** The next record in file order; a null item once every file is read. */
		Produced take() throws IOException {
			try {
				while (takingFile < files.size()) {
					Produced next = queue(takingFile).take();
					if (next.item() != null || next.failure() != null) {
						return next;
					}
					queues.remove(takingFile);
					takingFile++;
				}
				return new Produced(null, null, files.size() - 1, 0);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new java.io.InterruptedIOException("interrupted while waiting for the next record");
			}
		}

		void stop() {
			stopped = true;
			threads.forEach(Thread::interrupt);
			queues.values().forEach(BlockingQueue::clear);
			for (Thread thread : threads) {
				try {
					thread.join(10_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}
}
