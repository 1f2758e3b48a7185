package dev.sparkdoc.cli.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.cli.ExitCode;
import dev.sparkdoc.cli.FailOnOption;
import dev.sparkdoc.cli.RulesOption;
import dev.sparkdoc.report.FindingsText;
import dev.sparkdoc.report.TextLayout;
import dev.sparkdoc.diagnosis.Advisor;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.rules.RuleSettings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkdoc diagnose APP}: the Kubernetes-level causes of an application's trouble, each with its fix, and,
 * with {@code --event-log}, the event log's findings joined in, all advice merged into one configuration set.
 */
@Command(
        name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {"Finds why a Spark application on Kubernetes is in trouble: containers OOMKilled, heap "
            + "exhaustion, memory overhead too small, pods the scheduler cannot place, image pull errors, crash loops, "
            + "config errors, evictions, a failed driver; each with its fix. Each cause is a rule of the catalog "
            + "('sparkdoc rules list'), disabled or tuned with --rules FILE. With --event-log, the event log's "
            + "findings are joined in and all advice is merged into one consistent configuration set.",
            "APP is a SparkApplication name, a Spark application id, a driver pod name or spark-app-name."})
public final class DiagnoseCommand implements Callable<Integer> {

    @Mixin
    KubeOptions kube;

    @Parameters(paramLabel = "APP", description = "The application.")
    String app;

    @Option(names = "--event-log", paramLabel = "PATH",
            description = "The application's event log (file or rolling directory), to join its findings in.")
    String eventLog;

    enum Format {
        text,
        json,
        yaml
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    RulesOption rules;

    @Mixin
    FailOnOption failOn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSettings settings = rules.settings();
        Optional<AnalyzedLog> log = eventLog == null ? Optional.empty() : Optional.of(analyze(eventLog));
        try (KubeConnection connection = KubeConnection.open(kube)) {
            SparkApp found = SparkAppCatalog.load(connection, err).resolve(app, connection.scope(), err);
            AppDetails details = AppDetails.load(connection, found, err);
            Instant now = Instant.now();
            List<Finding> kubernetes = KubernetesCauses.find(details, log.map(AnalyzedLog::application), now,
                    settings);
            Optional<Diagnosis> logDiagnosis = log.map(l -> Diagnoser.diagnose(l.application(), settings));
            boolean matches = log.map(l -> l.application().application().id().equals(found.appId())).orElse(true);
            if (!matches) {
                err.println("sparkdoc: warning: the event log is of application "
                        + log.get().application().application().id().orElse("<unknown>") + ", not "
                        + found.appId().orElse(found.name()) + "; its findings are joined as given");
                err.flush();
            }
            List<Finding> all = new ArrayList<>(kubernetes);
            logDiagnosis.ifPresent(d -> all.addAll(d.findings()));
            all.sort(java.util.Comparator.comparing(Finding::severity).reversed());
            var advice = Advisor.advise(all);
            if (format == Format.text) {
                // fitted to the terminal, coloured and paged as analyze's report
                dev.sparkdoc.cli.TextOutput output = dev.sparkdoc.cli.TextOutput.of(spec);
                dev.sparkdoc.report.TextStyle style = output.style(false, false);
                output.show(out, page -> text(found, kubernetes, log, logDiagnosis, advice, page, style));
            } else {
                ObjectNode document = Output.object();
                document.put("apiVersion", Output.API_VERSION);
                document.put("kind", "SparkAppDiagnosis");
                document.set("application", GetCommand.appJson(found, now));
                document.set("findings", FindingsOutput.json(kubernetes));
                if (log.isPresent()) {
                    ObjectNode joined = document.putObject("eventLog");
                    joined.put("path", log.get().source().displayName());
                    GetCommand.putOptional(joined, "applicationId", log.get().application().application().id());
                    joined.put("applicationName", log.get().application().application().name());
                    joined.put("matchesApplication", matches);
                    joined.set("findings", FindingsOutput.json(logDiagnosis.get().findings()));
                } else {
                    document.putNull("eventLog");
                }
                document.set("advice", FindingsOutput.adviceJson(advice));
                Output.write(document, format == Format.yaml ? Output.Format.yaml : Output.Format.json, out);
            }
            out.flush();
            return failOn.exitCode(all, ExitCode.OK, err);
        }
    }

    private static AnalyzedLog analyze(String path) {
        try {
            List<EventLogSource> sources = EventLogLocator.locate(path);
            if (sources.size() != 1) {
                throw new KubernetesException("--event-log " + path + " holds " + sources.size()
                        + " event logs; name the one of this application");
            }
            return EventLogAnalysis.analyze(sources.get(0));
        } catch (EventLogException e) {
            throw new KubernetesException("--event-log: " + e.getMessage());
        }
    }

    private static void text(SparkApp app, List<Finding> kubernetes, Optional<AnalyzedLog> log,
            Optional<Diagnosis> logDiagnosis, dev.sparkdoc.diagnosis.Advice advice, PrintWriter out,
            dev.sparkdoc.report.TextStyle style) {
        int width = style.width();
        TextLayout.print(out, "Application " + app.name() + " (namespace " + app.namespace() + ", app id "
                + app.appId().orElse(Age.NONE) + ", " + app.source() + ", state " + app.state() + ")", "", "  ",
                width);
        out.println();
        TextLayout.print(out, "Kubernetes: " + (kubernetes.isEmpty() ? "no causes found in pods, events or the "
                + "SparkApplication" : FindingsOutput.counts(kubernetes)), "", "  ", width);
        FindingsOutput.text(kubernetes, out, style);
        if (log.isPresent()) {
            out.println();
            TextLayout.print(out, "Event log " + log.get().source().displayName() + " (application "
                    + log.get().application().application().id().orElse("<unknown>") + ", "
                    + log.get().application().application().name() + "): "
                    + FindingsOutput.counts(logDiagnosis.get().findings()), "", "  ", width);
            FindingsOutput.text(logDiagnosis.get().findings(), out, style);
        } else {
            out.println();
            TextLayout.print(out, "Event log: not read; pass --event-log PATH to join the run's own findings (skew,"
                    + " spill, GC, failed tasks).", "", "  ", width);
        }
        FindingsText.renderAdvice(advice, out, style);
    }
}
