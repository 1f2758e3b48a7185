package dev.sparkdoc.cli.evaluation;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.diagnosis.Finding;
import java.util.List;
import java.util.Optional;

/** What the evaluation concluded about one labelled log. */
public record Verdict(String log, List<ExpectedOutcome> expected, List<FindingOutcome> findings,
        List<WrongAdvice> wrongAdvice) {

    public Verdict {
        requireNonNull(log, "log is null");
        expected = List.copyOf(expected);
        findings = List.copyOf(findings);
        wrongAdvice = List.copyOf(wrongAdvice);
    }

    /** An expected finding, and the finding that satisfied it if one did. */
    public record ExpectedOutcome(FindingLabel label, Optional<Finding> match) {
        public ExpectedOutcome {
            requireNonNull(label, "label is null");
            requireNonNull(match, "match is null");
        }

        public boolean found() {
            return match.isPresent();
        }
    }

    /** How one finding sparkdoc made was judged against the labels. */
    public enum Judgement {
        /** Satisfies an expected label. */
        EXPECTED,
        /** Fair either way (an allowed label covers it). */
        ALLOWED,
        /** A forbidden label matches it: a false alarm. */
        FALSE_ALARM,
        /** At warning or above, and no label says anything about it: for a person to review. */
        UNLABELLED,
        /** Info, and no label says anything about it. */
        IGNORED
    }

    public record FindingOutcome(Finding finding, Judgement judgement, Optional<FindingLabel> label) {
        public FindingOutcome {
            requireNonNull(finding, "finding is null");
            requireNonNull(judgement, "judgement is null");
            requireNonNull(label, "label is null");
        }
    }

    /**
     * A proposal that moves a configuration value against its label's direction or its own intent (a no-op counts:
     * it does not move the value as it means to), or a code change a label forbids.
     */
    public record WrongAdvice(List<String> ruleIds, String scope, String advice, String why) {
        public WrongAdvice {
            ruleIds = List.copyOf(ruleIds);
            requireNonNull(scope, "scope is null");
            requireNonNull(advice, "advice is null");
            requireNonNull(why, "why is null");
        }
    }
}
