package dev.sparkdoc.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redactsKeysAndValuesMatchingSparksDefaultPattern() {
        Map<String, String> redacted = Redactor.sparkDefault().redact(Map.of(
                "spark.hadoop.fs.s3a.secret.key", "abc123",
                "spark.ssl.keyPassword", "hunter2",
                "spark.authenticate.token", "t0k3n",
                "spark.hadoop.fs.s3a.access.key", "AKIA",
                "spark.some.url", "jdbc:db://host/x?password=pw",
                "spark.executor.memory", "4g"));
        assertEquals(Redactor.REPLACEMENT, redacted.get("spark.hadoop.fs.s3a.secret.key"));
        assertEquals(Redactor.REPLACEMENT, redacted.get("spark.ssl.keyPassword"));
        assertEquals(Redactor.REPLACEMENT, redacted.get("spark.authenticate.token"));
        assertEquals(Redactor.REPLACEMENT, redacted.get("spark.hadoop.fs.s3a.access.key"));
        assertEquals(Redactor.REPLACEMENT, redacted.get("spark.some.url"));
        assertEquals("4g", redacted.get("spark.executor.memory"));
    }

    @Test
    void theApplicationsOwnPatternAddsToSparksDefault() {
        Redactor redactor = Redactor.forProperties(Map.of("spark.redaction.regex", "(?i)apikey"));
        assertEquals(Redactor.REPLACEMENT, redactor.redact("spark.myservice.apiKey", "k"));
        assertEquals(Redactor.REPLACEMENT, redactor.redact("spark.myservice.password", "p"));
        assertEquals("v", redactor.redact("spark.app.name", "v"));
    }

    @Test
    void anInvalidApplicationPatternFallsBackToSparksDefault() {
        Redactor redactor = Redactor.forProperties(Map.of("spark.redaction.regex", "(unclosed"));
        assertEquals(Redactor.REPLACEMENT, redactor.redact("spark.password", "p"));
    }
}
