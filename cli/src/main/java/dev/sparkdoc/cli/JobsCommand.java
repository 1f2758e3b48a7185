package dev.sparkdoc.cli;

import dev.sparkdoc.samples.jobs.JobLauncher;
import dev.sparkdoc.samples.jobs.JobRequest;
import dev.sparkdoc.samples.jobs.JobRun;
import dev.sparkdoc.samples.jobs.ReferenceJob;
import dev.sparkdoc.samples.jobs.ReferenceJobs;
import dev.sparkdoc.samples.jobs.SkewedJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc jobs list|run}: the reference Spark jobs, each planting one known problem. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "Lists and runs the reference Spark jobs (local mode), each planting one known problem.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.RunJob.class})
final class JobsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The job named {@code name}, or a usage error naming the known jobs. */
    static Optional<ReferenceJob> find(String name, PrintWriter err) {
        Optional<ReferenceJob> job = ReferenceJobs.find(name);
        if (job.isEmpty()) {
            err.println("sparkdoc: unknown job '" + name + "'; known jobs: " + ReferenceJobs.names()
                    + " (see 'sparkdoc jobs list')");
        }
        return job;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the reference jobs.")
    static final class ListJobs implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-20s %-17s %s%n", "NAME", "PLANTED RULE", "DESCRIPTION");
            for (ReferenceJob job : ReferenceJobs.all()) {
                String plants = job.plantedRule().orElse("none");
                out.printf("%-20s %-17s %s%n", job.name(), plants, job.description());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs one reference job in local mode in its own JVM, with event logging on.",
                "Prints the event log's path, ready for 'sparkdoc analyze'."})
    static final class RunJob implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "The job (see 'sparkdoc jobs list').")
        String name;

        @Option(names = "--event-log-dir", paramLabel = "DIR", defaultValue = "spark-events",
                description = "Where Spark writes the event log (default: ${DEFAULT-VALUE}).")
        Path eventLogDir;

        @Option(names = "--salt", paramLabel = "N",
                description = "Run the salted rewrite with N buckets (skewed jobs only).")
        Integer salt;

        @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "zstd",
                description = "Event log codec: none, lz4, lzf, snappy, zstd (default: ${DEFAULT-VALUE}).")
        String codec;

        @Option(names = "--rolling", description = "Write a rolling eventlog_v2_* directory.")
        boolean rolling;

        @Option(names = "--conf", paramLabel = "KEY=VALUE",
                description = "A Spark setting over the job's own (repeatable): a second run of the job with another"
                        + " configuration, for 'sparkdoc compare'.")
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<ReferenceJob> found = find(name, err);
            if (found.isEmpty()) {
                return ExitCode.USAGE;
            }
            ReferenceJob job = found.get();
            if (!JobRequest.CODECS.contains(codec)) {
                err.println("sparkdoc: unknown codec '" + codec + "'; use one of " + String.join(", ", JobRequest.CODECS));
                return ExitCode.USAGE;
            }
            for (String key : conf.keySet()) {
                if (!key.startsWith("spark.")) {
                    err.println("sparkdoc: --conf " + key + ": not a Spark setting; give spark.KEY=VALUE");
                    return ExitCode.USAGE;
                }
            }
            JobRequest request = new JobRequest(job.name(), eventLogDir, Optional.empty(), codec, rolling, conf);
            if (salt != null) {
                if (!(job instanceof SkewedJob skewed)) {
                    err.println("sparkdoc: job '" + job.name() + "' has no salted variant; --salt works with "
                            + String.join(", ", ReferenceJobs.skewed().stream().map(ReferenceJob::name).toList()));
                    return ExitCode.USAGE;
                }
                if (salt < 1) {
                    err.println("sparkdoc: --salt must be at least 1, not " + salt);
                    return ExitCode.USAGE;
                }
                request = request.salted(skewed.skewKey(), salt);
            }
            err.println("sparkdoc: running " + job.name() + (salt != null ? " salted over " + salt + " buckets" : "")
                    + " (" + job.description() + ")...");
            err.flush();
            JobRun run = JobLauncher.run(request);
            out.println("job          " + job.name() + (salt != null ? " (salted, " + salt + " buckets)" : "")
                    + (conf.isEmpty() ? "" : " with " + conf.entrySet().stream().map(e -> e.getKey() + "="
                            + e.getValue()).collect(java.util.stream.Collectors.joining(", "))));
            out.println("application  " + run.applicationId());
            out.println("event log    " + run.eventLog());
            out.println("job time     " + dev.sparkdoc.quantity.Formats.millis(run.actionMillis()) + " (JVM "
                    + dev.sparkdoc.quantity.Formats.millis(run.processMillis()) + ")");
            out.println("result       " + run.digest().rows() + " rows, digest " + run.digest().format());
            out.println();
            out.println("Next: sparkdoc analyze " + run.eventLog());
            out.flush();
            return ExitCode.OK;
        }
    }
}
