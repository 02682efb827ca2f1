package org.electionrecon.ingest.table;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A worksheet part's XML read straight from its UTF-8 bytes: start tags, end tags and text, nothing
 * else. A general XML parser (StAX) made most of the ingest's time: a string for every name, a
 * string for every attribute value, and an event object per call, for a grammar of which a sheet
 * uses five elements. Here a name is compared as bytes, a cell reference is read as digits, short
 * attribute values (a cell's type and style) are strings kept from cell to cell, and text that is
 * plain ASCII is copied in one piece.
 * <p>
 * It is still an XML parser, and as strict as one where it matters: the document must be
 * well-formed (names, quoting, matching end tags, one root, valid UTF-8, no control characters,
 * known entity references) or reading stops with {@link MalformedSheetException}, at the byte where
 * the damage is. Line ends and attribute whitespace are normalised as XML says. A DOCTYPE is never
 * read: {@link #open} returns {@code null} for a sheet with one, or in another encoding than UTF-8,
 * and the caller reads that sheet with POI's secure StAX factory instead (which refuses DTDs).
 */
final class SheetXml implements Closeable {

	static final int END_OF_DOCUMENT = 0;

	static final int START_ELEMENT = 1;

	static final int END_ELEMENT = 2;

	static final int TEXT = 3;

	/** The elements a sheet's rows are made of, by their local name; {@link #OTHER} for the rest. */
	static final int OTHER = 0;

	static final int ROW = 1;

	static final int CELL = 2;

	static final int VALUE = 3;

	static final int FORMULA = 4;

	static final int INLINE_STRING = 5;

	static final int TEXT_RUN = 6;

	private static final int INITIAL_BUFFER = 64 * 1024;

	private static final int MAX_ATTRIBUTES = 256;

	/**
	 * The most bytes one token (a text, a tag, a comment) may take: far more than a cell holds, and
	 * a bound on what a damaged or hostile sheet can make this reader hold in memory.
	 */
	static final int MAX_TOKEN_BYTES = 16 << 20;

	/** Values up to this long (a cell's type: "s", "n", "inlineStr"; its style) are kept for reuse. */
	private static final int SHORT_VALUE = 12;

	private final InputStream in;

	private byte[] buffer = new byte[INITIAL_BUFFER];

	private int position;

	private int limit;

	/** Bytes of the document before {@code buffer[0]}: positions in messages are from the start. */
	private long consumed;

	private boolean inputEnded;

	// the start tag just read: local name and attributes, as offsets into the buffer

	private int element;

	private boolean emptyElement;

	private boolean pendingEnd;

	private int attributeCount;

	private int[] attributeLocalStart = new int[8];

	private int[] attributeNameStart = new int[8];

	private int[] attributeNameEnd = new int[8];

	private int[] attributeValueStart = new int[8];

	private int[] attributeValueEnd = new int[8];

	/** Whether the value has a reference or whitespace to normalise: decoded, not copied. */
	private boolean[] attributeEncoded = new boolean[8];

	// the open elements: their qualified names one after another in names, where each starts in nameEnds

	private byte[] names = new byte[256];

	private int[] nameEnds = new int[16];

	private int[] elementCodes = new int[16];

	private int depth;

	private boolean rootClosed;

	// the text just read

	private int textStart;

	private int textEnd;

	/** The text, when it could not be kept as the buffer's bytes (references, non-ASCII, line ends, CDATA). */
	private String decodedText;

	/** Where the markup {@link #skipPast} just moved past starts in the buffer. */
	private int markupStart;

	/** Short values seen before (cell types and styles), so that each is one string for the sheet. */
	private final String[] shortValues = new String[512];

	private final StringBuilder scratch = new StringBuilder(64);

	private SheetXml(InputStream in) {
		this.in = in;
	}

	/**
	 * The sheet at {@code in}, read up to its root element; {@code null} (with {@code in} left to
	 * the caller) when it is not UTF-8 or has a DOCTYPE, which this reader leaves to a StAX parser.
	 */
	static SheetXml open(InputStream in) throws IOException {
		SheetXml xml = new SheetXml(in);
		return xml.readProlog() ? xml : null;
	}

	/** The next start tag, end tag or text; {@link #END_OF_DOCUMENT} after the root element's end. */
	int next() throws IOException {
		if (pendingEnd) {
			pendingEnd = false;
			element = elementCodes[--depth];
			closed();
			return END_ELEMENT;
		}
		while (true) {
			if (!available(1)) {
				if (depth > 0 || !rootClosed) {
					throw malformed(position, "the XML ends inside element " + openName());
				}
				return END_OF_DOCUMENT;
			}
			byte b = buffer[position];
			if (b != '<') {
				if (depth == 0) {
					skipWhitespaceOutsideRoot();
					continue;
				}
				readText();
				return TEXT;
			}
			if (!available(2)) {
				throw malformed(position, "the XML ends inside a tag");
			}
			byte second = buffer[position + 1];
			if (second == '/') {
				readEndTag();
				return END_ELEMENT;
			}
			if (second == '?') {
				skipPast(position + 2, "?>", "a processing instruction");
				continue;
			}
			if (second == '!') {
				if (startsWith(position, "<!--")) {
					skipComment();
					continue;
				}
				if (depth > 0 && startsWith(position, "<![CDATA[")) {
					readCdata();
					return TEXT;
				}
				throw malformed(position, "unexpected '<!' markup");
			}
			if (rootClosed) {
				throw malformed(position, "a second root element");
			}
			readStartTag();
			return START_ELEMENT;
		}
	}

	/** The element of the start or end tag just read: {@link #ROW}, {@link #CELL}... or {@link #OTHER}. */
	int element() {
		return element;
	}

	int attributeCount() {
		return attributeCount;
	}

	/** Whether attribute {@code i}'s local name (after any prefix) is the one-letter {@code name}. */
	boolean attributeIs(int i, char name) {
		int start = attributeLocalStart[i];
		return attributeNameEnd[i] - start == 1 && buffer[start] == name;
	}

	/** Attribute {@code i}'s value; a short plain one is the same string each time it recurs. */
	String attributeValue(int i) throws IOException {
		int start = attributeValueStart[i];
		int end = attributeValueEnd[i];
		if (attributeEncoded[i]) {
			return decode(start, end, Content.ATTRIBUTE);
		}
		int length = end - start;
		if (length > SHORT_VALUE) {
			return new String(buffer, start, length, StandardCharsets.ISO_8859_1);
		}
		int key = length;
		for (int j = start; j < end; j++) {
			key = key * 31 + buffer[j];
		}
		int slot = (key ^ (key >>> 9)) & (shortValues.length - 1);
		String cached = shortValues[slot];
		if (cached != null && sameText(cached, start, end)) {
			return cached;
		}
		String value = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
		shortValues[slot] = value;
		return value;
	}

	/**
	 * Attribute {@code i}'s value as a whole number when it is 1 to 9 plain digits, else -1 (read it
	 * with {@link #attributeValue}).
	 */
	int attributeDigits(int i) {
		int start = attributeValueStart[i];
		int end = attributeValueEnd[i];
		if (attributeEncoded[i] || end - start < 1 || end - start > 9) {
			return -1;
		}
		int value = 0;
		for (int j = start; j < end; j++) {
			int digit = buffer[j] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/**
	 * The 0-based column of attribute {@code i} when it is a cell reference in the usual A1 form (1
	 * to 3 capital letters, 1 to 9 digits), else -1 (read it with {@link #attributeValue}).
	 */
	int attributeColumn(int i) {
		int start = attributeValueStart[i];
		int end = attributeValueEnd[i];
		if (attributeEncoded[i]) {
			return -1;
		}
		int column = 0;
		int j = start;
		while (j < end && j - start < 4 && buffer[j] >= 'A' && buffer[j] <= 'Z') {
			column = column * 26 + (buffer[j] - 'A' + 1);
			j++;
		}
		int letters = j - start;
		int digits = end - j;
		if (letters == 0 || letters > 3 || digits == 0 || digits > 9) {
			return -1;
		}
		for (; j < end; j++) {
			if (buffer[j] < '0' || buffer[j] > '9') {
				return -1;
			}
		}
		return column - 1;
	}

	/** The text just read, its references replaced and its line ends normalised. */
	String text() {
		if (decodedText != null) {
			return decodedText;
		}
		return new String(buffer, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	// ------------------------------------------------------------------ reading

	/**
	 * A byte-order mark, the XML declaration, comments, processing instructions and whitespace, up
	 * to the root element; false for a DOCTYPE or another encoding than UTF-8.
	 */
	private boolean readProlog() throws IOException {
		if (available(3) && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
			position = 3;
		}
		else if (available(2) && ((buffer[0] & 0xff) == 0xFE || (buffer[0] & 0xff) == 0xFF || buffer[0] == 0 || buffer[1] == 0)) {
			return false; // UTF-16 or UTF-32
		}
		if (startsWith(position, "<?xml") && available(6) && isWhitespace(buffer[position + 5])) {
			int start = position;
			int end = skipPast(position + 5, "?>", "the XML declaration");
			String declaration = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
			int at = declaration.indexOf("encoding");
			if (at >= 0) {
				String rest = declaration.substring(at + "encoding".length()).replaceFirst("^\\s*=\\s*", "");
				if (rest.isEmpty() || (rest.charAt(0) != '"' && rest.charAt(0) != '\'')) {
					return false;
				}
				int close = rest.indexOf(rest.charAt(0), 1);
				String encoding = close < 0 ? "" : rest.substring(1, close).toUpperCase(Locale.ROOT);
				if (!encoding.equals("UTF-8") && !encoding.equals("UTF8")) {
					return false;
				}
			}
		}
		while (true) {
			if (!available(1)) {
				throw malformed(position, "the XML has no root element");
			}
			if (buffer[position] != '<') {
				skipWhitespaceOutsideRoot();
				continue;
			}
			if (startsWith(position, "<!--")) {
				skipComment();
			}
			else if (startsWith(position, "<?")) {
				skipPast(position + 2, "?>", "a processing instruction");
			}
			else if (startsWith(position, "<!")) {
				return false; // a DOCTYPE (or damage), for the StAX parser to refuse
			}
			else {
				return true;
			}
		}
	}

	private void skipWhitespaceOutsideRoot() throws IOException {
		while (available(1) && buffer[position] != '<') {
			if (!isWhitespace(buffer[position])) {
				throw malformed(position, "text outside the root element");
			}
			position++;
		}
	}

	private void readStartTag() throws IOException {
		int end = tagEnd();
		int nameStart = position + 1;
		int nameEnd = name(nameStart, end);
		element = elementCode(localStart(nameStart, nameEnd), nameEnd);
		int at = nameEnd;
		attributeCount = 0;
		while (true) {
			int afterName = at;
			at = skipWhitespace(at, end);
			byte b = buffer[at];
			if (b == '>') {
				emptyElement = false;
				break;
			}
			if (b == '/') {
				if (buffer[at + 1] != '>') {
					throw malformed(at, "'/' not followed by '>'");
				}
				emptyElement = true;
				break;
			}
			if (at == afterName) {
				throw malformed(at, "no whitespace before an attribute");
			}
			at = attribute(at, end);
		}
		push(nameStart, nameEnd);
		position = end + 1;
		if (emptyElement) {
			pendingEnd = true;
		}
	}

	private int attribute(int at, int end) throws IOException {
		int nameStart = at;
		int nameEnd = name(at, end);
		at = skipWhitespace(nameEnd, end);
		if (buffer[at] != '=') {
			throw malformed(at, "an attribute without '='");
		}
		at = skipWhitespace(at + 1, end);
		byte quote = buffer[at];
		if (quote != '"' && quote != '\'') {
			throw malformed(at, "an attribute value without quotes");
		}
		int valueStart = at + 1;
		boolean encoded = false;
		int j = valueStart;
		for (;; j++) {
			if (j >= end) {
				throw malformed(valueStart, "an attribute value without its closing quote");
			}
			byte b = buffer[j];
			if (b == quote) {
				break;
			}
			if (b == '<') {
				throw malformed(j, "'<' in an attribute value");
			}
			if (b == '&' || b < 0x20) { // a reference, whitespace to normalise, non-ASCII
				encoded = true;
			}
		}
		int i = attributeCount;
		if (i == MAX_ATTRIBUTES) {
			throw malformed(nameStart, "more than " + MAX_ATTRIBUTES + " attributes in one tag");
		}
		for (int k = 0; k < i; k++) {
			if (Arrays.equals(buffer, attributeNameStart[k], attributeNameEnd[k], buffer, nameStart, nameEnd)) {
				throw malformed(nameStart, "a repeated attribute");
			}
		}
		if (i == attributeValueStart.length) {
			int size = i * 2;
			attributeLocalStart = Arrays.copyOf(attributeLocalStart, size);
			attributeNameStart = Arrays.copyOf(attributeNameStart, size);
			attributeNameEnd = Arrays.copyOf(attributeNameEnd, size);
			attributeValueStart = Arrays.copyOf(attributeValueStart, size);
			attributeValueEnd = Arrays.copyOf(attributeValueEnd, size);
			attributeEncoded = Arrays.copyOf(attributeEncoded, size);
		}
		attributeNameStart[i] = nameStart;
		attributeLocalStart[i] = localStart(nameStart, nameEnd);
		attributeNameEnd[i] = nameEnd;
		attributeValueStart[i] = valueStart;
		attributeValueEnd[i] = j;
		attributeEncoded[i] = encoded;
		attributeCount++;
		if (encoded) {
			decode(valueStart, j, Content.ATTRIBUTE); // checked now (UTF-8, references), as a parser would, read or not
		}
		return j + 1;
	}

	private void readEndTag() throws IOException {
		int end = tagEnd();
		int start = position;
		int nameStart = start + 2;
		int nameEnd = name(nameStart, end);
		int at = skipWhitespace(nameEnd, end);
		if (buffer[at] != '>') {
			throw malformed(at, "unexpected characters in an end tag");
		}
		if (depth == 0) {
			throw malformed(start, "an end tag without a start tag");
		}
		int openStart = depth == 1 ? 0 : nameEnds[depth - 2];
		int openEnd = nameEnds[depth - 1];
		if (!Arrays.equals(names, openStart, openEnd, buffer, nameStart, nameEnd)) {
			throw malformed(start, "end tag </" + new String(buffer, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8)
					+ "> does not match <" + openName() + ">");
		}
		element = elementCodes[--depth];
		closed();
		position = end + 1;
	}

	private void closed() {
		if (depth == 0) {
			rootClosed = true;
		}
	}

	private void push(int nameStart, int nameEnd) {
		int offset = depth == 0 ? 0 : nameEnds[depth - 1];
		int length = nameEnd - nameStart;
		if (offset + length > names.length) {
			names = Arrays.copyOf(names, Math.max(names.length * 2, offset + length));
		}
		System.arraycopy(buffer, nameStart, names, offset, length);
		if (depth == nameEnds.length) {
			nameEnds = Arrays.copyOf(nameEnds, depth * 2);
			elementCodes = Arrays.copyOf(elementCodes, depth * 2);
		}
		nameEnds[depth] = offset + length;
		elementCodes[depth] = element;
		depth++;
	}

	private String openName() {
		if (depth == 0) {
			return "(none)";
		}
		int openStart = depth == 1 ? 0 : nameEnds[depth - 2];
		return new String(names, openStart, nameEnds[depth - 1] - openStart, StandardCharsets.UTF_8);
	}

	/** Text up to the next tag, checked; kept as bytes when it is plain ASCII. */
	private void readText() throws IOException {
		int at = position;
		boolean plain = true;
		while (true) {
			if (at == limit) {
				at = readMore(at, "element " + openName());
			}
			byte b = buffer[at];
			if (b == '<') {
				break;
			}
			// non-ASCII (negative), control characters, '\r', references and a possible "]]>"
			if (b < 0x20 ? b != '\n' && b != '\t' : b == '&' || b == '>') {
				plain = false;
			}
			at++;
		}
		textStart = position;
		textEnd = at;
		decodedText = plain ? null : decode(position, at, Content.TEXT);
		position = at;
	}

	private void readCdata() throws IOException {
		int opening = "<![CDATA[".length();
		int end = skipPast(position + opening, "]]>", "a CDATA section");
		decodedText = decode(markupStart + opening, end - 3, Content.CDATA);
	}

	private void skipComment() throws IOException {
		int end = skipPast(position + 4, "-->", "a comment");
		for (int j = markupStart + 4; j < end - 3; j++) {
			if (buffer[j] == '-' && buffer[j + 1] == '-') {
				throw malformed(j, "'--' inside a comment");
			}
		}
	}

	/**
	 * Moves past the first {@code marker} at or after {@code from}; returns the position just after
	 * it. The buffer may move: {@link #markupStart} is where the markup (from {@link #position}) is now.
	 */
	private int skipPast(int from, String marker, String what) throws IOException {
		int tokenStart = position;
		int at = from;
		int length = marker.length();
		byte first = (byte) marker.charAt(0);
		while (true) {
			while (at + length > limit && !inputEnded) {
				int shift = refill(tokenStart);
				tokenStart -= shift;
				at -= shift;
			}
			if (at + length > limit) {
				throw malformed(limit, "the XML ends inside " + what);
			}
			if (buffer[at] == first && startsWithAt(at, marker)) {
				markupStart = tokenStart;
				position = at + length;
				return position;
			}
			at++;
		}
	}

	/**
	 * Reads more input, keeping the token that starts at {@link #position}; returns where {@code at}
	 * (the buffer's end) has moved to. The input must go on: it ends inside {@code what}.
	 */
	private int readMore(int at, String what) throws IOException {
		int moved = at - refill(position);
		if (moved == limit) {
			throw malformed(moved, "the XML ends inside " + what);
		}
		return moved;
	}

	/** The position of the {@code >} that ends the tag at {@link #position}, with the whole tag in the buffer. */
	private int tagEnd() throws IOException {
		int at = position + 1;
		byte quote = 0;
		while (true) {
			if (at == limit) {
				at = readMore(at, "a tag");
			}
			byte b = buffer[at];
			if (quote != 0) {
				if (b == quote) {
					quote = 0;
				}
			}
			else if (b == '"' || b == '\'') {
				quote = b;
			}
			else if (b == '>') {
				return at;
			}
			else if (b == '<') {
				throw malformed(at, "'<' inside a tag");
			}
			at++;
		}
	}

	/** The end of the XML name at {@code at}: letters, digits, '.', '-', '_', ':' and any non-ASCII. */
	private int name(int at, int end) throws IOException {
		int start = at;
		while (at < end) {
			int b = buffer[at] & 0xff;
			boolean nameChar = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':' || b >= 0x80
					|| (at > start && (b >= '0' && b <= '9' || b == '.' || b == '-'));
			if (!nameChar) {
				break;
			}
			at++;
		}
		if (at == start) {
			throw malformed(start, "a tag or attribute without a valid name");
		}
		if (hasNonAscii(start, at)) {
			decode(start, at, Content.TEXT); // valid UTF-8, as a parser checks it
		}
		return at;
	}

	private int localStart(int start, int end) {
		for (int j = end - 1; j > start; j--) {
			if (buffer[j] == ':') {
				return j + 1;
			}
		}
		return start;
	}

	private int elementCode(int start, int end) {
		int length = end - start;
		byte first = buffer[start];
		if (length == 1) {
			return first == 'c' ? CELL : first == 'v' ? VALUE : first == 'f' ? FORMULA : first == 't' ? TEXT_RUN : OTHER;
		}
		if (length == 3 && first == 'r' && buffer[start + 1] == 'o' && buffer[start + 2] == 'w') {
			return ROW;
		}
		if (length == 2 && first == 'i' && buffer[start + 1] == 's') {
			return INLINE_STRING;
		}
		return OTHER;
	}

	private int skipWhitespace(int at, int end) {
		while (at < end && isWhitespace(buffer[at])) {
			at++;
		}
		return at;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\t' || b == '\r';
	}

	private boolean hasNonAscii(int start, int end) {
		for (int j = start; j < end; j++) {
			if (buffer[j] < 0) {
				return true;
			}
		}
		return false;
	}

	// ------------------------------------------------------------------ decoding

	/** What {@link #decode} reads: its rules differ for references, whitespace and "]]>". */
	private enum Content {
		/** Text between tags (and a name, checked as UTF-8): references replaced, "]]>" refused. */
		TEXT,
		/** An attribute value: references replaced, each whitespace character a space. */
		ATTRIBUTE,
		/** A CDATA section's inside: every character as it is. */
		CDATA
	}

	/**
	 * The text of {@code buffer[start, end)}: UTF-8 checked, line ends normalised, and references and
	 * whitespace as the {@code content} says.
	 */
	private String decode(int start, int end, Content content) throws IOException {
		boolean attribute = content == Content.ATTRIBUTE;
		StringBuilder out = scratch;
		out.setLength(0);
		int at = start;
		while (at < end) {
			int b = buffer[at] & 0xff;
			if (b == '&' && content != Content.CDATA) {
				at = reference(at, end, out);
			}
			else if (b == '\r') {
				out.append(attribute ? ' ' : '\n');
				at += at + 1 < end && buffer[at + 1] == '\n' ? 2 : 1;
			}
			else if (attribute && (b == '\n' || b == '\t')) {
				out.append(' ');
				at++;
			}
			else if (b == '>' && content == Content.TEXT && at >= start + 2 && buffer[at - 1] == ']' && buffer[at - 2] == ']') {
				throw malformed(at - 2, "']]>' in text");
			}
			else {
				at = character(at, end, out);
			}
		}
		return out.toString();
	}

	/** One character at {@code at} (UTF-8, checked as XML allows it); the position after it. */
	private int character(int at, int end, StringBuilder out) throws IOException {
		int b = buffer[at] & 0xff;
		if (b < 0x80) {
			if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
				throw malformed(at, String.format("the control character 0x%02X", b));
			}
			out.append((char) b);
			return at + 1;
		}
		int length;
		int code;
		int min;
		if (b >= 0xC2 && b <= 0xDF) {
			length = 2;
			code = b & 0x1F;
			min = 0x80;
		}
		else if (b >= 0xE0 && b <= 0xEF) {
			length = 3;
			code = b & 0x0F;
			min = 0x800;
		}
		else if (b >= 0xF0 && b <= 0xF4) {
			length = 4;
			code = b & 0x07;
			min = 0x10000;
		}
		else {
			throw malformed(at, String.format("invalid UTF-8 (byte 0x%02X)", b));
		}
		if (at + length > end) {
			throw malformed(at, "invalid UTF-8 (a cut character)");
		}
		for (int j = 1; j < length; j++) {
			int next = buffer[at + j] & 0xff;
			if ((next & 0xC0) != 0x80) {
				throw malformed(at + j, String.format("invalid UTF-8 (byte 0x%02X)", next));
			}
			code = (code << 6) | (next & 0x3F);
		}
		if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF) {
			throw malformed(at, String.format("invalid UTF-8 or a character XML does not allow (U+%04X)", code));
		}
		out.appendCodePoint(code);
		return at + length;
	}

	/** A character or entity reference at {@code at}; the position after its ';'. */
	private int reference(int at, int end, StringBuilder out) throws IOException {
		int semicolon = at + 1;
		while (semicolon < end && semicolon - at <= 12 && buffer[semicolon] != ';') {
			semicolon++;
		}
		if (semicolon >= end || buffer[semicolon] != ';') {
			throw malformed(at, "'&' not starting a reference");
		}
		String name = new String(buffer, at + 1, semicolon - at - 1, StandardCharsets.ISO_8859_1);
		switch (name) {
			case "lt" -> out.append('<');
			case "gt" -> out.append('>');
			case "amp" -> out.append('&');
			case "quot" -> out.append('"');
			case "apos" -> out.append('\'');
			default -> {
				int code = -1;
				try {
					if (name.startsWith("#x") && name.length() > 2) {
						code = Integer.parseInt(name.substring(2), 16);
					}
					else if (name.startsWith("#") && name.length() > 1) {
						code = Integer.parseInt(name.substring(1));
					}
				}
				catch (NumberFormatException ex) {
					code = -1;
				}
				if (name.startsWith("#")) {
					boolean allowed = code == 0x9 || code == 0xA || code == 0xD || code >= 0x20 && code <= 0xD7FF
							|| code >= 0xE000 && code <= 0xFFFD || code >= 0x10000 && code <= 0x10FFFF;
					if (!allowed) {
						throw malformed(at, "a character reference to a character XML does not allow (&" + name + ";)");
					}
					out.appendCodePoint(code);
				}
				else {
					throw malformed(at, "a reference to an undeclared entity (&" + name + ";)");
				}
			}
		}
		return semicolon + 1;
	}

	// ------------------------------------------------------------------ buffer

	/** Whether {@code count} bytes from {@link #position} are in the buffer (reading more if needed). */
	private boolean available(int count) throws IOException {
		while (limit - position < count) {
			int before = limit - position;
			refill(position);
			if (limit - position == before && inputEnded) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads more input, keeping the bytes from {@code keepFrom} on (moved to the buffer's start; the
	 * buffer grows when they fill it). Returns how far the kept bytes moved back.
	 */
	private int refill(int keepFrom) throws IOException {
		if (inputEnded) {
			return 0;
		}
		int shift = keepFrom;
		if (shift > 0) {
			System.arraycopy(buffer, keepFrom, buffer, 0, limit - keepFrom);
			limit -= shift;
			position -= shift;
			consumed += shift;
		}
		if (limit == buffer.length) {
			if (buffer.length >= MAX_TOKEN_BYTES) {
				throw malformed(0, "a single text, tag or comment of more than " + (MAX_TOKEN_BYTES >> 20)
						+ " MiB, which no worksheet holds (a cell holds at most 32,767 characters)");
			}
			buffer = Arrays.copyOf(buffer, buffer.length * 2);
		}
		int read = in.read(buffer, limit, buffer.length - limit);
		if (read < 0) {
			inputEnded = true;
		}
		else {
			limit += read;
		}
		return shift;
	}

	private boolean startsWith(int at, String text) throws IOException {
		int keep = position;
		while (limit - at < text.length() && !inputEnded) {
			int shift = refill(keep);
			keep -= shift;
			at -= shift;
		}
		return startsWithAt(at, text);
	}

	private boolean startsWithAt(int at, String text) {
		if (limit - at < text.length()) {
			return false;
		}
		for (int j = 0; j < text.length(); j++) {
			if (buffer[at + j] != text.charAt(j)) {
				return false;
			}
		}
		return true;
	}

	private boolean sameText(String text, int start, int end) {
		if (text.length() != end - start) {
			return false;
		}
		for (int j = 0; j < text.length(); j++) {
			if (text.charAt(j) != buffer[start + j]) {
				return false;
			}
		}
		return true;
	}

	private MalformedSheetException malformed(int at, String what) {
		return new MalformedSheetException("malformed XML at byte " + (consumed + at) + " of the sheet: " + what);
	}

	/** The sheet's XML is not well-formed (or not valid UTF-8): reading it stops here. */
	static final class MalformedSheetException extends IOException {

		private static final long serialVersionUID = 1L;

		MalformedSheetException(String message) {
			super(message);
		}
	}
}
