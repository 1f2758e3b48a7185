package dev.sparkdoc.cli.evaluation;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.AnalyzerRegistry;
import dev.sparkdoc.diagnosis.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The verdicts of all labelled logs, counted per rule, and the table people read. */
public record EvaluationReport(List<Verdict> verdicts) {

    public EvaluationReport {
        verdicts = List.copyOf(verdicts);
    }

    /** One rule's counts: expected labels found / missing, false alarms, unlabelled findings, wrong advice. */
    public record RuleCounts(int truePositives, int falsePositives, int falseNegatives, int unlabelled,
            int wrongAdvice) {

        RuleCounts plus(RuleCounts other) {
            return new RuleCounts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                    falseNegatives + other.falseNegatives, unlabelled + other.unlabelled,
                    wrongAdvice + other.wrongAdvice);
        }

        static final RuleCounts ZERO = new RuleCounts(0, 0, 0, 0, 0);

        public String precision() {
            return percent(truePositives, truePositives + falsePositives);
        }

        public String recall() {
            return percent(truePositives, truePositives + falseNegatives);
        }

        private static String percent(int part, int whole) {
            return whole == 0 ? "-" : String.format(Locale.ROOT, "%d%%", Math.round(100.0 * part / whole));
        }
    }

    /** Counts per rule: every rule sparkdoc has, and any other rule a label names. */
    public Map<String, RuleCounts> perRule() {
        Map<String, RuleCounts> counts = new TreeMap<>();
        for (Analyzer analyzer : AnalyzerRegistry.analyzers()) {
            counts.put(analyzer.ruleId(), RuleCounts.ZERO);
        }
        for (Verdict verdict : verdicts) {
            for (Verdict.ExpectedOutcome expected : verdict.expected()) {
                add(counts, expected.label().rule(), expected.found() ? new RuleCounts(1, 0, 0, 0, 0)
                        : new RuleCounts(0, 0, 1, 0, 0));
            }
            for (Verdict.FindingOutcome outcome : verdict.findings()) {
                switch (outcome.judgement()) {
                    case FALSE_ALARM -> add(counts, outcome.finding().ruleId(), new RuleCounts(0, 1, 0, 0, 0));
                    case UNLABELLED -> add(counts, outcome.finding().ruleId(), new RuleCounts(0, 0, 0, 1, 0));
                    default -> {
                    }
                }
            }
            for (Verdict.WrongAdvice wrong : verdict.wrongAdvice()) {
                for (String rule : wrong.ruleIds()) {
                    add(counts, rule, new RuleCounts(0, 0, 0, 0, 1));
                }
            }
        }
        return counts;
    }

    private static void add(Map<String, RuleCounts> counts, String rule, RuleCounts more) {
        counts.merge(rule, more, RuleCounts::plus);
    }

    public List<Verdict.FindingOutcome> falseAlarms() {
        return outcomes(Verdict.Judgement.FALSE_ALARM);
    }

    public List<Verdict.FindingOutcome> unlabelled() {
        return outcomes(Verdict.Judgement.UNLABELLED);
    }

    private List<Verdict.FindingOutcome> outcomes(Verdict.Judgement judgement) {
        return verdicts.stream().flatMap(v -> v.findings().stream()).filter(o -> o.judgement() == judgement)
                .toList();
    }

    public int missing() {
        return (int) verdicts.stream().flatMap(v -> v.expected().stream()).filter(e -> !e.found()).count();
    }

    public int wrongAdvice() {
        return verdicts.stream().mapToInt(v -> v.wrongAdvice().size()).sum();
    }

    /** No false alarm, no expected finding missing, no wrong advice. */
    public boolean clean() {
        return falseAlarms().isEmpty() && missing() == 0 && wrongAdvice() == 0;
    }

    public void print(PrintWriter out) {
        Map<String, RuleCounts> perRule = perRule();
        int width = Math.max(28, perRule.keySet().stream().mapToInt(String::length).max().orElse(0));
        String format = "%-" + width + "s %4s %4s %4s %10s %9s %6s %12s%n";
        out.printf(Locale.ROOT, format, "rule", "TP", "FP", "FN", "unlabelled", "precision", "recall",
                "wrong-advice");
        RuleCounts total = RuleCounts.ZERO;
        for (Map.Entry<String, RuleCounts> entry : perRule.entrySet()) {
            row(out, format, entry.getKey(), entry.getValue());
            total = total.plus(entry.getValue());
        }
        row(out, format, "all rules", total);
        out.println();
        out.printf(Locale.ROOT, "%d labelled logs; %d false alarms, %d expected findings missing, %d wrong-direction"
                + " or forbidden advice, %d unlabelled findings at warning or above%n", verdicts.size(),
                falseAlarms().size(), missing(), wrongAdvice(), unlabelled().size());

        section(out, "False alarms (a forbidden label matches)", falseAlarms().isEmpty());
        for (Verdict verdict : verdicts) {
            for (Verdict.FindingOutcome outcome : verdict.findings()) {
                if (outcome.judgement() == Verdict.Judgement.FALSE_ALARM) {
                    out.println("  " + line(verdict.log(), outcome.finding()));
                    out.println("      label: " + outcome.label().map(FindingLabel::reason).orElse(""));
                }
            }
        }
        section(out, "Expected findings missing", missing() == 0);
        for (Verdict verdict : verdicts) {
            for (Verdict.ExpectedOutcome expected : verdict.expected()) {
                if (!expected.found()) {
                    out.println("  " + expected.label().describe() + "  " + verdict.log());
                    out.println("      label: " + expected.label().reason());
                }
            }
        }
        section(out, "Wrong-direction or forbidden advice", wrongAdvice() == 0);
        for (Verdict verdict : verdicts) {
            for (Verdict.WrongAdvice wrong : verdict.wrongAdvice()) {
                out.println("  " + String.join(",", wrong.ruleIds()) + "  " + verdict.log() + "  [" + wrong.scope()
                        + "]  " + oneLine(wrong.advice(), 110));
                out.println("      " + wrong.why());
            }
        }
        section(out, "Unlabelled findings at warning or above (review, then label)", unlabelled().isEmpty());
        for (Verdict verdict : verdicts) {
            for (Verdict.FindingOutcome outcome : verdict.findings()) {
                if (outcome.judgement() == Verdict.Judgement.UNLABELLED) {
                    out.println("  " + line(verdict.log(), outcome.finding()));
                }
            }
        }
        out.flush();
    }

    private static void row(PrintWriter out, String format, String rule, RuleCounts counts) {
        out.printf(Locale.ROOT, format, rule, counts.truePositives(), counts.falsePositives(),
                counts.falseNegatives(), counts.unlabelled(), counts.precision(), counts.recall(),
                counts.wrongAdvice());
    }

    private static void section(PrintWriter out, String title, boolean empty) {
        out.println();
        out.println(title + ":" + (empty ? " none" : ""));
    }

    private static String line(String log, Finding finding) {
        return finding.ruleId() + "  " + log + "  [" + finding.scope().label() + "] " + finding.severity().label()
                + ": " + oneLine(finding.summary(), 140);
    }

    private static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }

    /** Every finding's verdict, for tests that look at one log. */
    public List<Verdict.FindingOutcome> outcomes(String log) {
        List<Verdict.FindingOutcome> outcomes = new ArrayList<>();
        verdicts.stream().filter(v -> v.log().equals(log)).forEach(v -> outcomes.addAll(v.findings()));
        return outcomes;
    }
}
