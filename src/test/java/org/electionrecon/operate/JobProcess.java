package org.electionrecon.operate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.electionrecon.ElectionReconApplication;
import org.electionrecon.run.FaultInjection;

/**
 * The job in a JVM of its own, as an operator starts it, which a test can kill like the kernel's
 * OOM killer or a power cut would: SIGKILL, no shutdown hook, no finally block, no rollback but
 * the database's own recovery.
 */
final class JobProcess implements AutoCloseable {

	private final Process process;
	private final StringBuffer stdout = new StringBuffer();
	private final StringBuffer stderr = new StringBuffer();
	private final CountDownLatch pausedOrGone = new CountDownLatch(1);
	private volatile String pausedAt;
	private final List<Thread> drains = new ArrayList<>();

	private JobProcess(Process process) {
		this.process = process;
		drain(process.getInputStream(), stdout, true);
		drain(process.getErrorStream(), stderr, false);
	}

	/** Starts the command line in a JVM of its own, as {@link #startPausingAt} does but without a pause. */
	static JobProcess start(List<String> args) throws IOException {
		return start(List.of(), args);
	}

	/**
	 * Starts {@code java -cp <this test's classpath> org.electionrecon.ElectionReconApplication <args>}
	 * with the fault-injection hook that pauses at the n-th chunk of a step.
	 */
	static JobProcess startPausingAt(String step, int chunk, List<String> args) throws IOException {
		return start(List.of("-D" + FaultInjection.PAUSE_PROPERTY + "=" + step + ":" + chunk), args);
	}

	/** Starts the command line in a JVM of its own with {@code jvmOptions} (a heap limit, a system property). */
	static JobProcess start(List<String> jvmOptions, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xshare:auto");
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ElectionReconApplication.class.getName());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
		return new JobProcess(builder.start());
	}

	private void drain(InputStream stream, StringBuffer into, boolean watchForMarker) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					into.append(line).append('\n');
					if (watchForMarker && line.startsWith(FaultInjection.PAUSED_MARKER)) {
						pausedAt = line.substring(FaultInjection.PAUSED_MARKER.length()).strip();
						pausedOrGone.countDown();
					}
				}
			}
			catch (IOException ex) {
				into.append("(reading the job's output failed: ").append(ex).append(")\n");
			}
			finally {
				if (watchForMarker) {
					pausedOrGone.countDown();
				}
			}
		}, "job-process-" + (watchForMarker ? "stdout" : "stderr"));
		reader.setDaemon(true);
		drains.add(reader);
		reader.start();
	}

	/** Waits until the job prints the pause marker (or exits, or the time is up); the step it paused in, or null. */
	String awaitPause(Duration timeout) throws InterruptedException {
		pausedOrGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return pausedAt;
	}

	/** SIGKILL on Linux and macOS (Process.destroyForcibly), then waits for the JVM to be gone; its exit value. */
	int kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the job's JVM " + process.pid() + " did not die within 60 s of SIGKILL");
		}
		return process.exitValue();
	}

	/** Waits for the JVM to exit and for all it printed to be read; its exit value. */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("the JVM " + process.pid() + " did not exit within " + timeout + "\n" + output());
		}
		for (Thread drain : drains) {
			drain.join(10_000);
		}
		return process.exitValue();
	}

	/**
	 * Waits until the job has printed a line starting with {@code prefix} (or exits, or the time is
	 * up); that line.
	 */
	String awaitLine(String prefix, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : stdout.toString().split("\n")) {
				if (line.startsWith(prefix)) {
					return line;
				}
			}
			if (!process.isAlive()) {
				break;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("no line starting '" + prefix + "' within " + timeout + "\n" + output());
	}

	/**
	 * SIGTERM, as a service manager or {@code kill PID} stops a process. Sent with {@code kill}, not
	 * Process.destroy, which closes the streams the test reads: what the job prints as it stops
	 * would be lost.
	 */
	void terminate() throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -TERM " + process.pid() + " failed");
		}
	}

	String stdout() {
		return stdout.toString();
	}

	String stderr() {
		return stderr.toString();
	}

	boolean alive() {
		return process.isAlive();
	}

	long pid() {
		return process.pid();
	}

	/** What the job printed, for a failure message. */
	String output() {
		return "--- stdout of the job's JVM ---\n" + stdout + "--- stderr of the job's JVM ---\n" + stderr;
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroyForcibly();
			process.waitFor(60, TimeUnit.SECONDS);
		}
	}
}
