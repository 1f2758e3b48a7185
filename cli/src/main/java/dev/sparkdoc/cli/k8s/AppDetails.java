package dev.sparkdoc.cli.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code describe} and {@code diagnose} read beyond the catalog: the application's events and its UI service. */
record AppDetails(SparkApp app, List<Event> events, Optional<String> uiService) {

    AppDetails {
        events = List.copyOf(events);
    }

    static AppDetails load(KubeConnection connection, SparkApp app, PrintWriter err) {
        return new AppDetails(app, events(connection, app, err), uiService(connection, app, err));
    }

    /**
     * The events about the application's pods and SparkApplication, oldest first. Listed for the namespace and
     * matched here: not every server honours field selectors on events (fabric8's mock does not).
     */
    private static List<Event> events(KubeConnection connection, SparkApp app, PrintWriter err) {
        Set<String> names = new HashSet<>();
        app.driver().ifPresent(pod -> names.add(pod.getMetadata().getName()));
        for (Pod pod : app.executors()) {
            names.add(pod.getMetadata().getName());
        }
        names.addAll(app.missingExecutors().keySet());
        app.operator().ifPresent(operator -> names.add(operator.name()));
        List<Event> all;
        try {
            all = connection.client().v1().events().inNamespace(app.namespace()).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                err.println("sparkdoc: warning: " + connection.translate(e, "list", "events").getMessage()
                        + "; showing no events");
                return List.of();
            }
            throw connection.translate(e, "list", "events");
        }
        List<Event> mine = new ArrayList<>();
        for (Event event : all) {
            if (event.getInvolvedObject() != null && names.contains(event.getInvolvedObject().getName())) {
                mine.add(event);
            }
        }
        mine.sort(Comparator.comparing(AppDetails::time));
        return mine;
    }

    static String time(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return event.getEventTime().getTime();
        }
        return event.getFirstTimestamp() == null ? "" : event.getFirstTimestamp();
    }

    /** "svc/NAME:4040": the operator's UI service, else the driver service Spark labels with the app id. */
    private static Optional<String> uiService(KubeConnection connection, SparkApp app, PrintWriter err) {
        if (app.operator().isPresent() && app.operator().get().webUiService().isPresent()) {
            OperatorApp operator = app.operator().get();
            return Optional.of(operator.webUiService().get() + ":" + operator.webUiPort().orElse("4040"));
        }
        if (app.appId().isEmpty()) {
            return Optional.empty();
        }
        List<Service> services;
        try {
            services = connection.client().services().inNamespace(app.namespace())
                    .withLabel(SparkLabels.APP_ID, app.appId().get()).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                err.println("sparkdoc: warning: " + connection.translate(e, "list", "services").getMessage()
                        + "; showing no driver UI service");
                return Optional.empty();
            }
            throw connection.translate(e, "list", "services");
        }
        for (Service service : services) {
            if (!app.appId().get().equals(service.getMetadata().getLabels() == null ? null
                    : service.getMetadata().getLabels().get(SparkLabels.APP_ID)) || service.getSpec() == null) {
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                if ("spark-ui".equals(port.getName())) {
                    return Optional.of(service.getMetadata().getName() + ":" + port.getPort());
                }
            }
        }
        return Optional.empty();
    }
}
