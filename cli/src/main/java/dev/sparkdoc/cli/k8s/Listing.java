package dev.sparkdoc.cli.k8s;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fetch of a table: its headers and its rows keyed by object (namespace/name), for printing and watching; empty
 * cells read {@code <none>}.
 */
record Listing(List<String> headers, Map<String, List<String>> rows) {
    Listing {
        headers = List.copyOf(headers);
        requireNonNull(rows, "rows is null");
        Map<String, List<String>> filled = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            filled.put(row.getKey(), row.getValue().stream().map(cell -> cell == null || cell.isEmpty() ? Age.NONE
                    : cell).toList());
        }
        rows = java.util.Collections.unmodifiableMap(filled);
    }

    Table table() {
        Table table = new Table(headers);
        for (List<String> row : rows.values()) {
            table.add(row);
        }
        return table;
    }
}
