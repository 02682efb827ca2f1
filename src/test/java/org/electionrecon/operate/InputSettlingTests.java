package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When watch updates: a listing that differs from the one last reconciled and has not changed for
 * the settle time, on a clock the test moves; and which files a listing holds.
 */
class InputSettlingTests {

	private static final Instant T0 = Instant.parse("2024-07-04T23:30:00Z");

	private static InputListing listing(Object... nameBytesMillis) {
		Map<String, InputListing.FileState> files = new LinkedHashMap<>();
		for (int i = 0; i < nameBytesMillis.length; i += 3) {
			files.put((String) nameBytesMillis[i],
					new InputListing.FileState((Integer) nameBytesMillis[i + 1], (Integer) nameBytesMillis[i + 2]));
		}
		return new InputListing(files);
	}

	private static Instant at(long millis) {
		return T0.plusMillis(millis);
	}

	@Test
	void shouldUpdateOnceTheFolderHasNotChangedForTheSettleTime() {
		InputSettling settling = new InputSettling(Duration.ofSeconds(2));
		InputListing register = listing("register/register.csv", 100, 1);
		assertThat(settling.poll(register, at(0))).isEmpty();
		assertThat(settling.poll(register, at(1999))).isEmpty();
		assertThat(settling.poll(register, at(2000))).contains(register);
		settling.reconciled(register);
		// reconciled: not again while nothing changes
		assertThat(settling.poll(register, at(2500))).isEmpty();
		assertThat(settling.poll(register, at(60_000))).isEmpty();
		assertThat(settling.lastReconciled()).isEqualTo(register);
	}

	@Test
	void shouldWaitWhileAFileIsStillGrowingOrTouched() {
		InputSettling settling = new InputSettling(Duration.ofSeconds(2));
		InputListing before = listing("register/register.csv", 100, 1);
		settling.poll(before, at(0));
		settling.reconciled(before);
		// a statement being copied: it grows at each poll, then its time changes, then it settles
		InputListing growing1 = listing("register/register.csv", 100, 1, "verification/stafford.xlsx", 4096, 10_000);
		InputListing growing2 = listing("register/register.csv", 100, 1, "verification/stafford.xlsx", 8192, 10_500);
		InputListing touched = listing("register/register.csv", 100, 1, "verification/stafford.xlsx", 8192, 11_000);
		assertThat(settling.poll(growing1, at(10_000))).isEmpty();
		assertThat(settling.poll(growing2, at(11_500))).isEmpty();
		assertThat(settling.poll(touched, at(13_000))).isEmpty();
		assertThat(settling.poll(touched, at(14_999))).isEmpty();
		assertThat(settling.poll(touched, at(15_000))).contains(touched);
	}

	@Test
	void shouldUpdateForARemovedFileAndNotForAChangeUndoneWithinTheSettleTime() {
		InputSettling settling = new InputSettling(Duration.ofMillis(300));
		InputListing two = listing("verification/a.xlsx", 10, 1, "verification/b.xlsx", 20, 2);
		InputListing one = listing("verification/a.xlsx", 10, 1);
		settling.poll(two, at(0));
		assertThat(settling.poll(two, at(300))).contains(two);
		settling.reconciled(two);
		// b goes and comes back before it settles: the folder is as reconciled, no update
		assertThat(settling.poll(one, at(400))).isEmpty();
		assertThat(settling.poll(two, at(500))).isEmpty();
		assertThat(settling.poll(two, at(2000))).isEmpty();
		// b goes for good
		assertThat(settling.poll(one, at(3000))).isEmpty();
		assertThat(settling.poll(one, at(3300))).contains(one);
	}

	/** The instant to list again at: when the listing seen last settles, moved by each change, none once reconciled. */
	@Test
	void shouldSayWhenTheListingSeenLastSettles() {
		InputSettling settling = new InputSettling(Duration.ofMillis(2000));
		InputListing register = listing("register/register.csv", 100, 1);
		assertThat(settling.settlesAt()).isEmpty();
		assertThat(settling.poll(register, at(250))).isEmpty();
		assertThat(settling.settlesAt()).contains(at(2250));
		// the same listing again: the clock is not restarted
		assertThat(settling.poll(register, at(1999))).isEmpty();
		assertThat(settling.settlesAt()).contains(at(2250));
		assertThat(settling.poll(register, at(2249))).isEmpty();
		assertThat(settling.poll(register, at(2250))).contains(register);
		settling.reconciled(register);
		assertThat(settling.settlesAt()).isEmpty();
		// a file arrives, grows, then settles: each change moves the instant
		InputListing growing = listing("register/register.csv", 100, 1, "verification/stafford.xlsx", 4096, 10_000);
		InputListing whole = listing("register/register.csv", 100, 1, "verification/stafford.xlsx", 8192, 10_040);
		assertThat(settling.poll(growing, at(10_001))).isEmpty();
		assertThat(settling.settlesAt()).contains(at(12_001));
		assertThat(settling.poll(whole, at(10_041))).isEmpty();
		assertThat(settling.settlesAt()).contains(at(12_041));
		assertThat(settling.poll(whole, at(12_040))).isEmpty();
		assertThat(settling.poll(whole, at(12_041))).contains(whole);
		// the file goes again before the update: the folder is as reconciled, nothing waits
		assertThat(settling.poll(register, at(12_500))).isEmpty();
		assertThat(settling.settlesAt()).isEmpty();
	}

