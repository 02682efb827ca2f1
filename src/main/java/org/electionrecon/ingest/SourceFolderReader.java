package org.electionrecon.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;

import org.electionrecon.ingest.InputFolder.InputFile;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.ingest.table.TabularFiles;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.staging.StagedItem;
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
 * staged twice and nothing is lost. A second thread parses ahead of the step (a bounded queue
 * of records), so reading the files and staging them run on both cores.
 */
public class SourceFolderReader implements ItemStreamReader<StagedItem>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SourceFolderReader.class);
	/** Records one file may stage; sequence numbers of file n start at n times this. */
	public static final long SEQ_PER_FILE = 1_000_000_000L;

	private final String name;
	private final List<SourceKind> kinds;
	private final LongFunction<ParseContext> contexts;
	private final long seqBase;

	private Path inputRoot;
	private java.time.LocalDate election = ParseContext.DEFAULT_ELECTION;
	private long runId;
	private List<InputFile> files;
	private int fileIndex;
	private long emittedInFile;
	private long skip;
	private ParseContext parseContext;
	private SourceParser parser;
	private TabularFile openFile;
	private InputFile current;
	private String currentSha;
	private long currentBytes;
	private final Deque<Staged> buffer = new ArrayDeque<>();
	private int savedFileIndex;
	private long savedEmitted;
	private volatile Produced consumed;
	private Prefetch prefetch;

	public SourceFolderReader(String name, List<SourceKind> kinds, LongFunction<ParseContext> contexts) {
		this(name, kinds, contexts, 0);
	}

	/**
	 * @param seqBase where this reader's sequence numbers start, so that a later step's files
	 *     sort after an earlier step's
	 */
	public SourceFolderReader(String name, List<SourceKind> kinds, LongFunction<ParseContext> contexts, long seqBase) {
		this.name = name;
		this.kinds = List.copyOf(kinds);
		this.contexts = contexts;
		this.seqBase = seqBase;
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
		fileIndex = savedFileIndex - 1;
		skip = savedEmitted;
		emittedInFile = 0;
		parser = null;
		parseContext = null;
		buffer.clear();
		if (fileIndex >= 0) {
			// a restart: re-open the file being read and skip what was already staged from it
			fileIndex--;
		}
	}

	/**
	 * Saves the position after the last record handed out: the prefetching thread may be further on,
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
	 * The next record, from the prefetching thread. Files are parsed there while this thread stages
	 * what was parsed before, so both cores work; the records, their sequence numbers and the
	 * failures come in exactly the order a single thread would give them.
	 */
	@Override
	public StagedItem read() throws IOException {
		if (prefetch == null) {
			// built once per step execution (the register does not change while a step reads), here in
			// the step's transaction rather than by the reading thread: it needs no connection of its
			// own, so even a pool of one connection serves the step
			parseContext = contexts.apply(runId).withElection(election);
			prefetch = new Prefetch();
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
			return null;
		}
		consumed = next;
		return next.item();
	}

	/** The next record in the reading thread, the position after it recorded with it. */
	private StagedItem produce() throws IOException {
		while (true) {
			if (!buffer.isEmpty()) {
				Staged record = buffer.poll();
				long seq = seqBase + (fileIndex + 1L) * SEQ_PER_FILE + emittedInFile;
				emittedInFile++;
				if (skip > 0) {
					skip--;
					continue;
				}
				return new StagedItem(seq, record);
			}
			if (parser == null) {
				if (!openNextFile(parseContext)) {
					return null;
				}
				continue;
			}
			List<Staged> out = new ArrayList<>();
			try {
				if (!parser.advance(out)) {
					buffer.addAll(out);
					buffer.add(provenance(current, parser, null));
					log.info("Read {}: {} rows ({} accepted, {} rejected, {} out of scope)", current.name(),
							parser.rowsRead(), parser.rowsAccepted(), parser.rowsRejected(), parser.rowsOutOfScope());
					closeFile();
					continue;
				}
			}
			catch (IOException | RuntimeException ex) {
				String reason = "reading stopped part-way: " + (ex instanceof IOException && ex.getMessage() != null
						? ex.getMessage() : org.electionrecon.ingest.table.TabularFiles.rootMessage(ex));
				log.warn("{}: {}", current.name(), reason);
				buffer.addAll(out);
				buffer.add(unreadable(current.name(), reason));
				buffer.add(provenance(current, parser, reason));
				closeFile();
				continue;
			}
			buffer.addAll(out);
		}
	}

	private boolean openNextFile(ParseContext context) throws IOException {
		while (fileIndex + 1 < files.size()) {
			fileIndex++;
			emittedInFile = 0;
			current = files.get(fileIndex);
			if (current.ignored()) {
				buffer.add(new SourceFile(current.name(), "ignored", null, size(current.path()), 0, 0, 0, 0,
						"ignored: " + current.ignoredBecause()));
				return true;
			}
			log.info("Reading {} source {}", current.kind().folder(), current.name());
			currentSha = InputFolder.sha256(current.path());
			currentBytes = size(current.path());
			try {
				openFile = TabularFiles.open(current.path());
				parser = current.kind().parser(current.name(), openFile, context);
				return true;
			}
			catch (IOException | RuntimeException ex) {
				closeFile();
				String reason = ex instanceof org.electionrecon.ingest.table.UnreadableSourceException ? ex.getMessage()
						: org.electionrecon.ingest.table.TabularFiles.rootMessage(ex);
				log.warn("{} is unreadable: {}", current.name(), reason);
				buffer.add(unreadable(current.name(), reason));
				buffer.add(new SourceFile(current.name(), current.kind().folder(), currentSha, currentBytes, 0, 0, 0, 0,
						"unreadable: " + reason));
				return true;
			}
		}
		return false;
	}

	/** The file's provenance, with the hash and size taken when it was opened: each file is hashed once. */
	private SourceFile provenance(InputFile file, SourceParser parser, String failure) {
		List<String> notes = new ArrayList<>(parser.notes());
		if (failure != null) {
			notes.add(failure);
		}
		return new SourceFile(file.name(), file.kind().folder(), currentSha, currentBytes,
				parser.rowsRead(), parser.rowsAccepted(), parser.rowsRejected(), parser.rowsOutOfScope(),
				String.join("; ", notes));
	}

	private static Finding unreadable(String fileName, String reason) {
		return Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
				fileName + " cannot be read: " + reason, fileName);
	}

	private static long size(Path path) throws IOException {
		return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : 0;
	}

	private void closeFile() {
		parser = null;
		if (openFile != null) {
			try {
				openFile.close();
			}
			catch (IOException ex) {
				log.debug("closing {}", current.name(), ex);
			}
			openFile = null;
		}
	}

	@Override
	public void close() {
		stopPrefetch();
		closeFile();
	}

	private void stopPrefetch() {
		if (prefetch != null) {
			prefetch.stop();
			prefetch = null;
		}
	}

	/**
	 * A record (or the end, as a null item, or what stopped the reading) with the reader's position
	 * right after it.
	 */
	private record Produced(StagedItem item, Throwable failure, int fileIndex, long emittedInFile) {
	}

	/** Records handed out ahead of the step; bounded, so memory does not grow with the input. */
	private static final int PREFETCHED = 4096;

	/** The thread that runs {@link #produce()} and the queue it fills. */
	private final class Prefetch {

		private final java.util.concurrent.BlockingQueue<Produced> queue = new java.util.concurrent.ArrayBlockingQueue<>(
				PREFETCHED);
		private final Thread thread;
		private volatile boolean stopped;

		Prefetch() {
			thread = new Thread(this::run, name + "-reader");
			thread.setDaemon(true);
			thread.start();
		}

		private void run() {
			try {
				while (!stopped) {
					StagedItem item;
					try {
						item = produce();
					}
					catch (IOException | RuntimeException | Error failure) {
						queue.put(new Produced(null, failure, fileIndex, emittedInFile));
						return;
					}
					queue.put(new Produced(item, null, fileIndex, emittedInFile));
					if (item == null) {
						return;
					}
				}
			}
			catch (InterruptedException stop) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeFile();
			}
		}

		Produced take() throws IOException {
			try {
				return queue.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new java.io.InterruptedIOException("interrupted while waiting for the next record");
			}
		}

		void stop() {
			stopped = true;
			thread.interrupt();
			queue.clear();
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
