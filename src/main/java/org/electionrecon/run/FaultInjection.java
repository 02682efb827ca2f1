package org.electionrecon.run;

import java.io.IOException;

/**
 * Hooks for the restart tests, inert unless a system property names them: they make a run stop at
 * a known point so that a test can kill its JVM there ({@code -Drecon.testing.pause-at=ingestStep:2}
 * pauses at the second chunk the step writes), or fail the way a full disk fails
 * ({@code -Drecon.testing.fail=report-write}).
 */
public final class FaultInjection {

	public static final String PAUSE_PROPERTY = "recon.testing.pause-at";
	public static final String FAIL_PROPERTY = "recon.testing.fail";
	public static final String PAUSED_MARKER = "RECON-TEST-PAUSED ";

	private static final java.util.Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();

	private FaultInjection() {
	}

	/** Pauses for good (until the JVM is killed) at the n-th call from the named point, if asked to. */
	public static void pauseIfRequested(String point) {
		String at = System.getProperty(PAUSE_PROPERTY);
		if (at == null) {
			return;
		}
		String[] parts = at.split(":");
		int wanted = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
		if (parts[0].equals(point) && calls.merge(point, 1, Integer::sum) == wanted) {
			System.out.println(PAUSED_MARKER + point);
			System.out.flush();
			try {
				Thread.sleep(Long.MAX_VALUE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Throws the failure a full disk gives, at the named point, if asked to. */
	public static void failIfRequested(String point) throws IOException {
		if (point.equals(System.getProperty(FAIL_PROPERTY))) {
			throw new IOException("No space left on device");
		}
	}
}
