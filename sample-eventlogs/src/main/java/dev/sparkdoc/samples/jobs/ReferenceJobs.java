package dev.sparkdoc.samples.jobs;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every reference job, in the order {@code sparkdoc jobs list} shows them. */
public final class ReferenceJobs {

    private static final List<ReferenceJob> ALL = List.of(
            new SkewedAggregationJob(),
            new SkewedJoinJob(),
            new SpillJob(),
            new GcHeavyJob(),
            new DriverOomRiskJob(),
            new FetchFailureJob(),
            new TinyTasksJob(),
            new HealthyJob(),
            new ListingManyPathsJob(),
            new WarmUpGcJob(),
            new ExplicitRepartitionJob(),
            new OneLargeFileJob(),
            new SingleExecutorJob());

    private ReferenceJobs() {
    }

    public static List<ReferenceJob> all() {
        return ALL;
    }

    public static Optional<ReferenceJob> find(String name) {
        return ALL.stream().filter(job -> job.name().equals(name)).findFirst();
    }

    public static List<SkewedJob> skewed() {
        return ALL.stream().filter(SkewedJob.class::isInstance).map(SkewedJob.class::cast).toList();
    }

    public static String names() {
        return ALL.stream().map(ReferenceJob::name).collect(Collectors.joining(", "));
    }
}
