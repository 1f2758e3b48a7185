package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a fresh JVM loads before it answers (-verbose:class), for the start-up of issue 22: the rule catalog comes from
 * GeneratedCatalog, not from YAML; a command builds only its own model; {@code --version} builds neither the catalog
 * nor any command. A class named here is one that used to be loaded, so each assertion can fail.
 */
class StartupClassesTest {

    private static final Path LOG = Path.of("..", "sample-eventlogs", "logs", "healthy").toAbsolutePath().normalize();

    @Test
    void analyzeParsesNoYamlAndBuildsNoOtherCommand() throws Exception {
        List<String> loaded = loaded("analyze", LOG.toString());
        assertTrue(loaded.contains("dev.sparkdoc.rules.GeneratedCatalog"), "the catalog is the generated one");
        assertEquals(List.of(), loaded.stream().filter(name -> name.startsWith("org.yaml.snakeyaml.")
                || name.equals("com.fasterxml.jackson.dataformat.yaml.YAMLParser")
                || name.equals("com.fasterxml.jackson.databind.ObjectMapper")
                // what picocli's model of the Kubernetes commands loaded: their options and fabric8's types
                || name.equals("dev.sparkdoc.cli.k8s.KubeOptions") || name.startsWith("io.fabric8."))
                .toList());
    }

    @Test
    void versionBuildsNeitherTheCatalogNorACommand() throws Exception {
        List<String> loaded = loaded("--version");
        assertTrue(loaded.contains("dev.sparkdoc.cli.VersionProvider"), "-verbose:class shows what is loaded");
        assertEquals(List.of(), loaded.stream().filter(name -> name.startsWith("dev.sparkdoc.rules.")
                || name.equals("dev.sparkdoc.cli.k8s.KubeOptions") || name.startsWith("io.fabric8.")
                // the bare --version is answered before picocli builds anything (verifying SparkDoc loads the
                // handful of picocli types its signatures name, not picocli's parser)
                || name.equals("picocli.CommandLine") || name.equals("picocli.CommandLine$Model$OptionSpec"))
                .toList());
        assertTrue(loaded.stream().filter(name -> name.startsWith("picocli.")).count() < 20,
                "picocli classes loaded: " + loaded.stream().filter(name -> name.startsWith("picocli.")).toList());
    }

    /** The classes a fresh {@code sparkdoc ARGS} loads, by name, after checking that it exited 0. */
    private static List<String> loaded(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
                // no config file, whatever the machine has: one would make every command's model be built
                "-D" + ConfigDefaults.PROPERTY + "=" + Path.of("target", "no-such-config.yaml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.sparkdoc.cli.SparkDoc"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        List<String> names = new ArrayList<>();
        for (String line : output.lines().toList()) {
            int start = line.indexOf("[class,load] ");
            if (start >= 0) {
                String rest = line.substring(start + "[class,load] ".length());
                int space = rest.indexOf(' ');
                names.add(space < 0 ? rest : rest.substring(0, space));
            }
        }
        return names;
    }
}
