package dev.sparkdoc.cli.k8s;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * kubectl's connection and scope flags, shared by every Kubernetes command. As with kubectl, they may also come
 * before the command ({@code sparkdoc -n spark get apps}): {@link Global} holds those, and each is used where the
 * command's own spelling was not given. A command's own flag beats a global one, which beats the config file.
 */
public final class KubeOptions {

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config, else the pod's "
                    + "service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use.")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "The namespace (default: the context's, else 'default').")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Look in every namespace.")
    boolean allNamespaces;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for one API request: 500ms, 10s, 1m (default: ${DEFAULT-VALUE}).")
    String requestTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "3s",
            description = "How long to wait for the API server to accept a connection (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    /**
     * The flags given before the command ({@code sparkdoc -n NS --context C get apps}). Only what was typed counts: a
     * config file's {@code "*"} defaults reach the root command too, and mean the commands' own options.
     */
    public static final class Global {
        @Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "Kubernetes commands: the kubeconfig to use (as after the command).")
        Path kubeconfig;

        @Option(names = "--context", paramLabel = "NAME", description = "Kubernetes commands: the kubeconfig context.")
        String context;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
                description = "Kubernetes commands (and alerts' PrometheusRule): the namespace.")
        String namespace;

        @Option(names = {"-A", "--all-namespaces"}, description = "Kubernetes commands: every namespace.")
        boolean allNamespaces;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec root;

        private boolean typed(String option) {
            return root != null && root.commandLine() != null && root.commandLine().getParseResult() != null
                    && root.commandLine().getParseResult().hasMatchedOption(option);
        }

        Path kubeconfig() {
            return typed("--kubeconfig") ? kubeconfig : null;
        }

        String context() {
            return typed("--context") ? context : null;
        }

        boolean allNamespaces() {
            return typed("--all-namespaces") && allNamespaces;
        }

        /**
         * Refuses a flag given before a command that does not take it ({@code sparkdoc --context X analyze}), as a
         * usage error naming it, rather than ignoring it.
         */
        public void check(CommandLine executed) {
            for (String flag : List.of("--kubeconfig", "--context", "--namespace", "--all-namespaces")) {
                if (typed(flag) && executed.getCommandSpec().findOption(flag) == null
                        && executed.getCommandSpec() != executed.getCommandSpec().root()) {
                    throw new CommandLine.ParameterException(executed, flag + " (before the command) is"
                            + " for the commands that take it (get, describe, logs, diagnose; alerts export: -n);"
                            + " '" + executed.getCommandSpec().qualifiedName() + "' does not");
                }
            }
        }

        /** The namespace typed before the command, for commands outside this package that take -n; else null. */
        public String namespace() {
            return typed("--namespace") ? namespace : null;
        }
    }

    /** The flags of the root command, given before the subcommand; none when run without the root. */
    public static Global global(CommandLine.Model.CommandSpec spec) {
        if (spec != null && spec.root().userObject() instanceof GlobalHolder holder && holder.kubeGlobal() != null) {
            return holder.kubeGlobal();
        }
        return new Global();
    }

    /** The root command, which carries the {@link Global} flags. */
    public interface GlobalHolder {
        Global kubeGlobal();
    }

    private boolean typed(String option) {
        return mixee != null && mixee.commandLine() != null && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** This command's value when typed after it, else the global one when typed, else the default or config's. */
    Path kubeconfig() {
        Path global = global(mixee).kubeconfig();
        return typed("--kubeconfig") || global == null ? kubeconfig : global;
    }

    String context() {
        String global = global(mixee).context();
        return typed("--context") || global == null ? context : global;
    }

    String namespace() {
        String global = global(mixee).namespace();
        return typed("--namespace") || global == null ? namespace : global;
    }

    boolean allNamespaces() {
        return allNamespaces || global(mixee).allNamespaces();
    }

    Duration connectTimeout() {
        return duration(connectTimeout, "--connect-timeout");
    }

    Duration requestTimeout() {
        return duration(requestTimeout, "--request-timeout");
    }

    /** A duration option (500ms, 30s, 5m, 1h; seconds when bare); refused with one line naming the option. */
    public static Duration duration(String text, String option) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new KubernetesException(option + " '" + text + "' is not a duration; write it like 500ms, 30s, 5m "
                    + "or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }
}
