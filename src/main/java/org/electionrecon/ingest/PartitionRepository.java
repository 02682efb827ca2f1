package org.electionrecon.ingest;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job repository as the partitions of a file step use it, without the two writes a partition
 * does not need: each is a commit of its own, synced to disk, and a national run has hundreds of
 * partitions, most of them one chunk.
 * <ul>
 * <li>The partition's mark as {@code STARTED}, before its first chunk: its first chunk's commit
 * records it (with the records read), and a partition killed before that commit is run from its
 * start on a restart either way, as it is not {@code COMPLETED}.</li>
 * <li>The execution context saved once more after a partition {@code COMPLETED}: it is the one
 * its last chunk committed, as nothing is read after that chunk.</li>
 * </ul>
 * Every other call, and every call inside a chunk's transaction, goes to the repository.
 */
public final class PartitionRepository implements InvocationHandler {

	private final JobRepository repository;

	private PartitionRepository(JobRepository repository) {
		this.repository = repository;
	}

	/** The repository for a file step's partitions. */
	public static JobRepository wrap(JobRepository repository) {
		return (JobRepository) Proxy.newProxyInstance(PartitionRepository.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, new PartitionRepository(repository));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (args != null && args.length == 1 && args[0] instanceof StepExecution step && skipped(method.getName(), step)) {
			return null;
		}
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				case "toString" -> "PartitionRepository(" + repository + ")";
				default -> method.invoke(repository, args);
			};
		}
		try {
			return method.invoke(repository, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static boolean skipped(String method, StepExecution step) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		return method.equals("update") && step.getStatus() == BatchStatus.STARTED
				|| method.equals("updateExecutionContext") && step.getStatus() == BatchStatus.COMPLETED;
	}
}
