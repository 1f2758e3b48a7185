package dev.sparkdoc.cli;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text laid out as picocli does (description, parameters, options, footer; the same columns), but wrapped at
 * spaces only: picocli's line breaking also breaks inside words at '.', ':' and '/', which splits paths, URIs and
 * Spark keys across lines ({@code docs/listener.|md}, {@code ~/.|kube/config}) that users copy from the help.
 */
final class HelpLayout {

    private static final int NAME_COLUMN = 6;
    private static final int GAP = 3;
    private static final int CONTINUATION = 2;

    private HelpLayout() {
    }

    /** Installs the layout on {@code commandLine} and every command below it. */
    static void install(CommandLine commandLine) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(help,
                help.commandSpec().usageMessage().description()));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> paragraphs(help,
                help.commandSpec().usageMessage().footer()));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        commandLine.setHelpSectionMap(sections);
        commandLine.getSubcommands().values().stream().distinct().forEach(HelpLayout::install);
    }

    private static String paragraphs(Help help, String[] lines) {
        int width = help.commandSpec().usageMessage().width();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            for (String part : format(line).split("\n", -1)) {
                String indent = part.substring(0, part.length() - part.stripLeading().length());
                if (!indent.isEmpty() && part.length() <= width) {
                    // an example (indented): its own spacing and alignment, as written
                    text.append(part.stripTrailing()).append('\n');
                } else {
                    wrap(text, part.stripLeading(), indent.length(), indent.length(), width);
                }
            }
        }
        return text.toString();
    }

    private static String parameters(Help help) {
        List<String> names = new ArrayList<>();
        List<String[]> descriptions = new ArrayList<>();
        parameterRows(help.commandSpec(), names, descriptions);
        return table(help, names, descriptions);
    }

    private static void parameterRows(CommandSpec spec, List<String> names, List<String[]> descriptions) {
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (!parameter.hidden()) {
                names.add(" ".repeat(NAME_COLUMN) + parameter.paramLabel());
                descriptions.add(parameter.description());
            }
        }
    }

    private static String options(Help help) {
        List<String> names = new ArrayList<>();
        List<String[]> descriptions = new ArrayList<>();
        optionRows(help.commandSpec(), names, descriptions);
        return table(help, names, descriptions);
    }

    private static void optionRows(CommandSpec spec, List<String> names, List<String[]> descriptions) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                options.add(option);
            }
        }
        if (spec.usageMessage().sortOptions()) {
            options.sort(Help.createShortOptionNameComparator());
        }
        for (OptionSpec option : options) {
            String shortName = option.shortestName().length() == 2 ? option.shortestName() : "";
            String longName = option.longestName().length() > 2 ? option.longestName() : "";
            String label = option.arity().max() == 0 ? "" : "=" + option.paramLabel();
            if (longName.isEmpty()) {
                names.add("  " + shortName + label);
            } else {
                names.add("  " + (shortName.isEmpty() ? "    " : shortName + ", ") + longName + label);
            }
            descriptions.add(option.description());
        }
    }

    /** Rows of "  -s, --long=LABEL   description", the description wrapped at spaces in its column. */
    private static String table(Help help, List<String> rows, List<String[]> descriptions) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        int width = usage.width();
        // One description column for parameters and options, as picocli has.
        List<String> every = new ArrayList<>();
        parameterRows(help.commandSpec(), every, new ArrayList<>());
        optionRows(help.commandSpec(), every, new ArrayList<>());
        int longest = 0;
        for (String row : every) {
            int nameWidth = row.length() - NAME_COLUMN;
            if (nameWidth <= usage.longOptionsMaxWidth()) {
                longest = Math.max(longest, nameWidth);
            }
        }
        int column = NAME_COLUMN + longest + GAP;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String names = rows.get(i);
            StringBuilder description = new StringBuilder();
            for (String line : descriptions.get(i)) {
                description.append(description.isEmpty() ? "" : " ").append(format(line).strip());
            }
            if (names.length() + 1 > column) {
                text.append(names).append('\n');
                wrap(text, description.toString(), column, column + CONTINUATION, width);
            } else {
                StringBuilder first = new StringBuilder();
                wrap(first, description.toString(), column, column + CONTINUATION, width);
                text.append(names).append(first.substring(Math.min(first.length(), names.length())));
                if (first.isEmpty()) {
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    /** Appends {@code text} wrapped at spaces to {@code width}; a word longer than a line stays whole. */
    static void wrap(StringBuilder out, String text, int firstIndent, int restIndent, int width) {
        if (text.isEmpty()) {
            out.append('\n');
            return;
        }
        StringBuilder line = new StringBuilder(" ".repeat(firstIndent));
        boolean empty = true;
        for (String word : text.split(" +")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                out.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(" ".repeat(restIndent));
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** picocli formats help lines with String.format ({@code %n}, {@code %%}); so does this layout. */
    private static String format(String line) {
        try {
            return String.format(line).replace("\r\n", "\n");
        } catch (IllegalFormatException e) {
            return line;
        }
    }
}
