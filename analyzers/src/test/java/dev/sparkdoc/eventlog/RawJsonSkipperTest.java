package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sparkdoc.event.SparkEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level skip accepts exactly what Jackson accepts: each value is wrapped in a line, skipped once by
 * {@link LineJsonParser#skipValue()} and once by Jackson's own {@code skipChildren()} (what the parser did before),
 * and both must accept or both reject, and leave the parser at the same following tokens.
 */
class RawJsonSkipperTest {

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(10_000).build();
    /**
     * A new factory per case: Jackson checks the UTF-8 of a field name only when its symbol table does not know the
     * name yet, so a factory shared across damaged inputs answers by history.
     */
    private static JsonFactory jackson() {
        return JsonFactory.builder().streamReadConstraints(LIMITS).build();
    }

    private static final LineJsonParser.Factory LINES = new LineJsonParser.Factory(LIMITS);

    /** A task's accumulables as Spark 4 writes them. */
    static final String ACCUMULABLES = "[{\"ID\":1,\"Name\":\"internal.metrics.executorRunTime\",\"Update\":123,"
            + "\"Value\":4567,\"Internal\":true,\"Count Failed Values\":true},{\"ID\":22,\"Name\":\"number of output "
            + "rows\",\"Update\":\"100\",\"Value\":\"2,000\",\"Internal\":false,\"Count Failed Values\":true,"
            + "\"Metadata\":\"sql\"},{\"ID\":7,\"Name\":\"x\\u00e9\\\"q\\\\\",\"Update\":-1.5e-3,\"Value\":0,"
            + "\"Internal\":null,\"List\":[[],{},[1,[2,{\"a\":[]}]]],\"Utf8\":\"caf\u00e9 \u20ac \ud83d\ude00\"}]";

    /** What happened to one line: "ok" plus the tokens after the skipped value, or "bad". */
    private static String outcome(JsonParser parser, boolean raw) {
        try (parser) {
            List<String> tokens = new ArrayList<>();
            parser.nextToken(); // {
            parser.nextToken(); // "a"
            parser.nextToken(); // the value
            if (raw) {
                ((LineJsonParser) parser).skipValue();
            } else {
                parser.skipChildren();
            }
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens.add(token + (token.isScalarValue() || token == JsonToken.FIELD_NAME ? ":" + parser.getText()
                        : ""));
            }
            return "ok " + tokens;
        } catch (IOException e) {
            return "bad";
        }
    }

    private static void assertSame(byte[] value, int depth) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        // depth - 1 enclosing objects around the field "a" whose value is skipped
        for (int i = 1; i < depth; i++) {
            line.writeBytes("{\"o\":".getBytes(StandardCharsets.US_ASCII));
        }
        line.writeBytes("{\"a\":".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(value);
        line.writeBytes(",\"b\":[1,\"z\"]}".getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i < depth; i++) {
            line.write('}');
        }
        byte[] bytes = line.toByteArray();
        JsonParser expected = jackson().createParser(bytes, 0, bytes.length);
        JsonParser actual = LINES.create(bytes, 0, bytes.length);
        assertInstanceOf(LineJsonParser.class, actual);
        for (int i = 1; i < depth; i++) {
            expected.nextToken();
            expected.nextToken();
            actual.nextToken();
            actual.nextToken();
        }
        assertEquals(outcome(expected, false), outcome(actual, true), () -> "for " + show(value));
    }

    private static String show(byte[] value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value) {
            int c = b & 0xFF;
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return out.length() > 3000 ? out.substring(0, 3000) + "..." : out.toString();
    }

    private static void assertSame(String value) throws IOException {
        assertSame(value.getBytes(StandardCharsets.UTF_8), 1);
    }

    @Test
    void handWrittenValuesAreAcceptedOrRejectedAsJacksonDoes() throws IOException {
        for (String value : List.of(ACCUMULABLES, "[]", "{}", "[ ]", "{ }", "[\t1 ,\r2 ]", "[[[]]]", "[{}]",
                "{\"a\":{\"b\":[]}}", "[01]", "[0]", "[-0]", "[-01]", "[1.]", "[1.5]", "[.5]", "[-]", "[+1]", "[1e]",
                "[1e+]", "[1E-7]", "[1.0e10]", "[0.0]", "[1ee2]", "[1.2.3]", "[true]", "[truex]", "[true1]",
                "[true:]", "[tru]", "[nul]", "[null]", "[false]", "[fals]", "[NaN]", "[Infinity]", "[-Infinity]",
                "[\"\\x\"]", "[\"\\u12G4\"]", "[\"\\u12a4\"]", "[\"\\ud800\"]", "[\"\\/\\b\\f\\n\\r\\t\"]", "[\"\\'\"]",
                "['a']", "[1,]", "[,1]", "[1,,2]", "[1 2]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{1:2}",
                "{\"a\" : 1 , \"b\" : 2}", "{\"a\":1 \"b\":2}", "[/*c*/1]", "[#]", "[1]]", "[1}", "{\"a\":1]",
                "[\"abc", "[\"abc\\", "[1", "[", "{", "{\"a", "{\"a\":", "[{\"a\":1}", "[\"\u00e9\"]",
                "[\"a\u0001b\"]", "[\u0001]", "[\u007f]", "[\"\u007f\"]", "{\"\u00e9\":1}", "{\"\\u00e9\":1}",
                "{\"a\u0001\":1}", "{\"\\q\":1}", "{\"\\ud800\":1}", "[\"\\udfff\"]", "{\"\\u07ff\\u0800\\n\":1}")) {
            assertSame(value);
        }
    }

    @Test
    void invalidUtf8IsRejectedAsJacksonDoes() throws IOException {
        int[][] sequences = {{0x80}, {0xBF}, {0xC3}, {0xC3, 0x28}, {0xC3, 0xA9}, {0xC0, 0x80}, {0xE2, 0x82},
            {0xE2, 0x82, 0xAC}, {0xE2, 0x28, 0xAC}, {0xF0, 0x9F, 0x98, 0x80}, {0xF0, 0x9F, 0x98}, {0xF8, 0x88, 0x80,
                0x80, 0x80}, {0xFF}, {0xFE}, {0xED, 0xA0, 0x80}};
        for (int[] sequence : sequences) {
            for (String shape : List.of("[\"a%sb\"]", "{\"a%sb\":1}", "[%s]", "[1%s]")) {
                String[] parts = shape.split("%s");
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                value.writeBytes(parts[0].getBytes(StandardCharsets.US_ASCII));
                for (int b : sequence) {
                    value.write(b);
                }
                value.writeBytes(parts[1].getBytes(StandardCharsets.US_ASCII));
                assertSame(value.toByteArray(), 1);
            }
        }
    }

    @Test
    void theLimitsAreJacksonsLimits() throws IOException {
        // numbers: 1000 digits is the limit, counted without the sign, fraction and exponent added up
        for (int digits : new int[] {999, 1000, 1001}) {
            assertSame("[" + "1".repeat(digits) + "]");
            assertSame("[-" + "1".repeat(digits) + "]");
            assertSame("[1." + "1".repeat(digits - 1) + "]");
            assertSame("[1." + "1".repeat(digits - 2) + "e5]");
        }
        // names: 50,000 characters, counted in chars, not bytes
        for (int length : new int[] {49_999, 50_000, 50_001}) {
            assertSame("{\"" + "n".repeat(length) + "\":1}");
            assertSame("{\"" + "\u00e9".repeat(length) + "\":1}");
            assertSame("{\"" + "\ud83d\ude00".repeat(length / 2) + "x\":1}");
        }
        // nesting: 10,000 levels in all, the skipped value's own levels counted from where it sits
        for (int depth : new int[] {1, 2, 50}) {
            for (int levels : new int[] {9_998, 9_999, 10_000, 10_001}) {
                int inside = levels - depth;
                if (inside < 1) {
                    continue;
                }
                String value = "[".repeat(inside) + "]".repeat(inside);
                assertSame(value.getBytes(StandardCharsets.US_ASCII), depth);
            }
        }
    }

    @Test
    void randomlyDamagedAccumulablesAreAcceptedOrRejectedAsJacksonDoes() throws IOException {
        byte[] original = ACCUMULABLES.getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\",:\\ \t0123456789eE.-+tfnrulsa/u\u0000\u001f".getBytes(StandardCharsets.UTF_8);
        // not 0xFF: see aByte0xFFStartingAFieldNameIsRejectedWhereJacksonMistakesTheNameForAnother
        int[] high = {0x80, 0xA9, 0xC3, 0xE2, 0xF0, 0xF8, 0xFE};
        Random random = new Random(22);
        int rejected = 0;
        int cases = 10_000;
        for (int n = 0; n < cases; n++) {
            byte[] value = original.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(value.length);
                byte b = random.nextInt(8) == 0 ? (byte) high[random.nextInt(high.length)]
                        : alphabet[random.nextInt(alphabet.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                switch (random.nextInt(3)) {
                    case 0 -> { // replace
                        value[at] = b;
                        continue;
                    }
                    case 1 -> { // insert
                        out.write(value, 0, at);
                        out.write(b);
                        out.write(value, at, value.length - at);
                    }
                    default -> { // delete
                        out.write(value, 0, at);
                        out.write(value, at + 1, value.length - at - 1);
                    }
                }
                value = out.toByteArray();
            }
            String before = outcomeOfJackson(value);
            if (before.equals("bad")) {
                rejected++;
            }
            assertSame(value, 1 + random.nextInt(3));
        }
        // A test that cannot fail is not a test: most damage must be caught, and some must pass.
        assertTrue(rejected > cases / 2 && rejected < cases, "rejected " + rejected + " of " + cases);
    }

    /**
     * The one deliberate difference: Jackson pads a name's last quad with 1 bits and compares quads only, so a name of
     * 0xFF plus a known shorter name ({@code "\xffID"} after {@code "ID"}) is found in its symbol table as that name,
     * and its invalid UTF-8 is never seen. The skip rejects the byte, as Jackson does for a name it has not met.
     */
    @Test
    void aByte0xFFStartingAFieldNameIsRejectedWhereJacksonMistakesTheNameForAnother() throws IOException {
        byte[] value = "[{\"ID\":1},{\"\u00ffID\":2}]".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(outcomeOfJackson(value).startsWith("ok"), "Jackson's quirk is still there");
        byte[] line = ("{\"a\":" + new String(value, StandardCharsets.ISO_8859_1) + "}")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("bad", outcome(LINES.create(line, 0, line.length), true));
    }

    private static String outcomeOfJackson(byte[] value) throws IOException {
        byte[] line = ("{\"a\":" + new String(value, StandardCharsets.ISO_8859_1) + "}")
                .getBytes(StandardCharsets.ISO_8859_1);
        return outcome(jackson().createParser(line, 0, line.length), false);
    }

    @Test
    void aTaskEndWithDamagedAccumulablesIsABadLineAndAnIntactOneParses() throws IOException {
        String line = HostileInputTest.plainLines().stream()
                .filter(l -> l.startsWith("{\"Event\":\"SparkListenerTaskEnd\"") && l.contains("\"Accumulables\":[{"))
                .findFirst().orElseThrow();
        EventLineParser parser = new EventLineParser();
        byte[] intact = line.getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(SparkEvent.TaskEnd.class,
                ((EventLineParser.Result.Parsed) parser.parse(intact, 0, intact.length)).event());
        // the same parser, reused, after each bad line
        for (String damage : List.of("\"Accumulables\":[{\"ID\":01,", "\"Accumulables\":[{\"ID\" 1,",
                "\"Accumulables\":[{\"ID\":1,,", "\"Accumulables\":[{\"ID\":tru,", "\"Accumulables\":[{\"ID\":\"\\q\",")) {
            String broken = line.replaceFirst("\"Accumulables\":\\[\\{\"ID\":[0-9]+,",
                    java.util.regex.Matcher.quoteReplacement(damage));
            byte[] brokenBytes = broken.getBytes(StandardCharsets.UTF_8);
            assertFalse(broken.equals(line));
            IOException e = assertThrows(IOException.class, () -> parser.parse(brokenBytes, 0, brokenBytes.length),
                    damage);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            assertInstanceOf(SparkEvent.TaskEnd.class,
                    ((EventLineParser.Result.Parsed) parser.parse(intact, 0, intact.length)).event());
        }
    }

    @Test
    void aParserWhoseSymbolTableFillsUpIsReplacedAndReadsOnCorrectly() throws IOException {
        EventLineParser parser = new EventLineParser();
        int keys = 9_000;
        for (int n = 0; n < 4; n++) { // 36,000 distinct names: past LineJsonParser.MAX_SYMBOLS
            StringBuilder line = new StringBuilder("{\"Event\":\"SparkListenerEnvironmentUpdate\",\"Spark Properties\":{");
            for (int k = 0; k < keys; k++) {
                line.append(k == 0 ? "" : ",").append("\"key.").append(n).append('.').append(k).append("\":\"")
                        .append(k).append('"');
            }
            byte[] bytes = line.append("}}").toString().getBytes(StandardCharsets.UTF_8);
            SparkEvent.EnvironmentUpdate update = (SparkEvent.EnvironmentUpdate)
                    ((EventLineParser.Result.Parsed) parser.parse(bytes, 0, bytes.length)).event();
            assertEquals(keys, update.sparkProperties().size());
            assertEquals("8999", update.sparkProperties().get("key." + n + ".8999"));
        }
    }
}
