package dev.sparkdoc.diagnosis;

import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import dev.sparkdoc.event.StageAttemptId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a problem costs in wall-clock terms: the time the application would finish earlier without it.
 *
 * <p>A stage's <em>wall time</em> is its completion minus its submission. Its <em>exclusive wall time</em> is the
 * part of it during which no other stage attempt ran: shortening a stage saves the application time only there (the
 * approximation: while another stage runs too, the application waits for that one as well). The exclusive wall
 * times of all stages add up to at most the application's wall time, so the time lost of stage findings, each
 * bounded by its stage's exclusive wall time and shared by the findings on one stage ({@link Diagnoser}), adds up to
 * at most the application's wall time.
 *
 * <p>Summed task time (core time) is not wall time: 30 s of task time in 16 parallel tasks may be 2 s of wall time.
 * Rules report core time as evidence under that name, never as time lost.
 *
 * <p>Severity follows the share of the application's wall time saved: at most {@link Severity#INFO} below
 * {@value #WARNING_SHARE} of it or below {@value #MIN_SAVED_MILLIS} ms, at most {@link Severity#WARNING} below
 * {@value #CRITICAL_SHARE}.
 */
public final class Impact {

    /** Share of the application's wall time a finding must save to be a warning. */
    public static final double WARNING_SHARE = 0.02;
    /** Share of the application's wall time a finding must save to be critical. */
    public static final double CRITICAL_SHARE = 0.10;
    /** Wall time a finding must save to be more than information, whatever the share. */
    public static final long MIN_SAVED_MILLIS = 1_000;
    /** Stages shorter than this are not judged by stage-level rules: sub-second stages stay quiet. */
    public static final long MIN_STAGE_WALL_MILLIS = 1_000;

    private final long appWallMillis;
    private final Map<StageAttemptId, Long> exclusive;

    private Impact(long appWallMillis, Map<StageAttemptId, Long> exclusive) {
        this.appWallMillis = appWallMillis;
        this.exclusive = exclusive;
    }

    public static Impact of(ApplicationSnapshot app) {
        List<long[]> spans = new ArrayList<>();
        List<StageAttemptId> ids = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (StageAttempt stage : app.stages()) {
            if (stage.status() == StageStatus.SKIPPED || stage.status() == StageStatus.PENDING) {
                continue;
            }
            if (stage.submissionTime().isEmpty() || stage.completionTime().isEmpty()) {
                continue;
            }
            long start = stage.submissionTime().getAsLong();
            long end = Math.max(start, stage.completionTime().getAsLong());
            spans.add(new long[] {start, end, ids.size()});
            ids.add(stage.id());
            first = Math.min(first, start);
            last = Math.max(last, end);
        }
        Map<StageAttemptId, Long> exclusive = exclusiveTimes(spans, ids);
        long stageSpan = spans.isEmpty() ? 0 : last - first;
        long appWall = Math.max(app.application().durationMillis().orElse(0), stageSpan);
        return new Impact(appWall, exclusive);
    }

    /**
     * A sweep over the stages' start and end points: between two consecutive points the set of running stages is
     * fixed; when exactly one runs, the interval is that stage's alone. The sum of the running stages' indices
     * names it without a set.
     */
    private static Map<StageAttemptId, Long> exclusiveTimes(List<long[]> spans, List<StageAttemptId> ids) {
        long[][] points = new long[spans.size() * 2][];
        int p = 0;
        for (long[] span : spans) {
            points[p++] = new long[] {span[0], +1, span[2]};
            points[p++] = new long[] {span[1], -1, span[2]};
        }
        // Ends before starts at the same instant: touching stages do not overlap.
        java.util.Arrays.sort(points, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Map<StageAttemptId, Long> exclusive = new HashMap<>();
        for (StageAttemptId id : ids) {
            exclusive.put(id, 0L);
        }
        long running = 0;
        long indexSum = 0;
        long previous = 0;
        for (long[] point : points) {
            if (running == 1 && point[0] > previous) {
                exclusive.merge(ids.get((int) indexSum), point[0] - previous, Long::sum);
            }
            running += point[1];
            indexSum += point[1] * point[2];
            previous = point[0];
        }
        return exclusive;
    }

    /** The application's wall time: its duration, or the span of its stages when longer or when it has none. */
    public long appWallMillis() {
        return appWallMillis;
    }

    /** The part of the stage's wall time during which no other stage ran; 0 without submission or completion. */
    public long exclusiveMillis(StageAttempt stage) {
        return exclusive.getOrDefault(stage.id(), 0L);
    }

    /** Wall time saved if the stage finished {@code millis} earlier: at most its exclusive wall time. */
    public long saved(StageAttempt stage, long millis) {
        return Math.max(0, Math.min(millis, exclusiveMillis(stage)));
    }

    /**
     * Wall time saved if {@code share} of the stage's work went away (work spread evenly over its wall time): that
     * share of its wall time, at most its exclusive wall time.
     */
    public long savedFromShare(StageAttempt stage, double share) {
        long wall = stage.durationMillis().orElse(0);
        double bounded = Math.max(0, Math.min(1, share));
        return saved(stage, Math.round(wall * bounded));
    }

    /** {@code millis} over the application's wall time; 0 when that is unknown. */
    public double shareOfApplication(long millis) {
        return appWallMillis > 0 ? (double) millis / appWallMillis : 0;
    }

    /** The rule's severity, lowered to what the wall time saved supports. */
    public Severity cap(Severity wanted, long savedMillis) {
        double share = shareOfApplication(savedMillis);
        Severity supported = savedMillis < MIN_SAVED_MILLIS || share < WARNING_SHARE ? Severity.INFO
                : share < CRITICAL_SHARE ? Severity.WARNING : Severity.CRITICAL;
        return wanted.compareTo(supported) <= 0 ? wanted : supported;
    }

    /** Evidence: the wall time saved and its share of the application's wall time. */
    public List<Evidence> savedEvidence(long savedMillis) {
        return List.of(Evidence.millis("wall time saved", savedMillis),
                Evidence.fraction("wall time saved / application wall time", shareOfApplication(savedMillis)));
    }
}
