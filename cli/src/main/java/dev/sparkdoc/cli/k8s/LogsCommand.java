package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc logs APP}: the driver's or an executor's log, the pod found by Spark's labels. Read-only. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {"Prints the log of APP's driver, or of one executor (--executor ID).",
            "Pods are found by Spark's labels (spark-app-selector, spark-role, spark-exec-id), never by guessing names.",
            "APP is a SparkApplication name, a Spark application id, a driver pod name or spark-app-name."})
public final class LogsCommand implements Callable<Integer> {

    @Mixin
    KubeOptions kube;

    @Parameters(paramLabel = "APP", description = "The application.")
    String app;

    @Option(names = {"-e", "--executor"}, paramLabel = "ID", description = "The executor id (spark-exec-id).")
    String executor;

    @Option(names = {"-f", "--follow"}, description = "Keep printing as the log grows, until the container ends.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    @Option(names = "--since", paramLabel = "DURATION",
            description = "Only lines newer than this, as kubectl's: 30s, 5m, 2h (whole seconds; exclusive with "
                    + "--since-time).")
    String since;

    @Option(names = "--since-time", paramLabel = "TIME",
            description = "Only lines at or after this RFC 3339 time, as kubectl's: 2026-12-04T10:00:00Z.")
    String sinceTime;

    @Option(names = {"-p", "--previous"},
            description = "The log of the container's previous run (before its last restart).")
    boolean previous;

    @Option(names = {"-c", "--container"}, paramLabel = "NAME",
            description = "The container (default: Spark's own, spark-kubernetes-driver or -executor).")
    String container;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (tail != null && tail < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tail must be 0 or more");
        }
        Integer sinceSeconds = sinceSeconds();
        String sinceInstant = sinceTime();
        try (KubeConnection connection = KubeConnection.open(kube)) {
            SparkApp found = SparkAppCatalog.load(connection, err).resolve(app, connection.scope(), err);
            Pod pod = pod(found);
            String containerName = container != null ? container
                    : PodMemory.mainContainer(pod).map(Container::getName).orElse(null);
            PodResource resource = connection.client().pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName());
            var logs = containerName == null ? resource : resource.inContainer(containerName);
            var whole = previous ? logs.terminated() : logs;
            var source = sinceSeconds != null ? whole.sinceSeconds(sinceSeconds)
                    : sinceInstant != null ? whole.sinceTime(sinceInstant) : whole;
            String what = "pods/log of " + pod.getMetadata().getName();
            if (follow) {
                var followed = tail == null ? source : source.tailingLines(tail);
                try (LogWatch watch = connection.call("get", what, followed::watchLog);
                        BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(),
                                StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        out.println(line);
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return 0;
            }
            String text = connection.call("get", what, () -> tail == null ? source.getLog()
                    : source.tailingLines(tail).getLog());
            out.print(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                out.println();
            }
            out.flush();
            return 0;
        }
    }

    /** --since in whole seconds, as the API takes it (a part second counts as a whole one, as kubectl's). */
    private Integer sinceSeconds() {
        if (since == null) {
            return null;
        }
        if (sinceTime != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since and --since-time exclude each"
                    + " other; give one");
        }
        java.time.Duration duration;
        try {
            duration = KubeOptions.duration(since, "--since");
        } catch (KubernetesException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (duration.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since must be more than 0, like 30s,"
                    + " 5m or 2h");
        }
        long seconds = (duration.toMillis() + 999) / 1000;
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    /** --since-time as the API takes it, RFC 3339 in UTC; anything else is a usage error. */
    private String sinceTime() {
        if (sinceTime == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(sinceTime.trim()).toInstant().toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since-time '" + sinceTime + "' is not"
                    + " an RFC 3339 time; write it like 2026-12-04T10:00:00Z or 2026-12-04T11:00:00+01:00");
        }
    }

    private Pod pod(SparkApp found) {
        if (executor == null) {
            return found.driver().orElseThrow(() -> new KubernetesException("application '" + found.name()
                    + "' has no driver pod in namespace " + found.namespace() + " (it may have been deleted); "
                    + "pass --executor ID for an executor's log"));
        }
        Optional<Pod> pod = found.executors().stream().filter(candidate -> executor.equals(SparkLabels.executorId(
                candidate))).findFirst();
        if (pod.isPresent()) {
            return pod.get();
        }
        List<String> ids = found.executors().stream().map(SparkLabels::executorId).toList();
        String gone = found.missingExecutors().keySet().stream().filter(name -> name.endsWith("-exec-" + executor))
                .findFirst().map(name -> "; its pod " + name + " is gone (" + found.missingExecutors().get(name)
                        + "): Spark deletes finished executor pods unless "
                        + "spark.kubernetes.executor.deleteOnTermination=false")
                .orElse("");
        throw new KubernetesException("application '" + found.name() + "' has no executor pod with spark-exec-id "
                + executor + gone + "; executors with pods: " + (ids.isEmpty() ? Age.NONE : String.join(", ", ids)));
    }
}
