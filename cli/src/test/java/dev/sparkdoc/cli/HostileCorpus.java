package dev.sparkdoc.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile-input corpus: every class of bad input the CLI must survive (broken, truncated and garbage files of each
 * codec, trailing garbage, empty files, odd directories, a rolling log with a part missing, a huge line, CR endings, a
 * BOM, a deeply nested plan, non-UTF-8 bytes, binary files, devices, bad rules files and kubeconfigs, --out targets
 * that are not files, odd arguments), written at test time from the committed Spark 4.2.0 fixtures, each with the
 * exit code and the stderr line it must give. No binary blob is committed: this class is the corpus.
 *
 * <p>Run {@code scripts/make-hostile-corpus.sh DIR} to write it for a look by hand; {@link HostileCorpusTest} runs it.
 */
final class HostileCorpus {

    /** Where the Spark 4.2.0 fixtures the corpus is cut from live (committed, with their README). */
    static final Path FIXTURES = CliRun.log("spark-4.2.0");
    static final Path PLAIN = FIXTURES.resolve("single-plain/local-1795251238208");

    /** The tester's bound: no run may need more, even on the largest inputs here. */
    static final long MAX_RSS_BYTES = 1L << 30;

    /** Where a case is run: in the test JVM, or as its own JVM (for heap-heavy inputs and the real streams). */
    enum Runner {
        IN_PROCESS,
        PROCESS
    }

