package dev.sparkdoc.fleet;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/** What one task made of one log: its applications row, and its findings and recommendations rows. */
record LogResult(Row application, List<Row> findings, List<Row> recommendations) implements Serializable {
    private static final long serialVersionUID = 1L;
}
