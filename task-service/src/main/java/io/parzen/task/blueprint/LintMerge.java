package io.parzen.task.blueprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Joins the whole-file lint (Valohai's verdict) with the conversion's messages (Parzen's notes). */
final class LintMerge {

    /** The prefix of a conversion error that Valohai does not share, reported as a lint warning. */
    static final String CANNOT_RUN = "Parzen cannot run this as written: ";

    private LintMerge() {
    }

    /**
     * @param valohai the whole-file lint
     * @param conversion the conversion's messages
     * @param owners for each conversion message, the item it belongs to, or -1 for the document itself
     * @return every message, by line and column; a conversion message at the same place as a lint
     *         message of the same kind is left out (the same problem, said once)
     */
    static List<LintMessage> merge(List<LintMessage> valohai, List<LintMessage> conversion, List<Integer> owners) {
        Set<String> errorsAt = new HashSet<>();
        Set<String> messagesAt = new HashSet<>();
        for (LintMessage m : valohai) {
            messagesAt.add(at(m));
            messagesAt.add(at(m) + m.message());
            if (m.severity().equals(LintMessage.ERROR)) {
                errorsAt.add(at(m));
            }
        }
        List<LintMessage> out = new ArrayList<>(valohai);
        for (int i = 0; i < conversion.size(); i++) {
            LintMessage m = conversion.get(i);
            boolean error = m.severity().equals(LintMessage.ERROR);
            if (error && owners.get(i) == -1) {
                out.add(m); // YAML syntax, an empty document, not a list: nothing else can be said
            } else if (error) {
                if (!messagesAt.contains(at(m))) {
                    out.add(LintMessage.warning(m.line(), m.column(), m.path(), CANNOT_RUN + m.message()));
                }
            } else if (!errorsAt.contains(at(m)) && !messagesAt.contains(at(m) + m.message())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingInt(LintMessage::line).thenComparingInt(LintMessage::column));
        return List.copyOf(out);
    }

    private static String at(LintMessage m) {
        return m.line() + ":" + m.column();
    }
}
