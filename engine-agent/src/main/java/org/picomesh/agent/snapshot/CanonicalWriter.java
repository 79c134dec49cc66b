package org.picomesh.agent.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 over Jackson's streaming parser: values are written as they are read, as canonical UTF-8, into
 * {@link Rope}s; an object's members are collected (each a rope) and put in UTF-16 order of their names. The document
 * is held once as canonical bytes, never as a tree of strings: heap about twice the export plus the largest string
 * being read (its characters), where a tree-building canonicaliser needs about ten times the export. Numbers are
 * written by the RFC author's own ES6 formatting ({@link NumberToJSON}).
 */
final class CanonicalWriter {
    // Names are not canonicalised or interned: an export's entity variables can be many thousands of distinct names,
    // each read once, where the symbol table and String.intern() cost more than the parsing.
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(StreamReadConstraints
            .builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    /** Integers up to 2^53 are their own IEEE 754 doubles, written by ES6 as their digits. */
    private static final long EXACT = 1L << 53;

    private final JsonParser p;
    private final CanonicalStringWriter strings = new CanonicalStringWriter();

    private CanonicalWriter(JsonParser p) {
        this.p = p;
    }

    /** The canonical form of the one JSON value in {@code json}; an {@link IOException} when it is not JSON. */
    static Rope canonical(InputStream json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            CanonicalWriter writer = new CanonicalWriter(p);
            Rope out = new Rope();
            writer.value(p.nextToken(), out);
            if (p.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return out;
        }
    }

    private void value(JsonToken token, Rope out) throws IOException {
        if (token == null) {
            throw new IOException("no JSON value");
        }
        switch (token) {
            case START_OBJECT -> object(out);
            case START_ARRAY -> array(out);
            case VALUE_STRING -> {
                strings.into(out);
                p.getText(strings);
                strings.end();
            }
            case VALUE_NUMBER_INT -> ascii(integer(), out);
            case VALUE_NUMBER_FLOAT -> ascii(number(p.getText()), out);
            case VALUE_TRUE -> ascii("true", out);
            case VALUE_FALSE -> ascii("false", out);
            case VALUE_NULL -> ascii("null", out);
            default -> throw new IOException("unexpected " + token);
        }
    }

    private record Member(String name, Rope value) {}

    private void object(Rope out) throws IOException {
        List<Member> members = members();
        out.write('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            strings.into(out);
            strings.write(members.get(i).name());
            strings.end();
            out.write(':');
            out.append(members.get(i).value());
        }
        out.write('}');
    }

    /** The members of the object being read, each written into its own rope, in UTF-16 order of their names. */
    private List<Member> members() throws IOException {
        List<Member> members = new ArrayList<>();
        boolean ordered = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            Rope member = new Rope();
            value(p.nextToken(), member);
            // String order is UTF-16 code unit order, as RFC 8785 sorts names; engines mostly write them sorted already
            int order = members.isEmpty() ? 1 : name.compareTo(members.get(members.size() - 1).name());
            if (order == 0) {
                throw new IOException("duplicate property: " + name);
            }
            ordered &= order > 0;
            members.add(new Member(name, member));
        }
        if (!ordered) {
            members.sort(Comparator.comparing(Member::name));
            for (int i = 1; i < members.size(); i++) {
                if (members.get(i).name().equals(members.get(i - 1).name())) {
                    throw new IOException("duplicate property: " + members.get(i).name());
                }
            }
        }
        return members;
    }

    private void array(Rope out) throws IOException {
        out.write('[');
        boolean first = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            value(t, out);
        }
        out.write(']');
    }

    /** An integer literal's canonical form: its digits when its double is exact, else as any other number. */
    private String integer() throws IOException {
        JsonParser.NumberType type = p.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            long value = p.getLongValue();
            if (value >= -EXACT && value <= EXACT) {
                return Long.toString(value);
            }
        }
        return number(p.getText());
    }

    /** ES6 Number.prototype.toString of the IEEE 754 double the literal denotes, as RFC 8785 section 3.2.2.3 asks. */
    static String number(String literal) throws IOException {
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new IOException("a number beyond IEEE 754 double: " + literal);
        }
        return NumberToJSON.serializeNumber(value);
    }

    private static void ascii(String text, Rope out) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }
}
