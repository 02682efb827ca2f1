package org.electionrecon.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.InputFolder.InputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The files of a file step that an incremental run copies instead of reading: decided once for
 * the whole step, before its partitions are made ({@link SourceFileSplitter}), so that only new or
 * changed files become partitions that read their file.
 * <p>
 * A file is unchanged when an earlier completed run of the same job database staged a file of the
 * same name, the same SHA-256 and the same read key ({@link RunParseContexts#readKey}: the reader's
 * version and everything else the reading depends on); {@link EarlierStaging#earlier} names the
 * latest such run, for all the step's files at once. Ignored files, files that cannot be hashed (they vanished, or the account may
 * not read them) and every file of a {@code --full} run are read by their partitions, which say
 * what is wrong with them.
 */
public final class UnchangedFiles {

	private static final Logger log = LoggerFactory.getLogger(UnchangedFiles.class);

	/** The job parameter of {@code --full} (not identifying): every file is read, none copied. */
	public static final String FULL = "full";

	/** The job parameter of the election being reconciled ({@code --election}). */
	private static final String ELECTION = "election";

	private final RunParseContexts contexts;
	private final EarlierStaging staging;

	public UnchangedFiles(RunParseContexts contexts, EarlierStaging staging) {
		this.contexts = contexts;
		this.staging = staging;
	}

	/** Whether the run reads every file again ({@code --full}). */
	public static boolean full(JobParameters parameters) {
		return "true".equals(parameters.getString(FULL));
	}

	/**
	 * The partitions whose files the run copies, by partition name, in the partitions' order, each
	 * with the run it is copied from; none for a {@code --full} run.
	 *
	 * @param manager the file step's execution: its run and the run's job parameters
	 * @param partitions the step's partitions ({@link SourceFilePartitioner})
	 */
	public Map<String, ReusedFile> find(StepExecution manager, Map<String, ExecutionContext> partitions) {
		Map<String, ReusedFile> unchanged = new LinkedHashMap<>();
		JobParameters parameters = manager.getJobExecution().getJobParameters();
		long runId = manager.getJobExecution().getJobInstance().getInstanceId();
		if (full(parameters) || !staging.anyCompletedRun(runId)) {
			return unchanged;
		}
		LocalDate date = ParseContext.election(parameters.getString(ELECTION));
		long start = System.nanoTime();
		Map<String, String> partitionOfFile = new HashMap<>();
		List<StagedFileIdentity> files = new ArrayList<>(partitions.size());
		for (Map.Entry<String, ExecutionContext> partition : partitions.entrySet()) {
			InputFile file = SourceFilePartitioner.file(partition.getValue());
			if (file.ignored() || partitionOfFile.containsKey(file.name())) {
				continue; // (no two files of a run share a name; if they did, each would be read)
			}
			String sha;
			try {
				sha = InputFolder.sha256(file.path());
			}
			catch (IOException ex) {
				continue; // its partition reads it, and says why it cannot
			}
			String digest = contexts.keyed(file.kind() == SourceKind.REGISTER, runId, date).digest();
			String readKey = RunParseContexts.readKey(file.kind(), digest);
			partitionOfFile.put(file.name(), partition.getKey());
			files.add(new StagedFileIdentity(file.name(), sha, readKey,
					SourceFilePartitioner.firstSeq(partition.getValue())));
		}
		long hashed = System.nanoTime();
		Map<String, ReusedFile> earlier = staging.earlier(runId, files);
		for (StagedFileIdentity file : files) { // in the partitions' order
			ReusedFile reused = earlier.get(file.fileName());
			if (reused != null) {
				log.info("Reusing {}: unchanged since run {} staged it", file.fileName(), reused.fromRun());
				unchanged.put(partitionOfFile.get(file.fileName()), reused);
			}
		}
		log.debug("Hashed {} files in {} ms, found {} staged earlier in {} ms", files.size(),
				(hashed - start) / 1_000_000, unchanged.size(), (System.nanoTime() - hashed) / 1_000_000);
		return unchanged;
	}

	/** Copies the files' rows into the run, in the caller's transaction; the rows copied. */
	public long copy(long runId, Collection<ReusedFile> files) {
		return staging.copy(runId, List.copyOf(files));
	}
}
