package org.electionrecon;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class, created on the server the {@code postgres}
 * profile points at and dropped afterwards, so that test runs never see each other's runs.
 *
 * <p>The server is 127.0.0.1:5432 as user postgres unless RECON_POSTGRES_HOST, RECON_POSTGRES_PORT,
 * RECON_POSTGRES_USERNAME or RECON_POSTGRES_PASSWORD say otherwise. Test classes guard themselves
 * with {@code @EnabledIf("org.electionrecon.PostgresTestDatabase#reachable")}: skipped on a machine
 * without PostgreSQL, but failed when RECON_REQUIRE_POSTGRES=true (CI) and the server is down.
 */
final class PostgresTestDatabase implements AutoCloseable {

	static final String HOST = env("RECON_POSTGRES_HOST", "127.0.0.1");
	static final String PORT = env("RECON_POSTGRES_PORT", "5432");
	static final String USERNAME = env("RECON_POSTGRES_USERNAME", "postgres");
	static final String PASSWORD = env("RECON_POSTGRES_PASSWORD", "");

	/** The environment variable that makes an unreachable server a test failure rather than a skip. */
	static final String REQUIRE = "RECON_REQUIRE_POSTGRES";

	private final String name;

	private PostgresTestDatabase(String name) {
		this.name = name;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	/**
	 * Whether the server accepts a connection within 2 s. With RECON_REQUIRE_POSTGRES=true an
	 * unreachable server throws, which JUnit reports as a failure of the guarded class.
	 */
	static boolean reachable() {
		try (Connection connection = connect("postgres")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
				throw new IllegalStateException(REQUIRE + "=true but PostgreSQL at " + HOST + ":" + PORT + " as "
						+ USERNAME + " is unreachable: " + ex.getMessage(), ex);
			}
			return false;
		}
	}

	private static Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", USERNAME);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("loginTimeout", "2");
		properties.setProperty("socketTimeout", "60");
		return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, properties);
	}

	/**
	 * Creates {@code recon_test_<random>}, with byte-order collation as the README asks of a
	 * production database, so that the report's sort order is the embedded database's.
	 */
	static PostgresTestDatabase create() throws SQLException {
		String name = "recon_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name
					+ " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
		}
		return new PostgresTestDatabase(name);
	}

	String name() {
		return name;
	}

	/** A connection to this database, for a test that looks at what the job stored. */
	Connection connection() throws SQLException {
		return connect(name);
	}

	/** The command-line arguments that point the job at this database. */
	List<String> arguments() {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres",
				"--recon.postgres.host=" + HOST, "--recon.postgres.port=" + PORT, "--recon.postgres.database=" + name,
				"--recon.postgres.username=" + USERNAME));
		if (!PASSWORD.isEmpty()) {
			arguments.add("--recon.postgres.password=" + PASSWORD);
		}
		return arguments;
	}

	/** The job's command line: the given arguments followed by {@link #arguments()}. */
	String[] commandLine(String... args) {
		List<String> line = new ArrayList<>(List.of(args));
		line.addAll(arguments());
		return line.toArray(String[]::new);
	}

	/** Drops the database, closing any connection a test left open. */
	@Override
	public void close() throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}
}
