package org.electionrecon.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import org.electionrecon.ingest.InputFolder.InputFile;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.ingest.table.TabularFiles;
import org.electionrecon.ingest.table.UnreadableSourceException;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one input file, the file of one partition of the ingest step ({@link SourceFilePartitioner}),
 * one record at a time: its rows, findings and rejected rows, then its provenance. An unreadable
 * file (or one that breaks part-way) becomes a {@code SOURCE_UNREADABLE} finding and the run goes
 * on; a file that vanished fails the partition, and restart reads it once it is back.
 * <p>
 * Record n of the file (0-based) has the sequence number {@code firstSeq + n}: the file's place in
 * the contract's order, whichever thread reads it, so everything downstream keeps its order.
 * Restartable: the partition's execution context holds the records already handed out
 * ({@link #RECORDS_READ}); a restart re-reads the file and skips them.
 * <p>
 * Incremental runs: a file that an earlier completed run staged unchanged has no partition, and so
 * no reader: its rows are copied before the partitions are made ({@link UnchangedFiles}). The
 * reader records the read key its file is read with ({@link FileOrigin}), which is what a later
 * run looks for.
 */
public class SourceFileReader implements ItemStreamReader<StagedItem> {

	private static final Logger log = LoggerFactory.getLogger(SourceFileReader.class);

	/** Records handed out from the file, kept in the partition's execution context. */
	public static final String RECORDS_READ = "file.records.read";

	/** The staged notes' column of a source file (RECON_SOURCE_FILE.NOTES). */
	private static final int MAX_NOTES = 16000;

	private final InputFile file;
	private final long firstSeq;
	private final Supplier<RunParseContexts.Keyed> contexts;
	private FileOrigin origin;
	private boolean wholeRead;
	private final Deque<Staged> buffer = new ArrayDeque<>();
	private long skip;
	private long emitted;
	private boolean opened;
	private SourceParser parser;
	private TabularFile openFile;
	private String sha;
	private long bytes;

	/**
	 * @param contexts the parse context, asked for once the file is opened (a register lookup for
	 *     most kinds, so only when a file is read)
	 */
	public SourceFileReader(InputFile file, long firstSeq, Supplier<ParseContext> contexts) {
		this(file, () -> new RunParseContexts.Keyed(contexts.get(), null), firstSeq);
	}

	/**
	 * @param contexts the parse context and its digest, asked for once the file is hashed; a
	 *     {@code null} digest records no read key, so the file's rows are never reused
	 */
	private SourceFileReader(InputFile file, Supplier<RunParseContexts.Keyed> contexts, long firstSeq) {
		this.file = file;
		this.firstSeq = firstSeq;
		this.contexts = contexts;
		this.origin = new FileOrigin(firstSeq, file.kind().readerVersion(), null);
	}

	/** The reader of the partition {@link SourceFilePartitioner} described in {@code partition}; it reads every file. */
	public static SourceFileReader of(ExecutionContext partition, Supplier<ParseContext> contexts) {
		return new SourceFileReader(SourceFilePartitioner.file(partition), SourceFilePartitioner.firstSeq(partition),
				contexts);
	}

	/**
	 * The reader of a partition of a run: it stages its file with the read key of the context's
	 * digest, so that a later run may copy the file's rows instead of reading it again.
	 */
	public static SourceFileReader keyed(ExecutionContext partition, Supplier<RunParseContexts.Keyed> contexts) {
		return new SourceFileReader(SourceFilePartitioner.file(partition), contexts,
				SourceFilePartitioner.firstSeq(partition));
	}

	@Override
	public void open(ExecutionContext context) {
		close();
		buffer.clear();
		skip = context.getLong(RECORDS_READ, 0);
		emitted = 0;
		opened = false;
		wholeRead = true;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(RECORDS_READ, opened ? emitted : skip);
	}

	@Override
	public StagedItem read() throws IOException {
		if (!opened) {
			opened = true;
			openFile();
		}
		while (true) {
			if (!buffer.isEmpty()) {
				Staged record = buffer.poll();
				long seq = firstSeq + emitted;
				emitted++;
				if (skip > 0) {
					skip--;
					continue;
				}
				// the provenance is the file's last record: by then it is known whether the file was read whole
				return new StagedItem(seq, record,
						record instanceof SourceFile && !wholeRead ? origin.notReusable() : origin);
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
							parser.rowsRead(), parser.rowsAccepted(), parser.rowsRejected(), parser.rowsOutOfScope());
					closeFile();
					continue;
				}
			}
			catch (IOException | RuntimeException ex) {
				String reason = "reading stopped part-way: " + (ex instanceof IOException && ex.getMessage() != null
						? ex.getMessage() : TabularFiles.rootMessage(ex));
				log.warn("{}: {}", file.name(), reason);
				wholeRead = false;
				buffer.addAll(out);
				buffer.add(unreadable(reason));
				buffer.add(provenance(reason));
				closeFile();
				continue;
			}
			buffer.addAll(out);
		}
	}

	private void openFile() throws IOException {
		if (file.ignored()) {
			buffer.add(new SourceFile(file.name(), "ignored", null, size(file.path()), 0, 0, 0, 0,
					"ignored: " + file.ignoredBecause()));
			return;
		}
		// before the file is hashed: a file that vanished since the folder was listed fails the partition here
		log.info("Reading {} source {}", file.kind().folder(), file.name());
		try {
			sha = InputFolder.sha256(file.path());
		}
		catch (java.nio.file.AccessDeniedException ex) {
			wholeRead = false;
			// a file the account may not read stays so on a rerun: it is that file's finding, not the
			// run's failure (a file that vanished fails the partition instead, and restart reads it once back)
			String reason = "permission denied (the account running the job may not read it)";
			log.warn("{} is unreadable: {}", file.name(), reason);
			buffer.add(unreadable(reason));
			buffer.add(new SourceFile(file.name(), file.kind().folder(), null, size(file.path()), 0, 0, 0, 0,
					"unreadable: " + reason));
			return;
		}
		bytes = size(file.path());
		RunParseContexts.Keyed context = contexts.get();
		if (context.digest() != null) {
			origin = new FileOrigin(firstSeq, file.kind().readerVersion(),
					RunParseContexts.readKey(file.kind(), context.digest()));
		}
		try {
			openFile = TabularFiles.open(file.path());
			parser = file.kind().parser(file.name(), openFile, context.context());
		}
		catch (IOException | RuntimeException ex) {
			wholeRead = false;
			closeFile();
			String reason = ex instanceof UnreadableSourceException ? ex.getMessage() : TabularFiles.rootMessage(ex);
			log.warn("{} is unreadable: {}", file.name(), reason);
			buffer.add(unreadable(reason));
			buffer.add(new SourceFile(file.name(), file.kind().folder(), sha, bytes, 0, 0, 0, 0, "unreadable: " + reason));
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
		return new SourceFile(file.name(), file.kind().folder(), sha, bytes, parser.rowsRead(), parser.rowsAccepted(),
				parser.rowsRejected(), parser.rowsOutOfScope(), joined);
	}

	private Finding unreadable(String reason) {
		return Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
				file.name() + " cannot be read: " + reason, file.name());
	}

	static long size(Path path) throws IOException {
		return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : 0;
	}

	private void closeFile() {
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

	@Override
	public void close() {
		closeFile();
	}
}
