package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.electionrecon.staging.StagingSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The job's steps, run through Spring Batch Test on the sample: order, statuses and exact counts. */
@SpringBatchTest
@SpringBootTest
class ReconciliationJobTests {

	@TempDir
	static Path temp;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("recon.database-dir", () -> temp.resolve("db").toString());
	}

	@Autowired
	private JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	private Job reconciliationJob;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void setUp() throws Exception {
		StagingSchema.ensure(dataSource);
		jobOperatorTestUtils.setJob(reconciliationJob);
	}

	private JobParameters sampleParameters() {
		return jobOperatorTestUtils.getUniqueJobParametersBuilder()
			.addString("input", Path.of("input").toAbsolutePath().toString())
			.addString("output", temp.resolve("output").toString())
			.addString("election", "2024-07-04")
			.toJobParameters();
	}

	@Test
	void shouldRunTheFiveStepsInOrderAndStageEveryRow() throws Exception {
		JobExecution execution = jobOperatorTestUtils.startJob(sampleParameters());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getStepExecutions()).filteredOn(s -> !s.getStepName().contains(":"))
			.extracting(StepExecution::getStepName, StepExecution::getStatus)
			.containsExactly(tuple("registerStep", BatchStatus.COMPLETED), tuple("ingestStep", BatchStatus.COMPLETED),
					tuple("reconcileStep", BatchStatus.COMPLETED), tuple("areaChecksStep", BatchStatus.COMPLETED),
					tuple("reportStep", BatchStatus.COMPLETED));
		// one partition per input file: the register's one, then the 16 files of the other sources
		assertThat(execution.getStepExecutions()).filteredOn(s -> s.getStepName().contains(":"))
			.extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("registerStep:file00000"),
					java.util.stream.IntStream.range(0, 16).mapToObj(i -> String.format("ingestStep:file%05d", i)))
				.toList());
		assertThat(execution.getStepExecutions()).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(BatchStatus.COMPLETED));
		StepExecution register = steps(execution).get("registerStep");
		// 14 constituencies and the register file's provenance row
		assertThat(register.getReadCount()).isEqualTo(15);
		assertThat(register.getWriteCount()).isEqualTo(15);
		StepExecution reconcile = steps(execution).get("reconcileStep");
		assertThat(reconcile.getReadCount()).isEqualTo(14);
		assertThat(reconcile.getWriteCount()).isEqualTo(14);

		long runId = execution.getJobInstance().getInstanceId();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(jdbc.queryForObject("SELECT SUM(BOXES) FROM RECON_BOX_BLOCK WHERE RUN_ID = ?", Long.class, runId))
			.isEqualTo(435);
		assertThat(count(jdbc, "RECON_CANDIDATE", runId)).isEqualTo(90);
		// the ingest step syncs its commits every 100 ms while it runs, every commit again after it
		assertThat(jdbc.queryForObject("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES"
				+ " WHERE PROPERTY_NAME = 'hsqldb.write_delay_millis'", String.class)).isEqualTo("0");
		assertThat(count(jdbc, "RECON_DECLARATION", runId)).isEqualTo(14);
		assertThat(count(jdbc, "RECON_NOTIONAL", runId)).isEqualTo(14);
		// one row a constituency, each with its 13 party columns
		assertThat(count(jdbc, "RECON_DECLARED_PARTY_VOTES", runId)).isEqualTo(14);
		assertThat(count(jdbc, "RECON_VERIFICATION_SHEET", runId)).isEqualTo(14);
		assertThat(count(jdbc, "RECON_SOURCE_FILE", runId)).isEqualTo(17);
		assertThat(count(jdbc, "RECON_REPORTED", runId)).isEqualTo(26);
		assertThat(count(jdbc, "RECON_EXPLANATION", runId)).isEqualTo(1);
		assertThat(count(jdbc, "RECON_REJECTED_ROW", runId)).isZero();
		assertThat(count(jdbc, "RECON_FINDING", runId)).isEqualTo(14);
		assertThat(steps(execution).get("ingestStep").getWriteCount())
			.isEqualTo(435 + 90 + 14 + 14 + 14 + 14 /* stated totals */ + 14 /* Total rows */ + 14 /* electorates */
					+ 14 /* turnouts */ + 14 * 13 /* party votes */ + 26 /* reported */
					+ 1 /* explanation */ + 16 /* provenance */);
	}

	/** Not a method returning StepExecution: @SpringBatchTest would take that for a step-scope factory. */
	private static java.util.Map<String, StepExecution> steps(JobExecution execution) {
		java.util.Map<String, StepExecution> byName = new java.util.HashMap<>();
		execution.getStepExecutions().forEach(s -> byName.put(s.getStepName(), s));
		return byName;
	}

	private static long count(JdbcTemplate jdbc, String table, long runId) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE RUN_ID = ?", Long.class, runId);
	}
}
