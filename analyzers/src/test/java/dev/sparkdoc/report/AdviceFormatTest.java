package dev.sparkdoc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Recommendation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The spark-submit block every format prints pastes into a real shell as the arguments it names. */
class AdviceFormatTest {

    private static Advice.Setting setting(String key, String value) {
        return new Advice.Setting(key, Optional.empty(), false, value, Recommendation.Intent.SET, List.of("rule"),
                List.of("why"), List.of());
    }

    @Test
    void theBlockPastedIntoBashGivesExactlyTheProposedArguments() throws IOException, InterruptedException {
        Advice advice = new Advice(List.of(
                setting("spark.sql.shuffle.partitions", "400"),
                setting("spark.executor.extraJavaOptions", "-XX:+UseG1GC -XX:InitiatingHeapOccupancyPercent=35"),
                setting("spark.driver.extraJavaOptions", "-Dname='quoted' $HOME `date` \"x\""),
                setting("spark.executor.memory", "8g")), List.of(), List.of());
        String block = AdviceFormat.sparkSubmit(advice);
        assertTrue(block.startsWith("spark-submit \\\n  --conf spark.sql.shuffle.partitions=400 \\\n"), block);
        assertTrue(block.endsWith(" \\\n  ..."), block);
        // A stand-in spark-submit that prints each argument on its own line; "..." is the rest of a user's command.
        String script = "spark-submit() { printf '%s\\n' \"$@\"; }\n" + block + "\n";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        assertEquals(List.of(
                "--conf", "spark.sql.shuffle.partitions=400",
                "--conf", "spark.executor.extraJavaOptions=-XX:+UseG1GC -XX:InitiatingHeapOccupancyPercent=35",
                "--conf", "spark.driver.extraJavaOptions=-Dname='quoted' $HOME `date` \"x\"",
                "--conf", "spark.executor.memory=8g",
                "..."), output.lines().toList());
    }

    @Test
    void plainWordsStayUnquoted() {
        assertEquals("spark.executor.memory=8g", AdviceFormat.shellWord("spark.executor.memory=8g"));
        assertEquals("'a b'", AdviceFormat.shellWord("a b"));
        assertEquals("''", AdviceFormat.shellWord(""));
    }
}
