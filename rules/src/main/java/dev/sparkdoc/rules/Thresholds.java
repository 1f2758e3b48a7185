package dev.sparkdoc.rules;

/**
 * Every catalog threshold as a typed key, one nested class per rule, so code names a threshold through a constant
 * and a typo does not compile. {@code ThresholdsTest} binds them to the catalog both ways: every key exists in the
 * catalog, and every catalog threshold has a key.
 */
public final class Thresholds {

    private Thresholds() {
    }

    /** [data-skew] */
    public static final class DataSkew {
        public static final String RULE = "data-skew";
        public static final ThresholdKey WARNING_RATIO = new ThresholdKey(RULE, "warning-ratio");
        public static final ThresholdKey CRITICAL_RATIO = new ThresholdKey(RULE, "critical-ratio");
        public static final ThresholdKey MIN_MAX_TASK_DURATION = new ThresholdKey(RULE, "min-max-task-duration");
        public static final ThresholdKey MIN_MAX_BYTES = new ThresholdKey(RULE, "min-max-bytes");
        public static final ThresholdKey MIN_TIME_LOST = new ThresholdKey(RULE, "min-time-lost");
        public static final ThresholdKey MIN_STAGE_SHARE = new ThresholdKey(RULE, "min-stage-share");
        public static final ThresholdKey MIN_TASKS = new ThresholdKey(RULE, "min-tasks");

        private DataSkew() {
        }
    }

    /** [shuffle-spill] */
    public static final class ShuffleSpill {
        public static final String RULE = "shuffle-spill";
        public static final ThresholdKey MIN_SPILL_BYTES = new ThresholdKey(RULE, "min-spill-bytes");
        public static final ThresholdKey WARNING_SPILL_RATIO = new ThresholdKey(RULE, "warning-spill-ratio");
        public static final ThresholdKey CRITICAL_DISK_SPILL = new ThresholdKey(RULE, "critical-disk-spill");

        private ShuffleSpill() {
        }
    }

    /** [gc-pressure] */
    public static final class AqeDisabled {
        public static final String RULE = "aqe-disabled";
        public static final ThresholdKey MIN_SHUFFLE_BYTES = new ThresholdKey(RULE, "min-shuffle-bytes");
        public static final ThresholdKey MIN_STAGE_SHUFFLE_BYTES = new ThresholdKey(RULE, "min-stage-shuffle-bytes");
        public static final ThresholdKey MIN_COALESCE_PARTITIONS = new ThresholdKey(RULE, "min-coalesce-partitions");
        public static final ThresholdKey SKEW_RATIO = new ThresholdKey(RULE, "skew-ratio");

        private AqeDisabled() {
        }
    }

    public static final class GcPressure {
        public static final String RULE = "gc-pressure";
        public static final ThresholdKey WARNING_FRACTION = new ThresholdKey(RULE, "warning-fraction");
        public static final ThresholdKey CRITICAL_FRACTION = new ThresholdKey(RULE, "critical-fraction");
        public static final ThresholdKey MIN_TASK_TIME = new ThresholdKey(RULE, "min-task-time");
        public static final ThresholdKey MIN_GC_TIME = new ThresholdKey(RULE, "min-gc-time");
        public static final ThresholdKey OVERPROVISIONED_GC_FRACTION = new ThresholdKey(RULE, "overprovisioned-gc-fraction");
        public static final ThresholdKey OVERPROVISIONED_HEAP_FRACTION = new ThresholdKey(RULE, "overprovisioned-heap-fraction");
        public static final ThresholdKey OVERPROVISIONED_MIN_MEMORY = new ThresholdKey(RULE, "overprovisioned-min-memory");

        private GcPressure() {
        }
    }

    /** [driver-oom-risk] */
    public static final class DriverOomRisk {
        public static final String RULE = "driver-oom-risk";
        public static final ThresholdKey MIN_RESULT_BYTES = new ThresholdKey(RULE, "min-result-bytes");
        public static final ThresholdKey WARNING_RESULT_FRACTION = new ThresholdKey(RULE, "warning-result-fraction");
        public static final ThresholdKey CRITICAL_RESULT_FRACTION = new ThresholdKey(RULE, "critical-result-fraction");
        public static final ThresholdKey WARNING_HEAP_FRACTION = new ThresholdKey(RULE, "warning-heap-fraction");
        public static final ThresholdKey CRITICAL_HEAP_FRACTION = new ThresholdKey(RULE, "critical-heap-fraction");

        private DriverOomRisk() {
        }
    }

    /** [fetch-failure] */
    public static final class FetchFailure {
        public static final String RULE = "fetch-failure";
        public static final ThresholdKey CRITICAL_FETCH_FAILURES = new ThresholdKey(RULE, "critical-fetch-failures");
        public static final ThresholdKey EXECUTORS_LOST = new ThresholdKey(RULE, "executors-lost");

        private FetchFailure() {
        }
    }

    /** [task-failures] */
    public static final class TaskFailures {
        public static final String RULE = "task-failures";
        public static final ThresholdKey WARNING_FAILURE_RATE = new ThresholdKey(RULE, "warning-failure-rate");
        public static final ThresholdKey CRITICAL_FAILURE_RATE = new ThresholdKey(RULE, "critical-failure-rate");

        private TaskFailures() {
        }
    }

