package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Spark applications in scope, assembled from what Kubernetes holds: pods labelled {@code spark-role} grouped by
 * {@code spark-app-selector}, joined to the SparkApplications of either operator (by the operator's app-name label,
 * the recorded application id, or the recorded driver pod name). Read-only: it only lists.
 */
final class SparkAppCatalog {

    private final List<SparkApp> apps;
    private final List<Pod> pods;

    private SparkAppCatalog(List<SparkApp> apps, List<Pod> pods) {
        this.apps = List.copyOf(apps);
        this.pods = List.copyOf(pods);
    }

    /** Every Spark pod ({@code spark-role} driver or executor) in scope. */
    static List<Pod> sparkPods(KubeConnection connection, LabelSelector extra) {
        String selector = extra.isEmpty() ? SparkLabels.ROLE : SparkLabels.ROLE + "," + extra;
        List<Pod> items = connection.call("list", "pods", () -> connection.allNamespaces()
                ? connection.client().pods().inAnyNamespace().withLabelSelector(selector).list().getItems()
                : connection.client().pods().inNamespace(connection.namespace()).withLabelSelector(selector).list()
                        .getItems());
        List<Pod> spark = new ArrayList<>();
        for (Pod pod : items) {
            if ((SparkLabels.isDriver(pod) || SparkLabels.isExecutor(pod)) && extra.matches(pod.getMetadata()
                    .getLabels())) {
                spark.add(pod);
            }
        }
        return spark;
    }

