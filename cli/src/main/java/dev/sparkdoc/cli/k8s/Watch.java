package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code -w}: prints the table, then a row each time one changes, like {@code kubectl get -w}. It watches Spark pods
 * and SparkApplications, re-reads the listing when either changes, and stops after {@code --watch-timeout} or on
 * Ctrl-C (the JVM's shutdown closes the watches; nothing is left running on the cluster).
 */
final class Watch {

    private static final long SETTLE_MILLIS = 200;

    private Watch() {
    }

    static void run(KubeConnection connection, Supplier<Listing> fetch, boolean headers, Duration timeout,
            PrintWriter out) {
        BlockingQueue<Object> changes = new LinkedBlockingQueue<>();
        Object closedMarker = new Object();
        List<AutoCloseable> watches = new ArrayList<>();
        try {
            watches.add(connection.call("watch", "pods", () -> podsWatch(connection, changes, closedMarker)));
            for (OperatorApp.Kind kind : OperatorApp.Kind.values()) {
                try {
                    watches.add(operatorWatch(connection, kind, changes, closedMarker));
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404 && e.getCode() != 403) {
                        throw connection.translate(e, "watch", kind.resourceName());
                    }
                }
            }
            Listing first = fetch.get();
            int[] widths = widths(first);
            if (headers) {
                out.println(Table.line(first.headers(), widths));
            }
            for (List<String> row : first.rows().values()) {
                out.println(Table.line(row, widths));
            }
            out.flush();
            Map<String, List<String>> shown = new HashMap<>(first.rows());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Object change = changes.poll(left, TimeUnit.NANOSECONDS);
                if (change == null) {
                    return;
                }
                if (change == closedMarker) {
                    throw new KubernetesException("the watch on " + connection.scope() + " was closed by the API "
                            + "server; run the command again");
                }
                Thread.sleep(SETTLE_MILLIS);
                changes.removeIf(item -> item != closedMarker);
                Listing now = fetch.get();
                for (Map.Entry<String, List<String>> row : now.rows().entrySet()) {
                    List<String> before = shown.get(row.getKey());
                    if (before == null || !withoutClock(now.headers(), row.getValue())
                            .equals(withoutClock(now.headers(), before))) {
                        out.println(Table.line(row.getValue(), widths));
                        shown.put(row.getKey(), row.getValue());
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (AutoCloseable watch : watches) {
                try {
                    watch.close();
                } catch (Exception ignored) {
                    // closing a watch that already ended
                }
            }
        }
    }

    /**
     * A row without what changes only because time passes (the AGE column, "(2m11s ago)" after a restart count),
     * so a watch prints a row when the object changed, as kubectl does, not every time a second ticks over.
     */
    static List<String> withoutClock(List<String> headers, List<String> row) {
        List<String> cells = new java.util.ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (i < headers.size() && headers.get(i).equals("AGE")) {
                continue;
            }
            cells.add(row.get(i).replaceAll("\\s*\\([^)]*ago\\)", ""));
        }
        return cells;
    }

    private static int[] widths(Listing listing) {
        int[] widths = new int[listing.headers().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = listing.headers().get(i).length();
            for (List<String> row : listing.rows().values()) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static AutoCloseable podsWatch(KubeConnection connection, BlockingQueue<Object> changes, Object closed) {
        Watcher<Pod> watcher = new Signal<>(changes, closed);
        return connection.allNamespaces()
                ? connection.client().pods().inAnyNamespace().withLabel(SparkLabels.ROLE).watch(watcher)
                : connection.client().pods().inNamespace(connection.namespace()).withLabel(SparkLabels.ROLE)
                        .watch(watcher);
    }

    private static AutoCloseable operatorWatch(KubeConnection connection, OperatorApp.Kind kind,
            BlockingQueue<Object> changes, Object closed) {
        Watcher<GenericKubernetesResource> watcher = new Signal<>(changes, closed);
        return connection.allNamespaces()
                ? connection.client().genericKubernetesResources(kind.context()).inAnyNamespace().watch(watcher)
                : connection.client().genericKubernetesResources(kind.context()).inNamespace(connection.namespace())
                        .watch(watcher);
    }

    /** Tells the loop that something changed, or that the watch ended with an error. */
    private static final class Signal<T> implements Watcher<T> {
        private final BlockingQueue<Object> changes;
        private final Object closed;

        Signal(BlockingQueue<Object> changes, Object closed) {
            this.changes = changes;
            this.closed = closed;
        }

        @Override
        public void eventReceived(Action action, T resource) {
            changes.offer(action);
        }

        @Override
        public void onClose(WatcherException cause) {
            changes.offer(closed);
        }
    }
}
