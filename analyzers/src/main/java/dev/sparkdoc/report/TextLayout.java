package dev.sparkdoc.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Fitting text to a width, for every text renderer: prose wrapped at spaces with a hanging indent (a word, such as a
 * path, a URI or a Spark key, is never split: one longer than the line stands alone on its line), and tables of
 * fixed columns plus one flexible column that is cut with an ellipsis to what is left of the width.
 */
public final class TextLayout {

    /** Marks a cut cell: one column wide. */
    public static final String ELLIPSIS = "\u2026";

    private TextLayout() {
    }

    /**
     * {@code text} wrapped at spaces to {@code width}: the first line starts with {@code first}, the next ones with
     * {@code rest}. The spaces between words on one line are kept as written; those at a break are dropped. A number
     * and its unit ("64 MiB", "1.2 s") stay on one line.
     */
    public static List<String> wrap(String text, String first, String rest, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        List<String[]> words = new ArrayList<>();
        java.util.regex.Matcher word = WORD.matcher(text.strip());
        while (word.find()) {
            String[] last = words.isEmpty() ? null : words.get(words.size() - 1);
            if (last != null && NUMBER_END.matcher(last[1]).find() && UNIT.matcher(word.group(2)).matches()) {
                last[1] = last[1] + word.group(1) + word.group(2);
            } else {
                words.add(new String[] {word.group(1), word.group(2)});
            }
        }
        for (String[] next : words) {
            String space = next[0];
            String token = next[1];
            if (!empty && line.length() + space.length() + token.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            line.append(empty ? "" : space).append(token);
            empty = false;
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("( *)([^ ]+)");
    private static final java.util.regex.Pattern NUMBER_END = java.util.regex.Pattern.compile("(^|[^A-Za-z])\\d$");
    private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile(
            "(B|KiB|MiB|GiB|TiB|PiB|kB|MB|GB|TB|ns|µs|ms|s|min|h|d|cores?|tasks?|x)[,.;:)]*");

    /** Prints {@link #wrap} of {@code text}, line by line. */
    public static void print(java.io.PrintWriter out, String text, String first, String rest, int width) {
        for (String line : wrap(text, first, rest, width)) {
            out.println(line);
        }
    }

    /**
     * "label  value" with the value wrapped in its column: {@code label} is padded to {@code column} characters and
     * the continuation lines are indented by as much.
     */
    public static void field(java.io.PrintWriter out, String label, String value, int column, int width) {
        String first = label + " ".repeat(Math.max(1, column - label.length()));
        print(out, value, first, " ".repeat(first.length()), width);
    }

    /**
     * {@code text} cut to {@code max} characters, its end replaced by an ellipsis when it was longer: after the last
     * whole word when that keeps at least half of the room, else within the word.
     */
    public static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= 1) {
            return ELLIPSIS;
        }
        String cut = text.substring(0, max - 1);
        int space = cut.lastIndexOf(' ');
        if (space >= max / 2) {
            cut = cut.substring(0, space);
        }
        return cut.stripTrailing() + ELLIPSIS;
    }

    /** A table of columns, one of which may be flexible: it gets what the others leave of the width. */
    public static final class Table {

        private final List<String> headers = new ArrayList<>();
        private final List<Boolean> right = new ArrayList<>();
        private final List<Integer> dropOrder = new ArrayList<>();
        private final List<String> dropped = new ArrayList<>();
        private final List<String[]> rows = new ArrayList<>();
        private final String indent;
        private int flexible = -1;
        private int flexibleMinimum = 12;

        public Table(String indent) {
            this.indent = indent;
        }

        /** A fixed column, left-aligned. */
        public Table left(String header) {
            return column(header, false);
        }

        /** A fixed column, right-aligned (numbers). */
        public Table right(String header) {
            return column(header, true);
        }

        /** The flexible column (names, descriptions, hosts): cut with an ellipsis to fit; at most one. */
        public Table flexible(String header) {
            flexible = headers.size();
            return column(header, false);
        }

        /** The flexible column is never cut below {@code columns} (the line then exceeds the width). */
        public Table flexibleMinimum(int columns) {
            flexibleMinimum = columns;
            return this;
        }

        /**
         * Marks the column added last as optional: when the table does not fit the width, optional columns are left
         * out, the highest {@code priority} first, until it fits ({@link #dropped} names them).
         */
        public Table optional(int priority) {
            dropOrder.set(headers.size() - 1, priority);
            return this;
        }

        /** The headers of the columns the last {@link #lines} left out to fit. */
        public List<String> dropped() {
            return List.copyOf(dropped);
        }

        private Table column(String header, boolean alignRight) {
            headers.add(header);
            right.add(alignRight);
            dropOrder.add(-1);
            return this;
        }

        public Table row(String... cells) {
            if (cells.length != headers.size()) {
                throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
            }
            rows.add(cells.clone());
            return this;
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        /**
         * The table's lines fitting {@code width} when it can (a flexible column cut, never below its minimum);
         * {@code width <= 0}: nothing cut. The header line goes through {@code header} (bold on a terminal).
         */
        public List<String> lines(int width, UnaryOperator<String> header) {
            dropped.clear();
            if (width > 0) {
                Table fitted = withoutOptionalColumns(width);
                if (fitted != this) {
                    List<String> left = List.copyOf(fitted.dropped);
                    List<String> lines = fitted.lines(width, header);
                    dropped.addAll(left);
                    return lines;
                }
            }
            int[] widths = new int[headers.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = headers.get(i).length();
                for (String[] row : rows) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            if (flexible >= 0 && width > 0) {
                int others = indent.length();
                for (int i = 0; i < widths.length; i++) {
                    others += i == flexible ? 0 : widths[i];
                    others += i == 0 ? 0 : gap(i);
                }
                int room = Math.max(Math.max(flexibleMinimum, headers.get(flexible).length()), width - others);
                widths[flexible] = Math.min(widths[flexible], room);
            }
            List<String> lines = new ArrayList<>();
            String head = line(headers.toArray(new String[0]), widths);
            lines.add(header.apply(head));
            for (String[] row : rows) {
                lines.add(line(row, widths));
            }
            return lines;
        }

        /** This table, or a copy without the optional columns it must leave out to fit {@code width}. */
        private Table withoutOptionalColumns(int width) {
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                keep.add(i);
            }
            List<String> left = new ArrayList<>();
            while (naturalWidth(keep) > width) {
                int drop = -1;
                for (int i : keep) {
                    if (dropOrder.get(i) >= 0 && (drop < 0 || dropOrder.get(i) > dropOrder.get(drop))) {
                        drop = i;
                    }
                }
                if (drop < 0) {
                    break;
                }
                keep.remove(Integer.valueOf(drop));
                left.add(headers.get(drop));
            }
            if (left.isEmpty()) {
                return this;
            }
            Table copy = new Table(indent);
            for (int i : keep) {
                copy.column(headers.get(i), right.get(i));
                if (i == flexible) {
                    copy.flexible = copy.headers.size() - 1;
                }
            }
            copy.flexibleMinimum = flexibleMinimum;
            for (String[] row : rows) {
                String[] cells = new String[keep.size()];
                for (int j = 0; j < cells.length; j++) {
                    cells[j] = row[keep.get(j)];
                }
                copy.rows.add(cells);
            }
            copy.dropped.addAll(left);
            return copy;
        }

        /** The width of the columns {@code keep}, the flexible one at its minimum, with the gaps {@link #gap} puts. */
        private int naturalWidth(List<Integer> keep) {
            int total = indent.length();
            int previous = -1;
            for (int i : keep) {
                int column = headers.get(i).length();
                for (String[] row : rows) {
                    column = Math.max(column, row[i].length());
                }
                if (i == flexible) {
                    column = Math.min(column, Math.max(flexibleMinimum, headers.get(i).length()));
                }
                if (previous >= 0) {
                    total += i == flexible ? 2 : 1;
                }
                total += column;
                previous = i;
            }
            return total;
        }

        public void print(java.io.PrintWriter out, int width, UnaryOperator<String> header) {
            for (String line : lines(width, header)) {
                out.println(line);
            }
        }

        /** Two spaces before the flexible column (a name after numbers), one between the others. */
        private int gap(int column) {
            return column == flexible ? 2 : 1;
        }

        private String line(String[] cells, int[] widths) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < cells.length; i++) {
                String cell = i == flexible ? fit(cells[i], widths[i]) : cells[i];
                if (i > 0) {
                    line.append(" ".repeat(gap(i)));
                }
                String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
                line.append(right.get(i) ? pad + cell : cell + pad);
            }
            return line.toString().stripTrailing();
        }
    }
}
