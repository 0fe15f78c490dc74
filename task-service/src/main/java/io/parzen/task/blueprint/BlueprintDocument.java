package io.parzen.task.blueprint;

import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.lint.ValohaiLinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A parsed valohai.yaml: its steps and tasks, every error and warning (each with line and column),
 * and the {@link TaskSpec} of every task that can run. Immutable.
 */
public final class BlueprintDocument {

    private final List<Step> steps;
    private final List<TaskBlueprint> tasks;
    private final List<LintMessage> messages;
    private final List<Integer> owners;
    private final Map<String, Integer> stepItems;
    private final Map<String, Integer> taskItems;
    private final Map<String, TaskSpec> specs;
    private final Node root;

    BlueprintDocument(List<Step> steps, List<TaskBlueprint> tasks, List<LintMessage> messages, List<Integer> owners,
            Map<String, Integer> stepItems, Map<String, Integer> taskItems, Map<String, TaskSpec> specs, Node root) {
        this.root = root;
        this.steps = List.copyOf(steps);
        this.tasks = tasks.stream().filter(t -> t.name() != null).toList();
        this.messages = List.copyOf(messages);
        this.owners = List.copyOf(owners);
        this.stepItems = Map.copyOf(stepItems);
        this.taskItems = Map.copyOf(taskItems);
        this.specs = Map.copyOf(specs);
    }

    /** The steps, in document order. */
    public List<Step> steps() {
        return steps;
    }

    /** The tasks (with a name), in document order. */
    public List<TaskBlueprint> tasks() {
        return tasks;
    }

    public List<String> stepNames() {
        return steps.stream().map(Step::name).toList();
    }

    public List<String> taskNames() {
        return tasks.stream().map(TaskBlueprint::name).toList();
    }

    public Optional<Step> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<TaskBlueprint> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every error and warning, in document order. */
    public List<LintMessage> messages() {
        return messages;
    }

    public List<LintMessage> errors() {
        return messages.stream().filter(m -> m.severity().equals(LintMessage.ERROR)).toList();
    }

    public List<LintMessage> warnings() {
        return messages.stream().filter(m -> m.severity().equals(LintMessage.WARNING)).toList();
    }

    public boolean hasErrors() {
        return messages.stream().anyMatch(m -> m.severity().equals(LintMessage.ERROR));
    }

    /**
     * The lint answer for the whole file: what valohai-yaml's linter says (see {@link ValohaiLinter}),
     * plus Parzen's own notes as warnings. The conversion's errors that Valohai does not share (what
     * Parzen cannot run as written) are warnings here, starting "Parzen cannot run this as written";
     * YAML syntax errors and the document's shape stay errors.
     */
    public LintReport lint() {
        List<LintMessage> all = LintMerge.merge(ValohaiLinter.lint(root), messages, owners);
        List<LintMessage> errors = all.stream().filter(m -> m.severity().equals(LintMessage.ERROR)).toList();
        List<LintMessage> warnings = all.stream().filter(m -> m.severity().equals(LintMessage.WARNING)).toList();
        return new LintReport(errors.isEmpty(), stepNames(), taskNames(), errors, warnings);
    }

    /**
     * The messages about one task: the document's own (such as YAML syntax errors), the task's, and
     * those of the step it runs.
     */
    public List<LintMessage> messagesFor(String taskName) {
        Integer item = taskItems.get(taskName);
        Integer stepItem = task(taskName).map(TaskBlueprint::step).map(stepItems::get).orElse(null);
        List<LintMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            int o = owners.get(i);
            if (o == -1 || Objects.equals(o, item) || Objects.equals(o, stepItem)) {
                out.add(messages.get(i));
            }
        }
        return out;
    }

    /**
     * The task named {@code taskName} as a {@link TaskSpec}, ready for task-service's normalizer and
     * validator. Errors elsewhere in the document (another task, an unused step) do not matter;
     * YAML syntax errors and errors in this task or its step do.
     *
     * @throws BlueprintException when there is no such task, or it has errors; each error has its line and column
     */
    public TaskSpec toTaskSpec(String taskName) {
        if (taskName == null || !taskItems.containsKey(taskName)) {
            List<LintMessage> errors = new ArrayList<>(errors().stream()
                    .filter(m -> owners.get(messages.indexOf(m)) == -1).toList());
            errors.add(LintMessage.error(1, 1, "", "the blueprint has no task named \"" + taskName + "\"; tasks: "
                    + (tasks.isEmpty() ? "none" : taskNames())));
            throw new BlueprintException(errors);
        }
        TaskSpec spec = specs.get(taskName);
        List<LintMessage> errors = messagesFor(taskName).stream()
                .filter(m -> m.severity().equals(LintMessage.ERROR)).toList();
        if (spec == null || !errors.isEmpty()) {
            if (errors.isEmpty()) {
                TaskBlueprint t = task(taskName).orElseThrow();
                errors = List.of(LintMessage.error(t.line(), t.column(), "task \"" + taskName + "\"",
                        "the task cannot be converted"));
            }
            throw new BlueprintException(errors);
        }
        return spec;
    }

    /**
     * The only task of the document as a {@link TaskSpec}.
     *
     * @throws BlueprintException when the document has no task or several (then a name is needed), or errors
     */
    public TaskSpec toTaskSpec() {
        if (tasks.size() != 1) {
            List<LintMessage> errors = new ArrayList<>(errors().stream()
                    .filter(m -> owners.get(messages.indexOf(m)) == -1).toList());
            errors.add(LintMessage.error(1, 1, "", tasks.isEmpty() ? "the blueprint has no task"
                    : "the blueprint has " + tasks.size() + " tasks; name one of " + taskNames()));
            throw new BlueprintException(errors);
        }
        return toTaskSpec(tasks.get(0).name());
    }
}
