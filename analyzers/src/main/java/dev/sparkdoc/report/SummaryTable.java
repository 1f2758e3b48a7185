package dev.sparkdoc.report;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.SkippedFile;
import dev.sparkdoc.diagnosis.Diagnosis;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The table {@code sparkdoc analyze} prints before the reports when it analyzed several applications: one row each,
 * worst first (most severe finding, then most time lost), with the duration, the top finding and the time lost
 * ({@link Diagnosis#timeLostMillis}, the one definition every output uses), then the files skipped as no event log.
 */
public final class SummaryTable {

    private static final String TIME_LOST_NOTE = "time lost: the wall time the findings' fixes could give back"
            + " together (each bounded by its stage's time alone, the sum by the run's wall time)";

    private SummaryTable() {
    }

    /** The applications, most severe and most time lost first; ties keep the order they were analyzed in. */
    public static List<DiagnosedLog> worstFirst(List<DiagnosedLog> logs) {
        List<DiagnosedLog> sorted = new ArrayList<>(logs);
        sorted.sort(Comparator.comparing((DiagnosedLog log) -> rank(log.diagnosis())).reversed()
                .thenComparing(Comparator.comparingLong((DiagnosedLog log) -> log.diagnosis().timeLostMillis())
                        .reversed()));
        return sorted;
    }

    private static int rank(Diagnosis diagnosis) {
        return diagnosis.worstSeverity().map(severity -> severity.ordinal() + 1).orElse(0);
    }

    /** The plain-text table. */
    public static void renderText(List<DiagnosedLog> logs, List<SkippedFile> skipped, PrintWriter out) {
        renderText(logs, skipped, out, TextStyle.PLAIN);
    }

    /**
     * The plain-text table for {@code style}: the application's name (cut to fit), duration, worst severity, top
     * finding and time lost; {@code -o wide} adds the application id and the log, wider than the width if need be.
     */
    public static void renderText(List<DiagnosedLog> logs, List<SkippedFile> skipped, PrintWriter out,
            TextStyle style) {
        TextLayout.print(out, heading(logs, skipped), "", "  ", style.width());
        TextLayout.Table table = new TextLayout.Table("  ").flexible("APPLICATION");
        if (style.wide()) {
            table.left("APP ID");
        }
        table.right("DURATION").left("WORST").left("TOP FINDING").right("TIME LOST");
        if (style.wide()) {
            table.left("LOG");
        }
        for (DiagnosedLog log : worstFirst(logs)) {
            String[] cells = cells(log, 40);
            table.row(style.wide() ? cells : new String[] {cells[0], cells[2], cells[3], cells[4], cells[5]});
        }
        table.print(out, style.wide() ? 0 : style.width(), style::heading);
        TextLayout.print(out, TIME_LOST_NOTE + (style.wide() ? "" : "; -o wide adds the application ids and logs"),
                "  ", "  ", style.width());
        for (SkippedFile file : skipped) {
            TextLayout.print(out, "skipped " + Formats.oneLine(file.path(), 200) + ": " + file.reason(), "  ", "    ",
                    style.width());
        }
        out.flush();
    }

    /** The Markdown table. */
    public static void renderMarkdown(List<DiagnosedLog> logs, List<SkippedFile> skipped, PrintWriter out) {
        out.println("# sparkdoc: " + MarkdownReport.escape(heading(logs, skipped)));
        out.println();
        out.println("| Application | App ID | Duration | Worst | Top finding | Time lost | Log |");
        out.println("|---|---|--:|---|---|--:|---|");
        for (DiagnosedLog log : worstFirst(logs)) {
            String[] cells = cells(log, 60);
            StringBuilder line = new StringBuilder("|");
            for (String cell : cells) {
                line.append(' ').append(MarkdownReport.escape(cell)).append(" |");
            }
            out.println(line);
        }
        out.println();
        out.println(MarkdownReport.escape(TIME_LOST_NOTE.substring(0, 1).toUpperCase()
                + TIME_LOST_NOTE.substring(1)) + ".");
        if (!skipped.isEmpty()) {
            out.println();
            renderSkipped(skipped, out, "- ");
        }
        out.flush();
    }

    /**
     * The HTML table, each application's name linking to its report ({@code anchors} holds each log's anchor id,
     * in the order of {@code logs}).
     */
    static void renderHtml(List<DiagnosedLog> logs, List<String> anchors, List<SkippedFile> skipped,
            StringBuilder page) {
        page.append("<section class=\"summary\"><h1>").append(Html.text(heading(logs, skipped))).append("</h1>\n")
                .append("<table><thead><tr><th>Application</th><th>App ID</th><th>Duration</th><th>Worst</th>")
                .append("<th>Top finding</th><th>Time lost</th><th>Log</th></tr></thead>\n<tbody>\n");
        java.util.Map<DiagnosedLog, String> anchorOf = new java.util.IdentityHashMap<>();
        for (int i = 0; i < logs.size(); i++) {
            anchorOf.put(logs.get(i), anchors.get(i));
        }
        for (DiagnosedLog log : worstFirst(logs)) {
            String[] cells = cells(log, 60);
            page.append("<tr><td><a href=\"#").append(anchorOf.get(log)).append("\">")
                    .append(Html.text(cells[0])).append("</a></td>");
            for (int i = 1; i < cells.length; i++) {
                page.append("<td>").append(Html.text(cells[i])).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody></table>\n<p>").append(Html.text(TIME_LOST_NOTE)).append("</p>\n");
        if (!skipped.isEmpty()) {
            page.append("<ul>");
            for (SkippedFile file : skipped) {
                page.append("<li>skipped ").append(Html.line(file.path(), 200)).append(": ")
                        .append(Html.text(file.reason())).append("</li>");
            }
            page.append("</ul>\n");
        }
        page.append("</section>\n");
    }

    private static String heading(List<DiagnosedLog> logs, List<SkippedFile> skipped) {
        return "Applications: " + logs.size() + " analyzed"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + (skipped.size() == 1 ? " file" : " files")
                        + " skipped (no event log)")
                + "; worst first";
    }

    private static String[] cells(DiagnosedLog log, int nameWidth) {
        ApplicationInfo info = log.log().application().application();
        Diagnosis diagnosis = log.diagnosis();
        String duration = info.durationMillis().stream().mapToObj(Formats::millis).findFirst().orElse("unknown")
                + (info.complete() ? "" : " (incomplete)");
        String worst = diagnosis.worstSeverity().map(Severity::label).orElse("none");
        // The first group holds the top finding: its worst scope and how many more the rule has (a narrow cell).
        String top = diagnosis.findingGroups().stream().findFirst().map(g -> g.ruleId() + " " + g.scopeLabel(1))
                .orElse("-");
        long lost = diagnosis.timeLostMillis();
        String timeLost = diagnosis.findings().stream().anyMatch(f -> f.timeLostMillis().isPresent())
                ? Formats.millis(lost) : "-";
        return new String[] {Formats.oneLine(info.name(), nameWidth), info.id().orElse("(no id)"), duration, worst,
            top, timeLost, Formats.oneLine(log.log().source().displayName(), 200)};
    }

    private static void renderSkipped(List<SkippedFile> skipped, PrintWriter out, String prefix) {
        for (SkippedFile file : skipped) {
            out.println(prefix + "skipped " + Formats.oneLine(file.path(), 200) + ": " + file.reason());
        }
    }
}
