package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help: whole sentences (a description line may not stop mid-sentence and leave the rest to the next
 * line, which a terminal then shows as a broken line), and no line wider than the terminal at 80 and 100 columns.
 */
class HelpTextTest {

    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(SparkDoc.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    /** A line ends a sentence or a block, or the next one is a new block (blank, indented example, list). */
    private static void checkLines(String where, String[] lines, List<String> problems) {
        for (int i = 0; i + 1 < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String next = lines[i + 1];
            boolean ends = line.isEmpty() || line.matches(".*[.:!?)]$") || line.startsWith(" ");
            boolean nextIsNewBlock = next.isEmpty() || next.startsWith(" ") || next.startsWith("-");
            if (!ends && !nextIsNewBlock) {
                problems.add(where + ": \"" + line + "\" / \"" + next + "\"");
            }
        }
    }

    @Test
    void descriptionsAreWholeSentences() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : everyCommand()) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            checkLines(spec.qualifiedName(), spec.usageMessage().description(), problems);
            checkLines(spec.qualifiedName() + " footer", spec.usageMessage().footer(), problems);
            for (CommandLine.Model.OptionSpec option : spec.options()) {
                checkLines(spec.qualifiedName() + " " + option.longestName(), option.description(), problems);
            }
            for (CommandLine.Model.PositionalParamSpec parameter : spec.positionalParameters()) {
                checkLines(spec.qualifiedName() + " " + parameter.paramLabel(), parameter.description(), problems);
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Every word of every description, as written (a path, a URI, a key). */
    private static java.util.Set<String> words(CommandLine.Model.CommandSpec spec) {
        java.util.Set<String> words = new java.util.HashSet<>();
        List<String[]> texts = new ArrayList<>();
        texts.add(spec.usageMessage().description());
        spec.options().forEach(option -> texts.add(option.description()));
        spec.positionalParameters().forEach(parameter -> texts.add(parameter.description()));
        for (String[] text : texts) {
            for (String line : text) {
                for (String word : line.split("\\s+")) {
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
            }
        }
        return words;
    }

    /** Paths, URIs and keys stay whole: picocli's own wrapping broke them at '.', ':' and '/'. */
    @Test
    void noWordIsSplitAcrossLinesAt80And100Columns() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {80, 100}) {
            for (CommandLine command : everyCommand()) {
                command.setUsageHelpWidth(width);
                java.util.Set<String> words = words(command.getCommandSpec());
                List<String> lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
                for (int i = 0; i + 1 < lines.size(); i++) {
                    String[] before = lines.get(i).strip().split("\\s+");
                    String[] after = lines.get(i + 1).strip().split("\\s+");
                    String end = before[before.length - 1];
                    String start = after[0];
                    if (!end.isEmpty() && !start.isEmpty() && !words.contains(end) && words.contains(end + start)) {
                        problems.add(command.getCommandSpec().qualifiedName() + " at " + width + ": " + end + "|"
                                + start);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void helpFitsTheTerminalAt80And100Columns() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {80, 100}) {
            for (CommandLine command : everyCommand()) {
                command.setUsageHelpWidth(width);
                String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                help.lines().filter(line -> line.length() > width).forEach(line -> problems.add(
                        command.getCommandSpec().qualifiedName() + " at " + width + ": " + line));
            }
        }
        assertEquals(List.of(), problems);
    }
}
