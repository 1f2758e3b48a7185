package dev.sparkdoc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkdoc.eventlog.CompressionCodec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites a real event log with a distinct secret planted in every free-text field a log carries, each secret in
 * one of the credential shapes sparkdoc redacts, next to a readable marker that must survive redaction. Fields whose
 * values Spark would redact whole (property values) get shapes without a secret-looking word, so their markers
 * survive too. The log's {@code spark.redaction.string.regex} is set to {@link #STRING_REGEX}, and some fields carry a
 * bare value only that regex catches.
 */
final class SecretPlanter {

    /**
     * The application's {@code spark.redaction.string.regex} in the planted log; written so that the pattern, which
     * the outputs show among the Spark properties, does not contain a secret's stem.
     */
    static final String STRING_REGEX = "SPARKDOC-RA[W]-[0-9]+";
    /** Every planted secret contains one of these; no output may. */
    static final List<String> SECRET_STEMS = List.of("SPARKDOC-SECRET-", "AKIASPARKDOCSECRET", "SPARKDOC-RAW-",
            "SPARKDOC-VALUE-", "AKIASPARKDOCVALUE");

    /** One planted field: where it is, its readable marker and its secret. */
    record Planted(String field, String marker, String secret) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Planted> planted = new ArrayList<>();
    private final Map<String, String> stageNames = new HashMap<>();
    private final Map<String, String> stageDetails = new HashMap<>();
    private final Map<String, Integer> tasksConverted = new HashMap<>();
    private int next = 1;

    List<Planted> planted() {
        return List.copyOf(planted);
    }

