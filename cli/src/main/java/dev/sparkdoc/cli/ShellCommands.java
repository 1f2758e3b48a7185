package dev.sparkdoc.cli;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.FindingGroup;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.report.FindingsText;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.report.TextLayout;
import dev.sparkdoc.report.TextReport;
import dev.sparkdoc.report.TextStyle;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands inside 'sparkdoc shell', as picocli commands so that parsing, help and Tab completion (through
 * picocli's completer for jline) come from one declaration. Stage ids, rule ids, SQL execution ids and command
 * names complete from the log being explored: their candidate lists are built by {@link Factory} with the session.
 */
@Command(name = "", description = "Explore one Spark application.",
        subcommands = {
            ShellCommands.Summary.class, ShellCommands.Stages.class, ShellCommands.StageCommand.class,
            ShellCommands.Tasks.class, ShellCommands.Executors.class, ShellCommands.Jobs.class,
            ShellCommands.Sql.class, ShellCommands.Findings.class, ShellCommands.Advise.class,
            ShellCommands.Explain.class, ShellCommands.Help.class, ShellCommands.Exit.class
        })
final class ShellCommands implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ShellCommands() {
    }

    @Override
    public void run() {
        Help.list(spec.commandLine(), TextStyle.PLAIN.width());
    }

    /** The command tree for one session, writing to {@code out} and {@code err}. */
    static CommandLine create(ShellSession session, PrintWriter out, PrintWriter err) {
        CommandLine commands = new CommandLine(new ShellCommands(), new Factory(session));
        commands.setOut(out);
        commands.setErr(err);
        commands.setCaseInsensitiveEnumValuesAllowed(true);
        commands.setAbbreviatedOptionsAllowed(false);
        HelpLayout.install(commands);
        commands.setParameterExceptionHandler((ex, args) -> {
            PrintWriter failedErr = ex.getCommandLine().getErr();
            failedErr.println("error: " + ex.getMessage());
            String name = ex.getCommandLine().getCommandName();
            failedErr.println(name.isEmpty() ? "Type 'help' for the commands." : "Type 'help " + name + "' for usage.");
            failedErr.flush();
            return ExitCode.USAGE;
        });
        commands.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            PrintWriter failedErr = failed.getErr();
            if (ex instanceof BadInputException) {
                failedErr.println("error: " + ex.getMessage());
            } else {
                failedErr.println("internal error: " + ex.getClass().getName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                        + (session.debug() ? "" : " (start the shell with --debug for a stack trace)"));
                if (session.debug()) {
                    ex.printStackTrace(failedErr);
                }
            }
            failedErr.flush();
            return ExitCode.INTERNAL_ERROR;
        });
        return commands;
    }

    /** Runs one line's words; blank lines do nothing. */
    static void execute(CommandLine commands, List<String> words) {
        List<String> args = new ArrayList<>();
        for (String word : words) {
            if (!word.isEmpty()) {
                args.add(word);
            }
        }
        if (args.isEmpty()) {
            return;
        }
        if (commands.getSubcommands().get(args.get(0)) == null) {
            commands.getErr().println("error: unknown command '" + args.get(0)
                    + "'. Type 'help' for the commands; Tab completes them.");
            commands.getErr().flush();
            return;
        }
        commands.execute(args.toArray(new String[0]));
        commands.getOut().flush();
    }

    static String banner(ShellSession session) {
        List<Finding> findings = session.log().diagnosis().findings();
        return "sparkdoc shell: " + Formats.oneLine(session.app().application().name(), 80) + " ("
                + session.app().stages().size() + " stage attempts, " + findings.size() + " finding"
                + (findings.size() == 1 ? "" : "s") + "). Type 'help' for commands, Tab to complete, 'exit' or "
                + "Ctrl-D to leave.";
    }

    /** Creates the commands and candidate lists, handing them the session. */
    private record Factory(ShellSession session) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K created = CommandLine.defaultFactory().create(type);
            if (created instanceof Action action) {
                action.session = session;
            } else if (created instanceof Candidates candidates) {
                candidates.session = session;
            }
            return created;
        }
    }

    /** A shell command: it sees the session and writes to the command line's output. */
    abstract static class Action implements Callable<Integer> {
        ShellSession session;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        StageAttempt stage(String text) {
            return session.stage(text).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "no stage '" + text + "' in this application" + stageRange() + "; 'stages' lists them"));
        }

        private String stageRange() {
            if (session.app().stages().isEmpty()) {
                return " (it has none)";
            }
            int first = session.app().stages().get(0).id().stageId();
            int last = session.app().stages().get(session.app().stages().size() - 1).id().stageId();
            return " (stage ids run from " + first + " to " + last + ")";
        }
    }

    /** Completion candidates computed from the session. */
    abstract static class Candidates implements Iterable<String> {
        ShellSession session;

        abstract List<String> candidates();

        @Override
        public Iterator<String> iterator() {
            return session == null ? List.<String>of().iterator() : candidates().iterator();
        }
    }

    static final class StageIds extends Candidates {
        @Override
        List<String> candidates() {
            Set<String> ids = new LinkedHashSet<>();
            for (StageAttempt stage : session.app().stages()) {
                ids.add(Integer.toString(stage.id().stageId()));
            }
            for (StageAttempt stage : session.app().stages()) {
                if (session.attempts(stage.id().stageId()).size() > 1) {
                    ids.add(stage.id().toString());
                }
            }
            return new ArrayList<>(ids);
        }
    }

    static final class RuleIds extends Candidates {
        @Override
        List<String> candidates() {
            return session.settings().catalog().rules().stream().map(Rule::id).toList();
        }
    }

    static final class SqlIds extends Candidates {
        @Override
        List<String> candidates() {
            return session.app().sqlExecutions().stream().map(sql -> Long.toString(sql.id())).toList();
        }
    }

    static final class CommandNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("summary", "stages", "stage", "tasks", "executors", "jobs", "sql", "findings", "advise",
                    "explain", "help", "exit").iterator();
        }
    }

    @Command(name = "summary", description = "The application: who, when, how much, and its findings in one line.")
    static final class Summary extends Action {
        @Override
        public Integer call() {
            PrintWriter out = out();
            TextStyle style = session.style();
            TextReport.renderSummary(session.log().log(), out, style);
            List<Finding> findings = session.log().diagnosis().findings();
            List<String> parts = new ArrayList<>();
            for (FindingGroup group : session.log().diagnosis().findingGroups()) {
                parts.add(group.severity().label() + " " + group.ruleId() + " (" + group.scopeLabel() + ")");
            }
            TextLayout.field(out, "Findings", (findings.isEmpty() ? "none" : String.join(", ", parts))
                    + (findings.isEmpty() ? "" : "; 'findings' shows them"), 13, style.width());
            return ExitCode.OK;
        }
    }

    /** How 'stages' sorts. */
    enum StageSort {
        id,
        duration,
        skew,
        spill,
        gc
    }

    @Command(name = "stages", description = "Every stage attempt, one line each; ! marks stages with findings.")
    static final class Stages extends Action {
        @Option(names = "--sort", paramLabel = "KEY", defaultValue = "id",
                description = "id, duration, skew (max/median task duration), spill (bytes spilled) or gc "
                        + "(GC share of run time); all but id sort largest first.")
        StageSort sort;

        @Option(names = "--top", paramLabel = "N", description = "Show only the first N.")
        Integer top;

        @Override
        public Integer call() {
            ShellViews.stages(session, sort, top == null ? Integer.MAX_VALUE : positive(top, "--top"), out());
            return ExitCode.OK;
        }

        private int positive(int value, String option) {
            if (value < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1");
            }
            return value;
        }
    }

    @Command(name = "stage", description = "One stage attempt: totals, task quantiles, hot tasks, failures, findings.")
    static final class StageCommand extends Action {
        @Parameters(paramLabel = "ID", completionCandidates = StageIds.class,
                description = "Stage id (its latest attempt) or stage.attempt, e.g. 3 or 3.1.")
        String id;

        @Override
        public Integer call() {
            ShellViews.stage(session, stage(id), out());
            return ExitCode.OK;
        }
    }

    /** What 'tasks' ranks by. */
    enum TaskOrder {
        duration,
        shuffleRead,
        input,
        spill,
        gc
    }

    @Command(name = "tasks", description = "A stage's successful tasks, the largest first.")
    static final class Tasks extends Action {
        @Parameters(paramLabel = "STAGE", completionCandidates = StageIds.class,
                description = "Stage id (its latest attempt) or stage.attempt.")
        String id;

        @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many (default 10).")
        int top;

        @Option(names = "--by", paramLabel = "METRIC", defaultValue = "duration",
                description = "duration, shuffleRead, input, spill (disk) or gc (default: duration).")
        TaskOrder by;

        @Override
        public Integer call() {
            if (top < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1");
            }
            ShellViews.tasks(stage(id), by, top, session.style(), out());
            return ExitCode.OK;
        }
    }

    @Command(name = "executors", description = "Executors and the driver: cores, lifetime, tasks, GC, shuffle, spill.")
    static final class Executors extends Action {
        @Override
        public Integer call() {
            ShellViews.executors(session.app(), session.style(), out());
            return ExitCode.OK;
        }
    }

    @Command(name = "jobs", description = "Jobs: status, duration, stages, description.")
    static final class Jobs extends Action {
        @Override
        public Integer call() {
            ShellViews.jobs(session.app(), session.style(), out());
            return ExitCode.OK;
        }
    }

    @Command(name = "sql", description = "SQL executions, or one execution's physical plan.")
    static final class Sql extends Action {
        @Parameters(paramLabel = "ID", arity = "0..1", completionCandidates = SqlIds.class,
                description = "The execution id; without it, all executions one per line.")
        Long id;

        @Override
        public Integer call() {
            if (id == null) {
                ShellViews.sqlList(session.app(), session.style(), out());
                return ExitCode.OK;
            }
            SqlExecution sql = session.app().sqlExecutions().stream().filter(s -> s.id() == id).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "no SQL execution "
                            + id + " in this application; 'sql' lists them"));
            ShellViews.sql(sql, out());
            return ExitCode.OK;
        }
    }

    @Command(name = "findings", description = "What the rules found, with evidence, thresholds and fixes.")
    static final class Findings extends Action {
        @Override
        public Integer call() {
            FindingsText.renderFindings(session.log().diagnosis(), out(), session.style());
            return ExitCode.OK;
        }
    }

    @Command(name = "advise", description = "The recommended configuration (one consistent set) and code changes.")
    static final class Advise extends Action {
        @Override
        public Integer call() {
            if (session.log().diagnosis().advice().isEmpty()) {
                out().println("No advice: no finding recommends a change.");
                return ExitCode.OK;
            }
            FindingsText.renderAdvice(session.log().diagnosis().advice(), out(), session.style());
            return ExitCode.OK;
        }
    }

    @Command(name = "explain", description = "A rule: what it detects, why it matters, what to do, its thresholds.")
    static final class Explain extends Action {
        @Parameters(paramLabel = "RULE", completionCandidates = RuleIds.class, description = "A rule id.")
        String ruleId;

        @Override
        public Integer call() {
            Rule rule = session.settings().catalog().rule(ruleId).orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "no rule '" + ruleId + "'; did you mean: "
                            + RulesCommand.ShowRule.closest(session.settings().catalog(), ruleId) + "?"));
            PrintWriter out = out();
            TextStyle style = session.style();
            int width = style.width();
            RulesCommand.ShowRule.describe(rule, session.settings(), out, width);
            List<Finding> found = session.log().diagnosis().findings().stream()
                    .filter(finding -> finding.ruleId().equals(rule.id())).toList();
            out.println();
            if (found.isEmpty()) {
                String why = session.log().diagnosis().outcomes().stream()
                        .filter(outcome -> outcome.ruleId().equals(rule.id())).findFirst()
                        .map(outcome -> outcome.disabled() ? "it is disabled"
                                : outcome.notApplicable().map(reason -> "not applicable: " + reason)
                                        .orElse("it found nothing"))
                        .orElse("it did not run");
                TextLayout.print(out, "In this application: " + why + ".", "", "  ", width);
            } else {
                FindingGroup group = FindingGroup.of(found).get(0);
                TextLayout.print(out, "In this application:" + (found.size() == 1 ? ""
                        : " " + FindingsText.describeGroup(group) + ", worst first:"), "", "  ", width);
                for (Finding finding : found) {
                    String severity = finding.severity().name();
                    List<String> lines = TextLayout.wrap(finding.scope().label()
                            + finding.timeLostMillis().stream().mapToObj(ms -> " (about " + Formats.millis(ms)
                                    + " lost)").findFirst().orElse("") + ": " + finding.summary(),
                            "  " + severity + "  ", "    ", width);
                    out.println("  " + style.severity(finding.severity(), severity)
                            + lines.get(0).substring(2 + severity.length()));
                    lines.stream().skip(1).forEach(out::println);
                    if (finding.scope() instanceof Scope.Stage stage) {
                        TextLayout.print(out, "'stage " + stage.stage() + "' and 'tasks " + stage.stage()
                                + "' show the stage.", "    ", "    ", width);
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "help", description = "The commands, or one command's usage.")
    static final class Help extends Action {
        @Parameters(paramLabel = "COMMAND", arity = "0..1", completionCandidates = CommandNames.class,
                description = "A command.")
        String command;

        @Override
        public Integer call() {
            CommandLine root = spec.commandLine().getParent();
            if (command == null) {
                list(root, session.style().width());
                return ExitCode.OK;
            }
            CommandLine sub = root.getSubcommands().get(command);
            if (sub == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no command '" + command
                        + "'; 'help' lists them");
            }
            // the root has no name of its own: picocli's "Usage:  stages" loses its double space
            sub.setUsageHelpWidth(Math.max(55, session.style().width()));
            out().print(sub.getUsageMessage().replaceFirst("^Usage: +", "Usage: "));
            out().flush();
            return ExitCode.OK;
        }

        /**
         * The commands, their synopses in a column and descriptions wrapped beside them to {@code width}; a synopsis
         * too long for the column (on a narrow terminal) has its description on the lines below.
         */
        static void list(CommandLine root, int width) {
            PrintWriter out = root.getOut();
            TextLayout.print(out, "Commands (Tab completes commands, options, stage ids and rule ids; Up recalls"
                    + " history):", "", "  ", width);
            int column = Math.min(2 + 44 + 1, width / 2);
            String indent = " ".repeat(column);
            for (CommandLine sub : new LinkedHashSet<>(root.getSubcommands().values())) {
                String description = String.join(" ", sub.getCommandSpec().usageMessage().description());
                String synopsis = "  " + sub.getCommandName() + synopsisArguments(sub);
                if (synopsis.length() + 1 > column) {
                    TextLayout.print(out, synopsis.strip(), "  ", "    ", width);
                    TextLayout.print(out, description, indent, indent, width);
                } else {
                    TextLayout.print(out, description, synopsis + " ".repeat(column - synopsis.length()), indent,
                            width);
                }
            }
            out.flush();
        }

        private static String synopsisArguments(CommandLine sub) {
            StringBuilder text = new StringBuilder();
            for (CommandLine.Model.OptionSpec option : sub.getCommandSpec().options()) {
                text.append(" [").append(option.longestName()).append(' ').append(option.paramLabel()).append(']');
            }
            for (CommandLine.Model.PositionalParamSpec positional : sub.getCommandSpec().positionalParameters()) {
                boolean optional = positional.arity().min() == 0;
                text.append(' ').append(optional ? "[" : "").append(positional.paramLabel())
                        .append(optional ? "]" : "");
            }
            return text.toString();
        }
    }

    @Command(name = "exit", aliases = "quit", description = "Leave the shell (Ctrl-D does too).")
    static final class Exit extends Action {
        @Override
        public Integer call() {
            session.requestExit();
            return ExitCode.OK;
        }
    }
}
