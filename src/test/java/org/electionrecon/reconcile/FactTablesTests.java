package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.electionrecon.staging.EmbeddedStagingDatabase;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link CarryOver#FACT_TABLES} names every staging table {@link ConstituencyFactsRepository#load}
 * reads: a table read and not compared would let a changed input go unseen by an incremental run.
 */
class FactTablesTests {

	@Test
	void shouldCompareTheFilesOfEveryTableTheReconcilerReadsFactsFrom() throws Exception {
		JDBCDataSource database = EmbeddedStagingDatabase.inMemory("fact-tables");
		List<String> statements = new ArrayList<>();
		try (Connection connection = database.getConnection()) {
			Connection recording = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
							statements.add(sql);
						}
						return method.invoke(connection, args);
					});
			DataSource dataSource = new SingleConnectionDataSource(recording, true);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.update("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, AREA) VALUES (1, 1, 'E1', 'One', 'A')");
			statements.clear();

			new ConstituencyFactsRepository(jdbc, null).load(1, "E1");
		}

		Set<String> read = new TreeSet<>();
		Matcher table = Pattern.compile("FROM (RECON_[A-Z_]+)").matcher(String.join("\n", statements));
		while (table.find()) {
			read.add(table.group(1));
		}
		assertThat(read).isEqualTo(new TreeSet<>(CarryOver.FACT_TABLES));
	}
}
