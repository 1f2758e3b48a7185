package dev.sparkdoc.cli;

import dev.sparkdoc.rules.AlertSource;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.alerts.AlertExporter;
import dev.sparkdoc.rules.alerts.AlertFormat;
import dev.sparkdoc.rules.alerts.ExportOptions;
import dev.sparkdoc.rules.alerts.PromtoolTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkdoc alerts export}: Prometheus alerting rules from the rule catalog. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Prometheus alerting rules for Spark, from sparkdoc's rule catalog.",
        subcommands = {AlertsCommand.Export.class, MonitoringCommands.RecordingRules.class,
            MonitoringCommands.Dashboard.class, MonitoringCommands.PodMonitor.class})
final class AlertsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Writes Prometheus alerting rules with the thresholds of the rule catalog (and --rules overrides):",
                "a rule file for rule_files in prometheus.yml, or a PrometheusRule for prometheus-operator.",
                "Check it with: promtool check rules FILE. docs/alerting.md explains each alert."
            },
            footer = {"", "Examples:",
                "  sparkdoc alerts export --out /etc/prometheus/rules/spark.yml",
                "  sparkdoc alerts export --source sparkdoc,spark --rules my-rules.yaml",
                "  sparkdoc alerts export -o prometheus-operator -n monitoring \\",
                "      --label release=kube-prometheus-stack | kubectl apply -f -"})
    static final class Export implements Callable<Integer> {

        enum Source { sparkdoc, spark, kubernetes, all }

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = FormatConverter.class,
                description = "prometheus (a rule file) or prometheus-operator (a PrometheusRule resource). "
                        + "Default: prometheus.")
        AlertFormat output;

        /** The spelling before -o was everyone's; still read, not shown. */
        @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, hidden = true)
        AlertFormat formatAlias;

        private AlertFormat format;

        @Option(names = "--source", paramLabel = "SOURCE", split = ",", defaultValue = "all",
                description = "Whose metrics the alerts read, one or more of: sparkdoc (the sparkdoc listener), "
                        + "spark (Spark's /metrics/executors/prometheus), kubernetes (kube-state-metrics and "
                        + "spark-operator), all. Default: ${DEFAULT-VALUE}.")
        List<Source> sources;

        @Mixin
        RulesOption rules;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path outFile;

        @Option(names = "--tests", paramLabel = "DIR",
                description = "Also write promtool unit tests for the exported alerts into DIR: <name>.test.yml "
                        + "and the rule file it loads, <name>.rules-without-annotations.yml (<name> from --out, "
                        + "else sparkdoc-alerts). Run them with promtool test rules DIR/<name>.test.yml. Keep DIR "
                        + "out of Prometheus' rule_files.")
        Path testsDir;

        @Option(names = "--runbook-base-url", paramLabel = "URL",
                description = "Where docs/rules/ is published; each alert's runbook_url is URL/<rule id>.md. "
                        + "Default: the catalog's (the project's repository).")
        String runbookBaseUrl;

        @Option(names = "--push-max-age", paramLabel = "DURATION", defaultValue = "15m",
                description = "The listener alerts ignore an application whose last push to a Pushgateway is older "
                        + "(30s, 15m, 2h; from 1m), so the alert of a finished batch job resolves. "
                        + "Default: ${DEFAULT-VALUE}.")
        String pushMaxAge;

        @Option(names = "--name", paramLabel = "NAME",
                description = "metadata.name of the PrometheusRule. Default: " + ExportOptions.DEFAULT_RESOURCE_NAME + ".")
        String resourceName;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
                description = "metadata.namespace of the PrometheusRule. Default: none (kubectl apply -n decides).")
        String namespace;

        @Option(names = "--label", paramLabel = "KEY=VALUE",
                description = "A metadata label of the PrometheusRule, repeatable; the Prometheus resource's "
                        + "ruleSelector must match (kube-prometheus-stack: release=<helm release>).")
        List<String> labels;

        /** -l adds a label here but selects in get (as kubectl's -l): still read, with a warning, not shown. */
        @Option(names = "-l", paramLabel = "KEY=VALUE", hidden = true)
        List<String> deprecatedLabels;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            format = output != null ? output : formatAlias != null ? formatAlias : AlertFormat.PROMETHEUS;
            if (deprecatedLabels != null) {
                spec.commandLine().getErr().println("sparkdoc: warning: -l is deprecated here, as -l selects in"
                        + " other commands (kubectl's habit); write --label " + deprecatedLabels.get(0));
                spec.commandLine().getErr().flush();
                labels = new ArrayList<>(labels == null ? List.of() : labels);
                labels.addAll(deprecatedLabels);
            }
            boolean namespaceTyped = spec.commandLine().getParseResult().hasMatchedOption("--namespace");
            String globalNamespace = dev.sparkdoc.cli.k8s.KubeOptions.global(spec).namespace();
            if (!namespaceTyped && globalNamespace != null) {
                // sparkdoc -n monitoring alerts export ...: the namespace given before the command, as kubectl's
                namespace = globalNamespace;
                namespaceTyped = true;
            }
            if (format == AlertFormat.PROMETHEUS && !namespaceTyped) {
                // a config file's namespace (for '*', the Kubernetes commands') says nothing about a rule file
                namespace = null;
            }
            if (format == AlertFormat.PROMETHEUS && (resourceName != null || namespace != null || labels != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--name, --namespace and --label describe a PrometheusRule; add -o prometheus-operator");
            }
            RuleSettings settings = rules.settings();
            ExportOptions options;
            try {
                options = new ExportOptions(settings, sources(), format,
                        runbookBaseUrl == null ? settings.catalog().runbookBaseUrl() : runbookBaseUrl(runbookBaseUrl),
                        resourceName == null ? ExportOptions.DEFAULT_RESOURCE_NAME : resourceName,
                        Optional.ofNullable(namespace), labels()).withPushMaxAge(duration(pushMaxAge));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (AlertExporter.alerts(options).isEmpty()) {
                spec.commandLine().getErr().println("sparkdoc: warning: every rule with alerts for "
                        + sourceNames() + " is disabled by " + rules.file() + "; the output has no alerts");
            }
            write(AlertExporter.export(options, header()));
            if (testsDir != null) {
                writeTests(options);
            }
            return ExitCode.OK;
        }

        /** The shipped promtool cases that still hold for this export, and the rule file they load, into --tests. */
        private void writeTests(ExportOptions options) {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(testsDir)) {
                throw new BadInputException("--tests " + testsDir + ": not a directory; create it or name another"
                        + " directory for the promtool tests");
            }
            String stem = outFile == null ? ExportOptions.DEFAULT_RESOURCE_NAME
                    : outFile.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
            String rulesName = stem + ".rules-without-annotations.yml";
            PromtoolTests.Written written = PromtoolTests.forExport(options, rulesName);
            Path testFile = testsDir.resolve(stem + ".test.yml");
            OutputFile.write(testsDir.resolve(rulesName), written.rules(), "the rules for the tests", "--tests");
            OutputFile.write(testFile, written.tests(), "the promtool tests", "--tests");
            if (outFile != null && sameDirectory(outFile, testsDir)) {
                err.println("sparkdoc: warning: --tests writes into the directory of --out; a Prometheus rule_files"
                        + " glob over it would load the test files as rules: keep them apart");
            }
            err.println("sparkdoc: wrote " + written.cases() + " promtool test cases for " + written.tested().size()
                    + " of " + (written.tested().size() + written.untested().size()) + " alerts to " + testFile
                    + "; run: promtool test rules " + testFile);
            written.untested().forEach((name, reason) -> err.println("sparkdoc: not tested: " + name + ": " + reason));
            err.flush();
        }

        private static boolean sameDirectory(Path file, Path directory) {
            Path parent = file.toAbsolutePath().normalize().getParent();
            try {
                return parent != null && Files.isSameFile(parent, directory);
            } catch (IOException e) {
                return false;
            }
        }

        private Set<AlertSource> sources() {
            Set<AlertSource> selected = EnumSet.noneOf(AlertSource.class);
            for (Source source : sources) {
                if (source == Source.all) {
                    selected.addAll(EnumSet.allOf(AlertSource.class));
                } else {
                    selected.add(AlertSource.parse(source.name()).orElseThrow());
                }
            }
            return selected;
        }

        /** "90s", "15m", "2h" as a duration; anything else is a usage error naming the option. */
        private java.time.Duration duration(String text) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([0-9]{1,6})([smh])").matcher(text.trim());
            if (!matcher.matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--push-max-age must be a whole number of seconds, minutes or hours (90s, 15m, 2h), got '"
                                + text + "'");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "s" -> java.time.Duration.ofSeconds(amount);
                case "m" -> java.time.Duration.ofMinutes(amount);
                default -> java.time.Duration.ofHours(amount);
            };
        }

        private String sourceNames() {
            return sources.stream().map(Source::name).distinct().collect(Collectors.joining(","));
        }

        private String runbookBaseUrl(String url) {
            if (!url.matches("https?://\\S+")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--runbook-base-url must be an http or https URL, got '" + url + "'");
            }
            return url;
        }

        private Map<String, String> labels() {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String label : labels == null ? List.<String>of() : labels) {
                int equals = label.indexOf('=');
                if (equals <= 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--label takes KEY=VALUE, got '" + label + "'");
                }
                parsed.put(label.substring(0, equals), label.substring(equals + 1));
            }
            return parsed;
        }

        /** Comment lines saying what made the file, so a reader of a deployed rule file can regenerate it. */
        private String header() {
            List<String> command = new ArrayList<>(List.of("sparkdoc alerts export", "-o", format.label(),
                    "--source", sourceNames()));
            if (rules.file() != null) {
                command.add("--rules " + rules.file().getFileName());
            }
            StringBuilder text = new StringBuilder();
            text.append("# Prometheus alerting rules for Apache Spark, generated by sparkdoc ")
                    .append(VersionProvider.version()).append(":\n");
            text.append("#   ").append(String.join(" ", command)).append('\n');
            text.append("# Thresholds from sparkdoc's rule catalog (sparkdoc rules list)")
                    .append(rules.file() == null ? "" : " with the overrides in " + rules.file().getFileName())
                    .append("; each alert's fix annotation says what to do.\n");
            text.append(format == AlertFormat.PROMETHEUS
                    ? "# Validate with: promtool check rules FILE. Regenerate rather than edit.\n"
                    // promtool reads rule files, not Kubernetes resources: it rejects this document's apiVersion.
                    : "# Validate with: kubectl apply --dry-run=server -f FILE (promtool checks the same rules written"
                            + " with -o prometheus). Regenerate rather than edit.\n");
            return text.toString();
        }

        private void write(String text) throws IOException {
            if (outFile == null) {
                TextOutput.of(spec).show(spec.commandLine().getOut(), out -> out.print(text));
                return;
            }
            OutputFile.write(outFile, text, "the rules");
        }
    }

    /** Reads prometheus / prometheus-operator, and names the choices when the value is neither. */
    static final class FormatConverter implements CommandLine.ITypeConverter<AlertFormat> {
        @Override
        public AlertFormat convert(String value) {
            return AlertFormat.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a format; use prometheus or prometheus-operator"));
        }
    }
}
