package dev.sparkdoc.samples.salting;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.SaltingAdvice;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.Optional;

/**
 * The key and bucket count a data-skew finding advises: the key from the finding's SQL-plan evidence, the buckets
 * from {@link SaltingAdvice#bucketsFor} of the skewed stage's worst max/median ratio, computed exactly as the
 * analyzer computes it (the evidence shows it rounded).
 *
 * @param adviceSummary the salting recommendation's summary, which names the same key and count
 */
public record SaltPlan(String key, int buckets, double ratio, String metric, StageAttempt stage,
        String adviceSummary) {

    static final String KEY_EVIDENCE_SUFFIX = " key (from the SQL plan)";

    public SaltPlan {
        requireNonNull(key, "key is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(adviceSummary, "adviceSummary is null");
    }

    public static Optional<SaltPlan> fromFinding(ApplicationSnapshot app, Finding finding) {
        if (!(finding.scope() instanceof Scope.Stage stageScope)) {
            return Optional.empty();
        }
        Optional<StageAttempt> stage = app.stage(stageScope.stage());
        Optional<String> key = finding.evidence().stream()
                .filter(evidence -> evidence.name().endsWith(KEY_EVIDENCE_SUFFIX))
                .map(evidence -> evidence.display().split(",")[0].trim())
                .findFirst();
        Optional<String> advice = finding.recommendations().stream()
                .filter(Recommendation.CodeChange.class::isInstance)
                .map(Recommendation.CodeChange.class::cast)
                .filter(change -> change.kind().equals("salting"))
                .map(Recommendation.CodeChange::summary)
                .findFirst();
        if (stage.isEmpty() || key.isEmpty() || advice.isEmpty() || finding.evidence().isEmpty()) {
            return Optional.empty();
        }
        Evidence worst = finding.evidence().get(0);
        TaskMetric metric = worst.name().startsWith("shuffle read") ? TaskMetric.SHUFFLE_READ_BYTES
                : worst.name().startsWith("input") ? TaskMetric.INPUT_BYTES : TaskMetric.DURATION;
        Distribution distribution = stage.get().distribution(metric);
        double ratio = metric == TaskMetric.DURATION
                ? (double) distribution.max() / distribution.median()
                : (double) distribution.max() / Math.max(1, distribution.median());
        String metricName = worst.name().replace(" max/median", "");
        return Optional.of(new SaltPlan(key.get(), SaltingAdvice.bucketsFor(ratio), ratio, metricName, stage.get(),
                advice.get()));
    }
}
