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

    @Override
    public String toString() {
        return stageId + "." + attemptId;
    }
}
