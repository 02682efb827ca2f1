package org.electionrecon.staging;

import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;

/**
 * What the checks evaluated for one constituency in one text column of RECON_CHECK_COUNT, so that
 * a constituency is one row, not one row per check: a carried-over constituency is then copied as
 * one row, where HSQLDB pays per row and per index node. Each evaluation is
 * {@code CHECK,evaluated,failed} with {@code ,reason} where it has a reason (an empty reason is
 * {@code CHECK,0,0,}, no reason is no fourth field), the evaluations joined by {@code ;} in the
 * order given: {@code BOX_VARIANCE,12,1;NO_BASELINE,0,0,no notional 2019 figures}. In a reason,
 * {@code \} is written {@code \\}, {@code ;} {@code \;}, a line feed {@code \n} and a carriage
 * return {@code \r}, so that any reason reads back as it was and the column stays one line; a
 * comma needs no escape, as the reason is the last field. Check codes and counts hold none of
 * these characters.
 */
public final class CheckCountsText {

	private CheckCountsText() {
	}

	public static String format(List<CheckEvaluation> evaluations) {
		StringBuilder text = new StringBuilder(evaluations.size() * 32);
		for (CheckEvaluation e : evaluations) {
			if (text.length() > 0) {
				text.append(';');
			}
			text.append(e.check().name()).append(',').append(e.evaluated()).append(',').append(e.failed());
			if (e.notEvaluatedBecause() != null) {
				text.append(',');
				escape(e.notEvaluatedBecause(), text);
			}
		}
		return text.toString();
	}

	private static void escape(String reason, StringBuilder text) {
		for (int i = 0; i < reason.length(); i++) {
			char c = reason.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case ';' -> text.append("\\;");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				default -> text.append(c);
			}
		}
	}

	/** The evaluations of {@link #format}, in its order; none for an empty text. */
	public static List<CheckEvaluation> parse(String text) {
		List<CheckEvaluation> evaluations = new ArrayList<>();
		int at = 0;
		while (at < text.length()) {
			int afterCheck = text.indexOf(',', at);
			int afterEvaluated = text.indexOf(',', afterCheck + 1);
			int end = afterEvaluated + 1;
			while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
				end++;
			}
			CheckCode check = CheckCode.valueOf(text.substring(at, afterCheck));
			int evaluated = Integer.parseInt(text.substring(afterCheck + 1, afterEvaluated));
			int failed = Integer.parseInt(text.substring(afterEvaluated + 1, end));
			String reason = null;
			if (end < text.length() && text.charAt(end) == ',') {
				StringBuilder unescaped = new StringBuilder();
				end++;
				for (; end < text.length() && text.charAt(end) != ';'; end++) {
					char c = text.charAt(end);
					if (c == '\\') {
						char escaped = text.charAt(++end);
						unescaped.append(switch (escaped) {
							case 'n' -> '\n';
							case 'r' -> '\r';
							case '\\', ';' -> escaped;
							default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in: " + text);
						});
					}
					else {
						unescaped.append(c);
					}
				}
				reason = unescaped.toString();
			}
			if (end < text.length() && text.charAt(end) != ';') {
				throw new IllegalArgumentException("not check counts at " + end + ": " + text);
			}
			evaluations.add(new CheckEvaluation(check, evaluated, failed, reason));
			at = end + 1;
		}
		return evaluations;
	}
}
