package io.parzen.task.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The errors and warnings of one blueprint, in document order, each with the item it belongs to (so
 * that a task is refused only for its own errors, its step's and the document's).
 */
final class Messages implements YamlNodes.Sink {

    private final List<LintMessage> messages = new ArrayList<>();
    /** Item index each message belongs to; -1 for the whole document. */
    private final List<Integer> owners = new ArrayList<>();
    private int owner = -1;

    /** Messages from now on belong to item {@code index} (-1: the whole document). */
    void owner(int index) {
        owner = index;
    }

    int owner() {
        return owner;
    }

    @Override
    public void error(Node node, String path, String message) {
        add(LintMessage.error(YamlNodes.line(node), YamlNodes.column(node), path, message));
    }

    @Override
    public void warning(Node node, String path, String message) {
        add(LintMessage.warning(YamlNodes.line(node), YamlNodes.column(node), path, message));
    }

    /** An error {@code offset} characters right of where {@code node} starts (inside a scalar). */
    void errorAt(Node node, int offset, String path, String message) {
        add(LintMessage.error(YamlNodes.line(node), YamlNodes.column(node) + offset, path, message));
    }

    void add(LintMessage m) {
        messages.add(m);
        owners.add(owner);
    }

    int errorCount() {
        return (int) messages.stream().filter(m -> m.severity().equals(LintMessage.ERROR)).count();
    }

    /** There is an error of the whole document, of item {@code item} or of item {@code stepItem} (may be null). */
    boolean hasErrorsOf(int item, Integer stepItem) {
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).severity().equals(LintMessage.ERROR)) {
                continue;
            }
            int o = owners.get(i);
            if (o == -1 || o == item || Objects.equals(o, stepItem)) {
                return true;
            }
        }
        return false;
    }

    List<LintMessage> list() {
        return messages;
    }

    List<Integer> owners() {
        return owners;
    }
}
