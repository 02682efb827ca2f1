package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch's wake-up: a change in the input folder or a kind's folder wakes the wait, a kind's folder
 * created later is watched once registered, and closing (a stop request) ends a wait at once. The
 * waits are long (10 s) so a wake-up is told from a timeout whatever the machine's load.
 */
class InputNotificationsTests {

	private static final Duration LONG = Duration.ofSeconds(10);

	@Test
	void shouldWakeForAFileInAKindsFolderIncludingOneCreatedLater(@TempDir Path input) throws Exception {
		Files.createDirectories(input.resolve("register"));
		CountDownLatch stop = new CountDownLatch(1);
		try (InputNotifications notifications = InputNotifications.open(input)) {
			notifications.register();
			assertThat(notifications.active()).isTrue();
			assertThat(notifications.await(Duration.ofMillis(50), stop)).isFalse();

			Files.writeString(input.resolve("register/register.csv"), "code");
			assertThat(notifications.await(LONG, stop)).isTrue();

			// verification/ appears: the input folder's notification wakes the wait, the next register watches it
			Files.createDirectories(input.resolve("verification"));
			assertThat(notifications.await(LONG, stop)).isTrue();
			notifications.register();
			Files.writeString(input.resolve("verification/stafford.xlsx"), "x");
			assertThat(notifications.await(LONG, stop)).isTrue();

			// a burst (files created and written, each notifying twice or more), queued before the wait: it wakes
			// once, and every notification queued is taken, so nothing wakes the next wait
			for (String name : new String[] { "tamworth.xlsx", "lichfield.xlsx", "leek.xlsx" }) {
				Files.writeString(input.resolve("verification").resolve(name), "x".repeat(100));
			}
			Thread.sleep(500); // for the JDK's watch thread to queue them all
			assertThat(notifications.await(LONG, stop)).isTrue();
			assertThat(notifications.await(Duration.ofMillis(50), stop)).isFalse();
		}
	}

	@Test
	void shouldEndAWaitAtOnceWhenClosed(@TempDir Path input) throws Exception {
		CountDownLatch stop = new CountDownLatch(1);
		InputNotifications notifications = InputNotifications.open(input);
		notifications.register();
		ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
		try {
			closer.schedule(() -> {
				stop.countDown();
				notifications.close();
			}, 100, TimeUnit.MILLISECONDS);
			long start = System.nanoTime();
			assertThat(notifications.await(LONG, stop)).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			// closed: no notifications; a wait is on the stop request alone, which was made
			assertThat(notifications.active()).isFalse();
			assertThat(notifications.await(LONG, stop)).isFalse();
			notifications.close();
		}
		finally {
			closer.shutdownNow();
		}
	}
}
