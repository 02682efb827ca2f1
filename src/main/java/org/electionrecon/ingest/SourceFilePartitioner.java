package org.electionrecon.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.InputFolder.InputFile;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * One partition per input file of some source kinds, in the contract's order (kind by kind, each
 * kind's files in name order). Each partition's execution context says which file it reads
 * ({@link #PATH}, {@link #NAME}, {@link #KIND}, {@link #IGNORED}), its size, its place in the
 * order ({@link #INDEX}) and the sequence number of its first record ({@link #FIRST_SEQ}):
 * {@code seqBase + (index + 1) * SEQ_PER_FILE}. Partition names ({@code file00000},
 * {@code file00001}, ...) sort in the same order. The grid size is ignored: the files decide.
 */
public class SourceFilePartitioner implements Partitioner {

	/** Records one file may stage; sequence numbers of file n start at n + 1 times this. */
	public static final long SEQ_PER_FILE = 1_000_000_000L;

	public static final String PATH = "file.path";
	public static final String NAME = "file.name";
	public static final String KIND = "file.kind";
	public static final String IGNORED = "file.ignored";
	public static final String INDEX = "file.index";
	public static final String BYTES = "file.bytes";
	public static final String FIRST_SEQ = "file.first-seq";

	private final Path inputRoot;
	private final List<SourceKind> kinds;
	private final long seqBase;

	/**
	 * @param seqBase where these files' sequence numbers start, so that a later step's files sort
	 *     after an earlier step's
	 */
	public SourceFilePartitioner(Path inputRoot, List<SourceKind> kinds, long seqBase) {
		this.inputRoot = inputRoot;
		this.kinds = List.copyOf(kinds);
		this.seqBase = seqBase;
	}

	/** The files of those kinds, in the contract's order. */
	public List<InputFile> files() {
		try {
			InputFolder folder = new InputFolder(inputRoot);
			List<InputFile> files = new ArrayList<>();
			for (SourceKind kind : kinds) {
				files.addAll(folder.files(kind));
			}
			return files;
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot list the input folder " + inputRoot + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<InputFile> files = files();
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int index = 0; index < files.size(); index++) {
			InputFile file = files.get(index);
			ExecutionContext context = new ExecutionContext();
			context.putString(PATH, file.path().toString());
			context.putString(NAME, file.name());
			context.putString(KIND, file.kind().name());
			if (file.ignored()) {
				context.putString(IGNORED, file.ignoredBecause());
			}
			context.putInt(INDEX, index);
			context.putLong(BYTES, bytes(file.path()));
			context.putLong(FIRST_SEQ, seqBase + (index + 1L) * SEQ_PER_FILE);
			partitions.put(String.format("file%05d", index), context);
		}
		return partitions;
	}

	/** The file a partition reads. */
	public static InputFile file(ExecutionContext partition) {
		return new InputFile(SourceKind.valueOf(partition.getString(KIND)), Path.of(partition.getString(PATH)),
				partition.getString(NAME), partition.containsKey(IGNORED) ? partition.getString(IGNORED) : null);
	}

	/** The sequence number of a partition's first record. */
	public static long firstSeq(ExecutionContext partition) {
		return partition.getLong(FIRST_SEQ);
	}

	private static long bytes(Path path) {
		try {
			return SourceFileReader.size(path);
		}
		catch (IOException ex) {
			return 0; // the file's reading will say what is wrong with it
		}
	}
}
