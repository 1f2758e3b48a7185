package dev.sparkdoc.report;

import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Recommendation;
import java.util.ArrayList;
import java.util.List;

/** The merged configuration advice as users paste it: {@code --conf} arguments and a spark-defaults.conf block. */
public final class AdviceFormat {

    private AdviceFormat() {
    }

    /** One {@code --conf key=value} argument per setting, quoted for a POSIX shell where the value needs it. */
    public static List<String> confArguments(Advice advice) {
        List<String> lines = new ArrayList<>();
        for (Advice.Setting setting : advice.settings()) {
            lines.add("--conf " + shellWord(setting.key() + "=" + setting.proposedValue()));
        }
        return lines;
    }

    /**
     * The settings as a {@code \}-continued spark-submit command that pastes as it is into a shell; its last line
     * ({@code ...}) stands for the rest of the user's command (class, jar, arguments). Every format prints this one.
     */
    public static String sparkSubmit(Advice advice) {
        StringBuilder text = new StringBuilder("spark-submit \\\n");
        for (String argument : confArguments(advice)) {
            text.append("  ").append(argument).append(" \\\n");
        }
        return text.append("  ...").toString();
    }

    /** {@code word} as one POSIX shell word: as it is when plain, else in single quotes. */
    static String shellWord(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || "._:/=,+@%-".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** spark-defaults.conf lines, each preceded by a comment with the current value and the rules behind it. */
    public static String sparkDefaults(Advice advice) {
        StringBuilder text = new StringBuilder();
        int width = advice.settings().stream().mapToInt(setting -> setting.key().length()).max().orElse(0);
        for (Advice.Setting setting : advice.settings()) {
            text.append("# ").append(setting.intent().label()).append(", ").append(current(setting)).append("; ")
                    .append(String.join(", ", setting.ruleIds())).append('\n');
            text.append(String.format("%-" + (width + 2) + "s%s%n", setting.key(), setting.proposedValue()));
        }
        return text.toString();
    }

    /** A finding's config change in one line: "raise spark.sql.shuffle.partitions=400 (now 200 (Spark's default))". */
    public static String change(Recommendation.ConfigChange change) {
        return change.intent().label() + " " + change.key() + "=" + change.proposedValue() + "  ("
                + change.currentValue().map(v -> "now " + v + (change.currentIsDefault() ? ", Spark's default" : ""))
                        .orElse("now not set") + ")";
    }

    /** "now 200 (Spark's default)", "now 4g", "not set". */
    public static String current(Advice.Setting setting) {
        if (setting.currentValue().isEmpty()) {
            return "now not set";
        }
        return "now " + setting.currentValue().get() + (setting.currentIsDefault() ? " (Spark's default)" : "");
    }
}
