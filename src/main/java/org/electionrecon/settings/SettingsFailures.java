package org.electionrecon.settings;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.convert.ConversionFailedException;

/**
 * A failure to start that a setting caused, as the one line a desk needs: the property, the value
 * given and what is expected, instead of Spring's failure block.
 */
public final class SettingsFailures {

	private SettingsFailures() {
	}

	/** The line for a failure caused by a setting, or empty when something else failed. */
	public static Optional<String> describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SettingsException settings) {
				return Optional.of(settings.getMessage());
			}
			if (cause instanceof BindException bind) {
				return Optional.of(describe(bind));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	private static String describe(BindException bind) {
		Throwable root = bind;
		ConversionFailedException conversion = null;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
			if (root instanceof ConversionFailedException failed) {
				conversion = failed;
			}
		}
		ConfigurationProperty property = bind.getProperty();
		String name = property != null ? property.getName().toString() : bind.getName().toString();
		if (conversion != null && conversion.getTargetType() != null) {
			return name + "=" + (property != null ? property.getValue() : conversion.getValue()) + " is not valid: expected "
					+ expected(conversion.getTargetType().getType());
		}
		// the settings records check their own values, and their messages name the property and the value
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		if (root instanceof IllegalArgumentException && message.startsWith("recon.")) {
			return message;
		}
		return "the setting " + name + (property != null ? "=" + property.getValue() : "") + " cannot be used: "
				+ message.lines().findFirst().orElse(message);
	}

	static String expected(Class<?> type) {
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
			return "a whole number, e.g. 5";
		}
		if (type == BigDecimal.class || type == Double.class || type == double.class) {
			return "a number, e.g. 1.5";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "a " + type.getSimpleName();
	}
}