    /** Writes the planted copy of {@code source} (plain or compressed) to {@code target}. */
    Path plant(Path source, CompressionCodec codec, Path target) throws IOException {
        try (InputStream raw = Files.newInputStream(source);
                BufferedReader in = new BufferedReader(new InputStreamReader(codec.decode(raw), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.write(mapper.writeValueAsString(plantIn((ObjectNode) mapper.readTree(line))));
                out.newLine();
            }
        }
        return target;
    }

    private ObjectNode plantIn(ObjectNode event) {
        String kind = event.path("Event").asText();
        switch (kind) {
            case "SparkListenerApplicationStart" -> {
                event.put("App Name", text("application name"));
                event.put("User", text("user"));
            }
            case "SparkListenerEnvironmentUpdate" -> environment(event);
            case "SparkListenerJobStart" -> {
                if (event.path("Job ID").asInt() == 0) {
                    ObjectNode properties = event.with("Properties");
                    properties.put("spark.jobGroup.id", text("job group"));
                    properties.put("spark.job.description", text("job description"));
                    properties.put("callSite.long", text("job property callSite.long"));
                }
                for (JsonNode stage : event.path("Stage Infos")) {
                    stageInfo((ObjectNode) stage);
                }
            }
            case "SparkListenerStageSubmitted" -> {
                stageInfo((ObjectNode) event.path("Stage Info"));
                if (event.path("Stage Info").path("Stage ID").asInt() == 0) {
                    event.with("Properties").put("spark.sparkdoc.test.stage.note", text("stage property"));
                }
            }
            case "SparkListenerStageCompleted" -> stageInfo((ObjectNode) event.path("Stage Info"));
            case "SparkListenerTaskEnd" -> taskEnd(event);
            case "SparkListenerExecutorRemoved" -> event.put("Removed Reason", text("executor removed reason"));
            case "SparkListenerJobEnd" -> {
                JsonNode exception = event.path("Job Result").path("Exception");
                if (exception.isObject()) {
                    ((ObjectNode) exception).put("Message", text("job failure message"));
                }
            }
            case "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart" -> sqlStart(event);
            case "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd" -> {
                if (event.path("executionId").asLong() == 0) {
                    event.put("errorMessage", text("SQL error message"));
                }
            }
            default -> {
                // Events without free text sparkdoc reads.
            }
        }
        return event;
    }

    private void environment(ObjectNode event) {
        event.with("JVM Information").put("Java Home", valueText("JVM information"));
        ObjectNode spark = event.with("Spark Properties");
        spark.put("spark.redaction.string.regex", STRING_REGEX);
        spark.put("spark.sparkdoc.test.metastore", valueText("Spark property value"));
        event.with("System Properties").put("sparkdoc.test.banner", valueText("system property value"));
        event.with("Hadoop Properties").put("sparkdoc.test.endpoint", valueText("Hadoop property value"));
        event.with("Classpath Entries").put("/opt/jars/" + valueText("classpath entry"), "System Classpath");
    }

    /** A stage's name and details: one planted text per stage, the same in every event that carries them. */
    private void stageInfo(ObjectNode info) {
        String stageId = info.path("Stage ID").asText();
        if (!stageId.equals("0") && !stageId.equals("238")) {
            return;
        }
        info.put("Stage Name", stageNames.computeIfAbsent(stageId, id -> text("stage " + id + " name")));
        info.put("Details", stageDetails.computeIfAbsent(stageId, id -> text("stage " + id + " details")));
    }

    private void taskEnd(ObjectNode event) {
        ObjectNode reason = (ObjectNode) event.path("Task End Reason");
        switch (reason.path("Reason").asText()) {
            case "ExecutorLostFailure" -> reason.put("Loss Reason", text("executor lost reason"));
            case "FetchFailed" -> reason.put("Message", text("fetch failure message") + "\n"
                    + reason.path("Message").asText());
            case "Success" -> convertSuccess(event, reason);
            default -> {
                // Resubmitted: no text.
            }
        }
    }

    /** The first two successful tasks of stage 0 become an exception failure and a killed task. */
    private void convertSuccess(ObjectNode event, ObjectNode reason) {
        if (event.path("Stage ID").asInt() != 0) {
            return;
        }
        int converted = tasksConverted.merge("0", 1, Integer::sum);
        if (converted == 1) {
            reason.removeAll();
            reason.put("Reason", "ExceptionFailure");
            reason.put("Class Name", "java.sql.SQLException");
            reason.put("Description", text("exception failure description"));
            ArrayNode stack = reason.putArray("Stack Trace");
            stack.addObject().put("Declaring Class", "com.acme.Loader").put("Method Name", text("stack trace frame"))
                    .put("File Name", "Loader.java").put("Line Number", 42);
            reason.put("Full Stack Trace", text("full stack trace"));
            reason.putArray("Accumulator Updates");
            ((ObjectNode) event.path("Task Info")).put("Failed", true);
        } else if (converted == 2) {
            reason.removeAll();
            reason.put("Reason", "TaskKilled");
            reason.put("Kill Reason", text("task killed reason"));
            reason.putArray("Accumulator Updates");
            ((ObjectNode) event.path("Task Info")).put("Killed", true);
        }
    }

    private void sqlStart(ObjectNode event) {
        if (event.path("executionId").asLong() != 0) {
            return;
        }
        event.put("description", text("SQL description"));
        event.put("details", text("SQL details"));
        event.put("physicalPlanDescription", event.path("physicalPlanDescription").asText()
                + "Options: " + text("SQL physical plan description") + "\n");
        ObjectNode root = (ObjectNode) event.path("sparkPlanInfo");
        root.put("simpleString", root.path("simpleString").asText() + " " + text("plan node simpleString"));
        JsonNode child = root.path("children").path(0);
        if (child.isObject()) {
            ((ObjectNode) child).put("nodeName", child.path("nodeName").asText() + " " + text("plan node name"));
        }
        root.with("metadata").put("Location", text("plan node metadata"));
    }

    /** Free text: a marker, then a secret in the next credential shape. */
    private String text(String field) {
        int n = next++;
        String secret = "SPARKDOC-SECRET-" + n;
        String shaped = switch (n % 14) {
            case 0 -> "jdbc:postgresql://etl_user:" + secret + "@db-host/sales";
            case 1 -> "Authorization: Bearer " + secret;
            case 2 -> "Basic " + secret;
            case 3 -> "password=" + secret;
            case 4 -> "token=" + secret;
            case 5 -> "secret=" + secret;
            case 6 -> "apikey=" + secret;
            case 7 -> "access_key=" + secret;
            case 8 -> "accessKey=" + secret;
            case 9 -> "-Dsome.password=" + secret;
            case 10 -> "jdbc:sqlserver://db-host;user=etl;password=" + secret;
            case 11 -> "[path=/data, password=" + secret + "]";
            case 12 -> (secret = String.format("AKIASPARKDOCSECRET%02d", n % 100));
            default -> (secret = "SPARKDOC-RAW-" + n);
        };
        return record(field, n, secret, shaped);
    }

    /**
     * A property value: a marker, then a secret in a shape without a word Spark's default pattern matches, in the
     * shape or in the secret (a value with one is redacted whole, marker and all, as Spark does).
     */
    private String valueText(String field) {
        int n = next++;
        String secret = "SPARKDOC-VALUE-" + n;
        String shaped = switch (n % 4) {
            case 0 -> "thrift://etl_user:" + secret + "@metastore-host:9083";
            case 1 -> "Bearer " + secret;
            case 2 -> (secret = String.format("AKIASPARKDOCVALUE%03d", n % 1000));
            default -> (secret = "SPARKDOC-RAW-" + n);
        };
        return record(field, n, secret, shaped);
    }

    private String record(String field, int n, String secret, String shaped) {
        String marker = "planted" + n + "marker";
        planted.add(new Planted(field, marker, secret));
        return marker + " " + shaped;
    }

    /** The planted field whose secret {@code output} shows, if any. */
    Optional<Planted> leaked(String output) {
        for (Planted p : planted) {
            if (output.contains(p.secret())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Planted fields by marker, in planting order. */
    Map<String, Planted> byMarker() {
        Map<String, Planted> markers = new LinkedHashMap<>();
        for (Planted p : planted) {
            markers.put(p.marker(), p);
        }
        return markers;
    }
}
