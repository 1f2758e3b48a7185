package dev.sparkdoc.cli.evaluation;

import dev.sparkdoc.diagnosis.Advice;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Judges one log's diagnosis against its labels. */
final class LogJudge {

    private LogJudge() {
    }

    static Verdict judge(String name, LogLabels labels, Diagnosis diagnosis) {
        List<Verdict.ExpectedOutcome> expected = new ArrayList<>();
        for (FindingLabel label : labels.expected()) {
            expected.add(new Verdict.ExpectedOutcome(label,
                    diagnosis.findings().stream().filter(label::matches).findFirst()));
        }
        List<Verdict.FindingOutcome> findings = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            findings.add(judge(finding, labels));
        }
        return new Verdict(name, expected, findings, wrongAdvice(labels, diagnosis));
    }

    /** Expected first, then a forbidden label naming the rule, then allowed, then a forbidden label for any rule. */
    static Verdict.FindingOutcome judge(Finding finding, LogLabels labels) {
        Optional<FindingLabel> expected = labels.expected().stream().filter(l -> l.matches(finding)).findFirst();
        if (expected.isPresent()) {
            return new Verdict.FindingOutcome(finding, Verdict.Judgement.EXPECTED, expected);
        }
        Optional<FindingLabel> forbidden = labels.forbidden().stream()
                .filter(l -> !l.anyRule() && l.matches(finding)).findFirst();
        if (forbidden.isPresent()) {
            return new Verdict.FindingOutcome(finding, Verdict.Judgement.FALSE_ALARM, forbidden);
        }
        Optional<FindingLabel> allowed = labels.allowed().stream().filter(l -> l.covers(finding)).findFirst();
        if (allowed.isPresent()) {
            return new Verdict.FindingOutcome(finding, Verdict.Judgement.ALLOWED, allowed);
        }
        Optional<FindingLabel> anyRule = labels.forbidden().stream()
                .filter(l -> l.anyRule() && l.matches(finding)).findFirst();
        if (anyRule.isPresent()) {
            return new Verdict.FindingOutcome(finding, Verdict.Judgement.FALSE_ALARM, anyRule);
        }
        return new Verdict.FindingOutcome(finding, finding.severity().atLeast(Severity.WARNING)
                ? Verdict.Judgement.UNLABELLED : Verdict.Judgement.IGNORED, Optional.empty());
    }

    /**
     * Every configuration proposal (per finding, and in the merged advice) checked against the log's direction labels
     * and against its own intent; every code change against the log's code labels. One entry per distinct wrong
     * proposal.
     */
    static List<Verdict.WrongAdvice> wrongAdvice(LogLabels labels, Diagnosis diagnosis) {
        Map<String, Verdict.WrongAdvice> wrong = new LinkedHashMap<>();
        for (Finding finding : diagnosis.findings()) {
            for (Recommendation recommendation : finding.recommendations()) {
                if (recommendation instanceof Recommendation.ConfigChange change) {
                    Proposal proposal = new Proposal(List.of(finding.ruleId()), finding.scope().label(), change.key(),
                            change.currentValue(), change.proposedValue());
                    checkLabels(proposal, labels, wrong);
                    checkIntent(proposal, Intent.of(finding, change), wrong);
                } else if (recommendation instanceof Recommendation.CodeChange code) {
                    checkCode(finding, code, labels, wrong);
                }
            }
        }
        for (Advice.Setting setting : diagnosis.advice().settings()) {
            Proposal proposal = new Proposal(setting.ruleIds(), "merged advice", setting.key(),
                    setting.currentValue(), setting.proposedValue());
            checkLabels(proposal, labels, wrong);
            for (Finding finding : diagnosis.findings()) {
                if (!setting.ruleIds().contains(finding.ruleId())) {
                    continue;
                }
                for (Recommendation recommendation : finding.recommendations()) {
                    if (recommendation instanceof Recommendation.ConfigChange change
                            && change.key().equals(setting.key())) {
                        checkIntent(proposal, Intent.of(finding, change), wrong);
                    }
                }
            }
        }
        checkMemoryPerCore(diagnosis.advice(), wrong);
        return List.copyOf(wrong.values());
    }

    /** One merged proposal, as every version of the Advisor's settings carries it. */
    record MergedSetting(String key, Optional<String> current, String proposed, List<String> ruleIds) {
        MergedSetting {
            java.util.Objects.requireNonNull(key, "key is null");
            java.util.Objects.requireNonNull(current, "current is null");
            java.util.Objects.requireNonNull(proposed, "proposed is null");
            ruleIds = List.copyOf(ruleIds);
        }

        static MergedSetting of(Advice.Setting setting) {
            return new MergedSetting(setting.key(), setting.currentValue(), setting.proposedValue(),
                    setting.ruleIds());
        }
    }

    private static void checkMemoryPerCore(Advice advice, Map<String, Verdict.WrongAdvice> wrong) {
        memoryPerCore(advice.settings().stream().map(MergedSetting::of).toList())
                .ifPresent(found -> wrong.putIfAbsent("memory-per-core", found));
    }

    /**
     * The merged set keeps memory per core consistent: lowering {@code spark.executor.cores} already gives each task
     * more of the executor's memory, so raising {@code spark.executor.memory} in the same set compounds the two (16
     * cores and 16G becoming 4 cores and 24g turns 1 GiB per core into 6 GiB), and raising cores while lowering memory
     * compounds the other way. Either is a derived quantity moved further than any rule asked.
     */
    static Optional<Verdict.WrongAdvice> memoryPerCore(List<MergedSetting> settings) {
        Optional<MergedSetting> cores = settings.stream().filter(s -> s.key().equals("spark.executor.cores"))
                .findFirst();
        Optional<MergedSetting> memory = settings.stream().filter(s -> s.key().equals("spark.executor.memory"))
                .findFirst();
        if (cores.isEmpty() || memory.isEmpty() || cores.get().current().isEmpty()
                || memory.get().current().isEmpty()) {
            return Optional.empty();
        }
        OptionalInt coreMove = ConfigValue.compare(cores.get().key(), cores.get().current().get(),
                cores.get().proposed());
        OptionalInt memoryMove = ConfigValue.compare(memory.get().key(), memory.get().current().get(),
                memory.get().proposed());
        if (coreMove.isEmpty() || memoryMove.isEmpty() || coreMove.getAsInt() * memoryMove.getAsInt() >= 0) {
            return Optional.empty();
        }
        double before = perCore(memory.get().current().get(), cores.get().current().get());
        double after = perCore(memory.get().proposed(), cores.get().proposed());
        List<String> rules = new ArrayList<>(cores.get().ruleIds());
        memory.get().ruleIds().stream().filter(rule -> !rules.contains(rule)).forEach(rules::add);
        return Optional.of(new Verdict.WrongAdvice(rules, "merged advice",
                "spark.executor.cores: " + cores.get().current().get() + " -> " + cores.get().proposed()
                        + " with spark.executor.memory: " + memory.get().current().get() + " -> "
                        + memory.get().proposed(),
                String.format(java.util.Locale.ROOT, "derived: memory per core %.1f GiB -> %.1f GiB (%.1fx); the"
                        + " core and memory changes compound instead of keeping it consistent", before, after,
                        after / before)));
    }

    private static double perCore(String memory, String cores) {
        double bytes = ConfigValue.magnitude("spark.executor.memory", memory).orElse(0);
        double count = ConfigValue.magnitude("spark.executor.cores", cores).orElse(1);
        return bytes / Math.max(1, count) / (1024d * 1024 * 1024);
    }

    private record Proposal(List<String> ruleIds, String scope, String key, Optional<String> current,
            String proposed) {
        String describe() {
            return key + ": " + current.orElse("(unset)") + " -> " + proposed;
        }

        /** The identity of a wrong proposal: the same move reported by a finding and the merged advice is one. */
        String identity() {
            return key + "|" + current.orElse("") + "|" + proposed;
        }
    }

    private static void checkLabels(Proposal proposal, LogLabels labels, Map<String, Verdict.WrongAdvice> wrong) {
        for (AdviceLabel label : labels.advice()) {
            if (!(label instanceof AdviceLabel.Config config) || !config.key().equals(proposal.key())) {
                continue;
            }
            boolean against = switch (config.direction()) {
                case ABSENT -> true;
                case NOT_LOWER -> moves(proposal).orElse(0) < 0;
                case NOT_HIGHER -> moves(proposal).orElse(0) > 0;
            };
            if (against) {
                wrong.putIfAbsent(proposal.identity(), new Verdict.WrongAdvice(proposal.ruleIds(), proposal.scope(),
                        proposal.describe(), "label " + config.direction().label() + ": " + config.reason()));
            }
        }
    }

    private static void checkIntent(Proposal proposal, Intent intent, Map<String, Verdict.WrongAdvice> wrong) {
        OptionalInt move = moves(proposal);
        if (move.isEmpty()) {
            return;
        }
        String why = switch (intent) {
            case RAISE -> move.getAsInt() > 0 ? "" : move.getAsInt() == 0 ? "meant to raise it, proposes the same value"
                    : "meant to raise it, proposes a lower value";
            case LOWER -> move.getAsInt() < 0 ? "" : move.getAsInt() == 0 ? "meant to lower it, proposes the same value"
                    : "meant to lower it, proposes a higher value";
            case SET -> move.getAsInt() == 0 ? "proposes the value it already has" : "";
        };
        if (!why.isEmpty()) {
            wrong.putIfAbsent(proposal.identity(), new Verdict.WrongAdvice(proposal.ruleIds(), proposal.scope(),
                    proposal.describe(), "intent " + intent.name().toLowerCase(java.util.Locale.ROOT) + ": " + why));
        }
    }

    private static OptionalInt moves(Proposal proposal) {
        return proposal.current().map(current -> ConfigValue.compare(proposal.key(), current, proposal.proposed()))
                .orElse(OptionalInt.empty());
    }

    private static void checkCode(Finding finding, Recommendation.CodeChange code, LogLabels labels,
            Map<String, Verdict.WrongAdvice> wrong) {
        for (AdviceLabel label : labels.advice()) {
            if (!(label instanceof AdviceLabel.Code forbidden) || !forbidden.kind().equals(code.kind())
                    || !new FindingLabel(finding.ruleId(), forbidden.scope(), Severity.INFO, forbidden.reason())
                            .scopeMatches(finding.scope().label())) {
                continue;
            }
            List<String> missing = forbidden.mentions().stream()
                    .filter(text -> code.snippets().values().stream().anyMatch(snippet -> !snippet.contains(text)))
                    .toList();
            if (forbidden.mentions().isEmpty() || !missing.isEmpty()) {
                String why = forbidden.mentions().isEmpty() ? "label: " + forbidden.reason()
                        : "label: its snippets must name " + String.join(", ", missing) + ": " + forbidden.reason();
                wrong.putIfAbsent("code|" + finding.ruleId() + "|" + finding.scope().label() + "|" + code.kind(),
                        new Verdict.WrongAdvice(List.of(finding.ruleId()), finding.scope().label(),
                                "code " + code.kind() + ": " + code.summary(), why));
            }
        }
    }
}
