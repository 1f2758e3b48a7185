package dev.sparkdoc.report;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageStatus;
import dev.sparkdoc.snapshot.TaskTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The HTML report's charts as inline SVG, drawn here rather than by a script: the page needs no code to show them,
 * and every label and tooltip ({@code <title>}) is escaped text. Colours are CSS classes defined by
 * {@link HtmlReport}.
 */
final class SvgCharts {

    /** Stage bars drawn in the timeline at most; the rest are counted in a note. */
    static final int TIMELINE_STAGE_LIMIT = 2000;
    private static final int TIMELINE_LANE_LIMIT = 24;
    private static final int LABEL_WIDTH = 96;
    private static final int TIMELINE_WIDTH = 1080;
    private static final int OUTLIERS_SHOWN = 12;

    private SvgCharts() {
    }

    /**
     * A Gantt chart of jobs, stages and executors over the application's wall time; empty without timestamps.
     *
     * <p>The axis counts time from the application's start. The first view spans the jobs and stages (the work):
     * when the driver's set-up before the first job, or an idle tail after the last one, takes more than a tenth of
     * the wall time, it is left out of the first view rather than squeezing every job into a corner; zooming out or
     * "Whole application" shows it. Every bar carries its interval ({@code data-from}, {@code data-to}, milliseconds
     * since the start) so that the page's script can zoom (wheel, brush) and fit the chart to the window; without
     * the script the chart is drawn as here, at a fixed width.
     */
    static String timeline(ApplicationSnapshot app, Set<StageAttemptId> flagged) {
        long start = app.application().startTime().orElse(Long.MAX_VALUE);
        long end = Long.MIN_VALUE;
        long workStart = Long.MAX_VALUE;
        long workEnd = Long.MIN_VALUE;
        for (Job job : app.jobs()) {
            workStart = Math.min(workStart, job.submissionTime().orElse(Long.MAX_VALUE));
            workEnd = Math.max(workEnd, job.completionTime().orElse(Long.MIN_VALUE));
        }
        for (StageAttempt stage : app.stages()) {
            workStart = Math.min(workStart, stage.submissionTime().orElse(Long.MAX_VALUE));
            workEnd = Math.max(workEnd, stage.completionTime().orElse(Long.MIN_VALUE));
        }
        start = Math.min(start, workStart);
        end = Math.max(workEnd, app.application().endTime().orElse(app.application().lastEventTime()
                .orElse(workEnd)));
        if (start == Long.MAX_VALUE || end <= start) {
            return "";
        }
        boolean running = app.jobs().stream().anyMatch(job -> job.completionTime().isEmpty())
                || app.stages().stream().anyMatch(stage -> stage.completionTime().isEmpty()
                        && stage.status() != StageStatus.SKIPPED);
        long[] view = initialView(start, end, workStart, running ? end : workEnd);
        Scale x = new Scale(view[0], view[1], LABEL_WIDTH, TIMELINE_WIDTH - 12);
        StringBuilder body = new StringBuilder();
        int y = 28;

        List<Bar> jobs = new ArrayList<>();
        for (Job job : app.jobs()) {
            if (job.submissionTime().isEmpty()) {
                continue;
            }
            long from = job.submissionTime().getAsLong();
            long to = job.completionTime().orElse(end);
            String css = job.status() == Job.Status.FAILED ? "bar-failed" : job.status() == Job.Status.RUNNING
                    ? "bar-running" : "bar-job";
            String tip = "job " + job.id() + " (" + job.status().name().toLowerCase(Locale.ROOT) + ", "
                    + Formats.millis(to - from) + ", from +" + Formats.millis(from - start) + ")"
                    + job.description().map(d -> ": " + Formats.oneLine(d, 300)).orElse("");
            jobs.add(new Bar(from, to, css, tip, Integer.toString(job.id())));
        }
        y = lanes(body, "Jobs", jobs, x, start, y, 16, TIMELINE_LANE_LIMIT);

        List<Bar> stages = new ArrayList<>();
        int omitted = 0;
        for (StageAttempt stage : app.stages()) {
            OptionalLong from = stage.submissionTime().isPresent() ? stage.submissionTime()
                    : stage.firstTaskLaunchedTime();
            if (from.isEmpty() || stage.status() == StageStatus.SKIPPED) {
                continue;
            }
            if (stages.size() >= TIMELINE_STAGE_LIMIT) {
                omitted++;
                continue;
            }
            long to = stage.completionTime().orElse(end);
            String css = stage.status() == StageStatus.FAILED ? "bar-failed"
                    : flagged.contains(stage.id()) ? "bar-flagged" : "bar-stage";
            String tip = "stage " + stage.id() + " (" + stage.status().name().toLowerCase(Locale.ROOT) + ", "
                    + Formats.millis(to - from.getAsLong()) + ", from +" + Formats.millis(from.getAsLong() - start)
                    + ", " + Formats.count(stage.numCompleteTasks()) + " tasks): " + Formats.oneLine(stage.name(), 200)
                    + (flagged.contains(stage.id()) ? " [has findings]" : "");
            stages.add(new Bar(from.getAsLong(), to, css, tip, stage.id().toString()));
        }
        y = lanes(body, "Stages", stages, x, start, y + 10, 14, TIMELINE_LANE_LIMIT);

        List<Bar> executors = new ArrayList<>();
        for (ExecutorSummary executor : app.executors()) {
            long from = executor.addTime().orElse(start);
            long to = executor.removeTime().orElse(end);
            String tip = (executor.isDriver() ? "driver" : "executor " + executor.id()) + " on "
                    + Formats.oneLine(executor.host(), 80) + ", " + executor.totalCores() + " cores, "
                    + Formats.count(executor.completedTasks()) + " tasks, from +" + Formats.millis(from - start)
                    + (executor.removeTime().isPresent() ? " to +" + Formats.millis(to - start) : "")
                    + executor.removeReason().map(r -> "; removed: " + Formats.oneLine(r, 200)).orElse("");
            String css = executor.removeReason().isPresent() && executor.removeTime().isPresent() && to < end
                    ? "bar-removed" : "bar-executor";
            executors.add(new Bar(from, to, css, tip, executor.isDriver() ? "driver" : executor.id()));
        }
        executors.sort(Comparator.comparingLong(Bar::from));
        y = executors.size() <= 40
                ? rows(body, "Executors", executors, x, start, y + 10)
                : lanes(body, "Executors", executors, x, start, y + 10, 12, TIMELINE_LANE_LIMIT);

        int height = y + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<div class=\"timeline-controls\"><span class=\"range\">")
                .append(Html.text(rangeLabel(view[0] - start, view[1] - start, end - start)))
                .append("</span> <span class=\"zoom-help\" hidden>Wheel over the bars to zoom (over the labels it "
                        + "scrolls the page), drag across them to zoom into a span, double-click to reset.</span> <button type=\"button\" class=\"zoom-reset\" hidden>"
                        + "Reset zoom</button> <button type=\"button\" class=\"zoom-all\" hidden>Whole application"
                        + "</button></div>");
        svg.append("<div class=\"scroll timeline-box\"><svg class=\"chart timeline\" role=\"img\" viewBox=\"0 0 ")
                .append(TIMELINE_WIDTH).append(' ').append(height).append("\" width=\"").append(TIMELINE_WIDTH)
                .append("\" height=\"").append(height).append("\" data-full-from=\"0\" data-full-to=\"")
                .append(end - start).append("\" data-initial-from=\"").append(view[0] - start)
                .append("\" data-initial-to=\"").append(view[1] - start).append("\" data-view-from=\"")
                .append(view[0] - start).append("\" data-view-to=\"").append(view[1] - start)
                .append("\" data-plot-left=\"").append(LABEL_WIDTH).append("\" data-plot-right-margin=\"12\">")
                .append("<title>Timeline of jobs, stages and executors, in time since the application started</title>");
        svg.append("<g class=\"ticks\">");
        axis(svg, x, start, 20, height - 4);
        svg.append("</g>").append(body).append("<rect class=\"brush\" x=\"0\" y=\"20\" width=\"0\" height=\"")
                .append(Math.max(0, height - 24)).append("\" visibility=\"hidden\"/></svg></div>");
        if (omitted > 0) {
            svg.append("<p class=\"note\">").append(Formats.count(omitted))
                    .append(" more stage attempts are not drawn; the stage table lists them all.</p>");
        }
        return svg.toString();
    }

    /**
     * The first view of the timeline, as {from, to}: the whole run, less a head before the first job or a tail
     * after the last one that takes more than a tenth of it (with a margin of 2% of the work's span).
     */
    static long[] initialView(long start, long end, long workStart, long workEnd) {
        if (workStart == Long.MAX_VALUE || workEnd == Long.MIN_VALUE || workEnd <= workStart) {
            return new long[] {start, end};
        }
        long span = end - start;
        long margin = Math.max(1, (workEnd - workStart) / 50);
        long from = workStart - start > span / 10 ? Math.max(start, workStart - margin) : start;
        long to = end - workEnd > span / 10 ? Math.min(end, workEnd + margin) : end;
        return new long[] {from, to};
    }

    /** What the range label above the timeline says: the span shown, in time since the application started. */
    static String rangeLabel(long from, long to, long whole) {
        if (from <= 0 && to >= whole) {
            return "Showing the whole application: 0 s to +" + Formats.millis(whole) + ".";
        }
        return "Showing +" + Formats.millis(from) + " to +" + Formats.millis(to) + " after the application started ("
                + Formats.millis(to - from) + " of " + Formats.millis(whole) + ")."
                + (from > 0 ? " The first " + Formats.millis(from) + ", before the first job, are left out (the "
                        + "driver setting up): zoom out or press Whole application to see them." : "");
    }

    private static void axis(StringBuilder svg, Scale x, long origin, int top, int bottom) {
        long span = x.to - x.from;
        long step = niceStep(span / 8.0);
        long first = ((x.from - origin + step - 1) / step) * step;
        for (long t = first; t <= x.to - origin; t += step) {
            double px = x.at(origin + t);
            svg.append("<line class=\"grid\" x1=\"").append(Html.number(px)).append("\" x2=\"")
                    .append(Html.number(px)).append("\" y1=\"").append(top).append("\" y2=\"").append(bottom)
                    .append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(Html.number(px)).append("\" y=\"").append(top - 6)
                    .append("\" text-anchor=\"middle\">").append(Html.text(t == 0 ? "0 s" : Formats.millis(t)))
                    .append("</text>");
        }
    }

    /** Tick steps a clock reads: milliseconds in 1-2-5, then 1, 2, 5, 10, 15, 30 s, minutes alike, then hours. */
    private static final long[] STEPS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
        43_200_000, 86_400_000};

    /** The smallest step of {@link #STEPS} at least {@code raw}; the page's script picks ticks the same way. */
    static long niceStep(double raw) {
        for (long step : STEPS) {
            if (step >= raw) {
                return step;
            }
        }
        return (long) Math.ceil(raw / 86_400_000) * 86_400_000;
    }

    /** Bars packed into as few lanes as fit (greedy by start); returns the y below the group. */
    private static int lanes(StringBuilder svg, String label, List<Bar> bars, Scale x, long origin, int y,
            int laneHeight, int laneLimit) {
        if (bars.isEmpty()) {
            return y;
        }
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingLong(Bar::from));
        List<Double> laneEnds = new ArrayList<>();
        StringBuilder drawn = new StringBuilder();
        for (Bar bar : sorted) {
            double left = x.at(bar.from);
            int lane = -1;
            for (int i = 0; i < laneEnds.size(); i++) {
                if (laneEnds.get(i) <= left) {
                    lane = i;
                    break;
                }
            }
            if (lane < 0) {
                if (laneEnds.size() < laneLimit) {
                    laneEnds.add(0.0);
                    lane = laneEnds.size() - 1;
                } else {
                    lane = laneIndexEndingFirst(laneEnds);
                }
            }
            laneEnds.set(lane, left + Math.max(2, x.at(bar.to) - left) + 1);
            bar(drawn, bar, x, origin, y + lane * laneHeight, laneHeight - 3);
        }
        int height = laneEnds.size() * laneHeight;
        groupLabel(svg, label, y, height);
        svg.append(drawn);
        return y + height;
    }

    private static int laneIndexEndingFirst(List<Double> laneEnds) {
        int best = 0;
        for (int i = 1; i < laneEnds.size(); i++) {
            if (laneEnds.get(i) < laneEnds.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** One bar per row, labelled: executors. */
    private static int rows(StringBuilder svg, String label, List<Bar> bars, Scale x, long origin, int y) {
        if (bars.isEmpty()) {
            return y;
        }
        int rowHeight = 14;
        groupLabel(svg, label, y, bars.size() * rowHeight);
        for (int i = 0; i < bars.size(); i++) {
            bar(svg, bars.get(i), x, origin, y + i * rowHeight, rowHeight - 3);
        }
        return y + bars.size() * rowHeight;
    }

    private static void groupLabel(StringBuilder svg, String label, int y, int height) {
        svg.append("<rect class=\"band\" x=\"0\" y=\"").append(y - 2).append("\" width=\"").append(TIMELINE_WIDTH)
                .append("\" height=\"").append(height + 1).append("\"/>");
        svg.append("<text class=\"group\" x=\"6\" y=\"").append(y + 11).append("\">").append(Html.text(label))
                .append("</text>");
    }

    /**
     * One bar, with its interval in milliseconds since {@code origin} for the page's zoom; a bar outside the view is
     * hidden, and its label shows only where the bar is wide enough for it.
     */
    private static void bar(StringBuilder svg, Bar bar, Scale x, long origin, int top, int height) {
        double left = x.at(bar.from);
        double width = Math.max(2, x.at(bar.to) - left);
        boolean outside = bar.to < x.from || bar.from > x.to;
        svg.append("<g class=\"").append(bar.css).append("\" data-from=\"").append(bar.from - origin)
                .append("\" data-to=\"").append(bar.to - origin).append('"')
                .append(outside ? " visibility=\"hidden\"" : "").append("><title>").append(Html.text(bar.tip))
                .append("</title><rect x=\"").append(Html.number(left)).append("\" y=\"").append(top)
                .append("\" width=\"").append(Html.number(width)).append("\" height=\"").append(height)
                .append("\" rx=\"2\"/>");
        svg.append("<text class=\"in-bar\" x=\"").append(Html.number(left + 3)).append("\" y=\"")
                .append(top + height - 2).append('"')
                .append(width >= 7.5 * bar.label.length() + 6 ? "" : " visibility=\"hidden\"").append('>')
                .append(Html.text(bar.label)).append("</text></g>");
    }

    /**
     * One box plot per stage of a task metric over successful tasks, each on its own scale from 0 to the stage's
     * maximum: the box spans the 25th to 75th percentile, the thick line is the median, the tick the 95th
     * percentile, and dots the tasks above it. An even stage fills its row; a skewed one has its box crushed
     * against 0 and a lone dot at the far right.
     */
    static String distributions(List<StageAttempt> stages, TaskMetric metric, String title,
            Set<StageAttemptId> flagged) {
        int labelWidth = 250;
        int plotWidth = 380;
        int textWidth = 200;
        int rowHeight = 26;
        int width = labelWidth + plotWidth + textWidth;
        int height = 22 + stages.size() * rowHeight;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart boxes\" role=\"img\" data-metric=\"").append(Html.text(metric.name()))
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\"><title>")
                .append(Html.text(title)).append("</title>");
        svg.append("<text class=\"tick\" x=\"").append(labelWidth).append("\" y=\"14\">0</text>");
        svg.append("<text class=\"tick\" x=\"").append(labelWidth + plotWidth).append("\" y=\"14\" "
                + "text-anchor=\"end\">stage max</text>");
        svg.append("<text class=\"tick\" x=\"").append(labelWidth + plotWidth + 12)
                .append("\" y=\"14\">max, and max / median</text>");
        for (int i = 0; i < stages.size(); i++) {
            StageAttempt stage = stages.get(i);
            Distribution d = stage.distribution(metric);
            int top = 22 + i * rowHeight;
            double mid = top + rowHeight / 2.0;
            boolean hot = flagged.contains(stage.id());
            svg.append("<g class=\"box-row").append(hot ? " hot" : "").append("\" data-stage=\"")
                    .append(Html.text(stage.id().toString())).append("\"><title>")
                    .append(Html.text(boxTip(stage, d))).append("</title>");
            svg.append("<rect class=\"row-bg\" x=\"0\" y=\"").append(top).append("\" width=\"").append(width)
                    .append("\" height=\"").append(rowHeight - 2).append("\"/>");
            svg.append("<text class=\"label\" x=\"4\" y=\"").append(Html.number(mid + 4)).append("\">")
                    .append(Html.text(stage.id().toString())).append("  ")
                    .append(Html.line(stage.name(), 30)).append("</text>");
            if (d.count() == 0 || d.max() <= 0) {
                svg.append("<text class=\"tick\" x=\"").append(labelWidth).append("\" y=\"")
                        .append(Html.number(mid + 4)).append("\">all zero</text></g>");
                continue;
            }
            Scale x = new Scale(0, d.max(), labelWidth, labelWidth + plotWidth - 8);
            line(svg, "axis", x.at(0), x.at(d.max()), mid);
            line(svg, "whisker", x.at(d.min()), x.at(d.max()), mid);
            double boxLeft = x.at(d.p25());
            svg.append("<rect class=\"box\" x=\"").append(Html.number(boxLeft)).append("\" y=\"")
                    .append(Html.number(mid - 7)).append("\" width=\"")
                    .append(Html.number(Math.max(1.5, x.at(d.p75()) - boxLeft))).append("\" height=\"14\"/>");
            tick(svg, "median", x.at(d.median()), mid, 9);
            tick(svg, "p95", x.at(d.p95()), mid, 5);
            for (long outlier : outliers(stage.successfulTasks(), metric, d.p95())) {
                svg.append("<circle class=\"outlier\" cx=\"").append(Html.number(x.at(outlier))).append("\" cy=\"")
                        .append(Html.number(mid)).append("\" r=\"3\"/>");
            }
            svg.append("<circle class=\"max").append(hot ? " hot" : "").append("\" cx=\"")
                    .append(Html.number(x.at(d.max()))).append("\" cy=\"").append(Html.number(mid))
                    .append("\" r=\"4.5\"/>");
            String ratio = d.maxOverMedian().isPresent()
                    ? Formats.ratio(d.maxOverMedian().getAsDouble()) + " median"
                    : "median " + format(metric, d.median()) + ", no ratio";
            svg.append("<text class=\"value").append(hot ? " hot" : "").append("\" x=\"")
                    .append(labelWidth + plotWidth + 12).append("\" y=\"").append(Html.number(mid + 4)).append("\">")
                    .append(Html.text(format(metric, d.max()) + "  " + ratio)).append("</text></g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String boxTip(StageAttempt stage, Distribution d) {
        return "stage " + stage.id() + ": " + Formats.oneLine(stage.name(), 120) + "\n" + Formats.count(d.count())
                + " successful tasks; min " + format(d.metric(), d.min()) + ", 25th " + format(d.metric(), d.p25())
                + ", median " + format(d.metric(), d.median()) + ", 75th " + format(d.metric(), d.p75()) + ", 95th "
                + format(d.metric(), d.p95()) + ", max " + format(d.metric(), d.max()) + " (task index "
                + d.maxTaskIndex() + " on executor " + d.maxTaskExecutor() + ")";
    }

    /** The largest values above {@code above}, at most {@link #OUTLIERS_SHOWN}. */
    private static long[] outliers(TaskTable tasks, TaskMetric metric, long above) {
        return java.util.Arrays.stream(tasks.top(metric, OUTLIERS_SHOWN)).mapToLong(row -> tasks.value(metric, row))
                .filter(value -> value > above).toArray();
    }

    static String format(TaskMetric metric, long value) {
        switch (metric.unit()) {
            case BYTES:
                return Formats.bytes(value);
            case MILLISECONDS:
                return Formats.millis(value);
            case NANOSECONDS:
                return Formats.nanosAsMillis(value);
            default:
                return Formats.count(value);
        }
    }

    /**
     * Per stage: GC time as a share of executor run time (fixed 0-100% scale, with the 10% line most tuning guides
     * use), and disk and memory spill on one scale shared by all stages.
     */
    static String spillAndGc(List<StageAttempt> stages, Set<StageAttemptId> flagged) {
        int labelWidth = 250;
        int gcWidth = 250;
        int spillWidth = 250;
        int rowHeight = 24;
        int gcLeft = labelWidth;
        int spillLeft = labelWidth + gcWidth + 110;
        int width = spillLeft + spillWidth + 130;
        int height = 24 + stages.size() * rowHeight;
        long maxSpill = 1; // a floor, so that the scale never divides by zero
        for (StageAttempt stage : stages) {
            maxSpill = Math.max(maxSpill, Math.max(stage.total(TaskMetric.DISK_BYTES_SPILLED),
                    stage.total(TaskMetric.MEMORY_BYTES_SPILLED)));
        }
        Scale gcScale = new Scale(0, 100, gcLeft, gcLeft + gcWidth);
        Scale spillScale = new Scale(0, maxSpill, spillLeft, spillLeft + spillWidth);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart spill-gc\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\"><title>GC time share and spill per stage</title>");
        svg.append("<text class=\"tick\" x=\"").append(gcLeft).append("\" y=\"14\">GC time / run time (0-100%)</text>");
        svg.append("<text class=\"tick\" x=\"").append(spillLeft).append("\" y=\"14\">")
                .append(maxSpill > 1 ? "spill: disk (dark), memory (light), up to " + Html.text(Formats.bytes(maxSpill))
                        : "spill: no stage spilled")
                .append("</text>");
        double tenPercent = gcScale.at(10);
        svg.append("<line class=\"limit\" x1=\"").append(Html.number(tenPercent)).append("\" x2=\"")
                .append(Html.number(tenPercent)).append("\" y1=\"18\" y2=\"").append(height).append("\"/>");
        for (int i = 0; i < stages.size(); i++) {
            StageAttempt stage = stages.get(i);
            int top = 24 + i * rowHeight;
            long run = stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            long gc = stage.total(TaskMetric.JVM_GC_TIME);
            double share = run > 0 ? Math.min(1.0, (double) gc / run) : 0;
            long disk = stage.total(TaskMetric.DISK_BYTES_SPILLED);
            long memory = stage.total(TaskMetric.MEMORY_BYTES_SPILLED);
            boolean hot = flagged.contains(stage.id());
            svg.append("<g class=\"gc-row").append(hot ? " hot" : "").append("\" data-stage=\"")
                    .append(Html.text(stage.id().toString())).append("\"><title>")
                    .append(Html.text("stage " + stage.id() + ": GC " + Formats.millis(gc) + " of "
                            + Formats.millis(run) + " run time; spilled " + Formats.bytes(disk) + " to disk, "
                            + Formats.bytes(memory) + " from memory"))
                    .append("</title>");
            svg.append("<rect class=\"row-bg\" x=\"0\" y=\"").append(top).append("\" width=\"").append(width)
                    .append("\" height=\"").append(rowHeight - 2).append("\"/>");
            svg.append("<text class=\"label\" x=\"4\" y=\"").append(top + 15).append("\">")
                    .append(Html.text(stage.id().toString())).append("  ").append(Html.line(stage.name(), 30))
                    .append("</text>");
            svg.append("<rect class=\"gc").append(share >= 0.1 ? " high" : "").append("\" x=\"").append(gcLeft)
                    .append("\" y=\"").append(top + 5).append("\" width=\"")
                    .append(Html.number(Math.max(share > 0 ? 1 : 0, gcScale.at(share * 100) - gcLeft)))
                    .append("\" height=\"12\"/>");
            svg.append("<text class=\"value\" x=\"").append(gcLeft + gcWidth + 8).append("\" y=\"").append(top + 15)
                    .append("\">").append(Html.text(Formats.percent(share) + " (" + Formats.millis(gc) + ")"))
                    .append("</text>");
            svg.append("<rect class=\"spill-memory\" x=\"").append(spillLeft).append("\" y=\"").append(top + 4)
                    .append("\" width=\"").append(Html.number(spillScale.at(memory) - spillLeft))
                    .append("\" height=\"7\"/>");
            svg.append("<rect class=\"spill-disk\" x=\"").append(spillLeft).append("\" y=\"").append(top + 11)
                    .append("\" width=\"").append(Html.number(spillScale.at(disk) - spillLeft))
                    .append("\" height=\"7\"/>");
            svg.append("<text class=\"value\" x=\"").append(spillLeft + spillWidth + 8).append("\" y=\"")
                    .append(top + 15).append("\">")
                    .append(Html.text(disk + memory == 0 ? "none" : Formats.bytes(disk) + " disk"))
                    .append("</text></g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void line(StringBuilder svg, String css, double x1, double x2, double y) {
        svg.append("<line class=\"").append(css).append("\" x1=\"").append(Html.number(x1)).append("\" x2=\"")
                .append(Html.number(x2)).append("\" y1=\"").append(Html.number(y)).append("\" y2=\"")
                .append(Html.number(y)).append("\"/>");
    }

    private static void tick(StringBuilder svg, String css, double x, double mid, int half) {
        svg.append("<line class=\"").append(css).append("\" x1=\"").append(Html.number(x)).append("\" x2=\"")
                .append(Html.number(x)).append("\" y1=\"").append(Html.number(mid - half)).append("\" y2=\"")
                .append(Html.number(mid + half)).append("\"/>");
    }

    /** A bar in the timeline: its interval, CSS class, tooltip and in-bar label (all plain text, escaped later). */
    private record Bar(long from, long to, String css, String tip, String label) {
    }

    /** Linear map from values to pixels. */
    private record Scale(long from, long to, double left, double right) {
        double at(double value) {
            if (to <= from) {
                return left;
            }
            double clamped = Math.max(from, Math.min(to, value));
            return left + (clamped - from) * (right - left) / (to - from);
        }
    }
}
