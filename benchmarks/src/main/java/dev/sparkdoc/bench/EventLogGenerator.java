package dev.sparkdoc.bench;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large, valid event log shaped like what Spark 4.2 writes, for benchmarks: start-up events, E executors,
 * then jobs of two stages each (a scan-and-shuffle-write map stage, then a shuffle-read-and-write result stage),
 * each job inside a SQL execution, then ApplicationEnd. Task lines carry every field Spark 4.2 writes (full
 * {@code Task Metrics} with the push-based shuffle block, {@code Task Executor Metrics}, the non-zero
 * {@code internal.metrics.*} accumulables and a couple of SQL metrics), so a task costs about as many bytes as a
 * real one. Task starts and ends interleave the way a cluster of E x cores slots produces them.
 *
 * <p>Deterministic for a seed. Every task index succeeds exactly once; about one attempt in 2,000 first fails with
 * an exception and is retried. One stage in the middle is skewed: 1% of its tasks run 25 times longer, read 25
 * times more shuffle data and spill. Streams: memory does not depend on the number of tasks.
 */
public final class EventLogGenerator {

    /** What to generate. */
    public record Config(long tasks, int executors, int coresPerExecutor, int stages, long seed) {
        public Config {
            if (tasks < 1 || executors < 1 || coresPerExecutor < 1 || stages < 2) {
                throw new IllegalArgumentException("need tasks >= 1, executors >= 1, cores >= 1, stages >= 2");
            }
        }

        public static Config ofTasks(long tasks) {
            return new Config(tasks, 50, 4, 20, 42L);
        }
    }

    /** What was generated. */
    public record Stats(long bytes, long lines, long successfulTasks, long taskAttempts) {
    }

    private static final long APP_START = 1_766_000_000_000L;
    /** The application id of every generated log. */
    static final String APP_ID = "application_1766000000000_0042";
    private static final int FAILURE_ONE_IN = 2_000;
    private static final int SKEW_ONE_IN = 100;
    private static final double SKEW_FACTOR = 25.0;

    /** Internal task-metric accumulators, in the order Spark registers them (so in accumulator-id order). */
    private static final String[] INTERNAL = {
        "executorDeserializeTime", "executorDeserializeCpuTime", "executorRunTime", "executorCpuTime", "resultSize",
        "jvmGCTime", "resultSerializationTime", "memoryBytesSpilled", "diskBytesSpilled", "peakExecutionMemory",
        "shuffle.read.remoteBlocksFetched", "shuffle.read.localBlocksFetched", "shuffle.read.remoteBytesRead",
        "shuffle.read.remoteBytesReadToDisk", "shuffle.read.localBytesRead", "shuffle.read.fetchWaitTime",
        "shuffle.read.recordsRead", "shuffle.read.remoteReqsDuration", "shuffle.write.bytesWritten",
        "shuffle.write.recordsWritten", "shuffle.write.writeTime", "input.bytesRead", "input.recordsRead",
        "output.bytesWritten", "output.recordsWritten"};
    private static final int DESER = 0;
    private static final int DESER_CPU = 1;
    private static final int RUN = 2;
    private static final int CPU = 3;
    private static final int RESULT_SIZE = 4;
    private static final int GC = 5;
    private static final int RESULT_SER = 6;
    private static final int MEM_SPILL = 7;
    private static final int DISK_SPILL = 8;
    private static final int PEAK = 9;
    private static final int R_REMOTE_BLOCKS = 10;
    private static final int R_LOCAL_BLOCKS = 11;
    private static final int R_REMOTE_BYTES = 12;
    private static final int R_REMOTE_DISK = 13;
    private static final int R_LOCAL_BYTES = 14;
    private static final int R_FETCH_WAIT = 15;
    private static final int R_RECORDS = 16;
    private static final int R_REQ_DURATION = 17;
    private static final int W_BYTES = 18;
    private static final int W_RECORDS = 19;
    private static final int W_TIME = 20;
    private static final int IN_BYTES = 21;
    private static final int IN_RECORDS = 22;
    private static final int OUT_BYTES = 23;
    private static final int OUT_RECORDS = 24;
    private static final byte[][] INTERNAL_PREFIX = new byte[INTERNAL.length][];

    static {
        for (int i = 0; i < INTERNAL.length; i++) {
            INTERNAL_PREFIX[i] = bytes(",\"Name\":\"internal.metrics." + INTERNAL[i] + "\",\"Update\":");
        }
    }

    private static final byte[] VALUE = bytes(",\"Value\":");
    private static final byte[] ACC_END = bytes(",\"Internal\":true,\"Count Failed Values\":true}");
    private static final byte[] SQL_ACC_END = bytes(",\"Internal\":true,\"Count Failed Values\":true,"
            + "\"Metadata\":\"sql\"}");

    private final Config config;
    private final JsonLineSink out;
    private final SplittableRandom random;
    private final int slots;
    private final String[] hosts;
    private long clock = APP_START;
    private long nextTaskId;
    private long successfulTasks;
    private long taskAttempts;
    private final long[] minorGcCount;

