package dev.sparkdoc.cli.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc get apps|drivers|executors}: kubectl-style tables of Spark on Kubernetes. Read-only. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Lists Spark applications, drivers or executors on Kubernetes, like kubectl get.",
        subcommands = {GetCommand.Apps.class, GetCommand.Drivers.class, GetCommand.Executors.class})
public final class GetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name what to get: apps, drivers or executors");
    }

    /** The flags every {@code get} shares. */
    static final class GetOptions {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
                description = "wide (more columns), json, yaml, or name (kind/name per line, as kubectl's: app/NAME "
                        + "for applications, pod/NAME for pods).")
        Output.Format format;

        @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
                description = "Label selector, as kubectl's: k=v, k!=v, 'k in (a,b)', k, !k.")
        String selector;

        @Option(names = {"-w", "--watch"}, description = "After listing, print a row each time one changes.")
        boolean watch;

        @Option(names = "--watch-timeout", paramLabel = "DURATION", defaultValue = "30m",
                description = "Stop watching after this long (default: ${DEFAULT-VALUE}); Ctrl-C stops sooner.")
        String watchTimeout;

        @Option(names = "--no-headers", description = "Print tables without their header line.")
        boolean noHeaders;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec mixee;

        /** The -l selector; a malformed one is a usage error (exit 2), as a bad -o is, naming the valid forms. */
        LabelSelector selector() {
            try {
                return LabelSelector.parse(selector);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "-l '" + selector + "': "
                        + e.getMessage() + "; a selector is comma-separated k=v, k!=v, 'k in (a,b)', 'k notin (a)', k"
                        + " or !k");
            }
        }
    }

    /** Runs a listing once, or watches it; or prints the JSON/YAML document, or the names. */
    static int print(KubeConnection connection, GetOptions options, Supplier<Listing> table,
            Supplier<ObjectNode> document, Supplier<List<String>> names, PrintWriter out) {
        if (options.format != null && options.format != Output.Format.wide && options.watch) {
            throw new CommandLine.ParameterException(options.mixee.commandLine(), "-w prints tables; use it without"
                    + " -o " + options.format + " (or with -o wide)");
        }
        if (options.format != null && options.format.document()) {
            Output.write(document.get(), options.format, out);
            return 0;
        }
        if (options.format == Output.Format.name) {
            names.get().forEach(out::println);
            out.flush();
            return 0;
        }
        if (options.watch) {
            Watch.run(connection, table, !options.noHeaders, KubeOptions.duration(options.watchTimeout,
                    "--watch-timeout"), out);
            return 0;
        }
        table.get().table().print(out, !options.noHeaders);
        out.flush();
        return 0;
    }

    static List<String> prefix(KubeConnection connection, String... headers) {
        List<String> all = new ArrayList<>();
        if (connection.allNamespaces()) {
            all.add("NAMESPACE");
        }
        all.addAll(List.of(headers));
        return all;
    }

    /**
     * The table {@code listing} builds, saying on stderr when it is empty (as kubectl's "No resources found"), except
     * under --watch, where an empty table is just the state before anything appears.
     */
    static Supplier<Listing> notingEmpty(Supplier<Listing> listing, GetOptions options, KubeConnection connection,
            String what, PrintWriter err) {
        return () -> {
            Listing table = listing.get();
            if (!options.watch && table.rows().isEmpty()) {
                err.println("No " + what + " found in " + connection.scope() + ".");
                err.flush();
            }
            return table;
        };
    }

    @Command(name = "apps", aliases = {"app", "applications", "sparkapp", "sparkapps", "sparkapplication",
        "sparkapplications"}, mixinStandardHelpOptions = true,
            description = {"Spark applications: from driver and executor pods (Spark's labels) and from "
                + "SparkApplications (sparkoperator.k8s.io/v1beta2, spark.apache.org/v1).",
                "EXECUTORS(R/P/F) counts running, pending and failed executors."})
    static final class Apps implements Callable<Integer> {
        @Mixin
        KubeOptions kube;

        @Mixin
        GetOptions options;

        @Parameters(arity = "0..1", paramLabel = "NAME",
                description = "One application (a SparkApplication name, a Spark application id, a driver pod name "
                        + "or spark-app-name; app/NAME as -o name prints it); default: all.")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LabelSelector selector = options.selector();
            if (name != null && !selector.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "name an application or select with"
                        + " -l, not both");
            }
            try (KubeConnection connection = KubeConnection.open(kube)) {
                Supplier<List<SparkApp>> apps;
                if (name == null) {
                    apps = () -> selected(SparkAppCatalog.load(connection, err).apps(), selector);
                } else {
                    SparkApp first = SparkAppCatalog.load(connection, err).resolve(name, connection.scope(), err);
                    // under -w the application is looked up again each time; gone, its row stays as last seen
                    apps = () -> List.of(SparkAppCatalog.load(connection, err).apps().stream()
                            .filter(candidate -> candidate.namespace().equals(first.namespace())
                                    && candidate.name().equals(first.name()))
                            .findFirst().orElse(first));
                }
                boolean wide = options.format == Output.Format.wide;
                Supplier<Listing> table = notingEmpty(() -> appsTable(apps.get(), connection, wide, Instant.now()),
                        options, connection, "Spark applications", err);
                return print(connection, options, table, () -> appsDocument(apps.get()),
                        () -> apps.get().stream().map(app -> "app/" + app.name()).toList(), out);
            }
        }
    }

    /** An application matches -l when its SparkApplication or any of its pods carries the labels. */
    static List<SparkApp> selected(List<SparkApp> apps, LabelSelector selector) {
        if (selector.isEmpty()) {
            return apps;
        }
        List<SparkApp> selected = new ArrayList<>();
        for (SparkApp app : apps) {
            boolean match = app.operator().map(operator -> selector.matches(operator.labels())).orElse(false)
                    || app.driver().map(pod -> selector.matches(pod.getMetadata().getLabels())).orElse(false)
                    || app.executors().stream().anyMatch(pod -> selector.matches(pod.getMetadata().getLabels()));
            if (match) {
                selected.add(app);
            }
        }
        return selected;
    }

    static Listing appsTable(List<SparkApp> apps, KubeConnection connection, boolean wide, Instant now) {
        List<String> headers = prefix(connection, "NAME", "APP-ID", "STATE", "DRIVER", "EXECUTORS(R/P/F)", "AGE");
        if (wide) {
            headers.addAll(List.of("SOURCE", "DRIVER-POD", "NODE", "SPARK"));
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (SparkApp app : apps) {
            List<String> row = new ArrayList<>();
            if (connection.allNamespaces()) {
                row.add(app.namespace());
            }
            row.add(app.name());
            row.add(app.appId().orElse(""));
            row.add(app.state());
            row.add(app.driverStatus());
            row.add(app.runningExecutors() + "/" + app.pendingExecutors() + "/" + app.failedExecutors());
            row.add(Age.since(app.createdAt(), now));
            if (wide) {
                row.add(app.source());
                row.add(app.driver().map(pod -> pod.getMetadata().getName()).orElse(""));
                row.add(app.driver().map(pod -> pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                        .orElse(""));
                row.add(app.sparkVersion().orElse(""));
            }
            rows.put(app.namespace() + "/" + app.name() + "/" + app.appId().orElse(""), row);
        }
        return new Listing(headers, rows);
    }

    /** The {@code sparkdoc.dev/v1 SparkAppList} document (docs/kubernetes.md). */
    static ObjectNode appsDocument(List<SparkApp> apps) {
        ObjectNode document = Output.object();
        document.put("apiVersion", Output.API_VERSION);
        document.put("kind", "SparkAppList");
        ArrayNode items = document.putArray("items");
        Instant now = Instant.now();
        for (SparkApp app : apps) {
            items.add(appJson(app, now));
        }
        return document;
    }

    static ObjectNode appJson(SparkApp app, Instant now) {
        ObjectNode item = Output.object();
        item.put("namespace", app.namespace());
        item.put("name", app.name());
        putOptional(item, "applicationId", app.appId());
        item.put("source", app.source());
        item.put("state", app.state());
        putOptional(item, "errorMessage", app.operator().flatMap(OperatorApp::errorMessage));
        putOptional(item, "sparkVersion", app.sparkVersion());
        item.put("createdAt", app.createdAt());
        if (app.operator().isPresent()) {
            ObjectNode operator = item.putObject("sparkApplication");
            operator.put("apiVersion", app.operator().get().kind().apiVersion());
            operator.put("kind", "SparkApplication");
            operator.put("name", app.operator().get().name());
        } else {
            item.putNull("sparkApplication");
        }
        if (app.driver().isPresent()) {
            item.set("driver", podJson(app.driver().get(), now));
        } else {
            item.putNull("driver");
        }
        ObjectNode executors = item.putObject("executors");
        executors.put("running", app.runningExecutors());
        executors.put("pending", app.pendingExecutors());
        executors.put("failed", app.failedExecutors());
        ArrayNode pods = executors.putArray("pods");
        for (Pod pod : app.executors()) {
            pods.add(podJson(pod, now));
        }
        ObjectNode gone = executors.putObject("podsGone");
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(app.missingExecutors()).entrySet()) {
            gone.put(entry.getKey(), entry.getValue());
        }
        return item;
    }

    static ObjectNode podJson(Pod pod, Instant now) {
        ObjectNode node = Output.object();
        node.put("name", pod.getMetadata().getName());
        String executorId = SparkLabels.executorId(pod);
        if (!executorId.isEmpty()) {
            node.put("executorId", executorId);
        }
        node.put("phase", SparkApp.phase(pod));
        node.put("status", PodStatus.status(pod));
        node.put("restarts", PodStatus.restartCount(pod));
        putOptional(node, "node", Optional.ofNullable(pod.getSpec() == null ? null : pod.getSpec().getNodeName()));
        ArrayNode terminations = node.putArray("terminations");
        for (PodStatus.Termination termination : PodStatus.terminations(pod)) {
            ObjectNode entry = terminations.addObject();
            entry.put("container", termination.container());
            entry.put("previous", termination.previous());
            entry.put("exitCode", termination.exit().exitCode());
            putOptional(entry, "reason", termination.exit().reason());
            putOptional(entry, "finishedAt", termination.exit().finishedAt());
            entry.put("explanation", termination.exit().explanation(SparkLabels.isDriver(pod) ? "driver"
                    : "executor"));
        }
        return node;
    }

    static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    @Command(name = "drivers", aliases = "driver", mixinStandardHelpOptions = true,
            description = "Spark driver pods (spark-role=driver), with their application.")
    static final class Drivers implements Callable<Integer> {
        @Mixin
        KubeOptions kube;

        @Mixin
        GetOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LabelSelector selector = options.selector();
            try (KubeConnection connection = KubeConnection.open(kube)) {
                Supplier<List<Pod>> drivers = () -> SparkAppCatalog.sparkPods(connection, selector).stream()
                        .filter(SparkLabels::isDriver).toList();
                boolean wide = options.format == Output.Format.wide;
                Supplier<Listing> table = notingEmpty(
                        () -> podsTable(drivers.get(), connection, wide, false, Instant.now()), options, connection,
                        "Spark driver pods", err);
                return print(connection, options, table, () -> Output.kubernetesList(drivers.get()),
                        () -> podNames(drivers.get()), out);
            }
        }
    }

    @Command(name = "executors", aliases = "executor", mixinStandardHelpOptions = true,
            description = {"Executor pods of APP (spark-role=executor, spark-app-selector), or of every application.",
                "APP is a SparkApplication name, a Spark application id, a driver pod name or spark-app-name.",
                "Executors the operator recorded whose pods are gone show as Gone:<state>."})
    static final class Executors implements Callable<Integer> {
        @Mixin
        KubeOptions kube;

        @Mixin
        GetOptions options;

        @Parameters(arity = "0..1", paramLabel = "APP", description = "The application (default: all).")
        String app;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LabelSelector selector = options.selector();
            try (KubeConnection connection = KubeConnection.open(kube)) {
                boolean wide = options.format == Output.Format.wide;
                if (app == null) {
                    Supplier<List<Pod>> executors = () -> SparkAppCatalog.sparkPods(connection, selector).stream()
                            .filter(SparkLabels::isExecutor).toList();
                    Supplier<Listing> table = notingEmpty(
                            () -> podsTable(executors.get(), connection, wide, true, Instant.now()), options,
                            connection, "Spark executor pods", err);
                    return print(connection, options, table, () -> Output.kubernetesList(executors.get()),
                            () -> podNames(executors.get()), out);
                }
                SparkApp first = SparkAppCatalog.load(connection, err).resolve(app, connection.scope(), err);
                Supplier<SparkApp> current = () -> {
                    SparkAppCatalog catalog = SparkAppCatalog.load(connection, err);
                    return catalog.apps().stream().filter(candidate -> candidate.namespace().equals(first.namespace())
                            && candidate.name().equals(first.name())).findFirst().orElse(first);
                };
                Supplier<Listing> table = () -> executorsTable(current.get(), selector, connection, wide,
                        Instant.now());
                Supplier<List<Pod>> pods = () -> current.get().executors().stream()
                        .filter(pod -> selector.matches(pod.getMetadata().getLabels())).toList();
                return print(connection, options, table, () -> Output.kubernetesList(pods.get()),
                        () -> podNames(pods.get()), out);
            }
        }
    }

    /** kubectl's -o name for pods: pod/NAME, which kubectl logs and kubectl describe take as they are. */
    static List<String> podNames(List<Pod> pods) {
        return pods.stream().map(pod -> "pod/" + pod.getMetadata().getName()).toList();
    }

    static Listing podsTable(List<Pod> pods, KubeConnection connection, boolean wide, boolean executors,
            Instant now) {
        List<String> headers = prefix(connection, "NAME", "READY", "STATUS", "RESTARTS", "APP");
        if (executors) {
            headers.addAll(List.of("ID", "LAST-EXIT"));
        }
        headers.add("AGE");
        if (wide) {
            headers.addAll(List.of("APP-ID", "IP", "NODE", "SPARK"));
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Pod pod : pods) {
            List<String> row = new ArrayList<>();
            if (connection.allNamespaces()) {
                row.add(pod.getMetadata().getNamespace());
            }
            row.add(pod.getMetadata().getName());
            row.add(PodStatus.ready(pod));
            row.add(PodStatus.status(pod));
            row.add(PodStatus.restarts(pod, now));
            row.add(SparkLabels.operatorAppName(pod).or(() -> SparkLabels.label(pod, SparkLabels.APP_NAME))
                    .orElse(""));
            if (executors) {
                row.add(SparkLabels.executorId(pod));
                row.add(lastExit(pod));
            }
            row.add(Age.since(pod.getMetadata().getCreationTimestamp(), now));
            if (wide) {
                row.add(SparkLabels.label(pod, SparkLabels.APP_ID).orElse(""));
                row.add(pod.getStatus() == null ? "" : pod.getStatus().getPodIP());
                row.add(pod.getSpec() == null ? "" : pod.getSpec().getNodeName());
                row.add(SparkLabels.label(pod, SparkLabels.VERSION).orElse(""));
            }
            rows.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), row);
        }
        return new Listing(headers, rows);
    }

    static Listing executorsTable(SparkApp app, LabelSelector selector, KubeConnection connection, boolean wide,
            Instant now) {
        List<String> headers = new ArrayList<>(List.of("NAME", "ID", "READY", "STATUS", "RESTARTS", "LAST-EXIT",
                "AGE"));
        if (wide) {
            headers.addAll(List.of("IP", "NODE", "MEMORY-LIMIT"));
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Pod pod : app.executors()) {
            if (!selector.matches(pod.getMetadata().getLabels())) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(pod.getMetadata().getName(), SparkLabels.executorId(pod),
                    PodStatus.ready(pod), PodStatus.status(pod), PodStatus.restarts(pod, now), lastExit(pod),
                    Age.since(pod.getMetadata().getCreationTimestamp(), now)));
            if (wide) {
                row.add(pod.getStatus() == null ? "" : pod.getStatus().getPodIP());
                row.add(pod.getSpec() == null ? "" : pod.getSpec().getNodeName());
                java.util.OptionalLong limit = PodMemory.of(pod).limit();
                row.add(limit.isPresent() ? PodMemory.mebibytes(limit.getAsLong()) : "");
            }
            rows.put(pod.getMetadata().getName(), row);
        }
        if (selector.isEmpty()) {
            for (Map.Entry<String, String> gone : new java.util.TreeMap<>(app.missingExecutors()).entrySet()) {
                String name = gone.getKey();
                String id = name.matches(".*-exec-[0-9]+") ? name.substring(name.lastIndexOf('-') + 1) : "";
                List<String> row = new ArrayList<>(List.of(name, id, "", "Gone:" + gone.getValue(), "", "", ""));
                if (wide) {
                    row.addAll(List.of("", "", ""));
                }
                rows.put(name, row);
            }
        }
        return new Listing(headers, rows);
    }

    /** The most recent failed termination, "137 OOMKilled", or empty. */
    static String lastExit(Pod pod) {
        for (PodStatus.Termination termination : PodStatus.terminations(pod)) {
            ContainerExit exit = termination.exit();
            if (exit.failed()) {
                return exit.exitCode() + exit.reason().map(reason -> " " + reason)
                        .orElse(exit.signalName().map(signal -> " " + signal).orElse(""));
            }
        }
        return "";
    }
}
