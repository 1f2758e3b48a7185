package dev.sparkdoc.cli;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.report.TextStyle;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one 'sparkdoc shell' explores: the diagnosed log, the rule settings, and whether the user asked to leave. */
final class ShellSession {

    private static final Pattern STAGE_ID = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    private final DiagnosedLog log;
    private final RuleSettings settings;
    private final boolean debug;
    private boolean exitRequested;
    private java.util.function.Supplier<TextStyle> style = () -> TextStyle.PLAIN;

    ShellSession(DiagnosedLog log, RuleSettings settings, boolean debug) {
        this.log = requireNonNull(log, "log is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.debug = debug;
    }

    DiagnosedLog log() {
        return log;
    }

    ApplicationSnapshot app() {
        return log.log().application();
    }

    RuleSettings settings() {
        return settings;
    }

    boolean debug() {
        return debug;
    }

    /** The layout of what the commands print: the terminal's width now (it may have been resized), colour. */
    TextStyle style() {
        return style.get();
    }

    void style(java.util.function.Supplier<TextStyle> style) {
        this.style = requireNonNull(style, "style is null");
    }

    boolean exitRequested() {
        return exitRequested;
    }

    void requestExit() {
        exitRequested = true;
    }

    /**
     * The stage attempt {@code text} names: "3.1" is attempt 1 of stage 3; "3" is stage 3's latest attempt. Empty
     * when there is no such stage or the text is not a stage id.
     */
    Optional<StageAttempt> stage(String text) {
        Matcher matcher = STAGE_ID.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int stageId;
        try {
            stageId = Integer.parseInt(matcher.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (matcher.group(2) != null) {
            int attempt = Integer.parseInt(matcher.group(2));
            return app().stage(new StageAttemptId(stageId, attempt));
        }
        return app().stages().stream().filter(stage -> stage.id().stageId() == stageId)
                .max(Comparator.comparing(StageAttempt::id));
    }

    /** The attempts of one stage, oldest first. */
    List<StageAttempt> attempts(int stageId) {
        return app().stages().stream().filter(stage -> stage.id().stageId() == stageId).toList();
    }
}
