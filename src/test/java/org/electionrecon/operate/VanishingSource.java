package org.electionrecon.operate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Makes a source file vanish at a known moment of a run: after the ingest step has listed the
 * input folder, just as it starts reading that file, as when a council's re-upload through a sync
 * client deletes the old file before writing the new one. It is a log appender on the reader's
 * logger: the reader logs {@code Reading <kind> source <file>} in its own thread right before it
 * opens the file, so the file is gone exactly then, every time.
 *
 * <p>Armed by {@link #arm}; fires once. Configured by the logback file of {@link #logbackConfig}.
 */
public class VanishingSource extends AppenderBase<ILoggingEvent> {

	private static volatile String sourceName;
	private static volatile Path file;
	private static volatile Path movedTo;

	/** Moves {@code input/<name>} to {@code movedTo} when the reader starts reading it. */
	static void arm(Path input, String name, Path movedTo) {
		VanishingSource.sourceName = name;
		VanishingSource.file = input.resolve(name);
		VanishingSource.movedTo = movedTo;
	}

	static void disarm() {
		sourceName = null;
	}

	/** Puts the file back. */
	static void restore(Path input, String name, Path movedTo) throws IOException {
		Files.move(movedTo, input.resolve(name));
	}

	@Override
	protected void append(ILoggingEvent event) {
		String name = sourceName;
		if (name == null) {
			return;
		}
		String message = event.getFormattedMessage();
		if (message.startsWith("Reading ") && message.endsWith(" source " + name)) {
			sourceName = null;
			try {
				Files.move(file, movedTo);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * A logback configuration like the application's (INFO from org.electionrecon on the console)
	 * with this appender on the source reader's logger; pass it as {@code --logging.config=FILE}.
	 */
	static Path logbackConfig(Path folder) throws IOException {
		Files.createDirectories(folder);
		return Files.writeString(folder.resolve("logback-vanishing-source.xml"), """
				<configuration>
				  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSSxxx} %-5level %msg%nopex%n</pattern></encoder>
				  </appender>
				  <appender name="VANISH" class="org.electionrecon.operate.VanishingSource"/>
				  <logger name="org.electionrecon" level="INFO"/>
				  <logger name="org.springframework.batch.core.job.AbstractJob" level="INFO"/>
				  <logger name="org.springframework.batch.core.step.AbstractStep" level="INFO"/>
				  <logger name="org.electionrecon.ingest.SourceFileReader" level="INFO">
				    <appender-ref ref="VANISH"/>
				  </logger>
				  <root level="WARN">
				    <appender-ref ref="CONSOLE"/>
				  </root>
				</configuration>
				""");
	}
}
