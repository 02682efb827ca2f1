package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A partition's repository leaves out its start mark and its last, unchanged context, nothing else. */
class PartitionRepositoryTests {

	private final List<String> calls = new ArrayList<>();

	private final JobRepository repository = PartitionRepository.wrap((JobRepository) Proxy.newProxyInstance(
			getClass().getClassLoader(), new Class<?>[] { JobRepository.class }, (proxy, method, args) -> {
				calls.add(method.getName() + " " + ((StepExecution) args[0]).getStatus());
				return null;
			}));

	@AfterEach
	void noTransaction() {
		TransactionSynchronizationManager.setActualTransactionActive(false);
	}

	@Test
	void shouldLeaveOutTheStartMarkAndTheContextSavedAgainAfterTheLastChunk() {
		repository.update(partition(BatchStatus.STARTED));
		repository.updateExecutionContext(partition(BatchStatus.STARTED));
		repository.update(partition(BatchStatus.COMPLETED));
		repository.updateExecutionContext(partition(BatchStatus.COMPLETED));
		repository.update(partition(BatchStatus.FAILED));
		repository.updateExecutionContext(partition(BatchStatus.FAILED));

		assertThat(calls).containsExactly("updateExecutionContext STARTED", "update COMPLETED", "update FAILED",
				"updateExecutionContext FAILED");
	}

	@Test
	void shouldWriteEverythingInsideAChunksTransaction() {
		TransactionSynchronizationManager.setActualTransactionActive(true);

		repository.update(partition(BatchStatus.STARTED));
		repository.updateExecutionContext(partition(BatchStatus.STARTED));
		repository.updateExecutionContext(partition(BatchStatus.COMPLETED));

		assertThat(calls).containsExactly("update STARTED", "updateExecutionContext STARTED",
				"updateExecutionContext COMPLETED");
	}

	private static StepExecution partition(BatchStatus status) {
		JobExecution job = new JobExecution(7L, new JobInstance(42L, "reconciliationJob"), new JobParameters());
		StepExecution partition = new StepExecution(3L, "ingestStep:file00000", job);
		partition.setStatus(status);
		return partition;
	}
}