    private EventLogGenerator(Config config, JsonLineSink out) {
        this.config = config;
        this.out = out;
        this.random = new SplittableRandom(config.seed());
        this.slots = config.executors() * config.coresPerExecutor();
        this.hosts = new String[config.executors() + 1];
        for (int e = 1; e <= config.executors(); e++) {
            hosts[e] = String.format(Locale.ROOT, "ip-10-0-%d-%d.ec2.internal", e / 200, 10 + e % 200);
        }
        this.minorGcCount = new long[config.executors() + 1];
    }

    /** Writes the log to {@code target}, which is not closed. */
    public static Stats generate(Config config, OutputStream target) throws IOException {
        JsonLineSink sink = new JsonLineSink(target);
        EventLogGenerator generator = new EventLogGenerator(config, sink);
        generator.run();
        sink.flush();
        return new Stats(sink.bytesWritten(), sink.lines(), generator.successfulTasks, generator.taskAttempts);
    }

    /** Writes the log to a file, zstd-compressed (as Spark does, level 1) when {@code zstd} is set. */
    public static Stats generate(Config config, Path file, boolean zstd) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OutputStream target = zstd ? new ZstdOutputStream(raw, 1) : raw) {
            return generate(config, target);
        }
    }

    // ---------------------------------------------------------------- the application

    private void run() throws IOException {
        out.raw("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.2.0\"}").endLine();
        out.raw("{\"Event\":\"SparkListenerResourceProfileAdded\",\"Resource Profile Id\":0,\"Executor Resource "
                + "Requests\":{\"cores\":{\"Resource Name\":\"cores\",\"Amount\":" + config.coresPerExecutor()
                + ",\"Discovery Script\":\"\",\"Vendor\":\"\"},\"memory\":{\"Resource Name\":\"memory\",\"Amount\":"
                + "16384,\"Discovery Script\":\"\",\"Vendor\":\"\"},\"offHeap\":{\"Resource Name\":\"offHeap\","
                + "\"Amount\":0,\"Discovery Script\":\"\",\"Vendor\":\"\"}},\"Task Resource Requests\":{\"cpus\":"
                + "{\"Resource Name\":\"cpus\",\"Amount\":1.0}}}").endLine();
        blockManagerAdded("driver", "ip-10-0-0-5.ec2.internal", 40000, 4_772_593_254L, clock + 900);
        environmentUpdate();
        out.raw("{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"nightly-orders-etl\",\"App ID\":\""
                + APP_ID + "\",\"Timestamp\":").number(clock).raw(",\"User\":\"etl\",\"App Attempt ID\":\"1\"}")
                .endLine();
        clock += 3_000;
        for (int e = 1; e <= config.executors(); e++) {
            clock += 40 + random.nextInt(200);
            executorAdded(e);
            blockManagerAdded(Integer.toString(e), hosts[e], 35000 + e, 9_426_303_385L, clock + 150);
        }
        int jobs = config.stages() / 2;
        long remaining = config.tasks();
        int stageId = 0;
        for (int job = 0; job < jobs; job++) {
            long mapTasks = share(remaining, config.stages() - 2 * job);
            remaining -= mapTasks;
            long resultTasks = share(remaining, config.stages() - 2 * job - 1);
            if (job == jobs - 1 && config.stages() % 2 == 0) {
                resultTasks = remaining;
            }
            remaining -= resultTasks;
            runJob(job, stageId, mapTasks, resultTasks);
            stageId += 2;
        }
        if (remaining > 0) {
            // An odd stage count: one last single-stage job takes what is left.
            runSingleStageJob(jobs, stageId, remaining);
        }
        clock += 2_000;
        out.raw("{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":").number(clock).raw(",\"ExitCode\":0}")
                .endLine();
    }

    /** About {@code remaining / stagesLeft}, varied by up to +-30%, never more than what is left. */
    private long share(long remaining, int stagesLeft) {
        if (stagesLeft <= 1) {
            return remaining;
        }
        long base = remaining / stagesLeft;
        long varied = Math.round(base * (0.7 + 0.6 * random.nextDouble()));
        return Math.max(Math.min(remaining, 1), Math.min(remaining, varied));
    }

    private void runJob(int job, int firstStage, long mapTasks, long resultTasks) throws IOException {
        boolean skewed = firstStage + 1 == ((config.stages() / 2) | 1);
        Stage map = new Stage(firstStage, job, true, (int) mapTasks, false, List2.of());
        Stage result = new Stage(firstStage + 1, job, false, (int) resultTasks, skewed, List2.of(firstStage));
        sqlStart(job);
        jobStart(job, map, result);
        runStage(map);
        runStage(result);
        clock += 5;
        out.raw("{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":").number(job).raw(",\"Completion Time\":")
                .number(clock).raw(",\"Job Result\":{\"Result\":\"JobSucceeded\"}}").endLine();
        sqlEnd(job);
    }

    private void runSingleStageJob(int job, int stageId, long tasks) throws IOException {
        Stage map = new Stage(stageId, job, true, (int) tasks, false, List2.of());
        sqlStart(job);
        jobStart(job, map, null);
        runStage(map);
        clock += 5;
        out.raw("{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":").number(job).raw(",\"Completion Time\":")
                .number(clock).raw(",\"Job Result\":{\"Result\":\"JobSucceeded\"}}").endLine();
        sqlEnd(job);
    }

    // ---------------------------------------------------------------- stages and tasks

    /** A minimal immutable int list, to keep this file free of collection boilerplate. */
    private record List2(int[] values) {
        static List2 of(int... values) {
            return new List2(values);
        }
    }

    private final class Stage {
        final int id;
        final int job;
        final boolean map;
        final int numTasks;
        final boolean skewed;
        final List2 parents;
        final long accumulatorBase;
        final long sqlAccumulatorBase;
        final long[] totals = new long[INTERNAL.length];
        final long[] sqlTotals = new long[2];
        final long baseMillis;
        final long baseBytes;
        long submissionTime;

        Stage(int id, int job, boolean map, int numTasks, boolean skewed, List2 parents) {
            this.id = id;
            this.job = job;
            this.map = map;
            this.numTasks = numTasks;
            this.skewed = skewed;
            this.parents = parents;
            this.accumulatorBase = 1_000L + id * 40L;
            this.sqlAccumulatorBase = 200_000L + id * 10L;
            this.baseMillis = 400 + random.nextInt(2_600);
            this.baseBytes = (32L << 20) + random.nextLong(96L << 20);
        }

        String name() {
            return map ? "parquet at OrdersJob.scala:" + (40 + id) : "save at OrdersJob.scala:" + (40 + id);
        }
    }

    /** One running attempt on a slot. */
    private static final class Attempt {
        long taskId;
        int index;
        int attempt;
        long launchTime;
        boolean fails;
        boolean busy;
    }

    private void runStage(Stage stage) throws IOException {
        clock += 20;
        stage.submissionTime = clock;
        stageInfoEvent("SparkListenerStageSubmitted", stage, false);
        Attempt[] running = new Attempt[slots];
        long[] slotFree = new long[slots];
        for (int s = 0; s < slots; s++) {
            running[s] = new Attempt();
            slotFree[s] = clock + 30 + random.nextInt(50);
        }
        ArrayDeque<int[]> retries = new ArrayDeque<>();
        int[] nextIndex = {0};
        int busy = 0;
        for (int s = 0; s < slots; s++) {
            if (launch(stage, s, running[s], slotFree[s], retries, nextIndex)) {
                busy++;
            }
        }
        long lastFinish = clock;
        while (busy > 0) {
            for (int s = 0; s < slots; s++) {
                Attempt attempt = running[s];
                if (!attempt.busy) {
                    continue;
                }
                long finish = taskEnd(stage, s, attempt);
                attempt.busy = false;
                busy--;
                if (attempt.fails) {
                    retries.add(new int[] {attempt.index, attempt.attempt + 1});
                }
                lastFinish = Math.max(lastFinish, finish);
                if (launch(stage, s, attempt, finish + 1 + random.nextInt(8), retries, nextIndex)) {
                    busy++;
                }
            }
        }
        clock = lastFinish + 30;
        stageInfoEvent("SparkListenerStageCompleted", stage, true);
    }

    private boolean launch(Stage stage, int slot, Attempt attempt, long when, ArrayDeque<int[]> retries,
            int[] nextIndex) throws IOException {
        int index;
        int number;
        if (!retries.isEmpty()) {
            int[] retry = retries.poll();
            index = retry[0];
            number = retry[1];
        } else if (nextIndex[0] < stage.numTasks) {
            index = nextIndex[0]++;
            number = 0;
        } else {
            return false;
        }
        attempt.taskId = nextTaskId++;
        attempt.index = index;
        attempt.attempt = number;
        attempt.launchTime = when;
        attempt.fails = number == 0 && random.nextInt(FAILURE_ONE_IN) == 0;
        attempt.busy = true;
        taskAttempts++;
        out.raw("{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":").number(stage.id)
                .raw(",\"Stage Attempt ID\":0,");
        taskInfo(attempt, executorOf(slot), 0, false);
        out.raw("[]}}").endLine();
        return true;
    }

    private int executorOf(int slot) {
        return slot % config.executors() + 1;
    }

    /** Writes the task's end; returns its finish time. */
    private long taskEnd(Stage stage, int slot, Attempt attempt) throws IOException {
        int executor = executorOf(slot);
        double factor = 0.6 + 0.8 * random.nextDouble();
        boolean heavy = stage.skewed && random.nextInt(SKEW_ONE_IN) == 0;
        if (heavy) {
            factor *= SKEW_FACTOR;
        }
        if (attempt.fails) {
            factor *= 0.3;
        }
        long[] m = new long[INTERNAL.length];
        m[RUN] = Math.max(1, Math.round(stage.baseMillis * factor));
        m[DESER] = 2 + random.nextInt(30);
        m[DESER_CPU] = m[DESER] * (500_000L + random.nextInt(400_000));
        m[CPU] = Math.round(m[RUN] * 1_000_000L * (0.6 + 0.35 * random.nextDouble()));
        m[RESULT_SER] = random.nextInt(4) == 0 ? 1 : 0;
        m[GC] = Math.round(m[RUN] * 0.05 * random.nextDouble());
        m[RESULT_SIZE] = (stage.map ? 1_500 : 2_500) + random.nextInt(3_000);
        long bytes = Math.round(stage.baseBytes * factor);
        m[PEAK] = (stage.map ? bytes / 4 : bytes) & ~0xFFFL;
        if (heavy) {
            m[MEM_SPILL] = m[PEAK] * 3;
            m[DISK_SPILL] = m[MEM_SPILL] / 3;
        }
        if (stage.map) {
            m[IN_BYTES] = bytes;
            m[IN_RECORDS] = bytes / 120;
            m[W_BYTES] = bytes / 6;
            m[W_RECORDS] = m[IN_RECORDS];
            m[W_TIME] = m[W_BYTES] * 8 + random.nextInt(1_000_000);
        } else {
            long remote = Math.round(bytes * (0.92 + 0.06 * random.nextDouble()));
            m[R_REMOTE_BYTES] = remote;
            m[R_LOCAL_BYTES] = bytes - remote;
            m[R_REMOTE_BLOCKS] = 180 + random.nextInt(40);
            m[R_LOCAL_BLOCKS] = 4 + random.nextInt(8);
            m[R_RECORDS] = bytes / 60;
            m[R_FETCH_WAIT] = random.nextInt(20) == 0 ? random.nextInt(400) : 0;
            m[R_REQ_DURATION] = 10 + random.nextInt(300);
            m[OUT_BYTES] = bytes / 4;
            m[OUT_RECORDS] = m[R_RECORDS];
        }
        long schedulerDelay = 1 + random.nextInt(20);
        long finish = attempt.launchTime + m[DESER] + m[RUN] + m[RESULT_SER] + schedulerDelay;
        long rows = stage.map ? m[IN_RECORDS] : m[R_RECORDS];

        out.raw("{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":").number(stage.id)
                .raw(stage.map ? ",\"Stage Attempt ID\":0,\"Task Type\":\"ShuffleMapTask\",\"Task End Reason\":"
                        : ",\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\",\"Task End Reason\":");
        if (attempt.fails) {
            exceptionFailure(stage);
        } else {
            out.raw("{\"Reason\":\"Success\"},");
        }
        out.raw("\"Task Info\":{\"Task ID\":");
        taskInfo(attempt, executor, finish, attempt.fails);
        out.raw("[");
        // SQL metrics first (lower ids), then the non-zero internal task metrics, as Spark orders them.
        long duration = m[RUN] - random.nextInt((int) Math.min(m[RUN], 20) + 1);
        sqlAccumulable(stage.sqlAccumulatorBase, "number of output rows", rows, stage, 0);
        out.raw(",");
        sqlAccumulable(stage.sqlAccumulatorBase + 1, "duration", duration, stage, 1);
        for (int i = 0; i < INTERNAL.length; i++) {
            if (m[i] == 0) {
                continue;
            }
            stage.totals[i] += m[i];
            out.raw(",{\"ID\":").number(stage.accumulatorBase + i).raw(INTERNAL_PREFIX[i]).number(m[i]).raw(VALUE)
                    .number(stage.totals[i]).raw(ACC_END);
        }
        out.raw("]},\"Task Executor Metrics\":{\"JVMHeapMemory\":");
        minorGcCount[executor] += 1 + random.nextInt(3);
        long heap = (2L << 30) + random.nextLong(6L << 30);
        out.number(heap).raw(",\"JVMOffHeapMemory\":").number(180_000_000L + random.nextInt(40_000_000))
                .raw(",\"OnHeapExecutionMemory\":").number(m[PEAK]).raw(",\"OffHeapExecutionMemory\":0,"
                        + "\"OnHeapStorageMemory\":").number(20_000_000L + random.nextInt(5_000_000))
                .raw(",\"OffHeapStorageMemory\":0,\"OnHeapUnifiedMemory\":").number(m[PEAK] + 20_000_000L)
                .raw(",\"OffHeapUnifiedMemory\":0,\"DirectPoolMemory\":").number(16_000_000L + random.nextInt(900_000))
                .raw(",\"MappedPoolMemory\":0,\"ProcessTreeJVMVMemory\":0,\"ProcessTreeJVMRSSMemory\":0,"
                        + "\"ProcessTreePythonVMemory\":0,\"ProcessTreePythonRSSMemory\":0,"
                        + "\"ProcessTreeOtherVMemory\":0,\"ProcessTreeOtherRSSMemory\":0,\"MinorGCCount\":")
                .number(minorGcCount[executor]).raw(",\"MinorGCTime\":").number(minorGcCount[executor] * 19)
                .raw(",\"MajorGCCount\":0,\"MajorGCTime\":0,\"TotalGCTime\":").number(minorGcCount[executor] * 19)
                .raw(",\"ConcurrentGCCount\":0,\"ConcurrentGCTime\":0},\"Task Metrics\":{");
        taskMetrics(m);
        out.raw("}").endLine();
        if (!attempt.fails) {
            successfulTasks++;
        }
        return finish;
    }

    private void taskInfo(Attempt attempt, int executor, long finish, boolean failed) throws IOException {
        if (finish == 0) {
            out.raw("\"Task Info\":{\"Task ID\":");
        }
        out.number(attempt.taskId).raw(",\"Index\":").number(attempt.index).raw(",\"Attempt\":")
                .number(attempt.attempt).raw(",\"Partition ID\":").number(attempt.index).raw(",\"Launch Time\":")
                .number(attempt.launchTime).raw(",\"Executor ID\":\"").number(executor).raw("\",\"Host\":\"")
                .raw(hosts[executor]).raw("\",\"Locality\":\"")
                .raw(attempt.index % 7 == 0 ? "RACK_LOCAL" : attempt.index % 3 == 0 ? "PROCESS_LOCAL" : "NODE_LOCAL")
                .raw("\",\"Speculative\":false,\"Getting Result Time\":0,\"Finish Time\":").number(finish)
                .raw(",\"Failed\":").bool(failed).raw(",\"Killed\":false,\"Accumulables\":");
    }

    private void sqlAccumulable(long id, String name, long update, Stage stage, int slot) throws IOException {
        stage.sqlTotals[slot] += update;
        out.raw("{\"ID\":").number(id).raw(",\"Name\":\"").raw(name).raw("\",\"Update\":").quotedNumber(update)
                .raw(VALUE).quotedNumber(stage.sqlTotals[slot]).raw(SQL_ACC_END);
    }

    private void exceptionFailure(Stage stage) throws IOException {
        out.raw("{\"Reason\":\"ExceptionFailure\",\"Class Name\":\"java.io.IOException\",\"Description\":"
                + "\"Connection reset by peer\",\"Stack Trace\":[{\"Declaring Class\":\"sun.nio.ch.SocketDispatcher\","
                + "\"Method Name\":\"read0\",\"File Name\":\"SocketDispatcher.java\",\"Line Number\":-2},"
                + "{\"Declaring Class\":\"org.apache.parquet.hadoop.ParquetFileReader\",\"Method Name\":"
                + "\"readNextRowGroup\",\"File Name\":\"ParquetFileReader.java\",\"Line Number\":1041}],"
                + "\"Full Stack Trace\":\"java.io.IOException: Connection reset by peer\\n\\tat "
                + "sun.nio.ch.SocketDispatcher.read0(Native Method)\\n\\tat org.apache.parquet.hadoop."
                + "ParquetFileReader.readNextRowGroup(ParquetFileReader.java:1041)\\n\",\"Accumulator Updates\":[{"
                + "\"ID\":").number(stage.accumulatorBase + RUN).raw(",\"Update\":\"12\",\"Internal\":false,"
                + "\"Count Failed Values\":true}]},");
    }

    private void taskMetrics(long[] m) throws IOException {
        out.raw("\"Executor Deserialize Time\":").number(m[DESER])
                .raw(",\"Executor Deserialize CPU Time\":").number(m[DESER_CPU])
                .raw(",\"Executor Run Time\":").number(m[RUN])
                .raw(",\"Executor CPU Time\":").number(m[CPU])
                .raw(",\"Peak Execution Memory\":").number(m[PEAK])
                .raw(",\"Peak On Heap Execution Memory\":").number(m[PEAK])
                .raw(",\"Peak Off Heap Execution Memory\":0,\"Result Size\":").number(m[RESULT_SIZE])
                .raw(",\"JVM GC Time\":").number(m[GC])
                .raw(",\"Result Serialization Time\":").number(m[RESULT_SER])
                .raw(",\"Memory Bytes Spilled\":").number(m[MEM_SPILL])
                .raw(",\"Disk Bytes Spilled\":").number(m[DISK_SPILL])
                .raw(",\"Shuffle Read Metrics\":{\"Remote Blocks Fetched\":").number(m[R_REMOTE_BLOCKS])
                .raw(",\"Local Blocks Fetched\":").number(m[R_LOCAL_BLOCKS])
                .raw(",\"Fetch Wait Time\":").number(m[R_FETCH_WAIT])
                .raw(",\"Remote Bytes Read\":").number(m[R_REMOTE_BYTES])
                .raw(",\"Remote Bytes Read To Disk\":").number(m[R_REMOTE_DISK])
                .raw(",\"Local Bytes Read\":").number(m[R_LOCAL_BYTES])
                .raw(",\"Total Records Read\":").number(m[R_RECORDS])
                .raw(",\"Remote Requests Duration\":").number(m[R_REQ_DURATION])
                .raw(",\"Push Based Shuffle\":{\"Corrupt Merged Block Chunks\":0,\"Merged Fetch Fallback Count\":0,"
                        + "\"Merged Remote Blocks Fetched\":0,\"Merged Local Blocks Fetched\":0,"
                        + "\"Merged Remote Chunks Fetched\":0,\"Merged Local Chunks Fetched\":0,"
                        + "\"Merged Remote Bytes Read\":0,\"Merged Local Bytes Read\":0,"
                        + "\"Merged Remote Requests Duration\":0}},\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":")
                .number(m[W_BYTES]).raw(",\"Shuffle Write Time\":").number(m[W_TIME])
                .raw(",\"Shuffle Records Written\":").number(m[W_RECORDS])
                .raw("},\"Input Metrics\":{\"Bytes Read\":").number(m[IN_BYTES])
                .raw(",\"Records Read\":").number(m[IN_RECORDS])
                .raw("},\"Output Metrics\":{\"Bytes Written\":").number(m[OUT_BYTES])
                .raw(",\"Records Written\":").number(m[OUT_RECORDS]).raw("},\"Updated Blocks\":[]}");
    }

    // ---------------------------------------------------------------- other events

    private void stageInfoEvent(String event, Stage stage, boolean completed) throws IOException {
        out.raw("{\"Event\":\"" + event + "\",\"Stage Info\":");
        stageInfo(stage, completed, true);
        if (!completed) {
            out.raw(",\"Properties\":");
            jobProperties(stage.job);
        }
        out.raw("}").endLine();
    }

    private void stageInfo(Stage stage, boolean completed, boolean submitted) throws IOException {
        out.raw("{\"Stage ID\":").number(stage.id).raw(",\"Stage Attempt ID\":0,\"Stage Name\":").string(stage.name())
                .raw(",\"Number of Tasks\":").number(stage.numTasks).raw(",\"RDD Info\":[");
        int rdds = stage.map ? 3 : 2;
        for (int r = 0; r < rdds; r++) {
            long rddId = stage.id * 4L + r;
            if (r > 0) {
                out.raw(",");
            }
            out.raw("{\"RDD ID\":").number(rddId).raw(",\"Name\":\"")
                    .raw(r == rdds - 1 && stage.map ? "FileScanRDD" : "MapPartitionsRDD")
                    .raw("\",\"Scope\":\"{\\\"id\\\":\\\"").number(rddId + 7)
                    .raw("\\\",\\\"name\\\":\\\"WholeStageCodegen (").number(stage.id + 1)
                    .raw(")\\\"}\",\"Callsite\":").string(stage.name()).raw(",\"Parent IDs\":[");
            if (r < rdds - 1) {
                out.number(rddId + 1);
            }
            out.raw("],\"Storage Level\":{\"Use Disk\":false,\"Use Memory\":false,\"Use Off Heap\":false,"
                    + "\"Deserialized\":false,\"Replication\":1},\"Barrier\":false,\"DeterministicLevel\":"
                    + "\"DETERMINATE\",\"Number of Partitions\":").number(stage.numTasks)
                    .raw(",\"Number of Cached Partitions\":0,\"Memory Size\":0,\"Disk Size\":0}");
        }
        out.raw("],\"Parent IDs\":[");
        for (int p = 0; p < stage.parents.values().length; p++) {
            if (p > 0) {
                out.raw(",");
            }
            out.number(stage.parents.values()[p]);
        }
        out.raw("],\"Details\":\"org.apache.spark.sql.Dataset.collectToPython(Dataset.scala:4420)\\n"
                + "com.example.orders.OrdersJob$.run(OrdersJob.scala:" + (40 + stage.id) + ")\\n"
                + "com.example.orders.OrdersJob.main(OrdersJob.scala)\\n"
                + "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)"
                + "\\njava.base/java.lang.reflect.Method.invoke(Method.java:580)\\n"
                + "org.apache.spark.deploy.SparkSubmit.doRunMain$1(SparkSubmit.scala:203)\"");
        if (submitted) {
            out.raw(",\"Submission Time\":").number(stage.submissionTime);
        }
        if (completed) {
            out.raw(",\"Completion Time\":").number(clock).raw(",\"Accumulables\":[");
            out.raw("{\"ID\":").number(stage.sqlAccumulatorBase).raw(",\"Name\":\"number of output rows\",\"Value\":")
                    .quotedNumber(stage.sqlTotals[0]).raw(SQL_ACC_END);
            out.raw(",{\"ID\":").number(stage.sqlAccumulatorBase + 1).raw(",\"Name\":\"duration\",\"Value\":")
                    .quotedNumber(stage.sqlTotals[1]).raw(SQL_ACC_END);
            for (int i = 0; i < INTERNAL.length; i++) {
                if (stage.totals[i] != 0) {
                    out.raw(",{\"ID\":").number(stage.accumulatorBase + i).raw(",\"Name\":\"internal.metrics.")
                            .raw(INTERNAL[i]).raw("\",\"Value\":").number(stage.totals[i]).raw(ACC_END);
                }
            }
            out.raw("]");
        } else {
            out.raw(",\"Accumulables\":[]");
        }
        out.raw(",\"Resource Profile Id\":0,\"Shuffle Push Enabled\":false,\"Shuffle Push Mergers Count\":0}");
    }

    private void jobStart(int job, Stage map, Stage result) throws IOException {
        clock += 10;
        out.raw("{\"Event\":\"SparkListenerJobStart\",\"Job ID\":").number(job).raw(",\"Submission Time\":")
                .number(clock).raw(",\"Stage Infos\":[");
        stageInfo(map, false, false);
        if (result != null) {
            out.raw(",");
            stageInfo(result, false, false);
        }
        out.raw("],\"Stage IDs\":[").number(map.id);
        if (result != null) {
            out.raw(",").number(result.id);
        }
        out.raw("],\"Properties\":");
        jobProperties(job);
        out.raw("}").endLine();
    }

    private void jobProperties(int job) throws IOException {
        out.raw("{\"spark.rdd.scope\":\"{\\\"id\\\":\\\"").number(100 + job)
                .raw("\\\",\\\"name\\\":\\\"collect\\\"}\",\"spark.rdd.scope.noOverride\":\"true\","
                        + "\"spark.job.description\":\"orders step ").number(job)
                .raw("\",\"spark.sql.execution.root.id\":\"").number(job)
                .raw("\",\"spark.sql.execution.id\":\"").number(job)
                .raw("\",\"spark.job.interruptOnCancel\":\"true\",\"spark.scheduler.pool\":\"default\"}");
    }

    private void sqlStart(int execution) throws IOException {
        clock += 15;
        long scanRows = 200_000L + execution * 10L;
        out.raw("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\",\"executionId\":")
                .number(execution).raw(",\"rootExecutionId\":").number(execution)
                .raw(",\"description\":\"orders step ").number(execution)
                .raw("\",\"details\":\"org.apache.spark.sql.Dataset.collectToPython(Dataset.scala:4420)\\n"
                        + "com.example.orders.OrdersJob$.run(OrdersJob.scala:40)\",\"physicalPlanDescription\":"
                        + "\"== Physical Plan ==\\nAdaptiveSparkPlan (6)\\n+- Execute InsertIntoHadoopFsRelationCommand"
                        + " (5)\\n   +- HashAggregate (4)\\n      +- Exchange (3)\\n         +- HashAggregate (2)\\n"
                        + "            +- Scan parquet orders (1)\\n\\n\\n(1) Scan parquet orders\\nOutput [4]: "
                        + "[order_id#0L, customer_id#1L, amount#2, day#3]\\nBatched: true\\nLocation: "
                        + "InMemoryFileIndex [s3://bucket/orders]\\nReadSchema: struct<order_id:bigint,"
                        + "customer_id:bigint,amount:decimal(12,2)>\\n\",\"sparkPlanInfo\":{\"nodeName\":"
                        + "\"AdaptiveSparkPlan\",\"simpleString\":\"AdaptiveSparkPlan isFinalPlan=false\","
                        + "\"children\":[{\"nodeName\":\"HashAggregate\",\"simpleString\":\"HashAggregate(keys=["
                        + "customer_id#1L], functions=[sum(amount#2)])\",\"children\":[{\"nodeName\":\"Exchange\","
                        + "\"simpleString\":\"Exchange hashpartitioning(customer_id#1L, 200), ENSURE_REQUIREMENTS, "
                        + "[plan_id=").number(execution * 10L + 7).raw("]\",\"children\":[{\"nodeName\":\"Scan parquet "
                        + "orders\",\"simpleString\":\"FileScan parquet orders[order_id#0L,customer_id#1L,amount#2]\","
                        + "\"children\":[],\"metadata\":{\"Location\":\"InMemoryFileIndex[s3://bucket/orders]\","
                        + "\"ReadSchema\":\"struct<order_id:bigint,customer_id:bigint,amount:decimal(12,2)>\","
                        + "\"Format\":\"Parquet\",\"Batched\":\"true\"},\"metrics\":[{\"name\":\"number of output "
                        + "rows\",\"accumulatorId\":").number(scanRows).raw(",\"metricType\":\"sum\"},{\"name\":"
                        + "\"number of files read\",\"accumulatorId\":").number(scanRows + 1)
                .raw(",\"metricType\":\"sum\"}]}],\"metadata\":{},\"metrics\":[{\"name\":\"shuffle bytes written\","
                        + "\"accumulatorId\":").number(scanRows + 2).raw(",\"metricType\":\"size\"}]}],\"metadata\":{},"
                        + "\"metrics\":[{\"name\":\"spill size\",\"accumulatorId\":").number(scanRows + 3)
                .raw(",\"metricType\":\"size\"}]}],\"metadata\":{},\"metrics\":[]},\"time\":").number(clock)
                .raw(",\"modifiedConfigs\":{},\"jobTags\":[],\"jobGroupId\":null,\"queryId\":\"")
                .raw(String.format(Locale.ROOT, "6f1c2a3b-0000-4000-8000-%012d", execution)).raw("\"}").endLine();
    }

    private void sqlEnd(int execution) throws IOException {
        clock += 8;
        out.raw("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd\",\"executionId\":")
                .number(execution).raw(",\"time\":").number(clock).raw(",\"errorMessage\":\"\"}").endLine();
    }

    private void executorAdded(int executor) throws IOException {
        String container = String.format(Locale.ROOT, "container_1766000000000_0042_01_%06d", executor + 1);
        out.raw("{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":").number(clock)
                .raw(",\"Executor ID\":\"").number(executor).raw("\",\"Executor Info\":{\"Host\":\"")
                .raw(hosts[executor]).raw("\",\"Total Cores\":").number(config.coresPerExecutor())
                .raw(",\"Log Urls\":{\"stdout\":\"http://" + hosts[executor] + ":8042/node/containerlogs/"
                        + container + "/etl/stdout?start=-4096\",\"stderr\":\"http://" + hosts[executor]
                        + ":8042/node/containerlogs/" + container + "/etl/stderr?start=-4096\"},\"Attributes\":{"
                        + "\"CONTAINER_ID\":\"" + container + "\",\"NM_HOST\":\"" + hosts[executor] + "\",\"USER\":"
                        + "\"etl\"},\"Resources\":{},\"Resource Profile Id\":0,\"Registration Time\":")
                .number(clock).raw(",\"Request Time\":").number(clock - 2_000).raw("}}").endLine();
    }

    private void blockManagerAdded(String executor, String host, int port, long memory, long time)
            throws IOException {
        out.raw("{\"Event\":\"SparkListenerBlockManagerAdded\",\"Block Manager ID\":{\"Executor ID\":\"")
                .raw(executor).raw("\",\"Host\":\"").raw(host).raw("\",\"Port\":").number(port)
                .raw("},\"Maximum Memory\":").number(memory).raw(",\"Timestamp\":").number(time)
                .raw(",\"Maximum Onheap Memory\":").number(memory).raw(",\"Maximum Offheap Memory\":0}").endLine();
    }

    private void environmentUpdate() throws IOException {
        out.raw("{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{\"Java Home\":"
                + "\"/usr/lib/jvm/java-17-openjdk-amd64\",\"Java Version\":\"17.0.15 (Eclipse Adoptium)\","
                + "\"Scala Version\":\"version 2.13.16\"},\"Spark Properties\":{");
        String[][] spark = {
            {"spark.app.name", "nightly-orders-etl"}, {"spark.app.id", APP_ID},
            {"spark.master", "yarn"}, {"spark.submit.deployMode", "cluster"},
            {"spark.executor.instances", Integer.toString(config.executors())},
            {"spark.executor.cores", Integer.toString(config.coresPerExecutor())},
            {"spark.executor.memory", "16g"}, {"spark.driver.memory", "8g"},
            {"spark.sql.shuffle.partitions", "200"}, {"spark.sql.adaptive.enabled", "true"},
            {"spark.eventLog.enabled", "true"}, {"spark.eventLog.dir", "hdfs:///spark-history"},
            {"spark.serializer", "org.apache.spark.serializer.KryoSerializer"},
            {"spark.dynamicAllocation.enabled", "false"}, {"spark.hadoop.fs.s3a.secret.key", "*********(redacted)"},
            {"spark.driver.host", "ip-10-0-0-5.ec2.internal"}, {"spark.driver.port", "40321"},
            {"spark.scheduler.mode", "FIFO"}, {"spark.ui.port", "0"}, {"spark.yarn.queue", "etl"}};
        for (int i = 0; i < spark.length; i++) {
            if (i > 0) {
                out.raw(",");
            }
            out.string(spark[i][0]).raw(":").string(spark[i][1]);
        }
        out.raw("},\"Hadoop Properties\":{");
        for (int i = 0; i < 300; i++) {
            if (i > 0) {
                out.raw(",");
            }
            out.raw("\"fs.s3a.option").number(i).raw("\":\"value-").number(i * 37L).raw("\"");
        }
        out.raw("},\"System Properties\":{");
        for (int i = 0; i < 60; i++) {
            if (i > 0) {
                out.raw(",");
            }
            out.raw("\"sun.property.").number(i).raw("\":\"/usr/lib/jvm/java-17-openjdk-amd64/lib/").number(i)
                    .raw("\"");
        }
        out.raw("},\"Metrics Properties\":{\"*.sink.servlet.class\":\"org.apache.spark.metrics.sink.MetricsServlet\""
                + "},\"Classpath Entries\":{");
        for (int i = 0; i < 250; i++) {
            if (i > 0) {
                out.raw(",");
            }
            out.raw("\"/opt/spark/jars/dependency-").number(i).raw("-1.0.jar\":\"System Classpath\"");
        }
        out.raw("}}").endLine();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- command line

    /**
     * {@code EventLogGenerator [--tasks N] [--executors E] [--cores C] [--stages S] [--seed X] [--zstd] [--out PATH|-]}.
     * Writes to standard output by default; prints what it wrote to standard error.
     */
    public static void main(String[] args) throws IOException {
        long tasks = 200_000;
        int executors = 50;
        int cores = 4;
        int stages = 20;
        long seed = 42;
        boolean zstd = false;
        String target = "-";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tasks" -> tasks = Long.parseLong(args[++i].replace("_", ""));
                case "--executors" -> executors = Integer.parseInt(args[++i]);
                case "--cores" -> cores = Integer.parseInt(args[++i]);
                case "--stages" -> stages = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--zstd" -> zstd = true;
                case "--out" -> target = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Config config = new Config(tasks, executors, cores, stages, seed);
        long start = System.nanoTime();
        Stats stats;
        if ("-".equals(target)) {
            OutputStream stdout = new FileOutputStream(FileDescriptor.out);
            try (OutputStream wrapped = zstd ? new ZstdOutputStream(stdout, 1) : stdout) {
                stats = generate(config, wrapped);
            }
        } else {
            stats = generate(config, Path.of(target), zstd);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "generated %,d lines, %,d uncompressed bytes, %,d successful tasks "
                + "(%,d attempts) in %.1f s%n", stats.lines(), stats.bytes(), stats.successfulTasks(),
                stats.taskAttempts(), seconds);
    }
}
