package dev.sparkdoc.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sparkdoc.event.PlanNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String R = Redactor.REPLACEMENT;

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

    @Test
    void credentialShapesInFreeTextLoseOnlyTheirSecret() {
        Redactor redactor = Redactor.sparkDefault();
        assertEquals("jdbc:postgresql://etl:" + R + "@db.internal:5432/sales",
                redactor.redactText("jdbc:postgresql://etl:hunter2@db.internal:5432/sales"));
        assertEquals("s3a://AKID:" + R + "@bucket/path", redactor.redactText("s3a://AKID:p%40ss@bucket/path"));
        assertEquals("header Authorization: Bearer " + R,
                redactor.redactText("header Authorization: Bearer eyJhbGc.x.y"));
        assertEquals("Authorization=" + R + " sent", redactor.redactText("Authorization=abc123 sent"));
        assertEquals("got Bearer " + R + " back", redactor.redactText("got Bearer tok-123 back"));
        assertEquals("Basic " + R, redactor.redactText("Basic dXNlcjpwYXNz"));
        assertEquals("url?user=u&password=" + R + "&ssl=true", redactor.redactText("url?user=u&password=p1&ssl=true"));
        assertEquals("-Dcom.acme.db.password=" + R + " -Xmx1g",
                redactor.redactText("-Dcom.acme.db.password=topsecret -Xmx1g"));
        assertEquals("Options: [path=/data, password=" + R + "]",
                redactor.redactText("Options: [path=/data, password=x]"));
        assertEquals("token=" + R + ", secret=" + R + ", apikey=" + R + ", access_key=" + R + ", accessKey=" + R,
                redactor.redactText("token=a, secret=b, apikey=c, access_key=d, accessKey=e"));
        assertEquals("{\"password\":" + R + "}", redactor.redactText("{\"password\":\"p w\"}"));
        assertEquals("key id " + R + " denied", redactor.redactText("key id AKIAABCDEFGHIJKLMNOP denied"));
        assertEquals("jdbc:oracle:thin:scott/" + R + "@//db:1521/orcl",
                redactor.redactText("jdbc:oracle:thin:scott/tiger@//db:1521/orcl"));
    }

    @Test
    void keyValuePairsAreFoundWhateverTheirQuotingAndSpacing() {
        Redactor redactor = Redactor.sparkDefault();
        assertEquals("{\"token\": " + R + ", \"user\": \"etl\"}",
                redactor.redactText("{\"token\": \"abc def\", \"user\": \"etl\"}"));
        assertEquals("Filter (password = " + R + ")", redactor.redactText("Filter (password = 'x y')"));
        assertEquals("password=" + R, redactor.redactText("password=\"unclosed"));
        assertEquals("DB_PASSWORD: " + R + "\nnext line", redactor.redactText("DB_PASSWORD: hunter2\nnext line"));
        assertEquals("tokens=", redactor.redactText("tokens="));
    }

    @Test
    void textWithoutCredentialsStaysAsItIs() {
        Redactor redactor = Redactor.sparkDefault();
        for (String text : List.of(
                "HashAggregate(keys=[merchant_id#12L], functions=[count(1)])",
                "SortMergeJoin [customer_id#3L], [customer_id#40L], LeftOuter",
                "at org.apache.hadoop.security.token.Token.decodeIdentifier(Token.java:42)",
                "hdfs://namenode:8020/warehouse/orders",
                "Container killed by YARN for exceeding memory limits. 5.5 GB of 5.5 GB physical memory used.",
                "Basic", "")) {
            assertSame(text, redactor.redactText(text), text);
        }
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        Redactor redactor = Redactor.forProperties(Map.of("spark.redaction.string.regex", "CODE-[0-9]+"));
        String once = redactor.redactText("u=jdbc:mysql://a:b@h/d?password=c Authorization: Bearer x CODE-7 "
                + "secret='q' AKIAABCDEFGHIJKLMNOP");
        assertFalse(once.contains("CODE-7") || once.contains(":b@") || once.contains("'q'"), once);
        assertEquals(once, redactor.redactText(once));
    }

    @Test
    void theApplicationsStringRegexReplacesEveryMatch() {
        Redactor redactor = Redactor.forProperties(Map.of("spark.redaction.string.regex", "(?i)ticket-[0-9]+",
                "spark.sql.redaction.string.regex", "ORDER_[A-Z]+"));
        assertEquals("load " + R + " then " + R + " for " + R,
                redactor.redactText("load TICKET-1 then ticket-22 for ORDER_SECRETONE"));
        assertEquals("load TICKET-1", Redactor.sparkDefault().redactText("load TICKET-1"));
        assertEquals("ok", Redactor.forProperties(Map.of("spark.redaction.string.regex", "(bad")).redactText("ok"));
    }

    @Test
    void planTreesAreRedactedNodeByNode() {
        PlanNode plan = new PlanNode("Scan JDBCRelation(orders)", "Scan JDBCRelation(orders) [url=jdbc:pg://u:pw@h/db]",
                List.of(new PlanNode("Filter", "Filter (token = abc)", List.of())));
        PlanNode redacted = Redactor.sparkDefault().redact(plan);
        assertEquals("Scan JDBCRelation(orders) [url=jdbc:pg://u:" + R + "@h/db]", redacted.simpleString());
        assertEquals("Filter (token = " + R + ")", redacted.children().get(0).simpleString());
    }

    @Test
    void aNonSecretPropertyValueStillLosesItsCredentials() {
        Redactor redactor = Redactor.sparkDefault();
        assertEquals("java -Dapp.pwd=" + R + " Main", redactor.redact("sun.java.command", "java -Dapp.pwd=x Main"));
        assertEquals("jdbc:mysql://etl:" + R + "@h/db", redactor.redact("spark.myapp.url", "jdbc:mysql://etl:pw@h/db"));
    }
}
