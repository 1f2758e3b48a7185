package dev.sparkdoc.diagnosis;

import dev.sparkdoc.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The findings of one rule in one application, shown as one: the rule, its worst severity, the scopes it fired on
 * (worst first), the time lost of all of them, and the members for expansion.
 *
 * <p>This is the one definition every output uses (text, markdown, HTML, the shell, the JSON {@code groups}).
 * A <em>finding</em> stays one rule on one scope: the JSON {@code findings} array, the count of findings, fleet rows,
 * the listener's metrics, {@code compare} and the evaluation labels count and match members. A group only changes
 * how they are shown. The worst member is the first: members keep the diagnosis order (severity, then time lost), so
 * the first group's worst member is {@link Diagnosis#topFinding()}.
 *
 * <p>{@link #timeLostMillis()} is the members' time lost added up: {@link Diagnoser} has already bounded each member
 * by what is left of its stage's time alone and of the application's wall time, so the sum counts no wall time twice.
 * Empty when no member's time lost could be measured.
 */
public record FindingGroup(String ruleId, String title, Severity severity, List<Finding> members,
        OptionalLong timeLostMillis) {

    /** How many scopes {@link #scopeLabel()} names before "(+N more)". */
    public static final int SCOPES_NAMED = 3;

    public FindingGroup {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a finding group has at least one member");
        }
        members = List.copyOf(members);
        for (Finding member : members) {
            if (!member.ruleId().equals(ruleId)) {
                throw new IllegalArgumentException("member of rule " + member.ruleId() + " in group of " + ruleId);
            }
        }
    }

    /** Groups the findings by rule, in the order of each rule's first (worst) finding; members keep their order. */
    public static List<FindingGroup> of(List<Finding> findings) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        for (Finding finding : findings) {
            byRule.computeIfAbsent(finding.ruleId(), rule -> new ArrayList<>()).add(finding);
        }
        List<FindingGroup> groups = new ArrayList<>(byRule.size());
        for (List<Finding> members : byRule.values()) {
            Finding worst = members.get(0);
            Severity severity = worst.severity();
            boolean measured = false;
            long lost = 0;
            for (Finding member : members) {
                severity = member.severity().compareTo(severity) > 0 ? member.severity() : severity;
                if (member.timeLostMillis().isPresent()) {
                    measured = true;
                    lost += member.timeLostMillis().getAsLong();
                }
            }
            groups.add(new FindingGroup(worst.ruleId(), worst.title(), severity, members,
                    measured ? OptionalLong.of(lost) : OptionalLong.empty()));
        }
        return List.copyOf(groups);
    }

    /** The worst member: its summary, evidence and fixes stand for the group. */
    public Finding worst() {
        return members.get(0);
    }

    public int size() {
        return members.size();
    }

    /**
     * The scopes, worst first: "stage 3.0" for one, "stages 12.0, 7.0, 30.0 (+3 more)" for several of one kind,
     * "stage 3.0, executor 7" for several kinds.
     */
    public String scopeLabel() {
        return scopeLabel(SCOPES_NAMED);
    }

    /** {@link #scopeLabel()} naming at most {@code named} scopes ({@code Integer.MAX_VALUE}: all). */
    public String scopeLabel(int named) {
        if (members.size() == 1) {
            return worst().scope().label();
        }
        String kind = worst().scope().kind();
        boolean oneKind = members.stream().allMatch(member -> member.scope().kind().equals(kind));
        List<String> names = new ArrayList<>();
        for (Finding member : members.subList(0, Math.min(named, members.size()))) {
            names.add(oneKind ? member.scope().id() : member.scope().label());
        }
        String more = members.size() > names.size() ? " (+" + (members.size() - names.size()) + " more)" : "";
        return (oneKind ? worst().scope().plural() + " " : "") + String.join(", ", names) + more;
    }
}
