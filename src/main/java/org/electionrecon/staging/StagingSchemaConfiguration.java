package org.electionrecon.staging;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The schema initializer: the job repository's and the staging tables, created when the context starts. */
@Configuration(proxyBeanMethods = false)
public class StagingSchemaConfiguration {

	@Bean
	public StagingSchema stagingSchema(DataSource dataSource) {
		return new StagingSchema(dataSource);
	}
}
