package org.electionrecon.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress line and its pace in the log, with a clock the test moves. */
class ProgressMeterTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private void advance(Duration by) {
		nanos.addAndGet(by.toNanos());
	}

	@Test
	void shouldGiveFilesAndMegabytesWithTheByteRateAndTheTimeLeft() {
		ProgressMeter meter = new ProgressMeter("ingestStep", "files", 331, 28_000_000, 0, 0, nanos::get,
				ProgressMeter.LOG_EVERY);
		assertThat(meter.update(0, 0)).isEqualTo(new ProgressMeter.Reading("ingestStep: 0 of 331 files, 0.0 of 28.0 MB", false));
		advance(Duration.ofMillis(4_500));
		assertThat(meter.update(120, 14_200_000)).isEqualTo(new ProgressMeter.Reading(
				"ingestStep: 120 of 331 files, 14.2 of 28.0 MB, 3.2 MB/s, about 5 s left", false));
	}

	@Test
	void shouldLogEveryFiveSecondsAndNotInBetween() {
		ProgressMeter meter = new ProgressMeter("reportStep", "areas", 331, -1, 0, 0, nanos::get, ProgressMeter.LOG_EVERY);
		advance(Duration.ofMillis(4_999));
		assertThat(meter.update(99, 0).dueForLog()).isFalse();
		advance(Duration.ofMillis(1));
		assertThat(meter.update(100, 0)).isEqualTo(
				new ProgressMeter.Reading("reportStep: 100 of 331 areas, 20.0 areas/s, about 12 s left", true));
		advance(Duration.ofMillis(3_000));
		assertThat(meter.update(160, 0).dueForLog()).as("3 s after the last line").isFalse();
		advance(Duration.ofMillis(2_000));
		assertThat(meter.update(200, 0).dueForLog()).as("5 s after the last line").isTrue();
		advance(Duration.ofMillis(1_000));
		assertThat(meter.update(331, 0)).as("done: no time left to give")
			.isEqualTo(new ProgressMeter.Reading("reportStep: 331 of 331 areas, 30.1 areas/s", false));
	}

	@Test
	void shouldCountWhatARestartFoundDoneButNotInTheRate() {
		ProgressMeter meter = new ProgressMeter("reconcileStep", "constituencies", 650, -1, 400, 0, nanos::get,
				ProgressMeter.LOG_EVERY);
		assertThat(meter.update(400, 0).line()).isEqualTo("reconcileStep: 400 of 650 constituencies");
		advance(Duration.ofSeconds(10));
		assertThat(meter.update(450, 0).line())
			.isEqualTo("reconcileStep: 450 of 650 constituencies, 5.0 constituencies/s, about 40 s left");
	}

	@Test
	void shouldSayTheTimeLeftInSecondsMinutesOrHours() {
		assertThat(ProgressMeter.duration(0.2)).isEqualTo("1 s");
		assertThat(ProgressMeter.duration(59.0)).isEqualTo("59 s");
		assertThat(ProgressMeter.duration(59.5)).isEqualTo("1 min");
		assertThat(ProgressMeter.duration(150)).isEqualTo("3 min");
		assertThat(ProgressMeter.duration(3_599)).isEqualTo("1 h 0 min");
		assertThat(ProgressMeter.duration(3 * 3_600 + 25 * 60)).isEqualTo("3 h 25 min");
	}
}
