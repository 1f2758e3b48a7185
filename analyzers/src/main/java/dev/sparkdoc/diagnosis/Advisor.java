package dev.sparkdoc.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Merges the findings' recommendations into one consistent set. Each key gets one value: when rules ask for
 * different sizes or counts, the largest wins (it satisfies all of them); otherwise the most severe finding's value
 * wins. A proposal equal to the current value is dropped. Code changes are kept once each.
 */
public final class Advisor {

    private Advisor() {
    }

    public static Advice advise(List<Finding> findingsBySeverity) {
        Map<String, List<Proposal>> byKey = new TreeMap<>();
        Map<String, Recommendation.CodeChange> code = new LinkedHashMap<>();
        for (Finding finding : findingsBySeverity) {
            for (Recommendation recommendation : finding.recommendations()) {
                if (recommendation instanceof Recommendation.ConfigChange change) {
                    byKey.computeIfAbsent(change.key(), key -> new ArrayList<>())
                            .add(new Proposal(finding.ruleId(), change));
                } else if (recommendation instanceof Recommendation.CodeChange change) {
                    code.putIfAbsent(change.kind() + "\u0000" + change.summary(), change);
                }
            }
        }
        List<Advice.Setting> settings = new ArrayList<>();
        for (Map.Entry<String, List<Proposal>> entry : byKey.entrySet()) {
            List<Proposal> proposals = entry.getValue();
            Recommendation.ConfigChange chosen = choose(proposals);
            if (chosen.currentValue().isPresent() && sameValue(chosen.currentValue().get(), chosen.proposedValue())) {
                continue;
            }
            List<String> rules = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (Proposal proposal : proposals) {
                if (!rules.contains(proposal.ruleId())) {
                    rules.add(proposal.ruleId());
                }
                if (!reasons.contains(proposal.change().why())) {
                    reasons.add(proposal.change().why());
                }
            }
            settings.add(new Advice.Setting(entry.getKey(), chosen.currentValue(), chosen.currentIsDefault(),
                    chosen.proposedValue(), rules, reasons));
        }
        return new Advice(settings, new ArrayList<>(code.values()));
    }

    private record Proposal(String ruleId, Recommendation.ConfigChange change) {
    }

    private static Recommendation.ConfigChange choose(List<Proposal> proposals) {
        Recommendation.ConfigChange best = proposals.get(0).change();
        OptionalLong bestSize = size(best.proposedValue());
        for (Proposal proposal : proposals.subList(1, proposals.size())) {
            OptionalLong size = size(proposal.change().proposedValue());
            if (bestSize.isPresent() && size.isPresent() && size.getAsLong() > bestSize.getAsLong()) {
                best = proposal.change();
                bestSize = size;
            }
        }
        return best;
    }

    private static OptionalLong size(String value) {
        return SparkSettings.parseBytes(value, 1);
    }

    private static boolean sameValue(String current, String proposed) {
        if (current.trim().equalsIgnoreCase(proposed.trim())) {
            return true;
        }
        OptionalLong a = SparkSettings.parseBytes(current, 1L << 20);
        OptionalLong b = SparkSettings.parseBytes(proposed, 1L << 20);
        return a.isPresent() && b.isPresent() && a.getAsLong() == b.getAsLong() && !current.matches("\\d+")
                && !proposed.matches("\\d+");
    }
}
