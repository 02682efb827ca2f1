package org.electionrecon.settings;

/** A setting that stops the run before it starts, with the one line that says why. */
public class SettingsException extends RuntimeException {

	public SettingsException(String message) {
		super(message);
	}
}
