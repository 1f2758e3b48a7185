package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reading ({@link LineJsonParser}: values stepped over, metrics objects read by bytes, one parser for
 * every line) gives, line for line, what plain Jackson tokenizing every line gives: the same event, or a bad line
 * both times. On every plain event log in the repository, and on task-end lines damaged at random.
 */
class ByteLevelParsingTest {

    private static final Path EVENT_LOGS = Path.of("src/test/resources/eventlogs");

    private static String outcome(EventLineParser parser, byte[] line) {
        try {
            return parser.parse(line, 0, line.length).toString();
        } catch (IOException e) {
            return "bad line";
        }
    }

    static List<byte[]> plainLogLines() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EVENT_LOGS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.matches(".*\\.(lz4|lzf|snappy|zstd|gz|zip|json|txt|md)$") || Files.size(file) > 50_000_000) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                int start = 0;
                for (int i = 0; i <= bytes.length; i++) {
                    if (i == bytes.length || bytes[i] == '\n') {
                        if (i > start) {
                            lines.add(java.util.Arrays.copyOfRange(bytes, start, i));
                        }
                        start = i + 1;
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void everyLineOfEveryPlainLogInTheRepositoryReadsAsPlainJacksonReadsIt() throws IOException {
        EventLineParser fast = new EventLineParser();
        EventLineParser reference = new EventLineParser(false);
        List<byte[]> lines = plainLogLines();
        long taskEnds = 0;
        for (byte[] line : lines) {
            String expected = outcome(reference, line);
            assertEquals(expected, outcome(fast, line), () -> new String(line, StandardCharsets.UTF_8));
            if (expected.contains("TaskEnd[")) {
                taskEnds++;
            }
        }
        assertTrue(lines.size() > 1_000 && taskEnds > 500, lines.size() + " lines, " + taskEnds + " task ends");
    }

    @Test
    void damagedTaskEndLinesAreReadOrRefusedAsPlainJacksonDoes() throws IOException {
        List<byte[]> taskEnds = plainLogLines().stream()
                .filter(l -> new String(l, 0, Math.min(40, l.length), StandardCharsets.UTF_8)
                        .startsWith("{\"Event\":\"SparkListenerTaskEnd\""))
                .toList();
        byte[] alphabet = "{}[]\",:\\ \t0123456789eE.-+tfnrulsa\u0000".getBytes(StandardCharsets.UTF_8);
        int[] high = {0x80, 0xA9, 0xC3, 0xE2, 0xF0, 0xF8};
        Random random = new Random(2222);
        EventLineParser fast = new EventLineParser();
        int bad = 0;
        int cases = 5_000;
        for (int n = 0; n < cases; n++) {
            byte[] line = taskEnds.get(random.nextInt(taskEnds.size())).clone();
            // damage the second half of the line, where accumulables and metrics are
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                int at = line.length / 2 + random.nextInt(line.length - line.length / 2);
                byte b = random.nextInt(8) == 0 ? (byte) high[random.nextInt(high.length)]
                        : alphabet[random.nextInt(alphabet.length)];
                if (random.nextBoolean()) {
                    line[at] = b;
                } else {
                    byte[] longer = new byte[line.length + 1];
                    System.arraycopy(line, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(line, at, longer, at + 1, line.length - at);
                    line = longer;
                }
            }
            // a new reference parser per case: Jackson's symbol table history must not decide (RawJsonSkipperTest)
            String expected = outcome(new EventLineParser(false), line);
            if (expected.equals("bad line")) {
                bad++;
            }
            byte[] damaged = line;
            assertEquals(expected, outcome(fast, damaged), () -> new String(damaged, StandardCharsets.ISO_8859_1));
        }
        assertTrue(bad > cases / 4 && bad < cases, bad + " of " + cases + " refused");
    }
}
