package dev.sparkdoc.rules;

import java.util.List;
import java.util.Optional;

/**
 * GENERATED from catalog.yaml by GeneratedCatalogTest (-Dsparkdoc.updateCatalog=true): do not edit.
 * The built-in rule catalog as Java, so that the command starts without a YAML parser.
 */
final class GeneratedCatalog {

    static final String RUNBOOK_BASE_URL = "docs/rules";

    private GeneratedCatalog() {
    }

    static List<Rule> rules() {
        return List.of(
            rule0(),
            rule1(),
            rule2(),
            rule3(),
            rule4(),
            rule5(),
            rule6(),
            rule7(),
            rule8(),
            rule9(),
            rule10(),
            rule11(),
            rule12(),
            rule13(),
            rule14(),
            rule15(),
            rule16(),
            rule17(),
            rule18(),
            rule19(),
            rule20(),
            rule21(),
            rule22(),
            rule23(),
            rule24(),
            rule25(),
            rule26());
    }

    private static Rule rule0() {
        return new Rule("data-skew",
            "Data skew",
            "performance",
            "A stage attempt whose slowest task runs far longer than its median task, or whose largest task reads far more shuffle or input bytes than the median task: a few partitions hold most of the data.",
            "Only where it matters: at least min-tasks successful tasks in a stage of at least a second; the slowest task loses at least min-time-lost over the median and lasts at least min-stage-share of the stage; a duration ratio counts only when the slowest task takes at least min-max-task-duration, a bytes ratio only when the largest task reads at least min-max-bytes. Three kinds: shuffle-read skew (salting with the plan's key), input skew in a stage without shuffle read (splits and file compaction, never salting), duration-only skew (speculation). A zero median leaves the ratio undefined: the largest task's amount over the floor decides, at warning at most. Spark-internal stages are information only; severity follows the wall time saved.",
            "Spark runs a stage as parallel tasks, one per partition, and the stage ends when its last task ends. When one key holds most rows, the partition that key hashes to is many times larger than the others: one task works while the other cores sit idle, and it may spill or run out of memory.",
            "By kind. Shuffle-read skew: salt the key the plan partitions the shuffle by (split it over N buckets, aggregate or join per bucket, then combine; code is generated only for aggregate functions that combine exactly, from the plan's own functions), turn on adaptive query execution and its skew-join handling for joins, or filter or pre-aggregate the hot key. Input skew: smaller input splits (spark.sql.files.maxPartitionBytes) for files that can be split, and compaction into files of similar size in a splittable format. Duration-only skew: spark.speculation, and excludeOnFailure where tasks also fail. The max/median ratio is undefined when the median is 0 (the report, charts and live gauge say so or leave it out; none divides by a made-up 1).",
            List.of(
                new Threshold("warning-ratio", ThresholdUnit.RATIO, 5.0, "max/median at or above which the stage is a warning"),
                new Threshold("critical-ratio", ThresholdUnit.RATIO, 10.0, "max/median at or above which the stage is critical"),
                new Threshold("min-max-task-duration", ThresholdUnit.MILLISECONDS, 5000.0, "the slowest task must take at least this long for a duration ratio to count"),
                new Threshold("min-max-bytes", ThresholdUnit.BYTES, 6.7108864E7, "the largest task must read at least this much for a bytes ratio to count"),
                new Threshold("min-time-lost", ThresholdUnit.MILLISECONDS, 2000.0, "the slowest task must take at least this much longer than the median task"),
                new Threshold("min-stage-share", ThresholdUnit.FRACTION, 0.3, "the slowest task must last at least this share of the stage's duration"),
                new Threshold("min-tasks", ThresholdUnit.COUNT, 5.0, "successful tasks needed for a median to mean anything")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkStageSkewed", AlertSource.SPARKDOC, Severity.CRITICAL,
                    "0s",
                    "max by (application_id, application_name) (sparkdoc_findings{rule=\"data-skew\", severity=\"critical\"}) > 0",
                    "Spark application {{ $labels.application_name }} has critically skewed stages ({{ $value }})",
                    "sparkdoc's data-skew rule judged {{ $value }} completed stages of {{ $labels.application_id }} critical: the slowest or largest task reached ${critical-ratio} the median task, past the rule's floors (a slowest task of ${min-max-task-duration} or a largest read of ${min-max-bytes}, ${min-time-lost} lost over the median, at least ${min-tasks} tasks). It is the finding sparkdoc analyze reports, with the thresholds of the listener's spark.sparkdoc.rules. A few keys hold most of the data, so one task works while the other cores wait: run sparkdoc analyze on the event log to name the stage and the key, then salt the key or turn on adaptive query execution's skew-join handling."),
                new AlertTemplate("SparkStageStraggling", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "(\n  max by (application_id, application_name, stage_id, stage_attempt) (sparkdoc_running_stage_oldest_task_seconds)\n  >= ${critical-ratio}\n    * max by (application_id, application_name, stage_id, stage_attempt) (sparkdoc_running_stage_median_task_seconds)\n)\nand\nmax by (application_id, application_name, stage_id, stage_attempt) (sparkdoc_running_stage_oldest_task_seconds)\n  >= ${min-max-task-duration}\nand\n(\n  max by (application_id, application_name, stage_id, stage_attempt) (sparkdoc_running_stage_oldest_task_seconds)\n  - max by (application_id, application_name, stage_id, stage_attempt) (sparkdoc_running_stage_median_task_seconds)\n) >= ${min-time-lost}\nand\nmax by (application_id, application_name, stage_id, stage_attempt) (sparkdoc_running_stage_finished_tasks)\n  >= ${min-tasks}",
                    "A task of stage {{ $labels.stage_id }} of Spark application {{ $labels.application_name }} has run {{ $value | humanizeDuration }}, far longer than the stage's finished tasks",
                    "Stage {{ $labels.stage_id }} (attempt {{ $labels.stage_attempt }}) of {{ $labels.application_id }} is still running, and its oldest running task has run {{ $value | humanizeDuration }}: at least ${critical-ratio} the median of its tasks that finished, at least ${min-max-task-duration} and ${min-time-lost} more than that median, with at least ${min-tasks} finished. The stage ends only when that task does. A skewed partition, a slow node or a task stuck in GC; sparkdoc analyze on the event log says which once the stage ends.")));
    }

    private static Rule rule1() {
        return new Rule("shuffle-spill",
            "Shuffle spill",
            "memory",
            "A stage attempt whose tasks spilled sorted or aggregated data from execution memory to disk.",
            "At least min-spill-bytes spilled from memory, and spill at least warning-spill-ratio of the data the stage processed (shuffle read, or input, or shuffle write, whichever is largest).",
            "When a task's sort, aggregation or join buffers outgrow its share of execution memory, Spark writes them to local disk and reads them back: the work is done twice, with serialization and disk I/O on top. Spill usually means partitions that are too large (too few partitions, or skew) or too little execution memory per task. Memory spilled is the in-memory (deserialized) size of the data moved out of execution memory; disk spilled is the serialized bytes written to disk for it, usually far smaller. Memory spill with 0 B on disk means the spilled data never reached local disk as Spark counts it (an accelerator plugin spilling to host memory, for example).",
            "Make partitions smaller (more shuffle partitions, sized from the bytes shuffled), fix skew if the spill sits in a few tasks, or give each task more execution memory (more executor memory, fewer cores per executor).",
            List.of(
                new Threshold("min-spill-bytes", ThresholdUnit.BYTES, 6.7108864E7, "memory spill below this is not reported"),
                new Threshold("warning-spill-ratio", ThresholdUnit.FRACTION, 0.1, "spilled bytes (in memory) relative to the stage's data at which it is a warning"),
                new Threshold("critical-disk-spill", ThresholdUnit.BYTES, 1.073741824E9, "disk spill at or above which it is critical")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkShuffleSpillHigh", AlertSource.SPARKDOC, Severity.WARNING,
                    "1m",
                    "(\n  sum by (application_id, application_name) (sparkdoc_spill_bytes_total{kind=\"memory\"})\n    / sum by (application_id, application_name) (sparkdoc_shuffle_read_bytes_total > 0)\n) >= ${warning-spill-ratio}\nand\nsum by (application_id, application_name) (sparkdoc_spill_bytes_total{kind=\"memory\"}) >= ${min-spill-bytes}",
                    "Spark application {{ $labels.application_name }} spilled {{ $value | humanizePercentage }} of its shuffle read",
                    "Tasks of {{ $labels.application_id }} have spilled sort and aggregation buffers (their size in memory) amounting to {{ $value | humanizePercentage }} of the bytes they read from shuffle so far (threshold ${warning-spill-ratio}, from ${min-spill-bytes} spilled): the work is done twice, with disk I/O on top. Use more shuffle partitions, fix skew if a few tasks spill, or give each task more execution memory.")));
    }

    private static Rule rule2() {
        return new Rule("gc-pressure",
            "GC pressure",
            "memory",
            "Stages and executors whose tasks spent a large share of their run time in JVM garbage collection; and, as information, executors whose memory is clearly larger than they ever used.",
            "A stage counts when its tasks ran at least min-task-time and spent at least min-gc-time in GC in all, it is the user's work (not file listing, broadcast or metadata), it lasted at least a second, and it is not warm-up (a stage under 10 s submitted before any stage completed); an executor when its tasks ran at least min-task-time with at least min-gc-time of GC. Severity follows the wall time saved.",
            "Time in GC is time not spent on the job. Heavy GC comes from caching deserialized Java objects, large per-task data structures (wide rows, collect_list, big broadcast maps) or heaps too small for the cores sharing them. Spark's own UI marks GC above 10% of task time red. A task's GC time is the executor JVM's collection time over the task's span, so a collection counts in every task running at the time and concurrent collector threads count too: summed GC can exceed summed run time, which the finding says in words rather than as a share above 100%.",
            "Give executors more memory per core, cache serialized (MEMORY_ONLY_SER) or use DataFrames instead of RDDs of objects, use Kryo, and avoid building large collections per task.",
            List.of(
                new Threshold("warning-fraction", ThresholdUnit.FRACTION, 0.1, "GC time / run time at which it is a warning"),
                new Threshold("critical-fraction", ThresholdUnit.FRACTION, 0.2, "GC time / run time at which it is critical"),
                new Threshold("min-task-time", ThresholdUnit.MILLISECONDS, 20000.0, "total task run time below which a stage or executor is not judged"),
                new Threshold("min-gc-time", ThresholdUnit.MILLISECONDS, 10000.0, "GC time (summed over tasks) below which a stage or executor is not judged; peers' smallest warned GC is 12 s (20% of a 60 s stage) and 24 s (8% of 5 min)"),
                new Threshold("overprovisioned-gc-fraction", ThresholdUnit.FRACTION, 0.01, "application GC share below which memory may be over-provisioned"),
                new Threshold("overprovisioned-heap-fraction", ThresholdUnit.FRACTION, 0.5, "peak heap / executor memory below which memory is over-provisioned"),
                new Threshold("overprovisioned-min-memory", ThresholdUnit.BYTES, 4.294967296E9, "executor memory below which over-provisioning is not reported")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkGcTimeHigh", AlertSource.SPARKDOC, Severity.CRITICAL,
                    "2m",
                    "(\n  sum by (application_id, application_name) (sparkdoc_task_gc_time_seconds_total)\n    / sum by (application_id, application_name) (sparkdoc_task_run_time_seconds_total > 0)\n) >= ${critical-fraction}\nand\nsum by (application_id, application_name) (sparkdoc_task_run_time_seconds_total) >= ${min-task-time}\nand\nsum by (application_id, application_name) (sparkdoc_task_gc_time_seconds_total) >= ${min-gc-time}",
                    "Spark application {{ $labels.application_name }} spends {{ $value | humanizePercentage }} of task time in GC",
                    "The tasks of {{ $labels.application_id }} have spent {{ $value | humanizePercentage }} of their run time in JVM garbage collection so far (threshold ${critical-fraction}, from ${min-task-time} of task time and ${min-gc-time} of GC). Give executors more memory per core, cache serialized or use DataFrames instead of RDDs of objects, use Kryo, and avoid building large collections per task."),
                new AlertTemplate("SparkExecutorGcTimeHigh", AlertSource.SPARK, Severity.CRITICAL,
                    "5m",
                    "(\n  sum by (application_id, application_name, executor_id) (rate(metrics_executor_totalGCTime_seconds_total[5m]))\n    / sum by (application_id, application_name, executor_id) (rate(metrics_executor_totalDuration_seconds_total[5m]) > 0)\n) >= ${critical-fraction}\nand\nsum by (application_id, application_name, executor_id) (increase(metrics_executor_totalDuration_seconds_total[5m])) >= ${min-task-time}",
                    "Executor {{ $labels.executor_id }} of Spark application {{ $labels.application_name }} spends {{ $value | humanizePercentage }} of task time in GC",
                    "Over the last five minutes, tasks on executor {{ $labels.executor_id }} of {{ $labels.application_id }} spent {{ $value | humanizePercentage }} of their run time in JVM garbage collection (threshold ${critical-fraction}, from ${min-task-time} of task time in the window), as Spark's own executor metrics report it. Give executors more memory per core, cache serialized, use Kryo, and avoid large per-task collections.")));
    }

    private static Rule rule3() {
        return new Rule("driver-oom-risk",
            "Driver out-of-memory risk",
            "reliability",
            "Results collected to the driver that come close to spark.driver.maxResultSize or to the driver's memory (collect, toPandas, take of large data), a driver heap that peaked near its limit, and jobs that failed on the result size limit or a driver OutOfMemoryError.",
            "A job's results count from min-result-bytes.",
            "Everything a job returns to the driver (collect(), toPandas(), large take()) is held in the driver's heap at once, serialized and then deserialized. Spark stops a job whose results exceed spark.driver.maxResultSize (1g by default); past that, or with the limit raised, the driver dies with an OutOfMemoryError and takes the whole application with it.",
            "Do not collect large data: write it out (df.write...), aggregate before collecting, or iterate with toLocalIterator(). If the driver really needs the data, raise spark.driver.memory and spark.driver.maxResultSize together.",
            List.of(
                new Threshold("min-result-bytes", ThresholdUnit.BYTES, 6.7108864E7, "result bytes of a job below which it is not reported"),
                new Threshold("warning-result-fraction", ThresholdUnit.FRACTION, 0.5, "result bytes / maxResultSize at which it is a warning"),
                new Threshold("critical-result-fraction", ThresholdUnit.FRACTION, 0.8, "result bytes / maxResultSize at which it is critical"),
                new Threshold("warning-heap-fraction", ThresholdUnit.FRACTION, 0.75, "driver peak heap / driver memory at which it is a warning"),
                new Threshold("critical-heap-fraction", ThresholdUnit.FRACTION, 0.9, "driver peak heap / driver memory at which it is critical")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkDriverHeapNearlyFull", AlertSource.SPARKDOC, Severity.CRITICAL,
                    "5m",
                    "max by (application_id, application_name) (sparkdoc_driver_heap_used_bytes)\n  / max by (application_id, application_name) (sparkdoc_driver_heap_max_bytes > 0)\n>= ${critical-heap-fraction}",
                    "The driver of Spark application {{ $labels.application_name }} has used {{ $value | humanizePercentage }} of its heap for 5 minutes",
                    "The driver JVM of {{ $labels.application_id }} has had {{ $value | humanizePercentage }} of its maximum heap in use for five minutes (threshold ${critical-heap-fraction}): the next large collect() or broadcast may end the whole application with an OutOfMemoryError. Do not collect large data to the driver (write it out, aggregate first, or use toLocalIterator()); if the driver really needs it, raise spark.driver.memory and spark.driver.maxResultSize together.")));
    }

    private static Rule rule4() {
        return new Rule("fetch-failure",
            "Shuffle fetch failures",
            "reliability",
            "Reduce tasks that could not fetch map output (FetchFailed), the stage attempts Spark failed and re-ran because of them, the map tasks it resubmitted, and the executors lost around them.",
            "Any fetch failure is reported; critical from critical-fetch-failures or when a job failed.",
            "A FetchFailedException means the executor that wrote a shuffle block was gone or did not answer: it died (often out of memory or killed for exceeding its container memory), was preempted, or was decommissioned. Spark then re-runs the lost map tasks and retries the reduce stage, costing the recomputation, and fails the job after spark.stage.maxConsecutiveAttempts retries.",
            "Keep shuffle files alive when executors go: the external shuffle service (YARN, standalone) or decommissioning with shuffle-block migration (Kubernetes, spot nodes); give executors enough memory overhead when they are killed for memory; raise shuffle fetch retries for flaky networks.",
            List.of(
                new Threshold("critical-fetch-failures", ThresholdUnit.COUNT, 10.0, "fetch failures at which it is critical"),
                new Threshold("executors-lost", ThresholdUnit.COUNT, 1.0, "executors lost within ten minutes (crashed, killed or out of memory; not decommissioned or removed as idle) at which the exported alerts fire; sparkdoc analyze does not use it")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkFetchFailures", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "sum by (application_id, application_name) (\n  sparkdoc_fetch_failures_total\n  - (sparkdoc_fetch_failures_total offset 10m or sparkdoc_fetch_failures_total * 0)\n) > 0",
                    "Spark application {{ $labels.application_name }} had {{ $value }} shuffle fetch failures in the last 10 minutes",
                    "Reduce tasks of {{ $labels.application_id }} could not fetch map output {{ $value }} times in the last ten minutes: the executors that wrote it died, were killed for memory, preempted or decommissioned. Spark re-runs the lost map tasks and retries the stage, and fails the job after spark.stage.maxConsecutiveAttempts. Keep shuffle files alive when executors go (external shuffle service, or decommissioning with shuffle-block migration) and give executors enough memory overhead."),
                new AlertTemplate("SparkExecutorsLost", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "sum by (application_id, application_name) (\n  sparkdoc_executors_removed_total{reason=~\"oom_killed|jvm_oom|lost\"}\n  - (\n    sparkdoc_executors_removed_total{reason=~\"oom_killed|jvm_oom|lost\"} offset 10m\n    or sparkdoc_executors_removed_total{reason=~\"oom_killed|jvm_oom|lost\"} * 0\n  )\n) >= ${executors-lost}",
                    "Spark application {{ $labels.application_name }} lost {{ $value }} executors in the last 10 minutes",
                    "{{ $value }} executors of {{ $labels.application_id }} crashed, were killed or ran out of memory in the last ten minutes (threshold ${executors-lost}; decommissioned and idle executors are not counted). Their running tasks are retried and their shuffle output is lost, which leads to fetch failures. The driver log and sparkdoc analyze name the exit codes (52: heap out of memory, 137: container OOMKilled, raise spark.executor.memoryOverhead)."),
                new AlertTemplate("SparkOperatorExecutorsFailed", AlertSource.KUBERNETES, Severity.WARNING,
                    "0s",
                    "sum without (instance, pod) (\n  spark_executor_failure_count\n  - (spark_executor_failure_count offset 10m or spark_executor_failure_count * 0)\n) >= ${executors-lost}",
                    "spark-operator saw {{ $value }} Spark executors fail in the last 10 minutes",
                    "spark-operator counted {{ $value }} executor pods that ended in failure in the last ten minutes (threshold ${executors-lost}). Find them with kubectl get pods -l spark-role=executor and look at their termination reason (OOMKilled: raise spark.executor.memoryOverhead); lost executors also cause shuffle fetch failures.")));
    }

    private static Rule rule5() {
        return new Rule("task-failures",
            "Failed tasks",
            "reliability",
            "Task attempts that failed with an error of the task itself, by cause: Java heap, GPU (RAPIDS/cuDF, CUDA), Metaspace or direct buffer out of memory, containers killed for memory (exit 137, OOMKilled, \"exceeding memory limits\") or terminated (exit 143), lost executors and other exceptions. It states the History Server's count of failed attempts beside its own, in the same words as the report's header.",
            "A warning from warning-failure-rate of all task attempts, or on any out-of-memory failure; critical from critical-failure-rate or when failures failed a job. Fetch failures (their own rule) and resubmitted map tasks, which the History Server counts as failed, are not task errors; killed attempts (speculative duplicates, cancelled jobs) and commit denials are not failures.",
            "Spark retries a failed task (spark.task.maxFailures, 4 by default) and fails the job when one task fails that often. Retries cost the work done before the failure; out-of-memory failures usually come back on every attempt and signal partitions too large for the memory given to each task.",
            "Each cause has its own fix. Heap OOM: more executor memory and smaller partitions. GPU OOM: fewer concurrent GPU tasks (spark.rapids.sql.concurrentGpuTasks) and a larger RAPIDS pool (spark.rapids.memory.gpu.allocFraction), never more heap. Metaspace: a larger -XX:MaxMetaspaceSize in spark.executor.extraJavaOptions. Direct buffer memory and containers killed for memory: more spark.executor.memoryOverhead. For exceptions: the message names the cause in your code or data.",
            List.of(
                new Threshold("warning-failure-rate", ThresholdUnit.FRACTION, 0.01, "failed attempts / all attempts at which it is a warning"),
                new Threshold("critical-failure-rate", ThresholdUnit.FRACTION, 0.05, "failed attempts / all attempts at which it is critical")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkExecutorOutOfMemory", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "sum by (application_id, application_name) (\n  sparkdoc_executor_oom_total\n  - (sparkdoc_executor_oom_total offset 10m or sparkdoc_executor_oom_total * 0)\n) > 0",
                    "Spark application {{ $labels.application_name }} lost {{ $value }} tasks or executors to out-of-memory in the last 10 minutes",
                    "In the last ten minutes {{ $value }} tasks or executors of {{ $labels.application_id }} failed with a Java heap OutOfMemoryError (exit code 52) or were killed for exceeding their container memory (exit code 137, OOMKilled). Out-of-memory failures usually come back on every retry. For heap OOM use smaller partitions, more executor memory or fewer cores per executor; for containers killed for memory raise spark.executor.memoryOverhead."),
                new AlertTemplate("SparkJobFailed", AlertSource.SPARKDOC, Severity.CRITICAL,
                    "0s",
                    "sum by (application_id, application_name) (\n  sparkdoc_jobs_total{status=\"failed\"}\n  - (sparkdoc_jobs_total{status=\"failed\"} offset 10m or sparkdoc_jobs_total{status=\"failed\"} * 0)\n) > 0",
                    "Spark application {{ $labels.application_name }} had {{ $value }} failed jobs in the last 10 minutes",
                    "{{ $value }} jobs of {{ $labels.application_id }} ended failed in the last ten minutes: a task failed spark.task.maxFailures times, a stage was aborted after repeated fetch failures, or the job was cancelled. The results of those jobs are missing. sparkdoc analyze on the event log names the failed stage and the cause of its task failures."),
                new AlertTemplate("SparkTaskFailureRateHigh", AlertSource.SPARKDOC, Severity.CRITICAL,
                    "1m",
                    "sum by (application_id, application_name) (sparkdoc_tasks_failed_total{cause!=\"fetch_failed\"})\n  / sum by (application_id, application_name) (sparkdoc_tasks_total > 0)\n>= ${critical-failure-rate}",
                    "{{ $value | humanizePercentage }} of the task attempts of Spark application {{ $labels.application_name }} failed",
                    "{{ $value | humanizePercentage }} of all task attempts of {{ $labels.application_id }} so far have failed (threshold ${critical-failure-rate}; fetch failures are counted by their own alert). Spark fails the job when one task fails spark.task.maxFailures times. sparkdoc_tasks_failed_total by cause and sparkdoc analyze name the causes: out of memory, containers killed, or exceptions in your code or data."),
                new AlertTemplate("SparkExecutorTaskFailureRateHigh", AlertSource.SPARK, Severity.CRITICAL,
                    "5m",
                    "sum by (application_id, application_name, executor_id) (increase(metrics_executor_failedTasks_total[10m]))\n  / sum by (application_id, application_name, executor_id) (increase(metrics_executor_totalTasks_total[10m]) > 0)\n>= ${critical-failure-rate}",
                    "{{ $value | humanizePercentage }} of tasks failed on executor {{ $labels.executor_id }} of Spark application {{ $labels.application_name }}",
                    "Over the last ten minutes {{ $value | humanizePercentage }} of the tasks that ran on executor {{ $labels.executor_id }} of {{ $labels.application_id }} failed (threshold ${critical-failure-rate}), as Spark's own executor metrics report it. One bad executor points at its node (disk, network, memory); failures on all executors at the job's data or code. The Executors tab and sparkdoc analyze name the causes."),
                new AlertTemplate("SparkPodOOMKilled", AlertSource.KUBERNETES, Severity.WARNING,
                    "0s",
                    "max by (namespace, pod, container) (\n  kube_pod_container_status_terminated_reason{reason=\"OOMKilled\"} == 1\n  or kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"} == 1\n)\n* on (namespace, pod) group_left (label_spark_app_selector, label_spark_app_name, label_spark_role)\n  max by (namespace, pod, label_spark_app_selector, label_spark_app_name, label_spark_role) (\n    kube_pod_labels{label_spark_role=~\"driver|executor\"}\n  )",
                    "Spark {{ $labels.label_spark_role }} pod {{ $labels.namespace }}/{{ $labels.pod }} was OOMKilled",
                    "Container {{ $labels.container }} of the Spark {{ $labels.label_spark_role }} pod {{ $labels.namespace }}/{{ $labels.pod }} (application {{ $labels.label_spark_app_name }}, {{ $labels.label_spark_app_selector }}) was killed by the kernel for exceeding its memory limit (exit code 137). The JVM heap was not the problem: off-heap, native or Python memory was. Raise spark.executor.memoryOverhead (or spark.driver.memoryOverhead for the driver).")));
    }

    private static Rule rule6() {
        return new Rule("tiny-tasks",
            "Too many tiny tasks",
            "performance",
            "Stages with very many tasks that each do almost nothing, so scheduling and task start-up dominate.",
            "At least min-tasks tasks with a median duration under max-median-duration, in a stage of the user's work (file listing, broadcast and metadata stages are skipped). Severity follows the wall time saved.",
            "Every task costs scheduling, serialization and start-up on the executor, tens of milliseconds at least. Thousands of tasks of a few milliseconds spend more time being scheduled than computing, and write many small files or shuffle blocks.",
            "Use fewer partitions: lower spark.sql.shuffle.partitions (or let adaptive execution coalesce them), raise spark.sql.files.maxPartitionBytes for many small input files, or coalesce() before writing.",
            List.of(
                new Threshold("min-tasks", ThresholdUnit.COUNT, 1000.0, "tasks in the stage at which it is judged"),
                new Threshold("max-median-duration", ThresholdUnit.MILLISECONDS, 200.0, "median task duration below which tasks are tiny")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule7() {
        return new Rule("too-few-shuffle-partitions",
            "Too few shuffle partitions",
            "performance",
            "Stages that read much more shuffle data per task than the target partition size.",
            "Stages that read at least min-stage-shuffle-bytes, with an average read per task above warning-factor times target-partition-bytes.",
            "Each shuffle partition is processed by one task in the memory that task gets. Partitions much larger than about 128 MiB spill, run long and leave cores idle at the end of the stage. Spark's default of 200 shuffle partitions suits about 25 GiB of shuffle; larger jobs need more.",
            "The fix follows where the stage's partition count came from. An explicit repartition(n), coalesce(n) or repartition by number in the plan: change that call in the code (no setting changes it). AQE coalescing (the count is AQE's choice): a smaller spark.sql.adaptive.advisoryPartitionSizeInBytes, or a larger spark.sql.adaptive.coalescePartitions.minPartitionNum. Otherwise spark.sql.shuffle.partitions, sized from the bytes shuffled (about 128 MiB per partition) in whole waves over the cores; it is only ever raised.",
            List.of(
                new Threshold("target-partition-bytes", ThresholdUnit.BYTES, 1.34217728E8, "shuffle bytes per partition to aim for"),
                new Threshold("warning-factor", ThresholdUnit.RATIO, 2.0, "average bytes per task above this many targets is a warning"),
                new Threshold("min-stage-shuffle-bytes", ThresholdUnit.BYTES, 1.073741824E9, "stages reading less shuffle data are not judged")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule8() {
        return new Rule("idle-executors",
            "Idle executors",
            "cost",
            "Executor cores that were allocated but ran no task for most of their time: wasted core-hours.",
            "Applications that ran at least min-app-duration with at least one executor besides the driver, and left at least min-idle-core-time of executor core time idle.",
            "An executor holds its cores and memory from the moment it starts until it is removed, busy or not. Low utilization comes from too many executors for the parallelism available, long driver-side work between jobs, or dynamic allocation that is off or keeps idle executors too long.",
            "Use dynamic allocation (with shuffle tracking or the external shuffle service) and a shorter spark.dynamicAllocation.executorIdleTimeout, request fewer executors, or move driver-side work into Spark.",
            List.of(
                new Threshold("warning-utilization", ThresholdUnit.FRACTION, 0.4, "busy core time / allocated core time below which it is a warning"),
                new Threshold("critical-utilization", ThresholdUnit.FRACTION, 0.2, "busy core time / allocated core time below which it is critical"),
                new Threshold("min-app-duration", ThresholdUnit.MILLISECONDS, 300000.0, "applications shorter than this are not judged"),
                new Threshold("min-idle-core-time", ThresholdUnit.MILLISECONDS, 3600000.0, "idle core time (cores x milliseconds) below which waste is not reported: one core-hour")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule9() {
        return new Rule("broadcast-join-opportunity",
            "Sort-merge join with a small side",
            "performance",
            "SQL executions that ran a sort-merge join although one input was small enough to broadcast.",
            "The small side wrote at most max-broadcast-bytes of shuffle data and the large side at least min-size-ratio times more; a warning when the join's SQL execution ran at least min-task-time of tasks.",
            "A sort-merge join shuffles and sorts both sides. When one side is small, broadcasting it to every executor (a broadcast hash join) avoids shuffling the large side at all. Spark broadcasts only below spark.sql.autoBroadcastJoinThreshold (10 MiB by default) and only when its size estimate is right.",
            "Raise spark.sql.autoBroadcastJoinThreshold above the small side's size, or add a broadcast hint to the small side. A threshold is proposed only when it is above the current one and the small side, and within a quarter of the driver's heap (the driver collects a broadcast side); otherwise, and when broadcasts are off (-1) or the threshold already admits the side, only the hint, on the join's keys from the plan.",
            List.of(
                new Threshold("max-broadcast-bytes", ThresholdUnit.BYTES, 1.048576E8, "the small side's shuffle bytes at most"),
                new Threshold("min-size-ratio", ThresholdUnit.RATIO, 10.0, "the large side is at least this many times larger"),
                new Threshold("min-task-time", ThresholdUnit.MILLISECONDS, 60000.0, "task time of the SQL execution from which it is a warning, not information")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule10() {
        return new Rule("java-serializer",
            "Java serialization with heavy shuffles",
            "configuration",
            "Applications that shuffle or cache RDD data with Spark's default Java serializer.",
            "At least min-shuffle-bytes shuffled by stages outside SQL executions (RDD code); SQL and DataFrame shuffles use their own binary format and are not affected.",
            "Java serialization is slow and verbose. For RDDs of objects, Kryo is commonly several times faster and smaller, which shrinks shuffle files, cached data and GC.",
            "Set spark.serializer=org.apache.spark.serializer.KryoSerializer (and register your classes with spark.kryo.classesToRegister for the smallest output).",
            List.of(
                new Threshold("min-shuffle-bytes", ThresholdUnit.BYTES, 1.073741824E9, "RDD shuffle bytes from which it is reported")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule11() {
        return new Rule("aqe-disabled",
            "Adaptive query execution off",
            "configuration",
            "Spark 3 or later applications running SQL with shuffles while spark.sql.adaptive.enabled is false.",
            "SQL stages that read at least min-shuffle-bytes of shuffle in all, or a SQL stage reading at least min-stage-shuffle-bytes that adaptive execution would have changed: skewed partitions (max/median at least skew-ratio, or a zero median) or at least min-coalesce-partitions partitions it would coalesce (75% of them under a quarter of the advisory partition size).",
            "Adaptive query execution re-plans a query between stages using real sizes: it coalesces small shuffle partitions, switches sort-merge joins to broadcast joins and splits skewed join partitions. It is on by default since Spark 3.2.",
            "Set spark.sql.adaptive.enabled=true (with spark.sql.adaptive.coalescePartitions.enabled and spark.sql.adaptive.skewJoin.enabled).",
            List.of(
                new Threshold("min-shuffle-bytes", ThresholdUnit.BYTES, 1.073741824E9, "shuffle read by SQL stages at or above which AQE being off is reported"),
                new Threshold("min-stage-shuffle-bytes", ThresholdUnit.BYTES, 6.7108864E7, "a SQL stage must read at least this much shuffle for its partitions to count"),
                new Threshold("min-coalesce-partitions", ThresholdUnit.COUNT, 1000.0, "shuffle partitions a SQL stage must have for coalescing them to count"),
                new Threshold("skew-ratio", ThresholdUnit.RATIO, 5.0, "max/median shuffle read per task at which adaptive execution would split or isolate partitions (Spark's skewedPartitionFactor)")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule12() {
        return new Rule("dynamic-allocation-without-shuffle-service",
            "Dynamic allocation without shuffle tracking or service",
            "configuration",
            "Dynamic allocation turned on with neither the external shuffle service nor shuffle tracking nor decommissioning with shuffle migration.",
            "spark.dynamicAllocation.enabled=true.",
            "When dynamic allocation removes an idle executor, its shuffle files go with it unless a shuffle service keeps them or Spark tracks them. Later stages then hit fetch failures and recompute, or Spark refuses to release executors at all.",
            "Turn on spark.dynamicAllocation.shuffleTracking.enabled (Kubernetes, Spark 3.0+) or the external shuffle service (spark.shuffle.service.enabled=true on YARN and standalone).",
            List.of(),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule13() {
        return new Rule("executor-cores",
            "Executor cores far from 4-5",
            "configuration",
            "Executors with one core or with many cores. Not judged when executors hold GPUs (GPU slots, not cores, bound task parallelism), when the application's cores in all cannot fill one executor of the proposed size, or on Databricks (one executor per worker, sized by the instance type).",
            "Executors outside min-cores to max-cores cores. Many cores: a warning from twice max-cores, and a change proposed, only when GC took at least contention-gc-fraction of executor run time (the cores contend for the heap); otherwise information only.",
            "One core per executor wastes memory on per-JVM overhead and cannot share broadcasts; many cores per executor contend for the heap (long GC pauses), for disk and for HDFS client throughput. Four to five cores per executor is the usual sweet spot.",
            "Use about 4 cores per executor and keep memory per core: the merged advice scales spark.executor.memory with the cores (and drops the cores change when that would leave less than 1 GiB of heap); keep the total cores the same by changing the executor count.",
            List.of(
                new Threshold("min-cores", ThresholdUnit.COUNT, 2.0, "fewer cores per executor is reported"),
                new Threshold("max-cores", ThresholdUnit.COUNT, 6.0, "more cores per executor is reported"),
                new Threshold("contention-gc-fraction", ThresholdUnit.FRACTION, 0.2, "GC time / executor run time from which many cores per executor count as contending for the heap (gc-pressure's critical share: a new executor layout is the heavier change, proposed only where GC is critical; below it gc-pressure's memory advice comes first): below it, many cores are information only, with no change proposed")),
            RuleKind.ANALYZE,
            Optional.empty(),
            List.of(),
            List.of());
    }

    private static Rule rule14() {
        return new Rule("job-duration-regression",
            "Job slower than its baseline",
            "performance",
            "A Spark job that took more than baseline-factor times the usual duration of the application's jobs. The usual duration is the median, over the seven days before the last hour, of the most recent job duration of all runs with the same application name, as the sparkdoc listener reports it.",
            "Jobs shorter than min-job-duration are not judged, and an application name needs earlier runs in the seven days before the last hour to have a baseline: a new application never fires.",
            "A recurring job that suddenly takes twice as long usually processes more data than before (input growth, a new hot key), lost a broadcast join, or ran on fewer or slower executors; left alone it misses its schedule. One event log cannot show this: it needs the history of earlier runs, which Prometheus keeps.",
            "Compare the slow run with a normal one: run sparkdoc analyze on both event logs and look at input sizes, skew, spill, lost executors and fetch failures. If the data grew for good, size the job for it (shuffle partitions, executors).",
            List.of(
                new Threshold("baseline-factor", ThresholdUnit.RATIO, 2.0, "job duration / baseline above which the alert fires"),
                new Threshold("min-job-duration", ThresholdUnit.MILLISECONDS, 60000.0, "jobs shorter than this are not judged")),
            RuleKind.ALERTS,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkJobSlowerThanBaseline", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "(\n  max by (application_id, application_name) (sparkdoc_job_duration_seconds) >= ${min-job-duration}\n)\n> on (application_name) group_left ()\n(\n  ${baseline-factor}\n  * quantile_over_time(0.5, (max by (application_name) (sparkdoc_job_duration_seconds) > 0)[7d:5m] offset 1h)\n)",
                    "A job of Spark application {{ $labels.application_name }} took {{ $value | humanizeDuration }}, more than ${baseline-factor} its usual duration",
                    "The latest job of {{ $labels.application_id }} took {{ $value | humanizeDuration }}, more than ${baseline-factor} the median job duration of runs named {{ $labels.application_name }} over the previous seven days. Run sparkdoc analyze on this run's event log and on a normal run's, and compare input sizes, skew, spill, lost executors and fetch failures.")));
    }

    private static Rule rule15() {
        return new Rule("kubernetes-pods",
            "Spark pods pending, crash-looping or failing on Kubernetes",
            "reliability",
            "Spark driver and executor pods (recognised by Spark's spark-role pod label) stuck in Pending or in CrashLoopBackOff, and Spark applications that spark-operator saw fail or fail to be submitted.",
            "A pod counts after max-pending-time in Pending or max-crash-loop-time crash-looping; operator failures count from the first one within ten minutes.",
            "A pending executor is capacity the application asked for and does not get: the job runs slower, and a pending driver means the application has not started. Pods stay Pending when no node has the CPU or memory requested (FailedScheduling events), the image cannot be pulled, or a volume or config map is missing. A failed or unsubmitted SparkApplication did not produce its output.",
            "kubectl describe pod shows the scheduling events: lower spark.executor.memory plus memoryOverhead or the cores per executor below what a node offers, add nodes, or fix the image and volumes. For failed applications, read the driver log (kubectl logs DRIVER_POD) and the SparkApplication's status.",
            List.of(
                new Threshold("max-pending-time", ThresholdUnit.MILLISECONDS, 600000.0, "time in Pending after which a Spark pod's alert fires"),
                new Threshold("max-crash-loop-time", ThresholdUnit.MILLISECONDS, 900000.0, "time in CrashLoopBackOff after which a Spark pod's alert fires")),
            RuleKind.ALERTS,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkPodPending", AlertSource.KUBERNETES, Severity.WARNING,
                    "${max-pending-time}",
                    "max by (namespace, pod) (kube_pod_status_phase{phase=\"Pending\"} == 1)\n* on (namespace, pod) group_left (label_spark_app_selector, label_spark_app_name, label_spark_role)\n  max by (namespace, pod, label_spark_app_selector, label_spark_app_name, label_spark_role) (\n    kube_pod_labels{label_spark_role=~\"driver|executor\"}\n  )",
                    "Spark {{ $labels.label_spark_role }} pod {{ $labels.namespace }}/{{ $labels.pod }} has been Pending for ${max-pending-time}",
                    "The Spark {{ $labels.label_spark_role }} pod {{ $labels.namespace }}/{{ $labels.pod }} of application {{ $labels.label_spark_app_name }} ({{ $labels.label_spark_app_selector }}) has been Pending for ${max-pending-time}. kubectl describe pod shows why (FailedScheduling: no node has the CPU or memory it requests; ErrImagePull; FailedMount). Ask for less per executor or add capacity."),
                new AlertTemplate("SparkPodCrashLooping", AlertSource.KUBERNETES, Severity.WARNING,
                    "${max-crash-loop-time}",
                    "max by (namespace, pod, container) (\n  max_over_time(kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"}[5m]) >= 1\n)\n* on (namespace, pod) group_left (label_spark_app_selector, label_spark_app_name, label_spark_role)\n  max by (namespace, pod, label_spark_app_selector, label_spark_app_name, label_spark_role) (\n    kube_pod_labels{label_spark_role=~\"driver|executor\"}\n  )",
                    "Spark {{ $labels.label_spark_role }} pod {{ $labels.namespace }}/{{ $labels.pod }} is crash-looping",
                    "Container {{ $labels.container }} of the Spark {{ $labels.label_spark_role }} pod {{ $labels.namespace }}/{{ $labels.pod }} (application {{ $labels.label_spark_app_name }}) has been in CrashLoopBackOff for ${max-crash-loop-time}. kubectl logs --previous shows why the last start failed."),
                new AlertTemplate("SparkOperatorApplicationFailed", AlertSource.KUBERNETES, Severity.CRITICAL,
                    "0s",
                    "sum without (instance, pod) (\n  spark_application_failure_count\n  - (spark_application_failure_count offset 10m or spark_application_failure_count * 0)\n) > 0",
                    "spark-operator saw {{ $value }} Spark applications fail in the last 10 minutes",
                    "{{ $value }} SparkApplications managed by spark-operator ended in FAILED in the last ten minutes. kubectl get sparkapplications shows which; their status.applicationState.errorMessage and driver log say why."),
                new AlertTemplate("SparkOperatorSubmissionFailed", AlertSource.KUBERNETES, Severity.CRITICAL,
                    "0s",
                    "sum without (instance, pod) (\n  spark_application_failed_submission_count\n  - (spark_application_failed_submission_count offset 10m or spark_application_failed_submission_count * 0)\n) > 0",
                    "spark-operator failed to submit {{ $value }} Spark applications in the last 10 minutes",
                    "spark-operator could not submit {{ $value }} SparkApplications in the last ten minutes (state SUBMISSION_FAILED): spark-submit itself failed, often for a bad image, main class, service account or missing permissions. The operator's log and the application's status.applicationState.errorMessage say why.")));
    }

    private static Rule rule16() {
        return new Rule("listener-health",
            "sparkdoc listener dropping events or failing",
            "monitoring",
            "A sparkdoc listener that dropped events because its bounded queue was full, or caught errors while processing them.",
            "More than max-dropped-events dropped events, or more than max-errors errors, within ten minutes.",
            "The listener never blocks Spark's listener bus: when it cannot keep up it drops events rather than slow the job down. Dropped events make its metrics and findings incomplete (a stage it never saw is neither measured nor judged), and errors mean some events were not processed.",
            "Look for sparkdoc's lines in the driver log. A driver short of CPU or heap falls behind on every listener, so give it more (spark.driver.cores, spark.driver.memory); report listener errors with those log lines. Until then, judge the application from its event log with sparkdoc analyze, which sees every event.",
            List.of(
                new Threshold("max-dropped-events", ThresholdUnit.COUNT, 0.0, "dropped events within ten minutes above which the alert fires"),
                new Threshold("max-errors", ThresholdUnit.COUNT, 0.0, "listener errors within ten minutes above which the alert fires")),
            RuleKind.ALERTS,
            Optional.empty(),
            List.of(),
            List.of(
                new AlertTemplate("SparkDocListenerDroppingEvents", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "sum by (application_id, application_name) (\n  sparkdoc_listener_events_dropped_total\n  - (sparkdoc_listener_events_dropped_total offset 10m or sparkdoc_listener_events_dropped_total * 0)\n) > ${max-dropped-events}",
                    "The sparkdoc listener of Spark application {{ $labels.application_name }} dropped {{ $value }} events in the last 10 minutes",
                    "The sparkdoc listener in the driver of {{ $labels.application_id }} could not keep up and dropped {{ $value }} events in the last ten minutes (threshold ${max-dropped-events}), so its metrics and findings for this application are incomplete. A driver short of CPU or heap is the usual cause; judge the application from its event log with sparkdoc analyze."),
                new AlertTemplate("SparkDocListenerErrors", AlertSource.SPARKDOC, Severity.WARNING,
                    "0s",
                    "sum by (application_id, application_name) (\n  sparkdoc_listener_errors_total\n  - (sparkdoc_listener_errors_total offset 10m or sparkdoc_listener_errors_total * 0)\n) > ${max-errors}",
                    "The sparkdoc listener of Spark application {{ $labels.application_name }} caught {{ $value }} errors in the last 10 minutes",
                    "The sparkdoc listener in the driver of {{ $labels.application_id }} caught {{ $value }} errors while processing events in the last ten minutes (threshold ${max-errors}); Spark itself is not affected, but sparkdoc's metrics may be incomplete. The driver log has the errors: please report them.")));
    }

    private static Rule rule17() {
        return new Rule("k8s-oom-killed",
            "Containers killed for memory (OOMKilled, exit 137)",
            "memory",
            "Driver or executor containers that Kubernetes killed for exceeding their memory limit: OOMKilled or exit code 137 in a container's state or its state before the last restart; with --event-log, also executors the event log says were removed with exit code 137 (their pods may be gone).",
            "Any such container or executor is reported: a kill for memory is never normal.",
            "The kernel kills a container whose memory (JVM heap plus off-heap: netty and shuffle buffers, thread stacks, metaspace, Python workers, native libraries) passes its limit, which Spark sets to spark.executor.memory + spark.executor.memoryOverhead (spark.driver.* for the driver). A bigger heap does not help; more overhead does. Spark retries the lost tasks on new executors, so the job slows down before it fails.",
            "Raise spark.executor.memoryOverhead (spark.driver.memoryOverhead for the driver): the proposal is twice the overhead in force, at least 20% of the heap, rounded up to 128 MiB.",
            List.of(),
            RuleKind.KUBERNETES,
            Optional.of(Severity.CRITICAL),
            List.of(),
            List.of());
    }

    private static Rule rule18() {
        return new Rule("k8s-jvm-heap-oom",
            "Executors ran out of JVM heap (exit 52)",
            "memory",
            "Executor containers that exited with code 52, Spark's exit code for java.lang.OutOfMemoryError in the heap.",
            "Any such executor is reported.",
            "The heap, not the container, was too small for what the tasks held: raise spark.executor.memory, or give each task less data (more shuffle partitions, salting a skewed key).",
            "Raise spark.executor.memory (the proposal is half as much again, in whole GiB), or split the work into more, smaller tasks; with --event-log, data-skew and shuffle-spill findings show which stage held too much.",
            List.of(),
            RuleKind.KUBERNETES,
            Optional.of(Severity.CRITICAL),
            List.of(),
            List.of());
    }

    private static Rule rule19() {
        return new Rule("k8s-memory-overhead-small",
            "Memory overhead below Spark's own sizing",
            "memory",
            "Executor pods whose memory limit leaves less outside the JVM heap (limit minus SPARK_EXECUTOR_MEMORY) than max(min-overhead, min-overhead-fraction of the heap), which with the defaults is Spark's own default overhead, max(384 MiB, 10% of the heap).",
            "Only pods with both a memory limit and a known heap are judged; an overhead at or above the floor is quiet.",
            "Spark sizes the container limit as heap + spark.executor.memoryOverhead; a smaller overhead (set explicitly, or cut by a pod template or LimitRange) leaves too little room for off-heap memory, and the kernel kills the container (exit 137).",
            "Raise spark.executor.memoryOverhead, and check that no pod template or LimitRange caps the executors' memory limit below heap + overhead.",
            List.of(
                new Threshold("min-overhead", ThresholdUnit.BYTES, 4.02653184E8, "the least memory outside the heap an executor container should have (Spark's floor: 384 MiB)"),
                new Threshold("min-overhead-fraction", ThresholdUnit.FRACTION, 0.1, "the least memory outside the heap, as a share of the heap (Spark's default: 10%); the floor is the larger of the two")),
            RuleKind.KUBERNETES,
            Optional.of(Severity.WARNING),
            List.of(),
            List.of());
    }

    private static Rule rule20() {
        return new Rule("k8s-unschedulable",
            "Pods pending: the scheduler cannot place them",
            "reliability",
            "Driver or executor pods in phase Pending whose PodScheduled condition is False or that have a FailedScheduling event, with the scheduler's message and the fix it points to (capacity, memory or CPU requests, node selectors and tolerations, volumes).",
            "A pod counts once it has been unschedulable for min-pending-time, measured from its PodScheduled condition's last transition (else its first FailedScheduling event, else its creation); a pod whose time cannot be read counts at once. With the default of 0, every pod the scheduler cannot place now is reported.",
            "A pending executor is capacity the application asked for and does not get: the job runs slower. A pending driver means the application has not started. Spark requests executors again after spark.kubernetes.allocation.executor.timeout; the job runs with fewer executors meanwhile.",
            "Follow the scheduler's message: add nodes (or let the cluster autoscaler) or lower spark.executor.memory, spark.executor.memoryOverhead or spark.executor.cores when no node has the memory or CPU requested; fix spark.kubernetes.node.selector.* and the pod templates when no node matches; fix the PersistentVolumeClaims when a volume cannot be bound.",
            List.of(
                new Threshold("min-pending-time", ThresholdUnit.MILLISECONDS, 0.0, "how long a pod must have been unschedulable before it is reported (a cluster autoscaler adding a node takes minutes)")),
            RuleKind.KUBERNETES,
            Optional.of(Severity.WARNING),
            List.of(
                new Rule.SeverityCase("driver-pending", Severity.CRITICAL, "the driver is among the pods the scheduler cannot place: the application has not started")),
            List.of());
    }

    private static Rule rule21() {
        return new Rule("k8s-image-pull",
            "Image cannot be pulled",
            "reliability",
            "Containers waiting with ErrImagePull, ImagePullBackOff, InvalidImageName or ErrImageNeverPull.",
            "Any such container is reported.",
            "A container whose image cannot be pulled never starts: a driver that cannot pull its image means the application never runs, executors that cannot mean it runs without them.",
            "Check that spark.kubernetes.container.image (or the SparkApplication's spec.image) names an image and tag that exist, and that the registry's credentials are in spark.kubernetes.container.image.pullSecrets; the events show the registry's answer.",
            List.of(),
            RuleKind.KUBERNETES,
            Optional.of(Severity.CRITICAL),
            List.of(),
            List.of());
    }

    private static Rule rule22() {
        return new Rule("k8s-crash-loop",
            "Containers in a crash loop",
            "reliability",
            "Containers waiting in CrashLoopBackOff: they keep crashing and Kubernetes backs off before restarting them. The finding explains each one's last exit.",
            "A container counts once it has restarted at least min-restarts times.",
            "A crash-looping driver never gets the application going; crash-looping executors are capacity the job does not get, and each crash loses their tasks.",
            "The last exit says why it crashed; 'sparkdoc logs APP --previous' shows the log of the run that crashed.",
            List.of(
                new Threshold("min-restarts", ThresholdUnit.COUNT, 1.0, "restarts of a container in CrashLoopBackOff from which it is reported")),
            RuleKind.KUBERNETES,
            Optional.of(Severity.CRITICAL),
            List.of(),
            List.of());
    }

    private static Rule rule23() {
        return new Rule("k8s-container-config",
            "Containers cannot be created",
            "configuration",
            "Containers waiting with CreateContainerConfigError or CreateContainerError, and FailedMount events: a ConfigMap, Secret or volume they need is missing or wrong.",
            "Any such container or event is reported.",
            "A container that cannot be created never starts; the pod stays Pending or ContainerCreating until the missing object appears.",
            "Create the ConfigMap, Secret or volume named in the message, or correct its name in spark.kubernetes.*.secrets.*, spark.kubernetes.*.volumes.* or the pod template.",
            List.of(),
            RuleKind.KUBERNETES,
            Optional.of(Severity.CRITICAL),
            List.of(),
            List.of());
    }

    private static Rule rule24() {
        return new Rule("k8s-evicted",
            "Pods evicted by their node",
            "reliability",
            "Driver or executor pods the kubelet evicted under node pressure (status reason Evicted), with its message.",
            "Any evicted pod is reported.",
            "An evicted executor loses its tasks and its shuffle files, so later stages recompute them; an evicted driver ends the application.",
            "Ephemeral-storage pressure usually comes from shuffle and spill files in spark.local.dir: mount a larger volume for it (spark.kubernetes.executor.volumes.*) or request ephemeral storage; memory pressure means the node is overcommitted.",
            List.of(),
            RuleKind.KUBERNETES,
            Optional.of(Severity.WARNING),
            List.of(),
            List.of());
    }

    private static Rule rule25() {
        return new Rule("k8s-driver-failed",
            "The driver failed",
            "reliability",
            "A driver container that ended with a failing exit code (not a kill for memory, which k8s-oom-killed reports), or a SparkApplication the operator marks failed, with its error message.",
            "Only the driver's current state counts; an exit before a restart that the driver recovered from does not.",
            "A failed driver is a failed application: nothing it was to write was written, unless the operator's restart policy runs it again.",
            "The driver log has the cause ('sparkdoc logs APP'); with --event-log the run's own findings are joined below.",
            List.of(),
            RuleKind.KUBERNETES,
            Optional.of(Severity.CRITICAL),
            List.of(),
            List.of());
    }

    private static Rule rule26() {
        return new Rule("k8s-executors-failed",
            "Executors failed",
            "reliability",
            "Executor containers that failed for other reasons than memory (not exit 137 nor 52, which k8s-oom-killed and k8s-jvm-heap-oom report), and executors the operator recorded as FAILED whose pods are gone.",
            "Reported from min-failed-executors failed executors.",
            "Spark replaces lost executors and reruns their tasks, so a few failures slow the job down; after spark.executor.maxNumFailures of them the application fails.",
            "Read the failed executors' exits and logs. Spark deletes finished executor pods, so the exit of a gone pod is only in the event log (pass --event-log) or kept with spark.kubernetes.executor.deleteOnTermination=false.",
            List.of(
                new Threshold("min-failed-executors", ThresholdUnit.COUNT, 1.0, "failed executors from which the rule reports")),
            RuleKind.KUBERNETES,
            Optional.of(Severity.WARNING),
            List.of(),
            List.of());
    }
}
