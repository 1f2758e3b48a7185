package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc describe app NAME}: one application in detail, like kubectl describe. Read-only. */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = "Shows one Spark application on Kubernetes in detail, like kubectl describe.",
        subcommands = DescribeCommand.App.class)
public final class DescribeCommand implements Runnable {

    private static final int MAX_EVENTS = 25;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to describe: app NAME");
    }

    @Command(name = "app", aliases = {"apps", "application"}, mixinStandardHelpOptions = true,
            description = {"Pods with phase, restarts and last termination explained, memory requests and limits "
                + "against spark.executor.memory + overhead, nodes, recent events, the SparkApplication's spec and "
                + "status, and the driver UI service.",
                "NAME is a SparkApplication name, a Spark application id, a driver pod name or spark-app-name."})
    static final class App implements Callable<Integer> {
        @Mixin
        KubeOptions kube;

        @Parameters(paramLabel = "NAME", description = "The application.")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (KubeConnection connection = KubeConnection.open(kube)) {
                SparkApp app = SparkAppCatalog.load(connection, err).resolve(name, connection.scope(), err);
                AppDetails details = AppDetails.load(connection, app, err);
                describe(details, Instant.now(), out);
                out.flush();
                return 0;
            }
        }
    }

    static void describe(AppDetails details, Instant now, PrintWriter out) {
        SparkApp app = details.app();
        field(out, "Name", app.name());
        field(out, "Namespace", app.namespace());
        field(out, "Application ID", app.appId().orElse(Age.NONE));
        field(out, "Source", app.operator().map(operator -> operator.kind().operator + " (SparkApplication "
                + operator.kind().apiVersion() + ")").orElse("spark-submit (pods labelled by Spark)"));
        field(out, "State", app.state());
        app.operator().flatMap(OperatorApp::errorMessage).ifPresent(error -> field(out, "Error", error));
        field(out, "Spark version", app.sparkVersion().orElse(Age.NONE));
        field(out, "Created", app.createdAt().isEmpty() ? Age.NONE
                : app.createdAt() + " (" + Age.since(app.createdAt(), now) + " ago)");
        app.operator().flatMap(OperatorApp::executionAttempts).ifPresent(attempts -> field(out, "Attempts",
                attempts));
        field(out, "Driver UI", details.uiService().map(service -> "svc/" + service + "  (kubectl port-forward -n "
                + app.namespace() + " svc/" + service.replace(":", " ") + ":" + service.substring(service
                        .indexOf(':') + 1) + ")").orElse(Age.NONE));
        app.operator().flatMap(OperatorApp::webUiAddress).ifPresent(address -> field(out, "Driver UI address",
                address));
        field(out, "Executors", app.runningExecutors() + " running, " + app.pendingExecutors() + " pending, "
                + app.failedExecutors() + " failed");

        out.println();
        out.println("Pods:");
        Table pods = new Table("NAME", "ROLE", "ID", "PHASE", "STATUS", "RESTARTS", "NODE", "AGE");
        for (Pod pod : allPods(app)) {
            pods.add(pod.getMetadata().getName(), SparkLabels.label(pod, SparkLabels.ROLE).orElse(""),
                    SparkLabels.executorId(pod), SparkApp.phase(pod), PodStatus.status(pod),
                    PodStatus.restarts(pod, now), pod.getSpec() == null ? "" : pod.getSpec().getNodeName(),
                    Age.since(pod.getMetadata().getCreationTimestamp(), now));
        }
        for (Map.Entry<String, String> gone : new java.util.TreeMap<>(app.missingExecutors()).entrySet()) {
            pods.add(gone.getKey(), "executor", "", "", "Gone:" + gone.getValue(), "", "", "");
        }
        indent(pods, out);

        out.println();
        out.println("Terminations:");
        boolean anyTermination = false;
        for (Pod pod : allPods(app)) {
            String role = SparkLabels.isDriver(pod) ? "driver" : "executor";
            for (PodStatus.Termination termination : PodStatus.terminations(pod)) {
                anyTermination = true;
                ContainerExit exit = termination.exit();
                out.println("  " + pod.getMetadata().getName() + " [" + termination.container() + "]"
                        + (termination.previous() ? " before its last restart" : "") + ": " + exit.label()
                        + exit.finishedAt().map(time -> ", " + Age.since(time, now) + " ago").orElse(""));
                out.println("    " + exit.explanation(role));
            }
        }
        if (!anyTermination) {
            out.println("  " + Age.NONE);
        }

        out.println();
        out.println("Memory (container request and limit against the JVM heap):");
        Table memory = new Table("POD", "CONTAINER", "HEAP", "OVERHEAD", "REQUEST", "LIMIT", "NOTE");
        for (Pod pod : allPods(app)) {
            PodMemory m = PodMemory.of(pod);
            String note = "";
            if (m.overhead().isPresent() && m.heap().isPresent()) {
                long heap = m.heap().getAsLong();
                long sparkDefault = PodMemory.sparkDefaultOverhead(heap);
                long share = Math.round(100.0 * m.overhead().getAsLong() / heap);
                note = m.overhead().getAsLong() < sparkDefault
                        ? "overhead " + share + "% of heap, below Spark's default max(384Mi, 10%)"
                        : "overhead " + share + "% of heap";
            }
            memory.add(pod.getMetadata().getName(), m.container(),
                    m.heap().isPresent() ? PodMemory.mebibytes(m.heap().getAsLong()) : "",
                    m.overhead().isPresent() ? PodMemory.mebibytes(m.overhead().getAsLong()) : "",
                    m.request().isPresent() ? PodMemory.mebibytes(m.request().getAsLong()) : "",
                    m.limit().isPresent() ? PodMemory.mebibytes(m.limit().getAsLong()) : "", note);
        }
        indent(memory, out);
        app.operator().ifPresent(operator -> {
            Map<String, String> conf = operator.sparkConf();
            List<String> keys = new ArrayList<>();
            for (String key : List.of("spark.executor.memory", "spark.executor.memoryOverhead",
                    "spark.kubernetes.memoryOverheadFactor", "spark.driver.memory", "spark.driver.memoryOverhead")) {
                if (conf.containsKey(key)) {
                    keys.add(key + "=" + conf.get(key));
                }
            }
            if (!keys.isEmpty()) {
                out.println("  spec: " + String.join(", ", keys));
            }
        });

        out.println();
        out.println("Events:");
        List<Event> events = details.events();
        if (events.isEmpty()) {
            out.println("  " + Age.NONE);
        } else {
            Table table = new Table("TYPE", "REASON", "AGE", "FROM", "OBJECT", "MESSAGE");
            for (Event event : events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size())) {
                String count = event.getCount() != null && event.getCount() > 1 ? " (x" + event.getCount() + ")" : "";
                table.add(event.getType(), event.getReason(), Age.since(AppDetails.time(event), now) + count,
                        event.getSource() == null ? "" : event.getSource().getComponent(),
                        event.getInvolvedObject().getKind().toLowerCase(java.util.Locale.ROOT) + "/"
                                + event.getInvolvedObject().getName(),
                        KubeConnection.firstLine(event.getMessage()));
            }
            indent(table, out);
        }

        app.operator().ifPresent(operator -> {
            out.println();
            out.println("SparkApplication spec:");
            printYaml(operator.json().path("spec"), out);
            out.println();
            out.println("SparkApplication status:");
            printYaml(operator.json().path("status"), out);
        });
    }

    private static List<Pod> allPods(SparkApp app) {
        List<Pod> pods = new ArrayList<>();
        app.driver().ifPresent(pods::add);
        pods.addAll(app.executors());
        return pods;
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format(java.util.Locale.ROOT, "%-19s %s", name + ":", value));
    }

    private static void indent(Table table, PrintWriter out) {
        if (table.isEmpty()) {
            out.println("  " + Age.NONE);
            return;
        }
        java.io.StringWriter buffer = new java.io.StringWriter();
        PrintWriter writer = new PrintWriter(buffer);
        table.print(writer, true);
        writer.flush();
        for (String line : buffer.toString().split("\n")) {
            out.println("  " + line);
        }
    }

    private static void printYaml(com.fasterxml.jackson.databind.JsonNode node, PrintWriter out) {
        if (node.isMissingNode() || node.isNull() || node.isEmpty()) {
            out.println("  " + Age.NONE);
            return;
        }
        for (String line : Output.yaml(node).split("\n")) {
            out.println("  " + line);
        }
    }
}
