package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.samples.jobs.ReferenceJob;
import dev.sparkdoc.samples.jobs.ReferenceJobs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sparkdoc-VERSION.tar.gz as a new user gets it: unpacked into an empty directory outside the repository and run
 * from another directory, with a PATH that holds the few programs the launcher uses and Java, and no Maven. Both
 * tarballs: the one with lib/spark/ and sparkdoc-VERSION-no-spark.tar.gz, which proves every command but jobs and
 * salt runs without Spark, and that those find Spark in lib/spark/ or SPARK_HOME. In the package dev.sparkdoc.cli for
 * cli's tmux helper.
 */
class DistributionTest {

    private static final Path TARBALL = Path.of(System.getProperty("sparkdoc.distribution", "missing"));
    private static final Path NO_SPARK = Path.of(System.getProperty("sparkdoc.distributionNoSpark", "missing"));
    private static final String VERSION = System.getProperty("sparkdoc.version");
    private static final String TOP = "sparkdoc-" + VERSION;
    /**
     * What the launcher runs besides java: bash (its interpreter, found by env), dirname, readlink, sed, head; mkdir,
     * mv and rm to make its start-up archive.
     */
    private static final List<String> TOOLS = List.of("bash", "sh", "dirname", "readlink", "sed", "head", "sleep",
            "mkdir", "mv", "rm");

    private static Path root;
    /** As shipped. */
    private static Path full;
    /** sparkdoc-VERSION-no-spark.tar.gz: no lib/spark/. */
    private static Path slim;
    /** An installed Spark as the launcher sees one: jars/ (here: the shipped lib/spark/). */
    private static Path sparkHome;
    private static Path work;
    private static Path home;
    private static String path;

    @BeforeAll
    static void unpack() throws Exception {
        for (Path tarball : List.of(TARBALL, NO_SPARK)) {
            assertTrue(Files.isRegularFile(tarball), tarball + " is missing: it is built by 'mvn package'");
        }
        root = Files.createTempDirectory("sparkdoc-dist-").toRealPath();
        Path repo = Path.of(System.getProperty("sparkdoc.repoRoot")).toRealPath();
        assertFalse(root.startsWith(repo), root + " is inside the repository " + repo);
        full = unpack(TARBALL, root.resolve("full"));
        slim = unpack(NO_SPARK, root.resolve("slim"));
        sparkHome = Files.createDirectories(root.resolve("spark-home"));
        Files.createSymbolicLink(sparkHome.resolve("jars"), full.resolve("lib/spark"));
        work = Files.createDirectories(root.resolve("work"));
        home = Files.createDirectories(root.resolve("home"));
        Path tools = Files.createDirectories(root.resolve("tools"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(tools.resolve(tool), onThisPath(tool));
        }
        path = tools + File.pathSeparator + Path.of(System.getProperty("java.home"), "bin");
    }

    private static Path unpack(Path tarball, Path into) throws Exception {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tar.waitFor(5, TimeUnit.MINUTES) && tar.exitValue() == 0, "tar failed: " + output);
        try (Stream<Path> top = Files.list(into)) {
            assertEquals(List.of(TOP), top.map(p -> p.getFileName().toString()).toList(),
                    "the tarball holds one directory, " + TOP);
        }
        return into.resolve(TOP);
    }

    @AfterAll
    static void delete() throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void holdsTheLauncherDocsSamplesListenerAndLicencesAndNoBuildLeftovers() throws IOException {
        assertTrue(Files.isExecutable(full.resolve("bin/sparkdoc")));
        for (String file : List.of("README.md", "THIRD-PARTY.txt", "docs/architecture.md", "docs/rules/README.md",
                "samples/skewed-aggregation", "samples/README.md", "lib/spark-java-opens",
                "listener/sparkdoc-listener-" + VERSION + ".jar")) {
            assertTrue(Files.isRegularFile(full.resolve(file)), file + " is missing");
        }
        assertTrue(Files.readString(full.resolve("lib/spark-java-opens")).startsWith("--add-opens="),
                "the Spark module openings were not filled in by the build");
        try (Stream<Path> files = Files.walk(full)) {
            List<String> leftovers = files.map(file -> full.relativize(file).toString())
                    .filter(name -> name.endsWith("-tests.jar") || name.contains("test-classes")
                            || Arrays.asList(name.split("/")).contains("target")
                            || Arrays.asList(name.split("/")).contains("shared") || name.startsWith("samples/expected"))
                    .toList();
            assertEquals(List.of(), leftovers, "test jars, build directories or test data in the tarball");
        }
    }

