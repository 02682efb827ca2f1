package org.electionrecon.staging;

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
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the Spring Batch job repository tables and the staging tables the first time a
 * database is used, and leaves an existing database as it is: the file-backed database outlives
 * the JVM so that a failed run can be restarted. A bean ({@link StagingSchemaConfiguration}) that
 * does so when the application context starts; each table set comes from a script per database
 * platform, run by a {@link ResourceDatabasePopulator}: Spring Batch's own
 * {@code org/springframework/batch/core/schema-<platform>.sql} and
 * {@code db/staging-schema-<platform>.sql}, for {@code hsqldb} and {@code postgresql}. A database
 * whose staging tables are of another {@link #VERSION} has them dropped and created again (they
 * hold only per-run working data); the job repository's are kept.
 */
public final class StagingSchema implements InitializingBean {

	/** The staging schema's version; each platform's script inserts it into RECON_SCHEMA. */
	static final int VERSION = 10;

	static final List<String> TABLES = List.of("RECON_CONSTITUENCY", "RECON_BOX_BLOCK", "RECON_VERIFICATION_SHEET",
			"RECON_STATED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES", "RECON_CANDIDATE", "RECON_NOTIONAL",
			"RECON_REJECTED_ROW", "RECON_REJECTED_FIGURE", "RECON_SOURCE_FILE", "RECON_FINDING", "RECON_FIGURES", "RECON_CHECK_COUNT", "RECON_DECLARED_BREAKDOWN",
			"RECON_REPORTED", "RECON_EXPLANATION", "RECON_RUN_FAILURE", "RECON_SCHEMA");

	/** Tables of older schema versions, dropped when an older database is rebuilt. */
	static final List<String> RETIRED_TABLES = List.of("RECON_BOX");

	private static final Logger log = LoggerFactory.getLogger(StagingSchema.class);

	private final DataSource dataSource;

	public StagingSchema(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		ensure();
	}

	/** The tables of a database used the first time: what the bean does when the context starts. */
	public static void ensure(DataSource dataSource) throws SQLException {
		new StagingSchema(dataSource).ensure();
	}

	/** Creates the tables the database lacks; a database that has them all is only looked at. */
	public void ensure() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String platform = platform(connection);
			if (!tableExists(connection, "BATCH_JOB_INSTANCE")) {
				new ResourceDatabasePopulator(
						new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"))
					.populate(connection);
			}
			if (tableExists(connection, "RECON_FINDING") && version(connection) != VERSION) {
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
				new ResourceDatabasePopulator(new ClassPathResource("db/staging-schema-" + platform + ".sql"))
					.populate(connection);
			}
			if ("hsqldb".equals(platform)) {
				cacheBatchTables(connection);
			}
		}
	}

	/**
	 * Makes Spring Batch's tables on HSQLDB CACHED, as the staging tables are: its script creates
	 * MEMORY tables, held whole in the heap, and they gain rows with every run (a step execution and
	 * its context per input file and step), so a job database used all night would grow the heap
	 * run after run. A database made before this is converted the first time it is opened.
	 */
	private static void cacheBatchTables(Connection connection) throws SQLException {
		List<String> memoryTables = new java.util.ArrayList<>();
		try (Statement query = connection.createStatement();
				ResultSet rs = query.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.SYSTEM_TABLES"
						+ " WHERE TABLE_SCHEM = CURRENT_SCHEMA AND TABLE_NAME LIKE 'BATCH\\_%' ESCAPE '\\'"
						+ " AND HSQLDB_TYPE = 'MEMORY'")) {
			while (rs.next()) {
				memoryTables.add(rs.getString(1));
			}
		}
		for (String table : memoryTables) {
			try (Statement convert = connection.createStatement()) {
				convert.execute("SET TABLE " + table + " TYPE CACHED");
			}
		}
	}

	/** The name of the database platform in the scripts' names: {@code postgresql} or {@code hsqldb}. */
	static String platform(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("postgres")) {
			return "postgresql";
		}
		if (product.contains("hsql")) {
			return "hsqldb";
		}
		throw new SQLException("the job runs on HSQLDB or PostgreSQL, not on " + connection.getMetaData()
			.getDatabaseProductName());
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
