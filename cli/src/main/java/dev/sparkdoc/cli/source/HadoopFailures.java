package dev.sparkdoc.cli.source;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.fold.Redactor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns what Hadoop and its connectors throw into sparkdoc's one line (where, what, what to do): a missing
 * connector (naming the artifact), a bucket that does not exist, missing or rejected credentials, an unreachable
 * endpoint, permission denied, not found. Every value of the configuration that looks secret (Spark's redaction
 * pattern on its key or value) is cut out of the messages, and so is the user-info part of a URI.
 */
final class HadoopFailures {

    private static final Properties VERSIONS = versions();

    private final List<String> secrets;

    HadoopFailures(Iterable<Map.Entry<String, String>> configuration) {
        Redactor redactor = Redactor.sparkDefault();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> entry : configuration) {
            String value = entry.getValue();
            if (value != null && value.length() >= 4 && redactor.isSecret(entry.getKey(), value)) {
                found.add(value);
            }
        }
        // Longest first, so that a secret containing another is cut whole.
        found.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.secrets = List.copyOf(found);
    }

    /** {@code location} as shown: without user-info ({@code s3a://KEY:SECRET@bucket} shows as {@code s3a://bucket}). */
    String display(String location) {
        return redact(location.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1"));
    }

    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, Redactor.REPLACEMENT);
        }
        return Redactor.sparkDefault().redactText(result);
    }

    EventLogException failure(String location, URI uri, Throwable error) {
        EventLogException classified = classify(location, uri, error);
        return new EventLogException(classified.location(), classified.problem(), classified.remedy(), error);
    }

    private EventLogException classify(String location, URI uri, Throwable error) {
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? uri.getAuthority() : uri.getHost();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        // The specific causes first, wherever they are in the chain: s3a wraps missing credentials in an
        // AccessDeniedException, and a refused connection in its own exceptions.
        for (Throwable t : chain) {
            String name = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (name.equals("UnsupportedFileSystemException") || message.startsWith("No FileSystem for scheme")) {
                return missingConnector(location, scheme, "");
            }
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
                return missingConnector(location, scheme, " (" + missingClass(message) + " not found)");
            }
            if (name.equals("UnknownStoreException") || message.contains("NoSuchBucket")
                    || message.contains("The specified bucket does not exist")) {
                return new EventLogException(location, "bucket '" + host + "' does not exist",
                        "check the bucket name in the URI, and the endpoint (fs.s3a.endpoint) and region it is in");
            }
            if (name.equals("NoAuthWithAWSException") || name.equals("NoAwsCredentialsException")
                    || message.toLowerCase(Locale.ROOT).contains("no aws credentials")
                    || message.contains("Unable to load credentials")) {
                return new EventLogException(location, "no credentials for " + scheme + "://"
                        + " (none of the configured credential providers had any)",
                        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or pass"
                                + " -D fs.s3a.access.key=... -D fs.s3a.secret.key=..., or run where an instance role"
                                + " is");
            }
            if (message.contains("InvalidAccessKeyId") || message.contains("SignatureDoesNotMatch")
                    || message.contains("ExpiredToken")) {
                return new EventLogException(location, "the store rejected the credentials ("
                        + (message.contains("ExpiredToken") ? "expired token" : message.contains("InvalidAccessKeyId")
                                ? "unknown access key" : "signature does not match the secret key") + ")",
                        "check the access key and secret (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or"
                                + " fs.s3a.access.key/fs.s3a.secret.key) and the session token");
            }
        }
        // The deepest network failure says best what happened ("Connect to host:port failed: Connection refused").
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable t = chain.get(i);
            String name = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? name : t.getMessage();
            if (t instanceof UnknownHostException) {
                return new EventLogException(location, "unknown host " + redact(clean(message)),
                        endpointRemedy(scheme));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || name.equals("ConnectTimeoutException")) {
                return new EventLogException(location, "cannot connect" + target(chain) + " ("
                        + redact(clean(message)) + ")", endpointRemedy(scheme));
            }
        }
        for (Throwable t : chain) {
            String name = t.getClass().getSimpleName();
            if (t instanceof java.nio.file.AccessDeniedException || name.equals("AccessControlException")) {
                if (scheme.startsWith("s3")) {
                    return new EventLogException(location, "access denied (HTTP 403): the store rejected the"
                            + " credentials, or they may not read this",
                            "check the access key and secret (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or"
                                    + " fs.s3a.access.key/fs.s3a.secret.key), and that they have s3:GetObject and"
                                    + " s3:ListBucket on it");
                }
                return new EventLogException(location, "permission denied",
                        "grant this user read access to it, or run as a user that has it");
            }
            if (t instanceof FileNotFoundException) {
                return new EventLogException(location, "no such file or directory",
                        "check the path; list its parent with 'hadoop fs -ls' to see what is there");
            }
        }
        Throwable deepest = error;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : firstLine(error.getMessage());
        if (error instanceof UncheckedIOException || text.isBlank()) {
            text = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : firstLine(deepest.getMessage());
        }
        return new EventLogException(location, "cannot read (" + redact(shorten(text)) + ")",
                "check the URI, the credentials and the Hadoop configuration (HADOOP_CONF_DIR, -D KEY=VALUE)");
    }

    private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile(
            "(?:Connect to |\\bto )([\\w.\\[\\]:-]+:\\d+)\\b");

    /** " to host:port" as the exceptions name it (the AWS SDK's "Connect to", Hadoop IPC's "... to host:port"). */
    private String target(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                java.util.regex.Matcher matcher = TARGET.matcher(t.getMessage());
                if (matcher.find()) {
                    return " to " + redact(matcher.group(1));
                }
            }
        }
        return "";
    }

    private static String endpointRemedy(String scheme) {
        return switch (scheme) {
            case "s3a", "s3", "s3n" -> "check fs.s3a.endpoint (and fs.s3a.path.style.access for a non-AWS store)"
                    + " and that the network reaches it";
            case "hdfs", "webhdfs", "swebhdfs" -> "check the namenode address in the URI or fs.defaultFS"
                    + " (HADOOP_CONF_DIR) and that it is running";
            default -> "check the host in the URI and that the network reaches it";
        };
    }

    private EventLogException missingConnector(String location, String scheme, String detail) {
        String hadoop = VERSIONS.getProperty("hadoop.version", "3.5.0");
        String artifact = switch (scheme) {
            case "s3a", "s3", "s3n" -> "org.apache.hadoop:hadoop-aws:" + hadoop + ", software.amazon.awssdk:bundle:"
                    + VERSIONS.getProperty("aws-sdk.version", "2.35.4")
                    + " and software.amazon.s3.analyticsaccelerator:analyticsaccelerator-s3:"
                    + VERSIONS.getProperty("analytics-accelerator.version", "1.3.1");
            case "gs" -> "org.apache.hadoop:hadoop-gcp:" + hadoop;
            case "abfs", "abfss", "wasb", "wasbs" -> "org.apache.hadoop:hadoop-azure:" + hadoop;
            case "oss" -> "org.apache.hadoop:hadoop-aliyun:" + hadoop;
            case "cosn" -> "org.apache.hadoop:hadoop-cos:" + hadoop;
            case "obs" -> "org.apache.hadoop:hadoop-huaweicloud:" + hadoop;
            default -> "the Hadoop " + hadoop + " connector for " + scheme + "://";
        };
        String remedy = "add " + artifact + " to SPARKDOC_CLASSPATH (the jars' paths, colon-separated; docs/sources.md)";
        if (scheme.equals("s3") || scheme.equals("s3n")) {
            remedy = "write s3a:// (Hadoop's S3 connector) and " + remedy;
        }
        return new EventLogException(location, "no connector for " + scheme + ":// on sparkdoc's classpath" + detail,
                remedy);
    }

    private static String missingClass(String message) {
        String text = firstLine(message).replace('/', '.');
        text = text.replaceFirst("^java\\.lang\\.ClassNotFoundException: ", "");
        text = text.replaceFirst("^Class (\\S+) not found$", "$1");
        return shorten(text);
    }

    /**
     * A cause's message without the exception class names Hadoop and the AWS SDK prefix to what they wrap, and its
     * own text only once ("Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection refused").
     */
    private static String clean(String message) {
        String text = firstLine(message).replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ?", "");
        int colon = text.lastIndexOf("Connect to ");
        if (colon > 0) {
            text = text.substring(colon);
        }
        text = text.replaceAll("\\s*\\(SDK Attempt Count: \\d+\\)", "");
        return shorten(text.strip());
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static Properties versions() {
        Properties properties = new Properties();
        try (InputStream in = HadoopFailures.class.getResourceAsStream("connectors.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // The defaults in missingConnector stand.
        }
        return properties;
    }
}
