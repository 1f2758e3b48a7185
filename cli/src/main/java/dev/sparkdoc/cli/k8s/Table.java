package dev.sparkdoc.cli.k8s;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A kubectl table: upper-case headers, columns padded to the widest cell plus three spaces, {@code <none>} for empty.
 * Public for the other kubectl-like listings ({@code sparkdoc apps} of a History Server).
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    void add(String... cells) {
        add(Arrays.asList(cells));
    }

    public void add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells for " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null || cell.isEmpty() ? Age.NONE : cell);
        }
        rows.add(row);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints nothing when there are no rows, like kubectl (which says so on stderr instead). */
    public void print(PrintWriter out, boolean withHeaders) {
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = withHeaders ? headers.get(i).length() : 0;
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        if (withHeaders) {
            out.println(line(headers, widths));
        }
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    /** Rows only, padded to the widths of {@code header}'s columns (for watch updates after the first table). */
    static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            text.append(cell);
            if (i < cells.size() - 1) {
                text.append(" ".repeat(Math.max(0, widths[i] - cell.length()) + 3));
            }
        }
        return text.toString();
    }
}
