package org.electionrecon.ingest.table;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * One XML part of a workbook (a sheet, the shared strings, the styles, the workbook, a
 * relationships part, the content types), read with Woodstox under the {@link ReaderLimits}: DTDs
 * and external entities off and a DOCTYPE refused; element nesting, one text, one attribute value,
 * attributes and children per element and the part's characters bounded by Woodstox's own
 * properties; distinct element and attribute names counted here (Woodstox has no such bound). A
 * bound that is crossed is a {@link ReaderLimitException} naming the part.
 * <p>
 * {@link #next()} moves on; the current event's name, attributes and text are read from {@link #xml}.
 */
final class XmlPart implements AutoCloseable {

	/** Attributes of one element: an OOXML element has a few dozen at most. */
	static final int MAX_ATTRIBUTES_PER_ELEMENT = 200;

	/** Children of one element: a sheet's rows, a row's cells or the shared strings are bounded apart. */
	static final int MAX_CHILDREN_PER_ELEMENT = (int) ReaderLimits.MAX_CELLS_PER_SHEET;

	/**
	 * Configured once: a factory is safe to share between threads once its properties are set, and
	 * making one per part would cost more than reading a small part. Woodstox's own, not the StAX
	 * service lookup, so the limits are set on the parser they are written for.
	 */
	private static final XMLInputFactory2 FACTORY = newFactory();

	/** The reader of the part: after {@link #next()}, its getters read the current event. */
	final XMLStreamReader2 xml;

	private final String where;

	private final Set<String> names = new HashSet<>();

	/**
	 * Names already counted, by their hash: Woodstox interns names, so a name met again (nearly
	 * every name of a sheet) is found by identity without a set look-up.
	 */
	private final String[] recentNames = new String[64];

	private XmlPart(XMLStreamReader2 xml, String where) {
		this.xml = xml;
		this.where = where;
	}

	static XMLInputFactory2 newFactory() {
		WstxInputFactory factory = new WstxInputFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		factory.setProperty(XMLInputFactory2.P_INTERN_NAMES, true);
		factory.setProperty(XMLInputFactory2.P_INTERN_NS_URIS, true);
		// a limit is met in next(), not later in a getter as an unchecked exception
		factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
		factory.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, false);
		factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, ReaderLimits.MAX_ELEMENT_DEPTH);
		factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, ReaderLimits.MAX_TEXT_CHARS);
		factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, ReaderLimits.MAX_TEXT_CHARS);
		factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES_PER_ELEMENT);
		factory.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, MAX_CHILDREN_PER_ELEMENT);
		factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS, ReaderLimits.MAX_PART_BYTES);
		factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
		factory.setProperty(WstxInputProperties.P_INPUT_BUFFER_LENGTH, 1 << 14);
		return factory;
	}

	/**
	 * @param where how a finding names the part: "sheet 'Votes'", "xl/sharedStrings.xml"
	 */
	static XmlPart open(InputStream in, String where) throws IOException, XMLStreamException {
		try {
			return new XmlPart((XMLStreamReader2) FACTORY.createXMLStreamReader(in), where);
		}
		catch (XMLStreamException ex) {
			throw failure(ex, where);
		}
	}

	boolean hasNext() throws IOException, XMLStreamException {
		try {
			return xml.hasNext();
		}
		catch (XMLStreamException ex) {
			throw failure(ex, where);
		}
	}

	/** The next event, as {@link XMLStreamReader2#next()}, with the part's names counted. */
	int next() throws IOException, XMLStreamException {
		int event;
		try {
			event = xml.next();
		}
		catch (XMLStreamException ex) {
			throw failure(ex, where);
		}
		if (event == XMLStreamConstants.START_ELEMENT) {
			count(xml.getLocalName());
			for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
				count(xml.getAttributeLocalName(i));
			}
		}
		else if (event == XMLStreamConstants.DTD) {
			// never expanded (DTDs are off), but no workbook part has one: a DOCTYPE is a sign of an attack
			throw new XMLStreamException("a DOCTYPE, which no workbook part has: refused");
		}
		return event;
	}

	private void count(String name) throws ReaderLimitException {
		int slot = name.hashCode() & (recentNames.length - 1);
		if (recentNames[slot] == name) {
			return;
		}
		recentNames[slot] = name;
		if (names.add(name) && names.size() > ReaderLimits.MAX_DISTINCT_NAMES) {
			throw new ReaderLimitException(where, "the distinct element and attribute names",
					ReaderLimits.MAX_DISTINCT_NAMES, "names");
		}
	}

	/** A bound crossed in what the part holds, as its reader counts it (a text over several events, cells). */
	ReaderLimitException beyond(String what, long limit, String unit) {
		return new ReaderLimitException(where, what, limit, unit);
	}

	/**
	 * Woodstox's own limit violations as the bound they cross; a {@link ReaderLimitException} from
	 * below (a part's bytes) unwrapped, both thrown; anything else, the XML is damaged: returned.
	 */
	private static XMLStreamException failure(XMLStreamException ex, String where) throws ReaderLimitException {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ReaderLimitException limit) {
				throw limit;
			}
			if (cause instanceof XMLStreamException stax && stax.getNestedException() instanceof ReaderLimitException limit) {
				throw limit;
			}
		}
		return limitCrossed(ex, where);
	}

	private static XMLStreamException limitCrossed(XMLStreamException ex, String where) throws ReaderLimitException {
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		if (message.startsWith("Maximum Element Depth limit")) {
			throw new ReaderLimitException(where, "element nesting", ReaderLimits.MAX_ELEMENT_DEPTH, "levels", ex);
		}
		if (message.startsWith("Text size limit")) {
			throw new ReaderLimitException(where, "one text", ReaderLimits.MAX_TEXT_CHARS, "characters", ex);
		}
		if (message.startsWith("Maximum attribute size limit")) {
			throw new ReaderLimitException(where, "one attribute's value", ReaderLimits.MAX_TEXT_CHARS, "characters",
					ex);
		}
		if (message.startsWith("Attribute limit")) {
			throw new ReaderLimitException(where, "the attributes of one element", MAX_ATTRIBUTES_PER_ELEMENT,
					"attributes", ex);
		}
		if (message.startsWith("Maximum Number of Child Elements limit")) {
			throw new ReaderLimitException(where, "the children of one element", MAX_CHILDREN_PER_ELEMENT, "elements",
					ex);
		}
		if (message.startsWith("Maximum document characters limit")) {
			throw new ReaderLimitException(where, "the part", ReaderLimits.MAX_PART_BYTES, "characters", ex);
		}
		return ex;
	}

	@Override
	public void close() {
		try {
			xml.close();
		}
		catch (XMLStreamException ex) {
			// the part's stream is closed by its owner
		}
	}
}
