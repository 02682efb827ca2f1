package org.electionrecon.report;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.electionrecon.model.ConstituencyFigures;

/**
 * The state of count night, per constituency: when its verification statement and its declaration
 * were received, and whether it is still waiting for one of them or, with both, clean or not.
 * <p>
 * A file is received when this job database first staged its content (RECON_SOURCE_FILE.RECEIVED_AT:
 * the first completed run, or the current one, that staged a file of that name and SHA-256; a file
 * copied by an incremental run or read again by {@code --full} keeps that time, a revised file is a
 * new receipt). A constituency's verification is received at the latest receipt among the files
 * whose verification statements of it are staged, its declaration at the latest among the files
 * holding its result (a results row or a candidate row, as the reconciler takes a declaration).
 */
public final class CountNight {

	private CountNight() {
	}

	/**
	 * When a constituency's files were received; {@code null} for one not received.
	 *
	 * @param verification the latest receipt of a file with its verification statement
	 * @param declaration the latest receipt of a file with its declared result
	 */
	public record Receipts(LocalDateTime verification, LocalDateTime declaration) {

		/** A constituency none of whose files has been received. */
		public static final Receipts NONE = new Receipts(null, null);
	}

	/** One constituency's line of count night, as Summary's Count night table and the index show it. */
	public record Seat(String code, String name, Receipts receipts, CountStatus status) {

		/** The constituency's receipts and its status from its open findings (its Constituencies row's counts). */
		static Seat of(ConstituencyFigures figures, Receipts receipts) {
			return new Seat(figures.code(), figures.name(), receipts,
					CountStatus.of(receipts, figures.errors(), figures.warnings()));
		}
	}

	/** A constituency's state on count night; {@link #label()} is what the Count status columns show. */
	public enum CountStatus {

		/** Its verification statement or its declaration (or both) has not been received. */
		WAITING,
		/** Both received, and at least one ERROR finding of it is open. */
		ERRORS,
		/** Both received, no open ERROR, at least one open WARNING. */
		WARNINGS,
		/** Both received, no open ERROR or WARNING (open INFO and explained findings aside). */
		CLEAN;

		/** The same rule as the index's Status, with {@code waiting} where a file has not been received. */
		public static CountStatus of(Receipts receipts, long openErrors, long openWarnings) {
			if (receipts.verification() == null || receipts.declaration() == null) {
				return WAITING;
			}
			return openErrors > 0 ? ERRORS : openWarnings > 0 ? WARNINGS : CLEAN;
		}

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** The area's constituencies, in the order given, each with its receipts ({@link Receipts#NONE} when missing). */
	static List<Seat> seats(List<ConstituencyFigures> constituencies, Map<String, Receipts> receipts) {
		List<Seat> seats = new ArrayList<>(constituencies.size());
		for (ConstituencyFigures figures : constituencies) {
			seats.add(Seat.of(figures, receipts.getOrDefault(figures.code(), Receipts.NONE)));
		}
		return seats;
	}

	/** How many of the seats are {@link CountStatus#WAITING}, or of another status. */
	static long count(List<Seat> seats, CountStatus status) {
		return seats.stream().filter(seat -> seat.status() == status).count();
	}

	/**
	 * The receipts of the run's constituencies, by code, from the staging tables: a constituency
	 * received nothing from is not in the map. Read once for every area of the run (see
	 * {@link #of(Map, java.util.Collection)}): a constituency's receipts do not depend on its area.
	 *
	 * @param staged the constituencies of each file's staged records, by FILE_SEQ
	 * @param receivedAt when each file of the run was received (RECON_SOURCE_FILE.RECEIVED_AT), by FILE_SEQ
	 */
	static Map<String, Receipts> receipts(FileConstituencies staged, Map<Long, LocalDateTime> receivedAt) {
		Map<String, LocalDateTime> verification = latest(staged.of("RECON_VERIFICATION_SHEET"), receivedAt);
		Map<String, LocalDateTime> declaration = latest(staged.of("RECON_DECLARATION"), receivedAt);
		latest(staged.of("RECON_CANDIDATE"), receivedAt).forEach((code, time) -> declaration.merge(code, time,
				CountNight::later));
		Map<String, Receipts> receipts = new HashMap<>();
		verification.forEach((code, time) -> receipts.put(code, new Receipts(time, declaration.get(code))));
		declaration.forEach((code, time) -> receipts.putIfAbsent(code, new Receipts(null, time)));
		return receipts;
	}

	/** The receipts of the constituencies given (an area's), of the run's {@link #receipts(JdbcTemplate, long)}. */
	static Map<String, Receipts> of(Map<String, Receipts> runReceipts, java.util.Collection<String> codes) {
		Map<String, Receipts> receipts = new HashMap<>();
		for (String code : codes) {
			Receipts received = runReceipts.get(code);
			if (received != null) {
				receipts.put(code, received);
			}
		}
		return receipts;
	}

	/**
	 * Per constituency, the latest receipt of the files that staged records of it into a table (a
	 * file not among the run's received files is left out, as the join on RECON_SOURCE_FILE did).
	 */
	static Map<String, LocalDateTime> latest(Map<Long, Set<String>> codesByFile,
			Map<Long, LocalDateTime> receivedAt) {
		Map<String, LocalDateTime> latest = new HashMap<>();
		codesByFile.forEach((file, codes) -> {
			LocalDateTime time = receivedAt.get(file);
			if (time != null) {
				for (String code : codes) {
					latest.merge(code, time, CountNight::later);
				}
			}
		});
		return latest;
	}

	/** The later of two times. */
	static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
		return a.isAfter(b) ? a : b;
	}
}
