package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.electionrecon.ingest.table.ReaderLimits;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The schema initializer on the embedded database: what it creates, keeps and rebuilds. */
class StagingSchemaTests {

	/** The text columns whose values come from a fixed set of names, and their sizes; every other is cell text or unbounded. */
	private static final Map<String, Integer> NAMES_OF_A_FIXED_SET = Map.ofEntries(
			Map.entry("RECON_STATED_FIGURE.KIND", 40), Map.entry("RECON_REJECTED_FIGURE.KIND", 20),
			Map.entry("RECON_SOURCE_FILE.KIND", 40), Map.entry("RECON_SOURCE_FILE.SHA256", 64),
			Map.entry("RECON_SOURCE_FILE.READER_VERSION", 40), Map.entry("RECON_SOURCE_FILE.READ_KEY", 64),
			Map.entry("RECON_FINDING.STAGE", 20), Map.entry("RECON_FINDING.SEVERITY", 10),
			Map.entry("RECON_FINDING.CHECK_CODE", 40), Map.entry("RECON_FINDING.STATUS", 10),
			Map.entry("RECON_FIGURES.TURNOUT_BASIS", 20),
			Map.entry("RECON_EXPLANATION.CHECK_CODE", 40), Map.entry("RECON_RUN_FAILURE.STEP_NAME", 100));

	private static final int UNBOUNDED = 16_777_216;

	private JDBCDataSource dataSource;

	private JdbcTemplate jdbc;

	/** A file database, as the job's: a memory database makes every table a MEMORY table. */
	@BeforeEach
	void setUp(@TempDir Path folder) {
		dataSource = EmbeddedStagingDatabase.in(folder);
		jdbc = new JdbcTemplate(dataSource);
	}

	/** The bean of StagingSchemaConfiguration creates both table sets as the context starts. */
	@Test
	void shouldCreateTheJobRepositoryAndStagingTablesWhenTheContextStarts() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(javax.sql.DataSource.class, () -> dataSource);
			context.register(StagingSchemaConfiguration.class);
			context.refresh();
		}

		assertThat(jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
				+ " ORDER BY TABLE_NAME", String.class)).containsExactlyInAnyOrder(
						"BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_PARAMS",
						"BATCH_JOB_INSTANCE", "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT",
						// Spring Batch's HSQLDB script makes its sequences as tables
						"BATCH_JOB_EXECUTION_SEQ", "BATCH_JOB_INSTANCE_SEQ", "BATCH_STEP_EXECUTION_SEQ",
						"RECON_CONSTITUENCY", "RECON_BOX_BLOCK", "RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE",
						"RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES", "RECON_CANDIDATE", "RECON_NOTIONAL",
						"RECON_REJECTED_ROW", "RECON_REJECTED_FIGURE", "RECON_SOURCE_FILE", "RECON_FINDING",
						"RECON_FIGURES", "RECON_CHECK_COUNT", "RECON_DECLARED_BREAKDOWN", "RECON_REPORTED",
						"RECON_EXPLANATION", "RECON_RUN_FAILURE", "RECON_SCHEMA");
		assertThat(jdbc.queryForList("SELECT VERSION FROM RECON_SCHEMA", Integer.class)).containsExactly(10);
		// every table that gains rows run after run lives on disk, not in the heap: only the schema's version does not
		assertThat(jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.SYSTEM_TABLES"
				+ " WHERE TABLE_SCHEM = 'PUBLIC' AND HSQLDB_TYPE <> 'CACHED' ORDER BY TABLE_NAME", String.class))
			.containsExactly("RECON_SCHEMA");
	}

	/** Every text a reader can give fits its column: one cell's text in full, several cells' unbounded. */
	@Test
	void shouldSizeTextColumnsFromTheReadersLimits() throws Exception {
		StagingSchema.ensure(dataSource);

		Map<String, Integer> sizes = new LinkedHashMap<>();
		jdbc.query("SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
				+ " WHERE TABLE_NAME LIKE 'RECON%' AND DATA_TYPE = 'CHARACTER VARYING' ORDER BY TABLE_NAME, COLUMN_NAME",
				rs -> {
					sizes.put(rs.getString(1) + "." + rs.getString(2), rs.getInt(3));
				});

		Map<String, Integer> fixed = new LinkedHashMap<>(sizes);
		fixed.values().removeIf(size -> size == ReaderLimits.MAX_TEXT_CHARS || size == UNBOUNDED);
		assertThat(fixed).isEqualTo(NAMES_OF_A_FIXED_SET);
		assertThat(sizes).containsEntry("RECON_CONSTITUENCY.CODE", 32_767)
			.containsEntry("RECON_CONSTITUENCY.NAME", 32_767)
			.containsEntry("RECON_CONSTITUENCY.AREA", 32_767)
			.containsEntry("RECON_CANDIDATE.SURNAME", 32_767)
			.containsEntry("RECON_CANDIDATE.PARTY", 32_767)
			.containsEntry("RECON_REJECTED_ROW.SHEET", 32_767)
			.containsEntry("RECON_EXPLANATION.NOTE", UNBOUNDED)
			.containsEntry("RECON_FINDING.SOURCE", UNBOUNDED)
			.containsEntry("RECON_CONSTITUENCY.ALIASES", UNBOUNDED);
		String name = "Staffordshire and Cheshire ".repeat(1_300).substring(0, ReaderLimits.MAX_TEXT_CHARS);
		String code = "E".repeat(ReaderLimits.MAX_TEXT_CHARS);
		jdbc.update("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, AREA) VALUES (1, 1, ?, ?, ?)", code, name, name);
		assertThat(jdbc.queryForObject("SELECT NAME FROM RECON_CONSTITUENCY WHERE CODE = ?", String.class, code))
			.isEqualTo(name);
	}

	/** A database that has the tables is left as it is: what a restarted run staged stays. */
	@Test
	void shouldKeepAnExistingDatabase() throws Exception {
		StagingSchema.ensure(dataSource);
		jdbc.update("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, AREA) VALUES (1, 1, 'E1', 'Stafford', 'West Midlands')");

		StagingSchema.ensure(dataSource);

		assertThat(jdbc.queryForList("SELECT NAME FROM RECON_CONSTITUENCY", String.class)).containsExactly("Stafford");
		assertThat(jdbc.queryForList("SELECT VERSION FROM RECON_SCHEMA", Integer.class)).containsExactly(10);
	}

	/** Staging tables of another version (box blocks in an older format, say) are dropped and made again. */
	@Test
	void shouldRebuildTheStagingTablesOfAnotherVersion() throws Exception {
		StagingSchema.ensure(dataSource);
		jdbc.update("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, AREA) VALUES (1, 1, 'E1', 'Stafford', 'West Midlands')");
		jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'j', 'k')");
		jdbc.update("UPDATE RECON_SCHEMA SET VERSION = 8");
		jdbc.execute("CREATE TABLE RECON_BOX (RUN_ID BIGINT)");

		StagingSchema.ensure(dataSource);

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM RECON_CONSTITUENCY", Long.class)).isZero();
		assertThat(jdbc.queryForList("SELECT VERSION FROM RECON_SCHEMA", Integer.class)).containsExactly(10);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'RECON_BOX'",
				Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class)).as("the job repository")
			.isEqualTo(1);
	}
}
