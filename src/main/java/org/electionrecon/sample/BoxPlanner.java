package org.electionrecon.sample;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.electionrecon.sample.SampleInputGenerator.PlantedVariance;
import org.electionrecon.sample.SampleInputGenerator.VarianceKind;

/**
 * Lays out the synthetic ballot boxes of one constituency: how many, which are postal, the polling
 * stations they come from, how the verified total splits across them, and the planted variances.
 * Everything is drawn from random streams seeded from the spec seed and the constituency code
 * only, so a constituency's boxes do not depend on which other constituencies are generated or in
 * what order.
 */
final class BoxPlanner {

	/** One line of a verification statement. */
	record Box(String ref, String station, boolean postal, long issued, long verified) {

		long difference() {
			return verified - issued;
		}

		String typeLabel() {
			return postal ? "Postal" : "Polling station";
		}
	}

	static final int POLLING_MIN = 200;
	static final int POLLING_MAX = 900;

	private static final String[] SAINTS = { "St Mary's", "St John's", "St Peter's", "St Michael's", "St Paul's",
			"St Andrew's", "St Chad's", "St Luke's", "St James's", "St Matthew's", "St George's", "St Mark's",
			"St Werburgh's", "St Editha's", "All Saints", "Holy Trinity", "Christ Church", "Emmanuel", "St Bartholomew's",
			"St Lawrence's" };
	private static final String[] CHURCH_BUILDINGS = { "Church Hall", "Parish Rooms", "Church Centre",
			"C of E Primary School", "Catholic Primary School", "Parish Hall" };
	private static final String[] PLACES = { "Victoria", "Jubilee", "Oakfield", "Meadowside", "Brookside",
			"Hillcrest", "Greenfields", "Westfield", "Northgate", "Parkside", "Riverside", "Mill Lane", "Orchard",
			"Beechwood", "Elmhurst", "Springfield", "Woodlands", "Moorside", "Castle", "Abbey", "Kingsway",
			"Queensway", "Burton Road", "Station Road", "Highfields", "Longton", "Hollybank", "Windmill", "Fairfield",
			"Ashcroft", "Lakeside", "Heathfield", "Coppice", "Marston", "Weston", "Whitmore", "Trentham", "Hanford",
			"Silverdale", "Brereton" };
	private static final String[] BUILDINGS = { "Community Centre", "Village Hall", "Primary School",
			"Methodist Church", "Scout Hut", "Library", "Sports Pavilion", "Memorial Hall", "Youth Centre",
			"Cricket Club", "Leisure Centre", "Social Club", "Infant School", "Academy", "Bowling Club",
			"Mobile Polling Station" };

	private BoxPlanner() {
	}

	/**
	 * @param verifiedTotal the constituency's ballot papers verified; the boxes' verified values sum
	 *                      to exactly this
	 * @param variances     the planted variances of this constituency, applied in list order
	 */
	static List<Box> plan(String code, String name, long verifiedTotal, int minBoxes, int maxBoxes, long seed,
			List<PlantedVariance> variances) {
		SplittableRandom rng = new SplittableRandom(mix(seed, "boxes:" + code));
		int n = minBoxes + rng.nextInt(maxBoxes - minBoxes + 1);
		int postalCount = (int) Math.round(n * (0.14 + 0.12 * rng.nextDouble()));
		postalCount = Math.max(1, Math.min(n - 1, postalCount));
		int pollingCount = n - postalCount;

		boolean needPair = variances.stream().anyMatch(v -> v.kind() == VarianceKind.COMPENSATING_PAIR);
		String[] stations = pollingStations(name, pollingCount, needPair, rng);
		long[] sizes = sizes(verifiedTotal, pollingCount, postalCount, rng);

		List<Box> boxes = new ArrayList<>(n);
		for (int i = 0; i < pollingCount; i++) {
			boxes.add(new Box(String.format(Locale.ROOT, "B%03d", i + 1), stations[i], false, sizes[i], sizes[i]));
		}
		int session = 1;
		int inSession = 0;
		int sessionSize = 1 + rng.nextInt(2);
		for (int j = 0; j < postalCount; j++) {
			if (inSession == sessionSize) {
				session++;
				inSession = 0;
				sessionSize = 1 + rng.nextInt(2);
			}
			inSession++;
			long v = sizes[pollingCount + j];
			boxes.add(new Box(String.format(Locale.ROOT, "PV%02d", j + 1), "Postal votes - opening session " + session,
					true, v, v));
		}
		plant(code, boxes, variances, new SplittableRandom(mix(seed, "variances:" + code)));
		return boxes;
	}

