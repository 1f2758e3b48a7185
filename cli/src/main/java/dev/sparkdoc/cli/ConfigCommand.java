package dev.sparkdoc.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sparkdoc config view}: which config file is read and the option defaults it sets. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Shows the config file of option defaults (see 'sparkdoc config view').",
        subcommands = ConfigCommand.View.class)
final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "view", mixinStandardHelpOptions = true,
            description = {"Prints where sparkdoc looks for its config file ($SPARKDOC_CONFIG, else "
                + "$XDG_CONFIG_HOME/sparkdoc/config.yaml, else ~/.config/sparkdoc/config.yaml) and the option "
                + "defaults it sets. An option on the command line wins over the file, the file over the option's "
                + "own default.",
                "",
                "  defaults:",
                "    \"*\": {rules: /etc/sparkdoc/rules.yaml}     # every command with --rules",
                "    analyze: {output: markdown, fail-on: warning}",
                "    alerts export: {source: \"sparkdoc,spark\"}"})
    static final class View implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ConfigDefaults config = ConfigDefaults.load(spec.root().commandLine(), System.getenv());
            java.nio.file.Path location = ConfigDefaults.location(System.getenv());
            if (config.file().isEmpty()) {
                out.println("# no config file at " + location + "; every option has its own default");
                out.flush();
                return ExitCode.OK;
            }
            out.println("# " + location);
            out.println("defaults:" + (config.defaults().isEmpty() ? " {}" : ""));
            for (Map.Entry<String, Map<String, String>> command : config.defaults().entrySet()) {
                out.println("  " + quoted(command.getKey()) + ":");
                command.getValue().forEach((option, value) -> out.println("    " + option + ": " + quoted(value)));
            }
            out.flush();
            return ExitCode.OK;
        }

        private static String quoted(String text) {
            return text.matches("[A-Za-z0-9._/~-][A-Za-z0-9._/~ -]*") && !text.endsWith(" ") ? text
                    : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
