package org.electionrecon.run;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The runs of the job database as the run-identity rules ask about them, through Spring Batch's
 * own repository API: the latest completed run of some inputs or of an election, and the runs
 * still marked as running. A run is a job instance; its state is that of its latest execution.
 */
public class RunCatalog {

	/** The reconciliation job's name: its runs are the job instances of this name. */
	public static final String JOB_NAME = "reconciliationJob";

	/** The job parameter holding the election date. */
	public static final String ELECTION = "election";
	/** The job parameter holding the SHA-256 of the input files' names and contents. */
	public static final String INPUTS = "inputs.sha256";
	/** The job parameter holding the SHA-256 of the settings that change findings. */
	public static final String SETTINGS = "settings.sha256";

	private final JobRepository repository;
	private final String jobName;

	public RunCatalog(JobRepository repository, String jobName) {
		this.repository = repository;
		this.jobName = jobName;
	}

	/** The newest run whose latest execution completed and whose parameters match, if any. */
	public Optional<JobExecution> latestCompleted(Predicate<JobParameters> matching) {
		return latestCompleted(matching, Long.MAX_VALUE);
	}

	/**
	 * The newest run older than {@code beforeRunId} whose latest execution completed and whose
	 * parameters match, if any: the run a new run is compared with.
	 */
	public Optional<JobExecution> latestCompleted(Predicate<JobParameters> matching, long beforeRunId) {
		for (JobInstance instance : newestFirst()) {
			if (instance.getInstanceId() >= beforeRunId) {
				continue;
			}
			JobExecution last = repository.getLastJobExecution(instance);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED && matching.test(last.getJobParameters())) {
				return Optional.of(last);
			}
		}
		return Optional.empty();
	}

	/** The job parameters of a run (its latest execution's), or {@code null} when there is no such run. */
	public JobParameters parameters(long runId) {
		JobInstance instance = repository.getJobInstance(runId);
		JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
		return last == null ? null : last.getJobParameters();
	}

	/**
	 * A value a run's step recorded in its execution context (of the step's latest execution), or
	 * {@code null} when the run, the step or the value is not there.
	 */
	public String stepContextValue(long runId, String stepName, String key) {
		JobInstance instance = repository.getJobInstance(runId);
		if (instance == null) {
			return null;
		}
		org.springframework.batch.core.step.StepExecution step = repository.getLastStepExecution(instance, stepName);
		if (step == null || !step.getExecutionContext().containsKey(key)) {
			return null;
		}
		return String.valueOf(step.getExecutionContext().get(key));
	}

	/** Runs still marked as running (STARTING, STARTED or STOPPING) whose parameters match, oldest first. */
	public List<JobExecution> running(Predicate<JobParameters> matching) {
		return repository.findRunningJobExecutions(jobName)
			.stream()
			.filter(execution -> matching.test(execution.getJobParameters()))
			.sorted(Comparator.comparingLong(JobExecution::getId))
			.toList();
	}

	private List<JobInstance> newestFirst() {
		return repository.getJobInstances(jobName, 0, Integer.MAX_VALUE)
			.stream()
			.sorted(Comparator.comparingLong(JobInstance::getInstanceId).reversed())
			.toList();
	}

	/** Parameters of the same election and inputs. */
	public static Predicate<JobParameters> sameInputs(String election, String fingerprint) {
		return parameters -> election.equals(parameters.getString(ELECTION))
				&& fingerprint.equals(parameters.getString(INPUTS));
	}

	/** Parameters of the same election. */
	public static Predicate<JobParameters> sameElection(String election) {
		return parameters -> election.equals(parameters.getString(ELECTION));
	}

	/** Parameters of the same settings. */
	public static Predicate<JobParameters> sameSettings(String digest) {
		return parameters -> digest.equals(parameters.getString(SETTINGS));
	}
}