	/**
	 * Station text per polling-station box, e.g. {@code St Mary's Church Hall (SA1)}; about one
	 * station in six has two consecutive boxes (same text).
	 */
	private static String[] pollingStations(String name, int count, boolean needPair, SplittableRandom rng) {
		String[] out = new String[count];
		char letter = initial(name);
		Set<String> usedNames = new HashSet<>();
		int ward = rng.nextInt(6);
		int district = 0;
		int wardSize = 2 + rng.nextInt(5);
		boolean anyPair = false;
		int i = 0;
		while (i < count) {
			if (district == wardSize) {
				ward++;
				district = 0;
				wardSize = 2 + rng.nextInt(5);
			}
			district++;
			String station = stationName(rng, usedNames) + " (" + letter + wardLetters(ward) + district + ")";
			int boxesHere = (count - i >= 2 && rng.nextInt(6) == 0) ? 2 : 1;
			for (int b = 0; b < boxesHere; b++) {
				out[i++] = station;
			}
			anyPair |= boxesHere == 2;
		}
		if (needPair && !anyPair && count >= 2) {
			out[1] = out[0];
		}
		return out;
	}

	private static String stationName(SplittableRandom rng, Set<String> used) {
		String candidate = null;
		for (int attempt = 0; attempt < 20; attempt++) {
			candidate = rng.nextInt(5) < 2
					? SAINTS[rng.nextInt(SAINTS.length)] + " " + CHURCH_BUILDINGS[rng.nextInt(CHURCH_BUILDINGS.length)]
					: PLACES[rng.nextInt(PLACES.length)] + " " + BUILDINGS[rng.nextInt(BUILDINGS.length)];
			if (used.add(candidate)) {
				return candidate;
			}
		}
		return candidate; // the polling district code keeps the station text unique
	}

