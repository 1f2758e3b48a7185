package dev.sparkdoc.cli.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The {@code -o} formats and the JSON/YAML writers shared by the Kubernetes and History Server commands. */
public final class Output {

    /** sparkdoc's own documents (apps, diagnoses) carry this apiVersion; docs/kubernetes.md describes them. */
    public static final String API_VERSION = "sparkdoc.dev/v1";

    /** kubectl's -o: more columns, the document as JSON or YAML, or {@code kind/name} per line. */
    public enum Format {
        wide,
        json,
        yaml,
        name;

        /** Whether this format prints a document rather than a table. */
        public boolean document() {
            return this == json || this == yaml;
        }
    }

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .stringQuotingChecker(new StringsStayStrings())
            .build());

    /**
     * Quotes, besides what Jackson quotes (true, null, yes, 0123, ...), every string that begins as a number could:
     * Jackson leaves {@code 1e3} and {@code .5} plain, and a YAML reader then reads a number where the JSON had text.
     */
    private static final class StringsStayStrings extends com.fasterxml.jackson.dataformat.yaml.util
            .StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || (!value.isEmpty() && "+-.0123456789".indexOf(value.charAt(0)) >= 0);
        }
    }

    private Output() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** Kubernetes objects as JSON trees, exactly as the API server sent them. */
    static JsonNode tree(Object kubernetesObject) {
        return KUBERNETES.convertValue(kubernetesObject, JsonNode.class);
    }

    /** A kubectl-style {@code List} of Kubernetes objects. */
    static ObjectNode kubernetesList(List<?> items) {
        ObjectNode list = object();
        list.put("apiVersion", "v1");
        ArrayNode array = list.putArray("items");
        for (Object item : items) {
            array.add(tree(item));
        }
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    public static void write(JsonNode document, Format format, PrintWriter out) {
        try {
            if (format == Format.yaml) {
                out.print(YAML.writeValueAsString(document));
            } else {
                out.println(JSON.writeValueAsString(document));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** A JSON document written again as YAML, field for field (analyze -o yaml: the JSON report's content). */
    public static void jsonAsYaml(String json, java.io.Writer out) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(json);
                com.fasterxml.jackson.core.JsonGenerator yaml = YAML.getFactory().createGenerator(out)) {
            yaml.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            while (parser.nextToken() != null) {
                yaml.copyCurrentEvent(parser);
            }
        }
        out.flush();
    }

    static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
