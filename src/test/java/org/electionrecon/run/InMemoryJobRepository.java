package org.electionrecon.run;

import org.electionrecon.staging.EmbeddedStagingDatabase;
import org.hsqldb.jdbc.JDBCDataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A job repository of its own for a test: an in-memory HSQLDB with the job's schema (Spring
 * Batch's tables and the staging tables), and Spring Batch's JDBC repository over it.
 */
public record InMemoryJobRepository(JobRepository repository, JdbcTemplate jdbc) {

	/** A new, empty database named after the test (made unique), and its repository. */
	public static InMemoryJobRepository open(String name) throws Exception {
		JDBCDataSource dataSource = EmbeddedStagingDatabase.inMemory(name);
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		factory.afterPropertiesSet();
		return new InMemoryJobRepository(factory.getObject(), new JdbcTemplate(dataSource));
	}
}
