package dev.sparkdoc.cli.k8s;

import dev.sparkdoc.cli.SparkDoc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of {@code sparkdoc} with captured streams, against a kubeconfig. */
record Sparkdoc(int exitCode, String out, String err) {

    static Sparkdoc run(MockCluster cluster, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--kubeconfig");
        all.add(cluster.kubeconfig.toString());
        return plain(all.toArray(String[]::new));
    }

    static Sparkdoc plain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkDoc.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Sparkdoc(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The table row whose first cell is {@code name}, split on runs of 3+ spaces. */
    String row(String name) {
        for (String line : out.split("\n")) {
            if (line.startsWith(name + " ")) {
                return line;
            }
        }
        throw new AssertionError("no row " + name + " in:\n" + out);
    }
}
