package dev.sparkdoc.samples.jobs;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to run: a reference job, plain or salted, and how its event log is written.
 *
 * @param codec the event log codec: none, lz4, lzf, snappy or zstd
 * @param rolling a rolling {@code eventlog_v2_*} directory instead of one file
 * @param conf Spark settings set over the job's own ({@link ReferenceJob#sparkConf()}): a second run of the same job
 *     with another configuration, as {@code sparkdoc compare} compares
 */
public record JobRequest(String job, Path eventLogDir, Optional<Salt> salt, String codec, boolean rolling,
        Map<String, String> conf) {

    public static final List<String> CODECS = List.of("none", "lz4", "lzf", "snappy", "zstd");

    /** Salt {@code key} over {@code buckets} buckets. */
    public record Salt(String key, int buckets) {
        public Salt {
            requireNonNull(key, "key is null");
            if (buckets < 1) {
                throw new IllegalArgumentException("salt buckets must be at least 1, not " + buckets);
            }
        }
    }

    public JobRequest {
        requireNonNull(job, "job is null");
        requireNonNull(eventLogDir, "eventLogDir is null");
        requireNonNull(salt, "salt is null");
        requireNonNull(codec, "codec is null");
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
        for (String key : conf.keySet()) {
            if (!key.startsWith("spark.") || key.contains("=")) {
                throw new IllegalArgumentException("not a Spark setting: " + key + "; give spark.KEY=VALUE");
            }
        }
        if (!CODECS.contains(codec)) {
            throw new IllegalArgumentException("unknown event log codec " + codec + "; use one of "
                    + String.join(", ", CODECS));
        }
    }

    /** A request with no settings over the job's own. */
    public JobRequest(String job, Path eventLogDir, Optional<Salt> salt, String codec, boolean rolling) {
        this(job, eventLogDir, salt, codec, rolling, Map.of());
    }

    public static JobRequest plain(String job, Path eventLogDir) {
        return new JobRequest(job, eventLogDir, Optional.empty(), "zstd", false);
    }

    public JobRequest salted(String key, int buckets) {
        return new JobRequest(job, eventLogDir, Optional.of(new Salt(key, buckets)), codec, rolling, conf);
    }

    /** This request with {@code settings} set over the job's own Spark settings. */
    public JobRequest withConf(Map<String, String> settings) {
        return new JobRequest(job, eventLogDir, salt, codec, rolling, settings);
    }
}
