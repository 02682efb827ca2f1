package org.electionrecon.staging;

import org.electionrecon.ingest.StagedItem;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of staged records with one JDBC batch per table, in the chunk's transaction. */
public class StagingWriter implements ItemWriter<StagedItem>, StepExecutionListener {

	private final StagingTables tables;
	private long runId;

	public StagingWriter(StagingTables tables) {
		this.tables = tables;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	@Override
	public void write(Chunk<? extends StagedItem> chunk) {
		tables.insert(runId, chunk.getItems().stream().map(StagedItem.class::cast).toList());
	}
}
