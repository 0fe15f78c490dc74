package io.parzen.task.blueprint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the text of a valohai.yaml into YAML nodes that know their line and column (YAML 1.2 core
 * schema), within {@link Blueprint.Limits}: syntax errors, absurd nesting, recursive aliases, alias
 * bombs and non-finite numbers become messages at their position instead of exceptions.
 */
final class BlueprintReader {

    private final Blueprint.Limits limits;
    private final Messages messages;

    BlueprintReader(Blueprint.Limits limits, Messages messages) {
        this.limits = limits;
        this.messages = messages;
    }

    /** The composed document, or null when it cannot be read (then the messages say why). */
    Node read(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            messages.add(LintMessage.error(1, 1, "", "the blueprint is empty; expected a YAML list of '- step:' and '- task:' items"));
            return null;
        }
        if (yaml.length() > Blueprint.MAX_LENGTH) {
            messages.add(LintMessage.error(1, 1, "", "the blueprint is " + yaml.length() + " characters long; at most "
                    + Blueprint.MAX_LENGTH + " are accepted"));
            return null;
        }
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setSchema(new CoreSchema())
                    .setLabel("valohai.yaml")
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(limits.aliases())
                    .setCodePointLimit(Blueprint.MAX_LENGTH * 4)
                    .build();
            if (!preScan(yaml, settings)) {
                return null;
            }
            Optional<Node> composed = new Compose(settings).composeString(yaml);
            if (composed.isEmpty()) {
                messages.add(LintMessage.error(1, 1, "", "the blueprint is empty; expected a YAML list of '- step:' and '- task:' items"));
                return null;
            }
            return composed.get();
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + e.getContextMark().map(m -> " at line " + YamlNodes.line(m) + ", column " + YamlNodes.column(m))
                            .orElse("")
                    + ")";
            messages.add(LintMessage.error(mark == null ? 1 : YamlNodes.line(mark), mark == null ? 1 : YamlNodes.column(mark), "",
                    "YAML syntax error: " + problem + context));
            return null;
        } catch (YamlEngineException e) {
            messages.add(LintMessage.error(1, 1, "", "YAML error: " + e.getMessage()));
            return null;
        } catch (StackOverflowError e) {
            messages.add(LintMessage.error(1, 1, "", "YAML error: the document is nested too deeply"));
            return null;
        } catch (RuntimeException e) {
            // never let a YAML library failure escape as a 500
            messages.add(LintMessage.error(1, 1, "", "YAML error: " + e));
            return null;
        }
    }

    /** Deepest nesting of YAML collections accepted (the composer recurses once per level). */
    static final int MAX_YAML_DEPTH = 100;

    /**
     * Walks the YAML events once before composing, to reject what the composer cannot survive: an
     * alias inside the collection it refers to (a recursive merge key loops forever in the YAML
     * library) and absurd nesting (a stack overflow).
     */
    private boolean preScan(String yaml, LoadSettings settings) {
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        // the billion-laughs guard: nodes with every alias expanded, and the expanded size of each anchor
        java.util.Deque<Long> startedAt = new java.util.ArrayDeque<>();
        Map<String, Long> anchorSizes = new HashMap<>();
        long expanded = 0;
        int aliases = 0;
        for (org.snakeyaml.engine.v2.events.Event event : new org.snakeyaml.engine.v2.api.lowlevel.Parse(settings)
                .parseString(yaml)) {
            Mark m = event.getStartMark().orElse(null);
            if (event instanceof org.snakeyaml.engine.v2.events.CollectionStartEvent start) {
                open.push(start.getAnchor().map(org.snakeyaml.engine.v2.common.Anchor::getValue).orElse(""));
                startedAt.push(expanded);
                expanded++;
                if (open.size() > MAX_YAML_DEPTH) {
                    messages.add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                            "YAML error: the document is nested more than " + MAX_YAML_DEPTH + " levels deep"));
                    return false;
                }
            } else if (event.getEventId() == org.snakeyaml.engine.v2.events.Event.ID.MappingEnd
                    || event.getEventId() == org.snakeyaml.engine.v2.events.Event.ID.SequenceEnd) {
                String anchor = open.poll();
                Long start = startedAt.poll();
                if (anchor != null && !anchor.isEmpty() && start != null) {
                    anchorSizes.put(anchor, expanded - start);
                }
            } else if (event instanceof org.snakeyaml.engine.v2.events.AliasEvent alias) {
                String name = alias.getAlias().getValue();
                if (open.contains(name)) {
                    messages.add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                            "YAML error: the alias *" + name + " refers to a collection that contains it;"
                                    + " recursive aliases are not allowed"));
                    return false;
                }
                if (++aliases > limits.aliases()) {
                    messages.add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                            "YAML error: the blueprint has more than " + limits.aliases() + " aliases"
                                    + " (parzen.task.limits.yaml.aliases)"));
                    return false;
                }
                expanded += anchorSizes.getOrDefault(name, 1L);
            } else if (event instanceof org.snakeyaml.engine.v2.events.ScalarEvent scalar) {
                expanded++;
                scalar.getAnchor().ifPresent(a -> anchorSizes.put(a.getValue(), 1L));
                checkFinite(scalar, settings, m);
            }
            if (expanded > limits.nodes()) {
                messages.add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                        "YAML error: the blueprint has more than " + limits.nodes() + " nodes once its aliases are"
                                + " expanded (parzen.task.limits.yaml.nodes); write the values out instead of"
                                + " nesting aliases"));
                return false;
            }
        }
        return true;
    }

    /**
     * A number scalar that is not a finite double ({@code .inf}, {@code -.inf}, {@code .nan},
     * {@code 1e400}, a 400-digit integer) is an error wherever it is: no field takes one.
     */
    private void checkFinite(org.snakeyaml.engine.v2.events.ScalarEvent scalar, LoadSettings settings, Mark m) {
        org.snakeyaml.engine.v2.nodes.Tag tag = scalar.getTag().map(org.snakeyaml.engine.v2.nodes.Tag::new)
                .orElse(null);
        if (tag == null || "!".equals(scalar.getTag().orElse(""))) {
            if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
                return;
            }
            tag = settings.getSchema().getScalarResolver().resolve(scalar.getValue(), true);
        }
        if (!org.snakeyaml.engine.v2.nodes.Tag.FLOAT.equals(tag) && !org.snakeyaml.engine.v2.nodes.Tag.INT.equals(tag)) {
            return;
        }
        Object value = YamlNodes.scalar(new ScalarNode(tag, scalar.getValue(), ScalarStyle.PLAIN));
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            String text = scalar.getValue().length() > 40 ? scalar.getValue().substring(0, 40) + "…"
                    : scalar.getValue();
            messages.add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                    "the number " + text + " is not finite: NaN, infinity and numbers beyond ±" + Double.MAX_VALUE
                            + " are not allowed (quote it if you mean a string)"));
        }
    }
}