    /**
     * One hostile input: the {@code sparkdoc} arguments, the exit codes allowed, a pattern the first stderr line must
     * contain, and whether the reader's fixes (being made on another branch) are needed for it to pass.
     */
    record Case(String name, List<String> args, Set<Integer> exits, Pattern stderr, boolean needsReaderFix,
            Runner runner) {
        Case {
            requireNonNull(name, "name is null");
            args = List.copyOf(args);
            exits = Set.copyOf(exits);
            requireNonNull(stderr, "stderr is null");
            requireNonNull(runner, "runner is null");
            if (exits.isEmpty() || exits.contains(ExitCode.INTERNAL_ERROR)) {
                throw new IllegalArgumentException(name + ": a case expects documented exit codes, never 1");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Path directory;
    private final List<Case> cases = new ArrayList<>();
    private final byte[] plain;
    private final Random random = new Random(17);

    private HostileCorpus(Path directory) throws IOException {
        this.directory = directory;
        this.plain = Files.readAllBytes(PLAIN);
    }

    /**
     * Writes the cases' files under {@code directory} and returns the cases: those run in process, and with
     * {@code heavy} also those run as their own JVM (a 300 MiB line, a gzip bomb of 1 GiB).
     */
    static List<Case> write(Path directory, boolean heavy) throws IOException {
        HostileCorpus corpus = new HostileCorpus(directory);
        corpus.codecs();
        corpus.files();
        corpus.directories();
        corpus.lines();
        corpus.devices();
        corpus.rules();
        corpus.outputs();
        corpus.kubeconfigs();
        corpus.arguments();
        if (heavy) {
            corpus.heavy();
        }
        return List.copyOf(corpus.cases);
    }

    // ---- broken, truncated, garbage and trailing-garbage files of each codec ----

    private void codecs() throws IOException {
        for (String codec : List.of("lz4", "lzf", "snappy", "zstd")) {
            byte[] valid = Files.readAllBytes(single(codec));
            analyze("truncated-" + codec, file("truncated." + codec, Arrays.copyOf(valid, valid.length / 2)),
                    Set.of(0, 3), "corrupt or truncated", codec.equals("zstd"));
            // cut near its end: the events before the break are analyzed, with a warning (zstd: the reader's fix)
            analyze("truncated-late-" + codec, file("truncated-late." + codec, Arrays.copyOf(valid,
                    valid.length * 9 / 10)), Set.of(0), "corrupt or truncated.*truncated-late\\." + codec,
                    codec.equals("zstd"));
            analyze("garbage-" + codec, file("garbage." + codec, randomBytes(4096)), Set.of(3),
                    "garbage\\." + codec, false);
            analyze("header-only-" + codec, file("header-only." + codec, Arrays.copyOf(valid, 8)), Set.of(0, 3),
                    "header-only\\." + codec, false);
            // lz4 already says so; the others are the reader's fix
            analyze("trailing-garbage-" + codec, file("trailing-garbage." + codec, concat(valid, randomBytes(512))),
                    Set.of(0, 3), "(corrupt|garbage).*trailing-garbage\\." + codec,
                    !codec.equals("lz4"));
            analyze("empty-" + codec, file("empty." + codec, new byte[0]), Set.of(3), "empty\\." + codec, false);
        }
        byte[] gzip = gzip(plain);
        analyze("truncated-gz", file("truncated.gz", Arrays.copyOf(gzip, gzip.length / 2)), Set.of(0, 3),
                "truncated\\.gz", false);
        analyze("truncated-late-gz", file("truncated-late.gz", Arrays.copyOf(gzip, gzip.length * 9 / 10)),
                Set.of(0), "corrupt or truncated.*truncated-late\\.gz", false);
        analyze("garbage-gz", file("garbage.gz", concat(new byte[] {0x1f, (byte) 0x8b}, randomBytes(4096))),
                Set.of(3), "garbage\\.gz", false);
        analyze("trailing-garbage-gz", file("trailing-garbage.gz", concat(gzip, randomBytes(512))), Set.of(0, 3),
                "(corrupt|garbage).*trailing-garbage\\.gz", true);
    }

    // ---- whole files that are not logs ----

    private void files() throws IOException {
        analyze("empty-file", file("empty", new byte[0]), Set.of(3), "empty: empty event log", false);
        analyze("binary-file", file("binary.bin", randomBytes(64 * 1024)), Set.of(3), "not a Spark event log",
                false);
        analyze("elf-binary", Path.of(System.getProperty("java.home"), "bin", "java"), Set.of(3),
                "not a Spark event log", false);
        analyze("half-a-line", file("half-a-line", Arrays.copyOf(plain, 100)), Set.of(0, 3), "^$|half-a-line",
                false);
        analyze("json-not-spark", file("not-spark.json", "{\"hello\":\"world\"}\n{\"a\":1}\n".getBytes(
                StandardCharsets.UTF_8)), Set.of(3), "not-spark\\.json", false);
        analyze("unknown-suffix", file("log.bz2", plain), Set.of(3), "unknown codec '\\.bz2'", false);
    }

    // ---- directories ----

    private void directories() throws IOException {
        Path empty = Files.createDirectories(directory.resolve("empty-dir"));
        analyze("empty-directory", empty, Set.of(3), "empty-dir: directory holds no event log", false);
        Path unreadable = Files.createDirectories(directory.resolve("unreadable-dir"));
        Files.write(unreadable.resolve("app-1"), plain);
        unreadable.toFile().setReadable(false, false);
        unreadable.toFile().setExecutable(false, false);
        // as root the directory stays readable, and its log is read (exit 0, nothing on stderr)
        cases.add(new Case("unreadable-directory", List.of("analyze", "-q", unreadable.toString()), Set.of(0, 3),
                Pattern.compile("^$|unreadable-dir: .*(permission denied|cannot list)"), false, Runner.IN_PROCESS));

        Path loop = Files.createDirectories(directory.resolve("symlink-loop"));
        Files.createSymbolicLink(loop.resolve("self"), Path.of("."));
        Files.createSymbolicLink(loop.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(loop.resolve("b"), Path.of("a"));
        analyze("symlink-loop", loop, Set.of(3), "symlink-loop: .*(loop|no event log)", false);
        Path loopWithLog = Files.createDirectories(directory.resolve("symlink-loop-with-log"));
        Files.createSymbolicLink(loopWithLog.resolve("self"), Path.of("."));
        Files.write(loopWithLog.resolve("app-1"), plain);
        cases.add(new Case("symlink-loop-with-one-log", List.of("analyze", "-q", "-o", "json",
                loopWithLog.toString()), Set.of(0), Pattern.compile("^$|(?i)loop"), false, Runner.IN_PROCESS));

        Path rolling = Files.createDirectories(directory.resolve("eventlog_v2_local-1795251272229"));
        Path source = FIXTURES.resolve("rolling-lz4/eventlog_v2_local-1795251272229");
        Files.copy(source.resolve("appstatus_local-1795251272229"), rolling.resolve("appstatus_local-1795251272229"));
        for (String part : List.of("events_1_local-1795251272229.lz4", "events_3_local-1795251272229.lz4")) {
            Files.copy(source.resolve(part), rolling.resolve(part));
        }
        analyze("rolling-missing-part", rolling, Set.of(0, 3), "(?i)events_2.*missing|missing.*events_2|part 2",
                true);
    }

    // ---- line-level oddities: CR endings, a BOM, non-UTF-8 bytes, a deeply nested plan ----

    private void lines() throws IOException {
        String text = new String(plain, StandardCharsets.UTF_8);
        analyze("cr-only-endings", file("cr-only", text.replace('\n', '\r').getBytes(StandardCharsets.UTF_8)),
                Set.of(0), "^$", false);
        analyze("crlf-endings", file("crlf", text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                Set.of(0), "^$", false);
        analyze("utf8-bom", file("bom", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, plain)),
                Set.of(0), "^$", true);
        byte[] latin1 = text.replace("\"App Name\":\"", "\"App Name\":\"caf\u00e9 ").getBytes(
                StandardCharsets.ISO_8859_1);
        analyze("non-utf8-bytes", file("latin1", latin1), Set.of(0), "^$|(?i)utf-8|malformed|charset", false);
        int cut = text.indexOf("\n{\"Event\":\"SparkListenerApplicationEnd\"");
        String deep = text.substring(0, cut + 1) + deepPlan(100_000) + "\n" + text.substring(cut + 1);
        analyze("deep-plan", file("deep-plan", deep.getBytes(StandardCharsets.UTF_8)), Set.of(0, 3),
                "^$|deep-plan", true);
    }

    // ---- devices and pipes named as a log ----

    private void devices() {
        analyze("dev-zero-as-log", Path.of("/dev/zero"), Set.of(3), "/dev/zero: a character device", false);
        analyze("dev-null-as-log", Path.of("/dev/null"), Set.of(3), "/dev/null: a character device", false);
    }

    // ---- --rules files ----

    private void rules() throws IOException {
        rules("rules-dev-zero", "/dev/zero", "/dev/zero: larger than 1 MiB");
        rules("rules-binary", file("rules.bin", randomBytes(2048)).toString(), "rules\\.bin: not a text file");
        rules("rules-bad-yaml", file("rules-bad.yaml", "rules: [1, 2\n".getBytes(StandardCharsets.UTF_8))
                .toString(), "rules-bad\\.yaml: not valid YAML");
        rules("rules-directory", directory.toString(), "is a directory, not a rules file");
        rules("rules-missing", directory.resolve("no-such-rules.yaml").toString(), "no such file");
        byte[] huge = new byte[(1 << 20) + 10];
        Arrays.fill(huge, (byte) '#');
        rules("rules-over-1mib", file("rules-huge.yaml", huge).toString(), "larger than 1 MiB");
    }

    private void rules(String name, String rulesFile, String pattern) {
        cases.add(new Case(name, List.of("analyze", "-q", PLAIN.toString(), "--rules", rulesFile), Set.of(3),
                Pattern.compile(pattern), false, Runner.IN_PROCESS));
    }

    // ---- --out targets that are not a new or regular file ----

    private void outputs() throws IOException {
        out("out-dev-full", "/dev/full", Set.of(3), "--out /dev/full: cannot write the report \\(No space left on device\\)");
        out("out-directory", directory.toString(), Set.of(3), "is a directory; name a file");
        out("out-proc", "/proc/sparkdoc-report.txt", Set.of(3), "--out /proc/sparkdoc-report.txt: cannot write");
        out("out-sys", "/sys/sparkdoc-report.txt", Set.of(3), "--out /sys/sparkdoc-report.txt: cannot write");
        out("out-missing-directory", directory.resolve("no/such/dir/report.txt").toString(), Set.of(3),
                "directory to write the report to does not exist");
        Path target = file("out-target.txt", "old\n".getBytes(StandardCharsets.UTF_8));
        Path link = directory.resolve("out-link.txt");
        Files.createSymbolicLink(link, target.getFileName());
        out("out-existing-symlink", link.toString(), Set.of(0), "^$");
        out("out-dev-null", "/dev/null", Set.of(0), "^$");
    }

    private void out(String name, String target, Set<Integer> exits, String pattern) {
        cases.add(new Case(name, List.of("analyze", "-q", PLAIN.toString(), "--out", target), exits,
                Pattern.compile(pattern), false, Runner.IN_PROCESS));
    }

    // ---- kubeconfigs ----

    private void kubeconfigs() throws IOException {
        kubeconfig("kubeconfig-binary", file("kubeconfig.bin", randomBytes(2048)).toString(),
                "kubeconfig\\.bin: not a text file");
        kubeconfig("kubeconfig-bad-yaml", file("kubeconfig-bad.yaml", "apiVersion: v1\nclusters: [\n  - {name: x\n"
                .getBytes(StandardCharsets.UTF_8)).toString(), "kubeconfig-bad\\.yaml: not a valid kubeconfig");
        kubeconfig("kubeconfig-wrong-shape", file("kubeconfig-list.yaml", "- 1\n- 2\n".getBytes(
                StandardCharsets.UTF_8)).toString(), "kubeconfig-list\\.yaml: not a valid kubeconfig");
        kubeconfig("kubeconfig-empty", file("kubeconfig-empty", new byte[0]).toString(), "kubeconfig-empty");
        kubeconfig("kubeconfig-dev-zero", "/dev/zero", "/dev/zero: not a regular file");
        kubeconfig("kubeconfig-directory", directory.toString(), "not a regular file");
        kubeconfig("kubeconfig-missing", directory.resolve("no-kubeconfig").toString(), "no such file");
    }

    private void kubeconfig(String name, String file, String pattern) {
        cases.add(new Case(name, List.of("get", "apps", "--kubeconfig", file, "--request-timeout", "2s"), Set.of(3),
                Pattern.compile(pattern), false, Runner.IN_PROCESS));
    }

    // ---- odd arguments ----

    private void arguments() throws IOException {
        argument("stdin-twice", List.of("analyze", "-", "-"), 2, "'-' \\(standard input\\) is given more than once");
        argument("unknown-flag", List.of("analyze", "--bogus", PLAIN.toString()), 2, "Unknown option: '--bogus'");
        argument("no-log", List.of("analyze"), 2, "Missing required parameter");
        argument("unknown-command", List.of("analyse", PLAIN.toString()), 2, "Unmatched argument");
        argument("bad-format", List.of("analyze", "-o", "pdf", PLAIN.toString()), 2, "Invalid value for option");
        argument("negative-rows", List.of("analyze", "--retained-task-rows", "-5", PLAIN.toString()), 2,
                "--retained-task-rows must be 0 or more");
        argument("escape-in-name", List.of("analyze", directory.resolve("x\u001b[31mred\u001b[0m").toString()), 3,
                "x\\\\e\\[31mred\\\\e\\[0m: no such file");
        argument("newline-in-name", List.of("analyze", directory.resolve("two\nlines").toString()), 3,
                "two\\\\nlines: no such file");
        argument("escape-in-flag", List.of("analyze", "--\u001b]0;pwned\u0007", PLAIN.toString()), 2,
                "Unknown option: '--\\\\e\\]0;pwned\\\\x07'");
        Path named = file("name-with-\u001b[2J-clear", new byte[0]);
        argument("escape-in-existing-name", List.of("analyze", named.toString()), 3, "name-with-\\\\e\\[2J-clear");
        argument("subcommand-version", List.of("analyze", "--version"), 0, "^$");
    }

    private void argument(String name, List<String> args, int exit, String pattern) {
        cases.add(new Case(name, args, Set.of(exit), Pattern.compile(pattern), false, Runner.IN_PROCESS));
    }

    // ---- inputs that would take the test JVM's heap with them: run as their own bounded JVM ----

    private void heavy() throws IOException {
        Path hugeLine = directory.resolve("huge-line");
        try (OutputStream out = Files.newOutputStream(hugeLine)) {
            out.write(Arrays.copyOf(plain, indexOf(plain, "{\"Event\":\"SparkListenerApplicationEnd\"")));
            out.write("{\"Event\":\"SparkListenerLogStart\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 300; i++) {
                out.write(block);
            }
            out.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
        }
        cases.add(new Case("huge-single-line", List.of("analyze", "-q", hugeLine.toString()), Set.of(0, 3),
                Pattern.compile("huge-line.*(long|skipped)"), true, Runner.PROCESS));
        Path bomb = directory.resolve("bomb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                out.write(zeros);
            }
        }
        cases.add(new Case("gzip-bomb", List.of("analyze", "-q", bomb.toString()), Set.of(3),
                Pattern.compile("bomb\\.gz"), true, Runner.PROCESS));
        // process cases read /dev/zero as standard input: only this one reads it
        cases.add(new Case("dev-zero-as-stdin", List.of("analyze", "-q", "-"), Set.of(3),
                Pattern.compile("<stdin>"), false, Runner.PROCESS));
    }

    // ---- helpers ----

    private void analyze(String name, Path log, Set<Integer> exits, String pattern, boolean needsReaderFix) {
        cases.add(new Case(name, List.of("analyze", "-q", log.toString()), exits, Pattern.compile(pattern),
                needsReaderFix, Runner.IN_PROCESS));
    }

    private static Path single(String codec) throws IOException {
        try (var files = Files.list(FIXTURES.resolve("single-" + codec))) {
            return files.filter(p -> p.getFileName().toString().endsWith("." + codec)).findFirst().orElseThrow();
        }
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name), bytes);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    private static int indexOf(byte[] bytes, String text) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = all.indexOf(text);
        if (at < 0) {
            throw new IllegalStateException("the fixture has no " + text);
        }
        return at;
    }

    /** A SQL execution whose physical plan nests {@code depth} operators, each the only child of the one above. */
    static String deepPlan(int depth) {
        StringBuilder plan = new StringBuilder(depth * 80);
        plan.append("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\","
                + "\"executionId\":9999,\"rootExecutionId\":9999,\"description\":\"deep\",\"details\":\"\","
                + "\"physicalPlanDescription\":\"\",\"sparkPlanInfo\":");
        for (int i = 0; i < depth; i++) {
            plan.append("{\"nodeName\":\"Project\",\"simpleString\":\"Project\",\"children\":[");
        }
        plan.append("{\"nodeName\":\"Scan\",\"simpleString\":\"Scan\",\"children\":[],\"metadata\":{},"
                + "\"metrics\":[]}");
        for (int i = 0; i < depth; i++) {
            plan.append("],\"metadata\":{},\"metrics\":[]}");
        }
        plan.append(",\"time\":1795251240000,\"modifiedConfigs\":{},\"jobTags\":[]}");
        return plan.toString();
    }

    /** Writes the corpus into the directory named and lists its cases: {@code scripts/make-hostile-corpus.sh}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HostileCorpus DIRECTORY");
            System.exit(ExitCode.USAGE);
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        for (Case c : write(directory, true)) {
            System.out.println(c.name() + "\texit " + c.exits() + "\tstderr /" + c.stderr() + "/"
                    + (c.needsReaderFix() ? "\tneeds-reader-fix" : "") + "\t" + String.join(" ", c.args()));
        }
    }
}
