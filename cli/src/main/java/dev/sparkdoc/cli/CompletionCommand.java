package dev.sparkdoc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkdoc completion bash|zsh}: the completion script picocli generates from the command model, so it names
 * every command, option and enum value sparkdoc has, and never goes stale.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a completion script for your shell: commands, options and their values complete with"
                + " Tab.",
            "",
            "  source <(sparkdoc completion bash)      # in ~/.bashrc",
            "  source <(sparkdoc completion zsh)       # in ~/.zshrc (the script loads bashcompinit)"})
final class CompletionCommand implements Callable<Integer> {

    /** The shells the script serves. */
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // picocli's script runs in bash and, through bashcompinit, in zsh: one script serves both.
        String script = AutoComplete.bash("sparkdoc", spec.root().commandLine());
        PrintWriter out = spec.commandLine().getOut();
        out.print(script);
        out.flush();
        return ExitCode.OK;
    }
}
