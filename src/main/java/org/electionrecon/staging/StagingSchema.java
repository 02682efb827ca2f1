package org.electionrecon.staging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the Spring Batch job repository tables and the staging tables the first time a
 * database is used, and leaves an existing database as it is: the file-backed database outlives
 * the JVM so that a failed run can be restarted.
 */
public final class StagingSchema {

	/** The staging schema's version; staging-schema.sql inserts it into RECON_SCHEMA. */
	static final int VERSION = 7;

	static final List<String> TABLES = List.of("RECON_CONSTITUENCY", "RECON_BOX_BLOCK", "RECON_VERIFICATION_SHEET",
			"RECON_STATED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES", "RECON_CANDIDATE", "RECON_NOTIONAL",
			"RECON_REJECTED_ROW", "RECON_REJECTED_FIGURE", "RECON_SOURCE_FILE", "RECON_FINDING", "RECON_FIGURES", "RECON_CHECK_COUNT", "RECON_DECLARED_BREAKDOWN",
			"RECON_REPORTED", "RECON_EXPLANATION", "RECON_RUN_FAILURE", "RECON_SCHEMA");

	/** Tables of older schema versions, dropped when an older database is rebuilt. */
	static final List<String> RETIRED_TABLES = List.of("RECON_BOX");

	/** Tables whose rows grow with the input's rows rather than with its constituencies. */
	static final List<String> GROWING_TABLES = List.of("RECON_BOX_BLOCK", "RECON_FINDING", "RECON_REJECTED_ROW");

	/** How staging-schema.sql declares a binary column; PostgreSQL's name for it is BYTEA. */
	private static final String BINARY_COLUMN = "VARBINARY(16777216)";

	private static final Logger log = LoggerFactory.getLogger(StagingSchema.class);

	private StagingSchema() {
	}

	private static int version(Connection connection) throws SQLException {
		if (!tableExists(connection, "RECON_SCHEMA")) {
			return 1;
		}
		try (Statement query = connection.createStatement();
				ResultSet rs = query.executeQuery("SELECT MAX(VERSION) FROM RECON_SCHEMA")) {
			return rs.next() ? rs.getInt(1) : 1;
		}
	}

	public static void ensure(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			String platform = product.contains("postgres") ? "postgresql" : "hsqldb";
			if (!tableExists(connection, "BATCH_JOB_INSTANCE")) {
				new ResourceDatabasePopulator(
						new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"))
					.populate(connection);
			}
			if (tableExists(connection, "RECON_FINDING") && version(connection) != VERSION) {
				// staging tables of an older build: they hold only per-run working data, so they are rebuilt
				log.warn("Rebuilding the staging tables for schema version {}", VERSION);
				for (String table : java.util.stream.Stream.concat(TABLES.stream(), RETIRED_TABLES.stream()).toList()) {
					if (tableExists(connection, table)) {
						try (Statement drop = connection.createStatement()) {
							drop.execute("DROP TABLE " + table);
						}
					}
				}
			}
			if (!tableExists(connection, "RECON_FINDING")) {
				new ResourceDatabasePopulator(schemaScript(platform)).populate(connection);
				if ("hsqldb".equals(platform)) {
					// the tables that grow with the rows of the input live on disk, not in the heap
					for (String table : GROWING_TABLES) {
						try (Statement cached = connection.createStatement()) {
							cached.execute("SET TABLE " + table + " TYPE CACHED");
						}
					}
				}
			}
		}
	}

	/** The staging schema in the platform's dialect: binary columns are BYTEA in PostgreSQL. */
	private static org.springframework.core.io.Resource schemaScript(String platform) throws SQLException {
		try {
			String script = new ClassPathResource("db/staging-schema.sql").getContentAsString(StandardCharsets.UTF_8);
			if ("postgresql".equals(platform)) {
				script = script.replace(BINARY_COLUMN, "BYTEA");
			}
			return new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8), "db/staging-schema.sql");
		}
		catch (java.io.IOException ex) {
			throw new SQLException("cannot read the staging schema: " + ex.getMessage(), ex);
		}
	}

	private static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		// only the schema the job's tables are created in: a shared PostgreSQL server may hold another
		// application's BATCH_ tables in another schema (PostgreSQL folds the names to lower case)
		String schema = connection.getSchema();
		for (String name : new String[] { table, table.toLowerCase(Locale.ROOT) }) {
			try (ResultSet tables = meta.getTables(null, schema, name, new String[] { "TABLE" })) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}
}