	/** The loop's wait: a poll, or until the listing settles when that is sooner; never negative. */
	@Test
	void shouldWaitForTheNextPollOrTheSettleInstantWhicheverIsFirst() {
		Duration poll = Duration.ofMillis(500);
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.empty(), at(0))).isEqualTo(poll);
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.of(at(2250)), at(250))).isEqualTo(poll);
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.of(at(2250)), at(1750))).isEqualTo(poll);
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.of(at(2250)), at(1751)))
			.isEqualTo(Duration.ofMillis(499));
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.of(at(2250)), at(2249).plusNanos(700_000)))
			.isEqualTo(Duration.ofNanos(300_000));
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.of(at(2250)), at(2250))).isEqualTo(Duration.ZERO);
		assertThat(InputWatch.untilNextListing(poll, java.util.Optional.of(at(2250)), at(2300))).isEqualTo(Duration.ZERO);
	}

	@Test
	void shouldSettleAtOnceWithNoSettleTime() {
		InputSettling settling = new InputSettling(Duration.ZERO);
		InputListing empty = listing();
		settling.reconciled(listing("register/register.csv", 100, 1));
		assertThat(settling.poll(empty, at(7))).contains(empty);
		assertThat(settling.settlesAt()).contains(at(7));
	}

	@Test
	void shouldUpdateAtTheFirstPollWithNoSettleTime() {
		InputSettling settling = new InputSettling(Duration.ZERO);
		InputListing empty = listing();
		assertThat(settling.poll(empty, at(0))).contains(empty);
		assertThatThrownBy(() -> new InputSettling(Duration.ofMillis(-1)))
			.hasMessage("the settle time cannot be negative: PT-0.001S");
	}

	@Test
	void shouldNameTheChangesSinceTheLastUpdate() {
		InputListing before = listing("declarations/d.csv", 5, 1, "verification/a.xlsx", 10, 1, "verification/b.xlsx", 20, 2);
		InputListing after = listing("declarations/d.csv", 5, 1, "verification/a.xlsx", 11, 1, "verification/c.xlsx", 30, 3);
		assertThat(after.changesSince(before)).containsExactly("verification/a.xlsx changed", "verification/b.xlsx removed",
				"verification/c.xlsx added");
		assertThat(InputWatch.changes(null, after)).isEqualTo("the folder as it is, 3 input files");
		assertThat(InputWatch.changes(before, after))
			.isEqualTo("verification/a.xlsx changed, verification/b.xlsx removed, verification/c.xlsx added");
		InputListing more = listing("verification/a.xlsx", 10, 1, "verification/e.xlsx", 1, 1, "verification/f.xlsx", 1, 1);
		assertThat(InputWatch.changes(before, more)).isEqualTo("declarations/d.csv removed, verification/b.xlsx removed,"
				+ " verification/e.xlsx added and 1 more changes");
	}

	/** The listing holds the files a run reads: no lock file, hidden file, partial download, folder or file outside the kinds' folders. */
	@Test
	void shouldListOnlyTheFilesARunReads(@TempDir Path input) throws Exception {
		Path verification = Files.createDirectories(input.resolve("verification"));
		for (String name : new String[] { "stafford.xlsx", "~$stafford.xlsx", ".stafford.xlsx.swp", "tamworth.xlsx.part",
				"lichfield.xlsx.crdownload", "cannock.xlsx.download", "burton.xlsx.TMP", "leek.xlsx.partial",
				"stone.xlsx.filepart" }) {
			Files.writeString(verification.resolve(name), "x".repeat(name.length()));
		}
		Files.createDirectories(verification.resolve("old"));
		Files.writeString(input.resolve("README.md"), "not an input");
		Files.writeString(Files.createDirectories(input.resolve("register")).resolve("register.csv"), "code");
		Files.setLastModifiedTime(verification.resolve("stafford.xlsx"), FileTime.fromMillis(1_720_137_600_000L));
		Files.setLastModifiedTime(input.resolve("register/register.csv"), FileTime.fromMillis(1_720_137_000_000L));

		assertThat(InputListing.of(input).files()).containsExactly(
				Map.entry("register/register.csv", new InputListing.FileState(4, 1_720_137_000_000L)),
				Map.entry("verification/stafford.xlsx", new InputListing.FileState(13, 1_720_137_600_000L)));
		assertThat(org.electionrecon.ingest.InputFolder.partialDownload("tamworth.xlsx.Part")).contains(".part");
		assertThat(org.electionrecon.ingest.InputFolder.partialDownload("tamworth.xlsx")).isEmpty();
	}
}
