package dev.sparkdoc.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs the items of two runs by signature, tier by tier: in each tier, the k-th item of one run with a signature is
 * paired with the k-th item of the other run with the same signature (items in run order); what a tier leaves
 * unpaired goes to the next, looser tier. What no tier pairs appeared (candidate only) or disappeared (baseline only).
 */
final class Matching {

    private Matching() {
    }

    /** A pair and the tier (0 = strictest) that made it. */
    record Pair<T>(T baseline, T candidate, int tier) {
    }

    record Result<T>(List<Pair<T>> pairs, List<T> baselineOnly, List<T> candidateOnly) {
    }

    static <T> Result<T> match(List<T> baseline, List<T> candidate, List<Function<T, String>> tiers) {
        return match(baseline, candidate, tiers, tiers);
    }

    /** As {@link #match(List, List, List)}, with signatures that need each run's own context. */
    static <T> Result<T> match(List<T> baseline, List<T> candidate, List<Function<T, String>> baselineTiers,
            List<Function<T, String>> candidateTiers) {
        if (baselineTiers.size() != candidateTiers.size()) {
            throw new IllegalArgumentException("both runs need the same tiers");
        }
        List<T> leftBaseline = new ArrayList<>(baseline);
        List<T> leftCandidate = new ArrayList<>(candidate);
        List<Pair<T>> pairs = new ArrayList<>();
        for (int tier = 0; tier < baselineTiers.size(); tier++) {
            Function<T, String> signature = baselineTiers.get(tier);
            Function<T, String> candidateSignature = candidateTiers.get(tier);
            Map<String, List<T>> candidates = new LinkedHashMap<>();
            for (T item : leftCandidate) {
                candidates.computeIfAbsent(candidateSignature.apply(item), key -> new ArrayList<>()).add(item);
            }
            Map<String, Integer> used = new HashMap<>();
            List<T> stillBaseline = new ArrayList<>();
            for (T item : leftBaseline) {
                String key = signature.apply(item);
                List<T> same = candidates.get(key);
                int next = used.getOrDefault(key, 0);
                if (same != null && next < same.size()) {
                    pairs.add(new Pair<>(item, same.get(next), tier));
                    used.put(key, next + 1);
                } else {
                    stillBaseline.add(item);
                }
            }
            List<T> stillCandidate = new ArrayList<>();
            for (Map.Entry<String, List<T>> group : candidates.entrySet()) {
                int taken = used.getOrDefault(group.getKey(), 0);
                stillCandidate.addAll(group.getValue().subList(taken, group.getValue().size()));
            }
            Map<T, Integer> order = new java.util.IdentityHashMap<>();
            for (T item : leftCandidate) {
                order.put(item, order.size());
            }
            stillCandidate.sort(java.util.Comparator.comparingInt(order::get));
            leftBaseline = stillBaseline;
            leftCandidate = stillCandidate;
        }
        return new Result<>(pairs, leftBaseline, leftCandidate);
    }
}
