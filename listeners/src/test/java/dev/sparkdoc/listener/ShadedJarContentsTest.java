package dev.sparkdoc.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar holds sparkdoc's classes and sparkdoc's own dependencies relocated under {@code dev.sparkdoc.shaded},
 * and nothing else: no class outside {@code dev/sparkdoc/} (no un-relocated Jackson, SnakeYAML or Prometheus client,
 * no Spark, Scala, Hadoop or SLF4J, no codec with native code), so nothing in it can clash with a job's class path.
 */
class ShadedJarContentsTest {

    @Test
    void everyClassIsSparkdocsOwnOrRelocated() throws Exception {
        Path jar = Path.of(System.getProperty("sparkdoc.shadedJar"));
        List<String> foreign = new ArrayList<>();
        List<String> services = new ArrayList<>();
        boolean listener = false;
        boolean jackson = false;
        boolean yaml = false;
        boolean prometheus = false;
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                String path = name.replaceFirst("^META-INF/versions/\\d+/", "");
                if (name.endsWith(".class") && !path.startsWith("dev/sparkdoc/")) {
                    foreign.add(name);
                }
                if (name.startsWith("META-INF/services/") && !name.endsWith("/")
                        && !name.startsWith("META-INF/services/dev.sparkdoc.")) {
                    services.add(name);
                }
                if (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib")
                        || name.endsWith(".jnilib")) {
                    foreign.add(name);
                }
                listener |= path.equals("dev/sparkdoc/listener/SparkDocListener.class");
                jackson |= path.startsWith("dev/sparkdoc/shaded/com/fasterxml/jackson/core/");
                yaml |= path.startsWith("dev/sparkdoc/shaded/org/yaml/snakeyaml/");
                prometheus |= path.startsWith("dev/sparkdoc/shaded/io/prometheus/metrics/");
            }
        }
        assertTrue(foreign.isEmpty(), "un-relocated or foreign entries in " + jar + ": "
                + foreign.subList(0, Math.min(20, foreign.size())) + (foreign.size() > 20 ? " ..." : ""));
        assertTrue(services.isEmpty(), "service files naming un-relocated interfaces: " + services);
        assertTrue(listener, "SparkDocListener is missing from " + jar);
        assertTrue(jackson && yaml && prometheus, "a relocated dependency is missing: jackson " + jackson + ", yaml "
                + yaml + ", prometheus " + prometheus);
    }

    /**
     * The class spark.plugins names loads on Java 8 (class file version 52), so a Spark 3.5 driver on Java 8 or 11
     * gets a log line instead of a failed start; everything else is Java 17 (61).
     */
    @Test
    void thePluginEntryIsJava8BytecodeAndTheRestJava17() throws Exception {
        Path jar = Path.of(System.getProperty("sparkdoc.shadedJar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(52, classFileMajorVersion(file, "dev/sparkdoc/listener/SparkDocPlugin.class"));
            assertEquals(61, classFileMajorVersion(file, "dev/sparkdoc/listener/SparkDocDriverPlugin.class"));
            assertEquals(61, classFileMajorVersion(file, "dev/sparkdoc/listener/SparkDocListener.class"));
        }
    }

    private static int classFileMajorVersion(JarFile file, String entry) throws java.io.IOException {
        JarEntry found = file.getJarEntry(entry);
        assertTrue(found != null, entry + " is missing");
        try (java.io.DataInputStream in = new java.io.DataInputStream(file.getInputStream(found))) {
            assertEquals(0xCAFEBABE, in.readInt(), entry + " is no class file");
            in.readUnsignedShort();
            return in.readUnsignedShort();
        }
    }
}