    @Test
    void libAndLibSparkAreTheCommandsClassPathSplitInTwoWithNoSparkInLib() throws IOException {
        Set<String> lib = jars(full.resolve("lib"));
        Set<String> spark = jars(full.resolve("lib/spark"));
        Set<String> both = new TreeSet<>(lib);
        both.retainAll(spark);
        assertEquals(Set.of(), both, "jars in both lib/ and lib/spark/");
        List<String> sparkInLib = lib.stream()
                .filter(jar -> jar.startsWith("spark-") || jar.startsWith("scala-") || jar.startsWith("hadoop-"))
                .toList();
        assertEquals(List.of(), sparkInLib, "Spark on the class path of the commands that never start it");
        assertTrue(spark.stream().anyMatch(jar -> jar.startsWith("spark-core_")), "no spark-core in lib/spark: " + spark);

        Set<String> cli = new TreeSet<>();
        for (String entry : Files.readString(Path.of(System.getProperty("sparkdoc.cliClasspath"))).trim().split(":")) {
            cli.add(Path.of(entry).getFileName().toString());
        }
        cli.add("sparkdoc-cli-" + VERSION + ".jar");
        Set<String> shipped = new TreeSet<>(lib);
        shipped.addAll(spark);
        assertEquals(cli, shipped, "lib/ and lib/spark/ together differ from cli's own class path (the one"
                + " ./sparkdoc and cli's tests run with)");

        assertEquals(lib, jars(slim.resolve("lib")), "the no-spark tarball's lib/ differs");
        assertEquals(lib, classpathFile(full.resolve("lib/sparkdoc.classpath"), "lib/"));
        assertEquals(spark, classpathFile(full.resolve("lib/spark/spark.classpath"), "lib/spark/"));

        // THIRD-PARTY.txt: "(licence) name (group:artifact:version - url)" for every bundled jar but sparkdoc's own.
        String thirdParty = Files.readString(full.resolve("THIRD-PARTY.txt"));
        Matcher listed = Pattern.compile("\\(([^:()\\s]+):([^:()\\s]+):([^:()\\s]+) - ").matcher(thirdParty);
        Set<String> named = new TreeSet<>();
        while (listed.find()) {
            assertFalse(listed.group(1).equals("dev.sparkdoc"), "THIRD-PARTY.txt lists sparkdoc itself");
            named.add(listed.group(2) + "-" + listed.group(3));
        }
        List<String> unlisted = shipped.stream().filter(jar -> !jar.startsWith("sparkdoc-"))
                .filter(jar -> named.stream().noneMatch(prefix -> jar.startsWith(prefix + ".")
                        || jar.startsWith(prefix + "-")))
                .toList();
        assertEquals(List.of(), unlisted, "bundled jars missing from THIRD-PARTY.txt");
    }

    @Test
    void noMavenOnTheTestsPath() throws Exception {
        assertFalse(slim.resolve("lib/spark").toFile().exists());
        String bash = root.resolve("tools/bash").toString();
        Result mvn = run(work, Map.of(), bash, "-c", "command -v mvn");
        assertEquals(1, mvn.exit, "mvn is reachable: " + mvn.out);
        Result java = run(work, Map.of(), bash, "-c", "command -v java");
        assertEquals(0, java.exit, java.err);
    }

    @Test
    void analyzeRunsWithoutSparkFromAnyDirectoryAndTheReadmeSampleIsItsOutput() throws Exception {
        Result analyze = sparkdoc(slim, Map.of(), "analyze", slim.resolve("samples/skewed-aggregation").toString());
        assertEquals(ExitCode.OK, analyze.exit, analyze.err);
        assertTrue(analyze.out.contains("CRITICAL data-skew  stage 1.0"), analyze.out);
        assertEquals("", analyze.err);

        // README.md's sample: every line it shows is a line of this output.
        String readme = Files.readString(slim.resolve("README.md"));
        int marker = readme.indexOf("<!-- sample output:");
        assertTrue(marker >= 0, "README.md has no '<!-- sample output:' block");
        int start = readme.indexOf("```text\n", marker) + "```text\n".length();
        String sample = readme.substring(start, readme.indexOf("```", start));
        Set<String> lines = analyze.out.lines().map(String::stripTrailing).collect(Collectors.toSet());
        int checked = 0;
        for (String line : sample.lines().toList()) {
            if (line.startsWith("$ ") || line.strip().equals("...") || line.isBlank()) {
                continue;
            }
            assertTrue(lines.contains(line.stripTrailing()), "README.md's sample output shows a line that 'sparkdoc"
                    + " analyze samples/skewed-aggregation' no longer prints; copy the new output in:\n" + line);
            checked++;
        }
        assertTrue(checked >= 5, "README.md's sample is almost empty");
    }

