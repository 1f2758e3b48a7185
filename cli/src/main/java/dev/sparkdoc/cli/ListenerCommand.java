package dev.sparkdoc.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkdoc listener conf}: the spark-submit lines that attach the live listener (docs/listener.md). */
@Command(name = "listener", mixinStandardHelpOptions = true,
        description = "The live listener: sparkdoc inside a running Spark application (docs/listener.md).",
        subcommands = {ListenerCommand.Conf.class})
final class ListenerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Format {
        submit,
        properties
    }

    /** How the listener is attached: the same listener either way (docs/listener.md, "Attach it"). */
    enum Attach {
        plugin("spark.plugins", "dev.sparkdoc.listener.SparkDocPlugin"),
        extraListeners("spark.extraListeners", "dev.sparkdoc.listener.SparkDocListener");

        final String key;
        final String className;

        Attach(String key, String className) {
            this.key = key;
            this.className = className;
        }
    }

    @Command(name = "conf", mixinStandardHelpOptions = true,
            description = {
                "Prints the --jars and --conf lines that attach sparkdoc's listener to spark-submit (or, with "
                    + "-o properties, the spark-defaults.conf lines), with the path of the built listener jar."
            })
    static final class Conf implements Callable<Integer> {

        @Option(names = "--report-dir", paramLabel = "DIR",
                description = "Where the JSON and text reports go at application end: a local path or any Hadoop"
                        + " file system URI (hdfs://, s3a://, ...).")
        String reportDir;

        @Option(names = "--prometheus-port", paramLabel = "PORT",
                description = "Serve Prometheus metrics on the driver on this port (0: any free port).")
        Integer prometheusPort;

        @Option(names = "--prometheus-host", paramLabel = "ADDRESS",
                description = "The address the metrics endpoint binds to (the listener's default: 0.0.0.0).")
        String prometheusHost;

        @Option(names = "--pushgateway", paramLabel = "HOST:PORT",
                description = "Push the final metrics to this Pushgateway when the application ends.")
        String pushgateway;

        @Option(names = "--rules", paramLabel = "FILE",
                description = "A rules file (as for 'sparkdoc analyze --rules'), read on the driver.")
        String rules;

        @Option(names = "--jar", paramLabel = "PATH",
                description = "The listener jar to name, instead of the one built in this sparkdoc checkout: a local"
                        + " file (checked), or a URI Spark reads on the cluster, printed as given: local:///opt/spark/"
                        + "jars/x.jar (a path in the image), s3a://, hdfs://, gs://, abfs://, https://.")
        String jar;

        @Option(names = "--attach", paramLabel = "HOW", defaultValue = "plugin",
                description = "plugin (spark.plugins, the default: the listener goes on a queue Spark runs anyway) or"
                        + " extraListeners (spark.extraListeners: Spark adds a queue and a thread for it). If your job"
                        + " sets that key already, pass its value with --append-to.")
        Attach attach;

        @Option(names = "--append-to", paramLabel = "LIST",
                description = "Your job's current value of that key (spark.plugins or spark.extraListeners), a"
                        + " comma-separated list: the line printed keeps it and adds sparkdoc's class, since a"
                        + " --conf replaces the list rather than adding to it.")
        String appendTo;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "submit",
                description = "submit (spark-submit arguments) or properties (spark-defaults.conf lines).")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (prometheusPort != null && (prometheusPort < 0 || prometheusPort > 65_535)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--prometheus-port " + prometheusPort + " is not a port number from 0 to 65535");
            }
            String jarPath = jarPath();
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put(attach.key, appended(appendTo, attach.className));
            put(conf, "spark.sparkdoc.report.dir", reportDir);
            put(conf, "spark.sparkdoc.prometheus.port", prometheusPort == null ? null : prometheusPort.toString());
            put(conf, "spark.sparkdoc.prometheus.host", prometheusHost);
            put(conf, "spark.sparkdoc.pushgateway.address", pushgateway);
            put(conf, "spark.sparkdoc.rules", rules);
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.properties) {
                out.printf(Locale.ROOT, "%-40s %s%n", "spark.jars", jarPath);
                for (Map.Entry<String, String> entry : conf.entrySet()) {
                    out.printf(Locale.ROOT, "%-40s %s%n", entry.getKey(), entry.getValue());
                }
            } else {
                List<String> lines = new ArrayList<>();
                lines.add("--jars " + quote(jarPath));
                for (Map.Entry<String, String> entry : conf.entrySet()) {
                    lines.add("--conf " + quote(entry.getKey() + "=" + entry.getValue()));
                }
                for (int i = 0; i < lines.size(); i++) {
                    out.println(lines.get(i) + (i < lines.size() - 1 ? " \\" : ""));
                }
            }
            out.flush();
            return ExitCode.OK;
        }

        private String jarPath() {
            String name = "sparkdoc-listener-" + VersionProvider.version() + ".jar";
            if (jar != null) {
                if (CLUSTER_URI.matcher(jar).matches()) {
                    // a path on the cluster or in the image (Spark on Kubernetes: local:///opt/spark/jars/...): not
                    // here to check, and spark-submit reads it as written
                    return jar;
                }
                Path local = localJar(jar);
                if (!Files.isRegularFile(local)) {
                    throw new BadInputException("--jar " + jar + ": no such listener jar; build it with"
                            + " 'mvn -B -DskipTests -pl listeners -am package', drop --jar, or name a jar on the"
                            + " cluster as a URI (local:///opt/spark/jars/x.jar, s3a://, hdfs://, https://)");
                }
                return local.toAbsolutePath().normalize().toString();
            }
            Optional<Path> built = builtJar(name);
            if (built.isPresent()) {
                return built.get().toString();
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("sparkdoc: " + name + " is not built yet; build it with 'mvn -B -DskipTests -pl listeners -am"
                    + " package' in the sparkdoc checkout (it lands in listeners/target/), or pass --jar");
            err.flush();
            return name;
        }

        /** A URI of a scheme other than file: (local:/, s3a://, hdfs://, https://, ...), which Spark resolves itself. */
        private static final java.util.regex.Pattern CLUSTER_URI =
                java.util.regex.Pattern.compile("(?!file:)[A-Za-z][A-Za-z0-9+.-]+://.+|local:/.+");

        /** A plain path, or a file: URI, as a local path; a malformed one is bad input naming --jar. */
        private static Path localJar(String jar) {
            try {
                return jar.startsWith("file:") ? Path.of(java.net.URI.create(jar)) : Path.of(jar);
            } catch (IllegalArgumentException
                    | java.nio.file.FileSystemNotFoundException e) {
                throw new BadInputException("--jar " + jar + ": not a path or URI (" + e.getMessage() + "); name"
                        + " the listener jar's file, or a URI like local:///opt/spark/jars/x.jar");
            }
        }

        /**
         * The jar in the installed distribution's listener/ (the CLI's jar is in its lib/), in this checkout's
         * listeners/target/ (found from where the CLI's classes are), or next to them.
         */
        static Optional<Path> builtJar(String name) {
            try {
                Path classes = Path.of(ListenerCommand.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI()).toAbsolutePath().normalize();
                List<Path> candidates = new ArrayList<>();
                // sparkdoc-VERSION/lib/sparkdoc-cli-VERSION.jar: the listener is in sparkdoc-VERSION/listener/.
                if (classes.getParent() != null && classes.getParent().getParent() != null) {
                    candidates.add(classes.getParent().getParent().resolve("listener").resolve(name));
                }
                // cli/target/classes (the launcher) or cli/target/sparkdoc-cli.jar: the checkout is three levels up.
                Path checkout = classes.getParent() == null ? null : classes.getParent().getParent();
                if (checkout != null && checkout.getParent() != null) {
                    candidates.add(checkout.getParent().resolve("listeners").resolve("target").resolve(name));
                }
                if (classes.getParent() != null) {
                    candidates.add(classes.getParent().resolve(name));
                }
                return candidates.stream().filter(Files::isRegularFile).findFirst();
            } catch (URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** {@code list} (comma-separated, as Spark reads it) with {@code className} added unless it is there. */
        static String appended(String list, String className) {
            List<String> names = new ArrayList<>();
            if (list != null) {
                for (String name : list.split(",")) {
                    if (!name.isBlank() && !names.contains(name.trim())) {
                        names.add(name.trim());
                    }
                }
            }
            if (!names.contains(className)) {
                names.add(className);
            }
            return String.join(",", names);
        }

        private static void put(Map<String, String> conf, String key, String value) {
            if (value != null) {
                conf.put(key, value);
            }
        }

        /** Single-quotes an argument for a POSIX shell when it holds anything but safe characters. */
        static String quote(String argument) {
            if (argument.matches("[A-Za-z0-9_./:=@%+,-]+")) {
                return argument;
            }
            return "'" + argument.replace("'", "'\\''") + "'";
        }
    }
}
