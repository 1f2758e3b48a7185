package dev.sparkdoc.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A real S3-compatible server in this JVM: s3proxy on loopback (an ephemeral port) over jclouds' in-memory blob
 * store, with AWS signature checks on, holding the objects {@link #upload} puts. s3a:// talks to it as to S3.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "sparkdoc-test-access";
    static final String SECRET_KEY = "sparkdoc-test-secret-0123456789";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    /** The keys of every object read (GET), in order: what a listing or a selection cost. */
    private final List<String> reads = java.util.Collections.synchronizedList(new ArrayList<>());

    S3Server() throws Exception {
        Properties properties = new Properties();
        context = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).overrides(properties)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(new ForwardingBlobStore(context.getBlobStore()) {
                    @Override
                    public Blob getBlob(String container, String name) {
                        reads.add(name);
                        return super.getBlob(container, name);
                    }

                    @Override
                    public Blob getBlob(String container, String name, GetOptions options) {
                        reads.add(name);
                        return super.getBlob(container, name, options);
                    }
                })
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** The objects read since the last call (each GET, a ranged one too), and forgets them. */
    List<String> takeReads() {
        synchronized (reads) {
            List<String> taken = List.copyOf(reads);
            reads.clear();
            return taken;
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The options that point s3a at this server with valid credentials. */
    List<String> options() {
        List<String> options = new ArrayList<>();
        for (String option : List.of(
                "fs.s3a.endpoint=" + endpoint(),
                "fs.s3a.endpoint.region=us-east-1",
                "fs.s3a.path.style.access=true",
                "fs.s3a.connection.ssl.enabled=false",
                "fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "fs.s3a.access.key=" + ACCESS_KEY,
                "fs.s3a.secret.key=" + SECRET_KEY)) {
            options.add("-D");
            options.add(option);
        }
        return options;
    }

    void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Puts {@code local} (a file, or a directory's files, recursively) under {@code key}. */
    void upload(String bucket, String key, Path local) throws IOException {
        BlobStore store = context.getBlobStore();
        if (Files.isDirectory(local)) {
            try (Stream<Path> files = Files.walk(local)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = local.relativize(file).toString().replace('\\', '/');
                    upload(bucket, key + "/" + relative, file);
                }
            }
            return;
        }
        Blob blob = store.blobBuilder(key).payload(Files.readAllBytes(local)).contentLength(Files.size(local))
                .build();
        store.putBlob(bucket, blob);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
