package org.electionrecon.operate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When {@code watch} updates: once the input folder's listing differs from the one last
 * reconciled and has stayed the same (every file's size and modification time) for the settle
 * time. A file still being written or copied changes between polls and so holds the update back;
 * the run then reads every file as it settled. Plain logic on the listings and times it is given:
 * the caller lists the folder and supplies the clock; {@link #settlesAt()} tells it when to list
 * again, so an update starts when the settle time is over, not at the next poll after it.
 */
public final class InputSettling {

	private final Duration settle;

	/** The listing the last update reconciled; {@code null} before the first, so the first settled listing updates. */
	private InputListing reconciled;

	/** The listing seen at the last poll, and since when it has been so. */
	private InputListing seen;

	private Instant seenSince;

	public InputSettling(Duration settle) {
		if (settle.isNegative()) {
			throw new IllegalArgumentException("the settle time cannot be negative: " + settle);
		}
		this.settle = settle;
	}

	/**
	 * The listing to reconcile now, if there is one: the folder as polled at {@code now} has not
	 * changed for the settle time and is not the listing last reconciled.
	 */
	public Optional<InputListing> poll(InputListing listing, Instant now) {
		if (!listing.equals(seen)) {
			seen = listing;
			seenSince = now;
		}
		if (Objects.equals(seen, reconciled) || Duration.between(seenSince, now).compareTo(settle) < 0) {
			return Optional.empty();
		}
		return Optional.of(seen);
	}

	/**
	 * When the listing seen last settles, if it is waiting to: the instant it was first seen plus
	 * the settle time. The caller lists the folder again then and, if nothing changed, {@link #poll}
	 * gives the listing to reconcile. Empty before the first listing and while the folder is as last
	 * reconciled (nothing waits, until a listing differs).
	 */
	public Optional<Instant> settlesAt() {
		if (seen == null || Objects.equals(seen, reconciled)) {
			return Optional.empty();
		}
		return Optional.of(seenSince.plus(settle));
	}

	/** Records that an update reconciled this listing: it is not reconciled again until the folder changes. */
	public void reconciled(InputListing listing) {
		reconciled = listing;
	}

	/** The listing last reconciled, or {@code null} before the first update. */
	public InputListing lastReconciled() {
		return reconciled;
	}
}