	private static char initial(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
				.toUpperCase(Locale.ROOT);
		for (int i = 0; i < ascii.length(); i++) {
			char c = ascii.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				return c;
			}
		}
		return 'X';
	}

	/** 0 -> A, 25 -> Z, 26 -> AA, ... */
	private static String wardLetters(int ward) {
		StringBuilder sb = new StringBuilder();
		int w = ward;
		do {
			sb.insert(0, (char) ('A' + w % 26));
			w = w / 26 - 1;
		} while (w >= 0);
		return sb.toString();
	}

	/**
	 * Box sizes summing exactly to {@code total}: polling boxes drawn from 200-900 papers and the
	 * rest shared among the postal boxes, which come out larger. When there are too many boxes for
	 * that (the benchmark presets), every box is scaled down in proportion instead.
	 */
	private static long[] sizes(long total, int pollingCount, int postalCount, SplittableRandom rng) {
		int n = pollingCount + postalCount;
		double[] weights = new double[n];
		long pollingSum = 0;
		for (int i = 0; i < pollingCount; i++) {
			int size = POLLING_MIN + rng.nextInt(POLLING_MAX - POLLING_MIN + 1);
			weights[i] = size;
			pollingSum += size;
		}
		double[] postalWeights = new double[postalCount];
		for (int j = 0; j < postalCount; j++) {
			postalWeights[j] = 0.75 + 0.5 * rng.nextDouble();
		}
		long postalTotal = total - pollingSum;
		if (postalTotal >= (long) postalCount * (POLLING_MAX + 100)) {
			long[] out = new long[n];
			for (int i = 0; i < pollingCount; i++) {
				out[i] = (long) weights[i];
			}
			long[] postal = apportion(postalTotal, postalWeights);
			System.arraycopy(postal, 0, out, pollingCount, postalCount);
			return out;
		}
		double meanPolling = pollingCount == 0 ? 550 : (double) pollingSum / pollingCount;
		for (int j = 0; j < postalCount; j++) {
			weights[pollingCount + j] = 2 * meanPolling * postalWeights[j];
		}
		return apportion(total, weights);
	}

	/** Largest-remainder apportionment: non-negative integers proportional to weights, summing to total. */
	static long[] apportion(long total, double[] weights) {
		double sum = 0;
		for (double w : weights) {
			sum += w;
		}
		long[] out = new long[weights.length];
		double[] fraction = new double[weights.length];
		long assigned = 0;
		for (int i = 0; i < weights.length; i++) {
			double exact = total * weights[i] / sum;
			out[i] = (long) Math.floor(exact);
			fraction[i] = exact - out[i];
			assigned += out[i];
		}
		long left = total - assigned;
		Integer[] order = new Integer[weights.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (a, b) -> fraction[a] != fraction[b] ? Double.compare(fraction[b], fraction[a])
				: Integer.compare(a, b));
		for (int k = 0; left > 0; k = (k + 1) % order.length, left--) {
			out[order[k]]++;
		}
		return out;
	}

	/** Changes issued (never verified) so the verified totals stay exact. */
	private static void plant(String code, List<Box> boxes, List<PlantedVariance> variances, SplittableRandom rng) {
		boolean[] touched = new boolean[boxes.size()];
		for (PlantedVariance v : variances) {
			long d = v.difference();
			switch (v.kind()) {
				case POLLING_STATION_BOX, POSTAL_BOX -> {
					boolean postal = v.kind() == VarianceKind.POSTAL_BOX;
					List<Integer> candidates = new ArrayList<>();
					for (int i = 0; i < boxes.size(); i++) {
						Box b = boxes.get(i);
						if (b.postal() == postal && !touched[i] && b.verified() - d >= 0
								&& (postal || stationBoxCount(boxes, b.station()) == 1)) {
							candidates.add(i);
						}
					}
					if (candidates.isEmpty()) {
						throw new IllegalStateException(code + ": no box to plant " + v + " in");
					}
					int i = candidates.get(rng.nextInt(candidates.size()));
					touched[i] = true;
					Box b = boxes.get(i);
					boxes.set(i, new Box(b.ref(), b.station(), b.postal(), b.verified() - d, b.verified()));
				}
				case COMPENSATING_PAIR -> {
					int first = -1;
					for (int i = 0; i + 1 < boxes.size() && first < 0; i++) {
						Box a = boxes.get(i);
						Box b = boxes.get(i + 1);
						if (!a.postal() && !b.postal() && a.station().equals(b.station()) && !touched[i] && !touched[i + 1]
								&& a.verified() - d >= 0 && b.verified() + d >= 0) {
							first = i;
						}
					}
					if (first < 0) {
						throw new IllegalStateException(code + ": no polling station with two boxes for " + v);
					}
					Box a = boxes.get(first);
					Box b = boxes.get(first + 1);
					boxes.set(first, new Box(a.ref(), a.station(), false, a.verified() - d, a.verified()));
					boxes.set(first + 1, new Box(b.ref(), b.station(), false, b.verified() + d, b.verified()));
					touched[first] = true;
					touched[first + 1] = true;
				}
			}
		}
	}

	private static int stationBoxCount(List<Box> boxes, String station) {
		int c = 0;
		for (Box b : boxes) {
			if (b.station().equals(station)) {
				c++;
			}
		}
		return c;
	}

	/** A seed for one named stream: FNV-1a of the key, mixed with the spec seed by SplitMix64. */
	static long mix(long seed, String key) {
		long h = 0xcbf29ce484222325L;
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			h ^= (b & 0xff);
			h *= 0x100000001b3L;
		}
		return splitMix(seed ^ splitMix(h));
	}

	private static long splitMix(long x) {
		long z = x + 0x9e3779b97f4a7c15L;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}
}
