package org.electionrecon.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.electionrecon.ElectionReconApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker threads never outnumber the connections the pool has for them. */
class ParallelismTests {

	@Test
	void shouldUseAWorkerPerCoreWithinThePoolBesideTheStepsConnection() {
		int cores = Runtime.getRuntime().availableProcessors();
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setMaximumPoolSize(4);
			assertThat(Parallelism.workers(pool)).isEqualTo(cores < 2 ? 0 : Math.min(cores, 3));
			pool.setMaximumPoolSize(2);
			assertThat(Parallelism.workers(pool)).as("one worker is no better than the step's own thread").isZero();
			pool.setMaximumPoolSize(1);
			assertThat(Parallelism.workers(pool)).isZero();
		}
	}

	/** With one connection, which the step's transaction holds, every step works in its own thread. */
	@Test
	void shouldRunTheSampleWithAPoolOfOneConnection(@TempDir Path temp) {
		Path output = temp.resolve("output");

		int exitCode = ElectionReconApplication.run(new String[] { "--input=" + Path.of("input"),
				"--output=" + output, "--spring.datasource.hikari.maximum-pool-size=1",
				"--spring.datasource.hikari.connection-timeout=5000" });

		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		assertThat(output.resolve("staffordshire-and-cheshire-reconciliation.xlsx")).isRegularFile();
	}
}