    /** [tiny-tasks] */
    public static final class TinyTasks {
        public static final String RULE = "tiny-tasks";
        public static final ThresholdKey MIN_TASKS = new ThresholdKey(RULE, "min-tasks");
        public static final ThresholdKey MAX_MEDIAN_DURATION = new ThresholdKey(RULE, "max-median-duration");

        private TinyTasks() {
        }
    }

    /** [too-few-shuffle-partitions] */
    public static final class TooFewShufflePartitions {
        public static final String RULE = "too-few-shuffle-partitions";
        public static final ThresholdKey TARGET_PARTITION_BYTES = new ThresholdKey(RULE, "target-partition-bytes");
        public static final ThresholdKey WARNING_FACTOR = new ThresholdKey(RULE, "warning-factor");
        public static final ThresholdKey MIN_STAGE_SHUFFLE_BYTES = new ThresholdKey(RULE, "min-stage-shuffle-bytes");

        private TooFewShufflePartitions() {
        }
    }

    /** [idle-executors] */
    public static final class IdleExecutors {
        public static final String RULE = "idle-executors";
        public static final ThresholdKey WARNING_UTILIZATION = new ThresholdKey(RULE, "warning-utilization");
        public static final ThresholdKey CRITICAL_UTILIZATION = new ThresholdKey(RULE, "critical-utilization");
        public static final ThresholdKey MIN_APP_DURATION = new ThresholdKey(RULE, "min-app-duration");
        public static final ThresholdKey MIN_IDLE_CORE_TIME = new ThresholdKey(RULE, "min-idle-core-time");

        private IdleExecutors() {
        }
    }

    /** [broadcast-join-opportunity] */
    public static final class BroadcastJoinOpportunity {
        public static final String RULE = "broadcast-join-opportunity";
        public static final ThresholdKey MAX_BROADCAST_BYTES = new ThresholdKey(RULE, "max-broadcast-bytes");
        public static final ThresholdKey MIN_SIZE_RATIO = new ThresholdKey(RULE, "min-size-ratio");
        public static final ThresholdKey MIN_TASK_TIME = new ThresholdKey(RULE, "min-task-time");

        private BroadcastJoinOpportunity() {
        }
    }

    /** [java-serializer] */
    public static final class JavaSerializer {
        public static final String RULE = "java-serializer";
        public static final ThresholdKey MIN_SHUFFLE_BYTES = new ThresholdKey(RULE, "min-shuffle-bytes");

        private JavaSerializer() {
        }
    }

    /** [executor-cores] */
    public static final class ExecutorCores {
        public static final String RULE = "executor-cores";
        public static final ThresholdKey MIN_CORES = new ThresholdKey(RULE, "min-cores");
        public static final ThresholdKey MAX_CORES = new ThresholdKey(RULE, "max-cores");
        public static final ThresholdKey CONTENTION_GC_FRACTION = new ThresholdKey(RULE, "contention-gc-fraction");

        private ExecutorCores() {
        }
    }

    /** [job-duration-regression] */
    public static final class JobDurationRegression {
        public static final String RULE = "job-duration-regression";
        public static final ThresholdKey BASELINE_FACTOR = new ThresholdKey(RULE, "baseline-factor");
        public static final ThresholdKey MIN_JOB_DURATION = new ThresholdKey(RULE, "min-job-duration");

        private JobDurationRegression() {
        }
    }

    /** [kubernetes-pods] */
    public static final class KubernetesPods {
        public static final String RULE = "kubernetes-pods";
        public static final ThresholdKey MAX_PENDING_TIME = new ThresholdKey(RULE, "max-pending-time");
        public static final ThresholdKey MAX_CRASH_LOOP_TIME = new ThresholdKey(RULE, "max-crash-loop-time");

        private KubernetesPods() {
        }
    }

    /** [listener-health] */
    public static final class ListenerHealth {
        public static final String RULE = "listener-health";
        public static final ThresholdKey MAX_DROPPED_EVENTS = new ThresholdKey(RULE, "max-dropped-events");
        public static final ThresholdKey MAX_ERRORS = new ThresholdKey(RULE, "max-errors");

        private ListenerHealth() {
        }
    }

    /** [k8s-memory-overhead-small] */
    public static final class K8sMemoryOverheadSmall {
        public static final String RULE = "k8s-memory-overhead-small";
        public static final ThresholdKey MIN_OVERHEAD = new ThresholdKey(RULE, "min-overhead");
        public static final ThresholdKey MIN_OVERHEAD_FRACTION = new ThresholdKey(RULE, "min-overhead-fraction");

        private K8sMemoryOverheadSmall() {
        }
    }

    /** [k8s-unschedulable] */
    public static final class K8sUnschedulable {
        public static final String RULE = "k8s-unschedulable";
        public static final ThresholdKey MIN_PENDING_TIME = new ThresholdKey(RULE, "min-pending-time");

        private K8sUnschedulable() {
        }
    }

    /** [k8s-crash-loop] */
    public static final class K8sCrashLoop {
        public static final String RULE = "k8s-crash-loop";
        public static final ThresholdKey MIN_RESTARTS = new ThresholdKey(RULE, "min-restarts");

        private K8sCrashLoop() {
        }
    }

    /** [k8s-executors-failed] */
    public static final class K8sExecutorsFailed {
        public static final String RULE = "k8s-executors-failed";
        public static final ThresholdKey MIN_FAILED_EXECUTORS = new ThresholdKey(RULE, "min-failed-executors");

        private K8sExecutorsFailed() {
        }
    }
}
