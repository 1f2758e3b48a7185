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
        try (KubeConnection connection = KubeConnection.open(kube)) {
            SparkApp found = SparkAppCatalog.load(connection, err).resolve(app, connection.scope(), err);
            Pod pod = pod(found);
            String containerName = container != null ? container
                    : PodMemory.mainContainer(pod).map(Container::getName).orElse(null);
            PodResource resource = connection.client().pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName());
            var logs = containerName == null ? resource : resource.inContainer(containerName);
            var source = previous ? logs.terminated() : logs;
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
