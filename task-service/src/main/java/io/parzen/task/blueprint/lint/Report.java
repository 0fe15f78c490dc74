package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.LintMessage;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects lint messages, each at the line and column of a YAML node. */
final class Report {

    private final List<LintMessage> messages = new ArrayList<>();

    void error(Node at, String path, String message) {
        messages.add(LintMessage.error(Yaml.line(at), Yaml.column(at), path, message));
    }

    void warning(Node at, String path, String message) {
        messages.add(LintMessage.warning(Yaml.line(at), Yaml.column(at), path, message));
    }

    void add(LintMessage m) {
        messages.add(m);
    }

    boolean hasErrors() {
        return messages.stream().anyMatch(m -> m.severity().equals(LintMessage.ERROR));
    }

    List<LintMessage> messages() {
        return List.copyOf(messages);
    }
}
