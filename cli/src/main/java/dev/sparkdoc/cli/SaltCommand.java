package dev.sparkdoc.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.samples.jobs.ReferenceJob;
import dev.sparkdoc.samples.jobs.ReferenceJobs;
import dev.sparkdoc.samples.jobs.SkewedJob;
import dev.sparkdoc.samples.salting.SaltExperiment;
import dev.sparkdoc.samples.salting.SaltPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc salt NAME}: runs a skewed reference job plain and salted, and shows what salting changed. */
@Command(
        name = "salt",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a skewed reference job plain and salted (each in local mode in its own JVM), checks both give "
            + "the same rows, analyzes both event logs and prints the skewed stage before and after.",
            "Without --buckets, key and bucket count are those the plain run's data-skew advice names."
        })
final class SaltCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    @Parameters(paramLabel = "NAME", description = "A skewed job: skewed-aggregation or skewed-join.")
    String name;

    @Option(names = "--buckets", paramLabel = "N",
            description = "Salt buckets (default: what the data-skew advice for the plain run says).")
    Integer buckets;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--event-log-dir", paramLabel = "DIR",
            description = "Where the two event logs go (default: a new temporary directory).")
    Path eventLogDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException, EventLogException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ReferenceJob> found = JobsCommand.find(name, err);
        if (found.isEmpty()) {
            return ExitCode.USAGE;
        }
        if (!(found.get() instanceof SkewedJob job)) {
            err.println("sparkdoc: job '" + name + "' plants no skew to salt; salt one of "
                    + String.join(", ", ReferenceJobs.skewed().stream().map(ReferenceJob::name).toList()));
            return ExitCode.USAGE;
        }
        if (buckets != null && buckets < 1) {
            err.println("sparkdoc: --buckets must be at least 1, not " + buckets);
            return ExitCode.USAGE;
        }
        Path dir = eventLogDir != null ? eventLogDir : Files.createTempDirectory("sparkdoc-salt-");
        err.println("sparkdoc: running " + job.name() + " plain, then salted (about a minute)...");
        err.flush();
        SaltExperiment.Report report;
        try {
            report = SaltExperiment.run(job, dir, buckets == null ? OptionalInt.empty() : OptionalInt.of(buckets));
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        }
        if (format == Format.json) {
            out.print(json(report));
        } else {
            text(report, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void text(SaltExperiment.Report report, PrintWriter out) {
        SaltExperiment.RunSummary before = report.before();
        SaltExperiment.RunSummary after = report.after();
        out.println("Salting " + report.job() + ": key " + report.key() + " over " + report.buckets() + " buckets"
                + (report.bucketsFromAdvice() ? " (the data-skew advice's count)" : " (--buckets)"));
        report.advice().ifPresent(advice -> out.println("Advice       " + advice.adviceSummary()));
        out.println("Results      " + (report.identicalResults() ? "identical" : "DIFFERENT") + " ("
                + report.resultRows() + " rows, compared order-insensitively)");
        out.println();
        out.printf("%-34s %18s %18s%n", "", "before", "after");
        out.printf("%-34s %18s %18s%n", "skewed stage", shortStage(before.stage()), shortStage(after.stage()));
        out.printf("%-34s %18s %18s%n", "task duration max / median",
                Formats.millis(before.durationMaxMillis()) + " / " + Formats.millis(before.durationMedianMillis()),
                Formats.millis(after.durationMaxMillis()) + " / " + Formats.millis(after.durationMedianMillis()));
        out.printf("%-34s %18s %18s%n", "task duration max/median", ratio(before.durationRatio()),
                ratio(after.durationRatio()));
        out.printf("%-34s %18s %18s%n", "shuffle read max / median",
                Formats.bytes(before.shuffleReadMaxBytes()) + " / " + Formats.bytes(before.shuffleReadMedianBytes()),
                Formats.bytes(after.shuffleReadMaxBytes()) + " / " + Formats.bytes(after.shuffleReadMedianBytes()));
        out.printf("%-34s %18s %18s%n", "shuffle read max/median", ratio(before.shuffleReadRatio()),
                ratio(after.shuffleReadRatio()));
        out.printf("%-34s %18s %18s%n", "job wall time", Formats.millis(before.wallMillis()),
                Formats.millis(after.wallMillis()));
        out.printf("%-34s %18s %18s%n", "data-skew finding", finding(before), finding(after));
        out.println();
        out.println("Event logs   before: " + before.eventLog());
        out.println("             after:  " + after.eventLog());
        out.println(report.dataSkewGone() ? "The data-skew finding is gone after salting."
                : before.dataSkewFindings().isEmpty() ? "The plain run had no data-skew finding."
                        : "The data-skew finding is still there after salting.");
    }

    private static String shortStage(String stage) {
        int space = stage.indexOf(" (");
        return space < 0 ? stage : stage.substring(0, space);
    }

    private static String finding(SaltExperiment.RunSummary run) {
        return run.worstSeverity().map(severity -> severity.name().toLowerCase(Locale.ROOT)).orElse("none");
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1fx", value);
    }

    static String json(SaltExperiment.Report report) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("schema", "sparkdoc.salt/v1");
            json.writeStringField("job", report.job());
            json.writeStringField("key", report.key());
            json.writeNumberField("buckets", report.buckets());
            json.writeStringField("bucketsSource", report.bucketsFromAdvice() ? "advice" : "option");
            if (report.advice().isPresent()) {
                SaltPlan advice = report.advice().get();
                json.writeObjectFieldStart("advice");
                json.writeStringField("key", advice.key());
                json.writeNumberField("buckets", advice.buckets());
                json.writeStringField("metric", advice.metric());
                json.writeNumberField("ratio", advice.ratio());
                json.writeStringField("summary", advice.adviceSummary());
                json.writeEndObject();
            } else {
                json.writeNullField("advice");
            }
            json.writeBooleanField("identicalResults", report.identicalResults());
            json.writeNumberField("resultRows", report.resultRows());
            run(json, "before", report.before());
            run(json, "after", report.after());
            json.writeObjectFieldStart("ratios");
            pair(json, "shuffleReadMaxOverMedian", report.before().shuffleReadRatio(),
                    report.after().shuffleReadRatio());
            pair(json, "taskDurationMaxOverMedian", report.before().durationRatio(), report.after().durationRatio());
            json.writeEndObject();
            json.writeBooleanField("dataSkewGone", report.dataSkewGone());
            json.writeEndObject();
        }
        return buffer.toString(StandardCharsets.UTF_8) + System.lineSeparator();
    }

    private static void run(JsonGenerator json, String name, SaltExperiment.RunSummary run) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("eventLog", run.eventLog().toString());
        json.writeStringField("stage", run.stage());
        json.writeNumberField("taskDurationMaxMillis", run.durationMaxMillis());
        json.writeNumberField("taskDurationMedianMillis", run.durationMedianMillis());
        json.writeNumberField("taskDurationMaxOverMedian", round(run.durationRatio()));
        json.writeNumberField("shuffleReadMaxBytes", run.shuffleReadMaxBytes());
        json.writeNumberField("shuffleReadMedianBytes", run.shuffleReadMedianBytes());
        json.writeNumberField("shuffleReadMaxOverMedian", round(run.shuffleReadRatio()));
        json.writeNumberField("wallTimeMillis", run.wallMillis());
        json.writeBooleanField("dataSkewFinding", !run.dataSkewFindings().isEmpty());
        if (run.worstSeverity().isPresent()) {
            json.writeStringField("dataSkewSeverity", run.worstSeverity().get().name().toLowerCase(Locale.ROOT));
        } else {
            json.writeNullField("dataSkewSeverity");
        }
        json.writeEndObject();
    }

    private static void pair(JsonGenerator json, String name, double before, double after) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("before", round(before));
        json.writeNumberField("after", round(after));
        json.writeEndObject();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
