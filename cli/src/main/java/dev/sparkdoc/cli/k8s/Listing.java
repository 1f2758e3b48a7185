package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fetch of a table: its headers and its rows keyed by object (namespace/name), for printing and watching. */
record Listing(List<String> headers, Map<String, List<String>> rows) {
    Listing {
        headers = List.copyOf(headers);
        requireNonNull(rows, "rows is null");
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    Table table() {
        Table table = new Table(headers);
        for (List<String> row : rows.values()) {
            table.add(row);
        }
        return table;
    }
}