    @Test
    void alertsExportWritesPrometheusRulesWithoutSpark() throws Exception {
        Result alerts = sparkdoc(slim, Map.of(), "alerts", "export");
        assertEquals(ExitCode.OK, alerts.exit, alerts.err);
        JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(alerts.out).path("groups");
        assertTrue(groups.isArray() && groups.size() > 0, alerts.out);
        int rules = 0;
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                assertFalse(rule.path("alert").asText().isEmpty(), rule.toString());
                assertFalse(rule.path("expr").asText().isEmpty(), rule.toString());
                rules++;
            }
        }
        assertTrue(rules > 0, alerts.out);
    }

    @Test
    void rulesListShowsTheWholeCatalogWithoutSpark() throws Exception {
        Result list = sparkdoc(slim, Map.of(), "rules", "list");
        assertEquals(ExitCode.OK, list.exit, list.err);
        Set<String> ids = list.out.lines().skip(1).map(line -> line.split("\\s+")[0]).collect(Collectors.toSet());
        for (Rule rule : RuleCatalog.builtIn().everyRule()) {
            assertTrue(ids.contains(rule.id()), rule.id() + " is not listed:\n" + list.out);
        }
    }

    @Test
    void listenerConfNamesTheShippedListenerJar() throws Exception {
        Result conf = sparkdoc(slim, Map.of(), "listener", "conf");
        assertEquals(ExitCode.OK, conf.exit, conf.err);
        assertTrue(conf.out.contains("--jars " + slim.resolve("listener/sparkdoc-listener-" + VERSION + ".jar")),
                conf.out);
    }

    @Test
    void sparkCommandsSayInOneLineThatSparkIsMissing() throws Exception {
        Result none = sparkdoc(slim, Map.of(), "jobs", "list");
        assertEquals(ExitCode.BAD_INPUT, none.exit);
        assertEquals("", none.out);
        assertEquals(1, none.err.lines().count(), none.err);
        assertTrue(none.err.startsWith("sparkdoc: 'sparkdoc jobs' runs Spark") && none.err.contains("SPARK_HOME"),
                none.err);

        Result wrong = sparkdoc(slim, Map.of("SPARK_HOME", root.resolve("no-spark").toString()), "salt",
                "skewed-join");
        assertEquals(ExitCode.BAD_INPUT, wrong.exit);
        assertEquals(1, wrong.err.lines().count(), wrong.err);
        assertTrue(wrong.err.contains("no-spark, which has no jars/ directory"), wrong.err);
    }

    @Test
    void sparkCommandsFindSparkInSparkHome() throws Exception {
        assertJobsListed(sparkdoc(slim, Map.of("SPARK_HOME", sparkHome.toString()), "jobs", "list"));
    }

    @Test
    void sparkCommandsFindTheShippedSpark() throws Exception {
        assertJobsListed(sparkdoc(full, Map.of(), "jobs", "list"));
    }

    @Test
    void versionRunsWithNoSparkAnywhere() throws Exception {
        // the no-spark tarball, no SPARK_HOME, no SPARKDOC_CLASSPATH (run() clears the environment)
        assertFalse(Files.exists(slim.resolve("lib/spark")));
        Result version = sparkdoc(slim, Map.of(), "--version");
        assertEquals(ExitCode.OK, version.exit, version.err);
        assertTrue(version.out.startsWith("sparkdoc " + VERSION + "\n"), version.out);
        assertEquals("", version.err);
    }

    @Test
    void theStartUpArchiveIsRecordedOnFirstUseAndMapsTheCommandsClasses() throws Exception {
        Path install = copyOf(slim, "archive");
        Path classes = root.resolve("archive-classes.txt");
        // on by default: no SPARKDOC_CDS (run() starts from an empty environment)
        Result first = sparkdoc(install, Map.of(), "rules", "list");
        assertEquals(ExitCode.OK, first.exit, first.err);
        assertEquals("", first.err);
        assertEquals(1, archives(install).size(), "lib/cds/ after the first run: " + archives(install));

        Result analyze = sparkdoc(install, Map.of("SPARKDOC_OPTS",
                "-Xlog:class+load:file=" + classes), "analyze",
                install.resolve("samples/skewed-aggregation").toString());
        assertEquals(ExitCode.OK, analyze.exit, analyze.err);
        assertEquals("", analyze.err);
        // the JVM names where each class came from; sparkdoc's own classes can only come from the archive made on
        // first use (the JDK's own archive holds none)
        List<String> fromArchive = Files.readAllLines(classes).stream()
                .filter(line -> line.contains("source: shared objects file")).toList();
        assertTrue(fromArchive.stream().anyMatch(line -> line.contains(" dev.sparkdoc.cli.AnalyzeCommand ")),
                "AnalyzeCommand is not mapped from the archive: " + fromArchive.size() + " classes are");
        assertTrue(fromArchive.stream().anyMatch(line -> line.contains(" dev.sparkdoc.eventlog.EventLineParser ")),
                "the event-line parser is not mapped from the archive");
    }

    @Test
    void analyzeSaysTheSameWithAndWithoutTheArchiveAndAStaleOneIsIgnoredSilently() throws Exception {
        Path install = copyOf(slim, "same");
        String log = install.resolve("samples/skewed-aggregation").toString();
        assertEquals(ExitCode.OK, sparkdoc(install, Map.of("SPARKDOC_CDS", "off"), "--version").exit);
        assertTrue(archives(install).isEmpty(), "an archive was recorded with SPARKDOC_CDS=off");
        for (String format : List.of("text", "json")) {
            Result without = sparkdoc(install, Map.of("SPARKDOC_CDS", "off"), "analyze", log, "-o", format);
            assertEquals(ExitCode.OK, without.exit, without.err);
            Result with = sparkdoc(install, Map.of(), "analyze", log, "-o", format);
            assertEquals(1, archives(install).size());
            assertEquals(without, with, format);
        }
        // an archive that no longer fits (here: not an archive at all) is ignored, and nothing says so on stdout
        Files.writeString(archives(install).get(0), "not a class-data archive");
        Result stale = sparkdoc(install, Map.of(), "analyze", log, "-o", "json");
        Result without = sparkdoc(install, Map.of("SPARKDOC_CDS", "off"), "analyze", log, "-o", "json");
        assertEquals(without, stale);
    }

    /**
     * An archive that cannot be recorded (here: the sample the training reads is damaged) costs one line on standard
     * error, naming the file that says why, and is not tried on every run; once sparkdoc changes (another class
     * path), it is tried again, and an archive made for another class path is made anew.
     */
    @Test
    void aStartUpArchiveThatCannotBeRecordedSaysWhereWhyOnceAndIsTriedAgainWhenSparkdocChanges() throws Exception {
        Path install = copyOf(slim, "archive-failure");
        Path sample = install.resolve("samples/skewed-aggregation");
        byte[] good = Files.readAllBytes(sample);
        Files.writeString(sample, "not an event log\n");

        Result first = sparkdoc(install, Map.of(), "--version");
        assertEquals(ExitCode.OK, first.exit, first.err);
        assertTrue(first.out.startsWith("sparkdoc " + VERSION + "\n"), first.out);
        assertEquals(1, first.err.lines().count(), first.err);
        assertTrue(first.err.startsWith("sparkdoc: could not record the start-up archive"), first.err);
        Path failed = Path.of(first.err.replaceAll("(?s).*why: (\\S+\\.failed) .*", "$1"));
        assertTrue(Files.isRegularFile(failed), "the file the message names: " + failed + " in " + first.err);
        assertTrue(Files.readString(failed).contains("while recording the start-up archive"),
                "the training's own message: " + Files.readString(failed));
        assertTrue(archives(install).isEmpty());

        Result second = sparkdoc(install, Map.of(), "--version");
        assertEquals(first.out, second.out);
        assertEquals("", second.err, "tried again on the next run");

        // sparkdoc upgraded in place: another class path (here the same jars, named another way)
        Files.write(sample, good);
        Path classpathFile = install.resolve("lib/sparkdoc.classpath");
        String classpath = Files.readString(classpathFile).strip();
        String upgraded = "./" + classpath.replace(":lib/", ":./lib/");
        Files.writeString(classpathFile, upgraded + "\n");
        Result afterUpgrade = sparkdoc(install, Map.of(), "--version");
        assertEquals(first.out, afterUpgrade.out);
        assertEquals("", afterUpgrade.err);
        assertEquals(1, archives(install).size(), "lib/cds/ after the upgrade: " + archives(install));
        assertTrue(Files.notExists(failed), "the failure of the earlier class path is still there");
        Path record = Path.of(archives(install).get(0) + ".classpath");
        assertTrue(Files.readString(record).contains("/./lib/"), "recorded for: " + Files.readString(record));

        // and back: the archive of the other class path is made anew, not mapped for this one
        Files.writeString(classpathFile, classpath + "\n");
        Result back = sparkdoc(install, Map.of(), "analyze", sample.toString(), "-o", "json");
        assertEquals("", back.err);
        assertTrue(!Files.readString(record).contains("/./lib/"), "recorded for: " + Files.readString(record));
        assertEquals(sparkdoc(install, Map.of("SPARKDOC_CDS", "off"), "analyze", sample.toString(), "-o", "json"), back);
    }

    /** The start-up archives an installation holds (bin/sparkdoc records one per Java in lib/cds/). */
    private static List<Path> archives(Path install) throws IOException {
        Path cds = install.resolve("lib/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    /** A second installation of {@code install}'s files, for a test that changes it. */
    private static Path copyOf(Path install, String name) throws IOException {
        Path copy = root.resolve(name).resolve(TOP);
        try (Stream<Path> files = Files.walk(install)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(install.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> cds = Files.walk(copy)) {
            // an archive the original recorded is not this copy's (Java 17 ties it to the jars' paths)
            for (Path file : cds.filter(f -> f.toString().contains("/lib/cds")).sorted(Comparator.reverseOrder())
                    .toList()) {
                Files.delete(file);
            }
        }
        return copy;
    }

    /** 'jobs list' loads the reference jobs' classes, which need Spark's (NoClassDefFoundError without them). */
    private static void assertJobsListed(Result list) {
        assertEquals(ExitCode.OK, list.exit, list.err);
        for (ReferenceJob job : ReferenceJobs.all()) {
            assertTrue(list.out.contains(job.name()), job.name() + " is not listed:\n" + list.out);
        }
    }

    @Test
    void shellRunsWithoutSparkInATerminal() throws Exception {
        String tmux = TestTools.require("tmux").toString();
        Path script = root.resolve("shell.sh");
        Files.writeString(script, "#!/bin/sh\n# Ctrl-C is for sparkdoc, not for this script\ntrap : INT\n"
                + "PATH=" + TestTools.quote(path) + "\nexport PATH\nHOME=" + TestTools.quote(home.toString())
                + "\nexport HOME\nunset JAVA_HOME SPARK_HOME SPARKDOC_OPTS\ncd " + TestTools.quote(work.toString())
                + "\n" + TestTools.quote(slim.resolve("bin/sparkdoc").toString()) + " shell --history "
                + TestTools.quote(home.resolve("history").toString()) + " "
                + TestTools.quote(slim.resolve("samples/skewed-aggregation").toString()) + "\necho EXIT=$?\nsleep 600\n");
        String prompt = ShellCommand.PROMPT.trim();
        try (Tmux terminal = Tmux.start(tmux, "sh " + TestTools.quote(script.toString()), 160, 50)) {
            terminal.waitFor(screen -> screen.endsWith(prompt), "the prompt", Duration.ofSeconds(60));
            terminal.type("stages --sort skew");
            terminal.keys("Enter");
            terminal.waitFor(screen -> screen.contains("SKEW is the slowest task over the median")
                    && screen.endsWith(prompt), "the stages table", Duration.ofSeconds(30));
            terminal.keys("exit", "Enter");
            terminal.waitFor("EXIT=0");
        }
        assertTrue(Files.readString(home.resolve("history")).contains("stages --sort skew"));
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result sparkdoc(Path install, Map<String, String> environment, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(install.resolve("bin/sparkdoc").toString());
        command.addAll(Arrays.asList(arguments));
        return run(work, environment, command.toArray(new String[0]));
    }

    /** Runs {@code command} in {@code directory} with only PATH, HOME and {@code environment} set. */
    private static Result run(Path directory, Map<String, String> environment, String... command) throws Exception {
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(new HashMap<>(Map.of("PATH", path, "HOME", home.toString())));
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end; its output:\n" + Files.readString(out)
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Set<String> jars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> classpathFile(Path file, String prefix) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String entry : Files.readString(file).trim().split(":")) {
            assertTrue(entry.startsWith(prefix), file + ": " + entry);
            names.add(entry.substring(prefix.length()));
        }
        return names;
    }

    private static Path onThisPath(String program) {
        for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not on this test's PATH");
    }
}