    static List<OperatorApp> operatorApps(KubeConnection connection, PrintWriter err) {
        List<OperatorApp> apps = new ArrayList<>();
        for (OperatorApp.Kind kind : OperatorApp.Kind.values()) {
            List<GenericKubernetesResource> items;
            try {
                items = connection.allNamespaces()
                        ? connection.client().genericKubernetesResources(kind.context()).inAnyNamespace().list()
                                .getItems()
                        : connection.client().genericKubernetesResources(kind.context())
                                .inNamespace(connection.namespace()).list().getItems();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    continue; // that operator's CRD is not installed
                }
                if (e.getCode() == 403) {
                    err.println("sparkdoc: warning: " + connection.translate(e, "list", kind.resourceName())
                            .getMessage() + "; showing applications found from pods only");
                    continue;
                }
                throw connection.translate(e, "list", kind.resourceName());
            }
            for (GenericKubernetesResource item : items) {
                apps.add(OperatorApp.of(kind, item));
            }
        }
        return apps;
    }

    static SparkAppCatalog load(KubeConnection connection, PrintWriter err) {
        return assemble(sparkPods(connection, LabelSelector.all()), operatorApps(connection, err));
    }

    static SparkAppCatalog assemble(List<Pod> pods, List<OperatorApp> operatorApps) {
        List<SparkApp> apps = new ArrayList<>();
        List<Pod> unclaimed = new ArrayList<>(pods);
        for (OperatorApp operator : operatorApps) {
            List<Pod> claimed = new ArrayList<>();
            for (Pod pod : pods) {
                if (!operator.namespace().equals(pod.getMetadata().getNamespace())) {
                    continue;
                }
                boolean byLabel = SparkLabels.operatorAppName(pod).map(operator.name()::equals).orElse(false);
                boolean byId = operator.applicationId().isPresent() && operator.applicationId()
                        .equals(SparkLabels.label(pod, SparkLabels.APP_ID));
                boolean byDriverName = operator.driverPodName().map(pod.getMetadata().getName()::equals)
                        .orElse(false);
                if (byLabel || byId || byDriverName) {
                    claimed.add(pod);
                }
            }
            unclaimed.removeAll(claimed);
            Optional<Pod> driver = claimed.stream().filter(SparkLabels::isDriver)
                    .filter(pod -> operator.driverPodName().map(pod.getMetadata().getName()::equals).orElse(false))
                    .findFirst();
            if (driver.isEmpty()) {
                driver = newest(claimed.stream().filter(SparkLabels::isDriver).toList());
            }
            Optional<String> appId = operator.applicationId();
            if (appId.isEmpty()) {
                appId = driver.flatMap(pod -> SparkLabels.label(pod, SparkLabels.APP_ID));
            }
            Optional<String> currentId = appId;
            List<Pod> executors = claimed.stream().filter(SparkLabels::isExecutor)
                    .filter(pod -> currentId.isEmpty() || currentId.equals(SparkLabels.label(pod, SparkLabels.APP_ID)))
                    .toList();
            Map<String, String> missing = new TreeMap<>(operator.executorStates());
            for (Pod executor : executors) {
                missing.remove(executor.getMetadata().getName());
            }
            apps.add(new SparkApp(operator.namespace(), operator.name(), appId, Optional.of(operator), driver,
                    executors, missing));
        }
        Map<String, List<Pod>> byApp = new LinkedHashMap<>();
        for (Pod pod : unclaimed) {
            Optional<String> appId = SparkLabels.label(pod, SparkLabels.APP_ID);
            if (appId.isEmpty()) {
                continue;
            }
            byApp.computeIfAbsent(pod.getMetadata().getNamespace() + "/" + appId.get(), key -> new ArrayList<>())
                    .add(pod);
        }
        for (List<Pod> group : byApp.values()) {
            Optional<Pod> driver = newest(group.stream().filter(SparkLabels::isDriver).toList());
            List<Pod> executors = group.stream().filter(SparkLabels::isExecutor).toList();
            Pod any = driver.orElse(group.get(0));
            String appId = SparkLabels.label(any, SparkLabels.APP_ID).orElseThrow();
            String name = SparkLabels.label(any, SparkLabels.APP_NAME)
                    .or(() -> driver.map(pod -> pod.getMetadata().getName().replaceFirst("-driver$", "")))
                    .orElse(appId);
            apps.add(new SparkApp(any.getMetadata().getNamespace(), name, Optional.of(appId), Optional.empty(),
                    driver, executors, Map.of()));
        }
        apps.sort(Comparator.comparing(SparkApp::namespace).thenComparing(SparkApp::name)
                .thenComparing(SparkApp::createdAt));
        return new SparkAppCatalog(apps, pods);
    }

    private static Optional<Pod> newest(List<Pod> pods) {
        return pods.stream().max(Comparator.comparing(pod -> String.valueOf(pod.getMetadata()
                .getCreationTimestamp())));
    }

    List<SparkApp> apps() {
        return apps;
    }

    List<Pod> pods() {
        return pods;
    }

    /**
     * The application a user named: by SparkApplication name, Spark application id, driver pod name or
     * {@code spark-app-name}. When several runs share a name the newest wins, with a note on {@code err}.
     *
     * @throws KubernetesException when nothing matches, naming the closest names
     */
    SparkApp resolve(String named, String scope, PrintWriter err) {
        // what 'get -o name' prints names an application too: app/NAME, pod/DRIVER-POD
        String query = named.matches("(app|apps|pod|pods|sparkapplication|sparkapplications)(\\.[a-z0-9.-]+)?/.+")
                ? named.substring(named.indexOf('/') + 1) : named;
        List<SparkApp> matches = new ArrayList<>();
        for (SparkApp app : apps) {
            if (app.names().contains(query)) {
                matches.add(app);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            matches.sort(Comparator.comparing(SparkApp::createdAt).reversed());
            SparkApp newest = matches.get(0);
            List<String> others = new ArrayList<>();
            for (SparkApp other : matches.subList(1, matches.size())) {
                others.add(other.namespace() + "/" + other.appId().orElse(other.name()));
            }
            err.println("sparkdoc: " + matches.size() + " applications are called '" + query + "'; showing the newest, "
                    + newest.namespace() + "/" + newest.appId().orElse(newest.name()) + " (others: "
                    + String.join(", ", others) + "); name one by its application id to pick another");
            return newest;
        }
        List<String> close = closeMatches(query);
        String hint = close.isEmpty()
                ? " (" + apps.size() + " Spark application" + (apps.size() == 1 ? "" : "s")
                        + " there; 'sparkdoc get apps' lists them, -A looks in every namespace)"
                : "; did you mean " + String.join(", ", close) + "?";
        throw new KubernetesException("application '" + query + "' not found in " + scope + hint);
    }

    private List<String> closeMatches(String query) {
        Map<String, Integer> distances = new TreeMap<>();
        for (SparkApp app : apps) {
            for (String name : app.names()) {
                int distance = distance(query.toLowerCase(java.util.Locale.ROOT),
                        name.toLowerCase(java.util.Locale.ROOT));
                boolean contains = name.contains(query) || (query.length() >= 4 && query.contains(name));
                if (distance <= Math.max(2, query.length() / 3) || contains) {
                    String label = app.name().equals(name) ? name : name + " (" + app.name() + ")";
                    distances.merge(label, contains ? 0 : distance, Math::min);
                }
            }
        }
        return distances.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(3).map(Map.Entry::getKey)
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
