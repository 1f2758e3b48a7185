package dev.sparkdoc.event;

/** A stage attempt: Spark keys every stage by its id and attempt, so a retry never overwrites the first attempt. */
public record StageAttemptId(int stageId, int attemptId) implements Comparable<StageAttemptId> {

    public StageAttemptId {
        if (stageId < 0) {
            throw new IllegalArgumentException("stageId is negative: " + stageId);
        }
        if (attemptId < 0) {
            throw new IllegalArgumentException("attemptId is negative: " + attemptId);
        }
    }

    @Override
    public int compareTo(StageAttemptId other) {
        int byStage = Integer.compare(stageId, other.stageId);
        return byStage != 0 ? byStage : Integer.compare(attemptId, other.attemptId);
    }

    // Written out rather than left to the record's generated methods: those are bound through invokedynamic
    // (ObjectMethods) the first time a stage is looked up in a map, which costs a cold start some 10 ms.
    @Override
    public boolean equals(Object other) {
        return other instanceof StageAttemptId that && stageId == that.stageId && attemptId == that.attemptId;
    }

    @Override
    public int hashCode() {
        return 31 * stageId + attemptId;
    }

    @Override
    public String toString() {
        return stageId + "." + attemptId;
    }
}
