package dev.sparkdoc.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkdoc.cli.Messages;
import dev.sparkdoc.cli.k8s.Age;
import dev.sparkdoc.cli.k8s.Output;
import dev.sparkdoc.cli.k8s.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkdoc apps --history-server URL}: the applications a Spark History Server knows, kubectl-style. */
@Command(
        name = "apps",
        mixinStandardHelpOptions = true,
        description = {"Lists the applications a Spark History Server knows (its REST API, /api/v1/applications).",
            "DURATION and STATUS are those of each application's last attempt; analyze one with "
            + "sparkdoc analyze --history-server URL APP_ID."})
public final class AppsCommand implements Callable<Integer> {

    /** The REST API's {@code status} filter. */
    enum Status {
        completed,
        running
    }

    @Mixin
    HistoryServerOptions server;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only completed or only running applications (the REST API's status filter).")
    Status status;

    @Option(names = "--min-date", paramLabel = "DATE",
            description = "Started at or after DATE (2015-02-10 or 2015-02-03T16:42:40.000GMT, as the REST API).")
    String minDate;

    @Option(names = "--max-date", paramLabel = "DATE", description = "Started at or before DATE.")
    String maxDate;

    @Option(names = "--min-end-date", paramLabel = "DATE", description = "Ended at or after DATE.")
    String minEndDate;

    @Option(names = "--max-end-date", paramLabel = "DATE", description = "Ended at or before DATE.")
    String maxEndDate;

    @Option(names = "--limit", paramLabel = "N", description = "At most N applications (the server's newest).")
    Integer limit;

    /** The table has no wider form, and its ids are what analyze --history-server takes: no wide, no name. */
    enum Format {
        json,
        yaml
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "json or yaml: the REST API's application objects, as the server sent them.")
    Format format;

    @Option(names = "--no-headers", description = "Print the table without its header line.")
    boolean noHeaders;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (server.url == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--history-server=URL'");
        }
        if (limit != null && limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 or more, not " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryServerClient client = server.connect();
        Map<String, String> filters = new LinkedHashMap<>();
        if (status != null) {
            filters.put("status", status.name());
        }
        put(filters, "minDate", minDate);
        put(filters, "maxDate", maxDate);
        put(filters, "minEndDate", minEndDate);
        put(filters, "maxEndDate", maxEndDate);
        if (limit != null) {
            filters.put("limit", Integer.toString(limit));
        }
        JsonNode applications = client.json("applications" + HistoryServerClient.query(filters), null);
        if (!applications.isArray()) {
            throw new HistoryServerException(client.url() + ": /api/v1/applications answered with no list of"
                    + " applications; check that --history-server names a Spark History Server");
        }
        if (format != null) {
            ObjectNode document = Output.object();
            document.put("apiVersion", Output.API_VERSION);
            document.put("kind", "HistoryServerAppList");
            document.put("historyServer", client.url());
            document.set("items", applications);
            Output.write(document, Output.Format.valueOf(format.name()), out);
            return 0;
        }
        if (applications.isEmpty()) {
            err.println("No applications found on " + client.url() + (filters.isEmpty() ? "." : " with these filters."));
            err.flush();
            return 0;
        }
        table(applications, Instant.now()).print(out, !noHeaders);
        out.flush();
        return 0;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null) {
            filters.put(name, value.trim());
        }
    }

    /** ID, NAME, ATTEMPTS, DURATION, STATUS, USER: one row per application, in the server's order. */
    static Table table(JsonNode applications, Instant now) {
        Table table = new Table("ID", "NAME", "ATTEMPTS", "DURATION", "STATUS", "USER");
        for (JsonNode app : applications) {
            List<JsonNode> attempts = new ArrayList<>();
            app.path("attempts").forEach(attempts::add);
            JsonNode last = attempts.stream()
                    .max(Comparator.comparingLong(attempt -> attempt.path("startTimeEpoch").asLong()))
                    .orElse(null);
            String duration = "";
            String state = "";
            String user = "";
            if (last != null) {
                boolean completed = last.path("completed").asBoolean(false);
                long millis = last.path("duration").asLong(0);
                if (!completed && millis <= 0 && last.path("startTimeEpoch").asLong(0) > 0) {
                    millis = now.toEpochMilli() - last.path("startTimeEpoch").asLong();
                }
                duration = Age.human(Duration.ofMillis(millis));
                state = completed ? "completed" : "running";
                user = last.path("sparkUser").asText("");
            }
            table.add(List.of(cell(app.path("id").asText("")), cell(app.path("name").asText("")),
                    Integer.toString(attempts.size()), duration, state, cell(user)));
        }
        return table;
    }

    private static String cell(String text) {
        return Messages.printable(text);
    }
}
