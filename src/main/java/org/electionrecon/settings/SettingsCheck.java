package org.electionrecon.settings;

import java.util.ArrayList;
import java.util.List;

import org.electionrecon.reconcile.Thresholds;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Refuses a run whose settings name something that does not exist or cannot be bound, before the
 * job database is opened: an unknown {@code recon.*} key (a typo would otherwise leave the default in force without
 * a word) and a profile with no configuration file (a typo of {@code postgres} would otherwise run
 * on the embedded database).
 * <p>
 * Every property source Spring has prepared is looked at (command line, system properties,
 * configuration files) except the environment variables: other programs on a desk's machine use
 * the {@code RECON_} prefix too (the test suite's {@code RECON_REQUIRE_POSTGRES}, say).
 */
public class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** After Spring Boot's own listeners: the configuration files and profiles are loaded by then. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		check(event.getEnvironment(), event.getSpringApplication().getClassLoader());
	}

	static void check(ConfigurableEnvironment environment, ClassLoader classLoader) {
		for (String profile : environment.getActiveProfiles()) {
			if (!KnownSettings.isKnownProfile(profile, classLoader)) {
				throw new SettingsException("there is no profile '" + profile + "'"
						+ KnownSettings.nearestProfile(profile).map(p -> " (did you mean '" + p + "'?)").orElse("")
						+ "; the job has: " + String.join(", ", KnownSettings.bundledProfiles())
						+ " (or an application-NAME.yml beside the jar)");
			}
		}
		for (String property : recon(environment)) {
			if (!KnownSettings.isKnownOrForeign(property)) {
				throw new SettingsException("unknown setting " + property + " (did you mean "
						+ KnownSettings.nearest(property) + "?); application.yml lists every setting");
			}
		}
		// bound here as the context will bind them, so that a bad value stops the run before the database is opened
		Binder binder = Binder.get(environment);
		binder.bind("recon", ReconProperties.class);
		binder.bind("recon.checks", Thresholds.class);
	}

	/** The property names of every checked source, in the order Spring consults them. */
	private static List<String> recon(ConfigurableEnvironment environment) {
		List<String> names = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
					|| !(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				if (name.regionMatches(true, 0, "recon", 0, 5)) {
					names.add(name);
				}
			}
		}
		return names;
	}
}
