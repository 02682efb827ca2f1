package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.electionrecon.staging.StagingSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The schema initializer on PostgreSQL: the platform's own script, its types, and a second start that keeps it. */
@EnabledIf("org.electionrecon.PostgresTestDatabase#reachable")
class PostgresStagingSchemaTests {

	@Test
	void shouldCreateThePostgresqlSchemaOnceWithItsOwnTypes() throws Exception {
		try (PostgresTestDatabase database = PostgresTestDatabase.create();
				Connection connection = database.connection()) {
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);

			StagingSchema.ensure(dataSource);
			jdbc.update("INSERT INTO recon_constituency (run_id, file_seq, code, name, area) VALUES (1, 1, 'E1', ?, 'West Midlands')",
					"x".repeat(32_767));
			StagingSchema.ensure(dataSource);

			Map<String, String> types = new LinkedHashMap<>();
			jdbc.query("SELECT table_name, column_name, data_type, character_maximum_length FROM information_schema.columns"
					+ " WHERE table_name IN ('recon_constituency', 'recon_box_block') ORDER BY table_name, ordinal_position",
					rs -> {
						types.put(rs.getString(1) + "." + rs.getString(2),
								rs.getString(3) + (rs.getObject(4) == null ? "" : "(" + rs.getInt(4) + ")"));
					});
			assertThat(types).containsExactly(Map.entry("recon_box_block.run_id", "bigint"),
					Map.entry("recon_box_block.file_seq", "bigint"), Map.entry("recon_box_block.seq", "bigint"),
					Map.entry("recon_box_block.constituency_code", "character varying(32767)"),
					Map.entry("recon_box_block.boxes", "integer"), Map.entry("recon_box_block.data", "bytea"),
					Map.entry("recon_constituency.run_id", "bigint"),
					Map.entry("recon_constituency.file_seq", "bigint"),
					Map.entry("recon_constituency.code", "character varying(32767)"),
					Map.entry("recon_constituency.name", "character varying(32767)"),
					Map.entry("recon_constituency.region", "character varying(32767)"),
					Map.entry("recon_constituency.county", "character varying(32767)"),
					Map.entry("recon_constituency.area", "character varying(32767)"),
					Map.entry("recon_constituency.aliases", "text"));
			assertThat(jdbc.queryForObject("SELECT length(name) FROM recon_constituency", Integer.class))
				.isEqualTo(32_767);
			assertThat(jdbc.queryForList("SELECT version FROM recon_schema", Integer.class)).containsExactly(10);
		}
	}
}
