package io.parzen.task.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generators (our own seeded {@link Gen}s, not jqwik: see docs/limits.md) of request bodies that task-service must reject. Each case starts from a valid
 * task (JSON) or blueprint (YAML) and applies a corruption that alone makes it invalid â a later
 * corruption may replace an earlier one but is itself invalid â so every case must get a 4xx.
 * The kind of each case names the corruption, for the histogram and for failure reports.
 */
final class MalformedBodies {

    static final String TASKS = "/api/v1/tasks";
    static final String FROM_BLUEPRINT = "/api/v1/tasks/from-blueprint";
    static final String LINT = "/api/v1/blueprints/lint";

    /** One request: what was corrupted, where it goes, its content type and bytes. */
    record Case(String kind, String path, String contentType, byte[] body) {
        String excerpt() {
            String s = new String(body, StandardCharsets.UTF_8);
            return s.length() <= 300 ? s : s.substring(0, 300) + "â¦ (" + body.length + " bytes)";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Raw JSON text put where a value goes (JSON has no NaN or 1e400 values to write). */
    private static final String RAW = "@@raw@@";

    private MalformedBodies() {
    }

    // ------------------------------------------------------------------ JSON tasks

    static Map<String, Object> validTask() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "fuzz");
        t.put("type", "bayesian_tpe");
        t.put("engine", "optuna");
        t.put("command", "python3 train.py {parameters}");
        t.put("workingDirectory", "examples/mlp");
        List<Object> params = new ArrayList<>();
        params.add(new LinkedHashMap<>(Map.of("name", "lr", "distribution", "uniform", "min", 0, "max", 1,
                "qStep", 0.1)));
        params.add(new LinkedHashMap<>(Map.of("name", "act", "distribution", "categorical",
                "values", new ArrayList<>(List.of("relu", "tanh", 3)))));
        t.put("parameters", params);
        t.put("maxExecutions", 10);
        t.put("batchSize", 2);
        t.put("target", new LinkedHashMap<>(Map.of("metric", "loss", "value", 0.5)));
        t.put("earlyStopping", "loss < 0.1");
        t.put("seed", 7);
        return t;
    }

    /** A change to a task that makes it invalid. */
    interface Mutation {
        void apply(Map<String, Object> task);
    }

    record Named(String kind, Mutation mutation) {
    }

    static final List<String> NUMBER_PATHS = List.of("parameters.0.min", "parameters.0.max", "parameters.0.qStep",
            "target.value", "maxExecutions", "batchSize", "seed", "randomStartup", "parameters.1.values.2");
    static final List<String> STRING_PATHS = List.of("name", "type", "engine", "command", "workingDirectory",
            "earlyStopping", "parameters.0.name", "parameters.0.distribution", "target.metric");

    static Gen<Named> nonFinite() {
        Gen<String> token = Gen.of("1e400", "-1e400", "1e999999", "-4.9e-99999e", "NaN", "Infinity",
                "-Infinity", "+Infinity", "1" + "0".repeat(400), "-" + "9".repeat(500), "\"NaN\"", "\"Infinity\"",
                "\"-Infinity\"", "\"1e400\"");
        return Gen.combine(Gen.of(NUMBER_PATHS), token, (path, t) -> {
            // a string token is a valid categorical value: only raw numbers there
            String raw = path.startsWith("parameters.1.values") && t.startsWith("\"") ? t.replace("\"", "") : t;
            return new Named("non-finite number", task -> set(task, path, RAW + raw + RAW));
        });
    }

    static Gen<Named> wrongType() {
        Gen<Named> forStrings = Gen.combine(Gen.of(STRING_PATHS),
                        Gen.of(Map.of(), List.of(), List.of(1, 2), Map.of("a", 1)), (path, v) -> new Named("wrong type", task -> set(task, path, v)));
        Gen<Named> forNumbers = Gen.combine(Gen.of("parameters.0.min", "parameters.0.max",
                                "target.value", "maxExecutions", "batchSize", "seed"),
                        Gen.of("abc", "1,5", "0x10", Map.of(), List.of(1)), (path, v) -> new Named("wrong type", task -> set(task, path, v)));
        Gen<Named> forObjects = Gen.combine(Gen.of("target", "parameters", "parameters.0"),
                        Gen.of("x", 5, List.of(1), List.of(List.of())), (path, v) -> new Named("wrong type", task -> set(task, path, v)));
        // [1] would be a valid list of values
        Gen<Named> forValues = Gen.of("x", 5, List.of(List.of()), List.of(Map.of("a", 1)))
                .map(v -> new Named("wrong type", task -> set(task, "parameters.1.values", v)));
        return Gen.oneOf(forStrings, forNumbers, forObjects, forValues);
    }

    static Gen<Named> missing() {
        return Gen.of("name", "command", "parameters", "maxExecutions", "target", "type",
                        "parameters.0.min", "parameters.0.max", "parameters.1.values", "parameters.0.name",
                        "target.metric", "parameters.0.distribution")
                .map(path -> new Named("missing field", task -> remove(task, path)));
    }

    static Gen<Named> unknownField() {
        Gen<String> key = Gen.strings(Gen.alphanumeric(), 1, 20).map(k -> "x_" + k);
        Gen<Object> value = Gen.oneOf(Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE).map(i -> (Object) i),
                Gen.unicodeStrings(0, 30).map(s -> (Object) s), Gen.constant(Map.of("a", 1)));
        Gen<String> where = Gen.of("", "parameters.0.", "parameters.1.", "target.");
        return Gen.combine(where, key, value, (w, k, v) -> new Named("unknown field",
                task -> set(task, w + k, v)));
    }

    static Gen<Named> overLimit() {
        Gen<Named> name = Gen.strings(Gen.chars("abcdefghijklmnopqrstuvwxyzé✓日"), 201, 3000)
                .map(s -> new Named("limit: name-length", task -> task.put("name", s)));
        Gen<Named> command = Gen.ints(4097, 9000)
                .map(n -> new Named("limit: command-length", task -> task.put("command", "c".repeat(n))));
        Gen<Named> dir = Gen.ints(1025, 5000)
                .map(n -> new Named("limit: working-directory-length",
                        task -> task.put("workingDirectory", "d/".repeat(n / 2 + 1))));
        Gen<Named> params = Gen.ints(101, 250)
                .map(n -> new Named("limit: parameters", task -> task.put("parameters", IntStream.range(0, n)
                        .mapToObj(i -> (Object) Map.of("name", "p" + i, "distribution", "uniform", "min", 0,
                                "max", 1))
                        .collect(Collectors.toCollection(ArrayList::new)))));
        Gen<Named> values = Gen.ints(1001, 1500)
                .map(n -> new Named("limit: values", task -> set(task, "parameters.1.values",
                        IntStream.range(0, n).mapToObj(i -> (Object) ("v" + i)).toList())));
        Gen<Named> valueLength = Gen.ints(1025, 4000)
                .map(n -> new Named("limit: value-length", task -> set(task, "parameters.1.values",
                        List.of("v".repeat(n)))));
        Gen<Named> executions = Gen.ints(100_001, Integer.MAX_VALUE)
                .map(n -> new Named("limit: max-executions", task -> task.put("maxExecutions", n)));
        Gen<Named> batch = Gen.ints(1001, 100_000)
                .map(n -> new Named("limit: batch-size", task -> {
                    task.put("maxExecutions", 100_000);
                    task.put("batchSize", n);
                }));
        Gen<Named> expression = Gen.ints(1001, 5000)
                .map(n -> new Named("limit: expression-length", task -> task.put("earlyStopping",
                        "loss < 0.1" + " ".repeat(n - 10) + "")));
        Gen<Named> nesting = Gen.combine(Gen.ints(65, 20_000),
                        Gen.of("(", "not ", "-", "!", "abs(", "+"), (n, open) -> new Named("limit: expression-depth", task -> task.put("earlyStopping",
                        open.repeat(n) + "loss" + (open.endsWith("(") ? ")".repeat(n) : "") + " < 1")));
        return Gen.oneOf(name, command, dir, params, values, valueLength, executions, batch, expression,
                nesting);
    }

    static Gen<Named> semantic() {
        return Gen.of(
                new Named("semantic", task -> set(task, "parameters.0.min", 2)),
                new Named("semantic", task -> set(task, "parameters.0.qStep", -1)),
                new Named("semantic", task -> set(task, "parameters.0.qStep", 5)),
                new Named("semantic", task -> set(task, "parameters.0.distribution", "gaussian")),
                new Named("semantic", task -> set(task, "parameters.1.values", List.of("a", "a"))),
                new Named("semantic", task -> set(task, "parameters.1.values", List.of())),
                new Named("semantic", task -> set(task, "parameters.1.name", "lr")),
                new Named("semantic", task -> task.put("type", "genetic")),
                new Named("semantic", task -> task.put("engine", "skopt")),
                new Named("semantic", task -> task.put("maxExecutions", -1)),
                new Named("semantic", task -> task.put("maxExecutions", 0)),
                new Named("semantic", task -> task.put("batchSize", -5)),
                new Named("semantic", task -> task.put("name", "   ")),
                new Named("semantic", task -> task.put("command", "")),
                new Named("semantic", task -> task.put("earlyStopping", "loss <")),
                new Named("semantic", task -> task.put("earlyStopping", "execution.status == 1")),
                new Named("semantic", task -> task.put("onChildError", "explode")),
                new Named("semantic", task -> task.put("batching", "sometimes")),
                new Named("semantic", task -> task.put("parameterSets", List.of(Map.of("lr", 1)))),
                new Named("semantic", task -> task.put("target", Map.of("metric", "loss", "direction", "up"))),
                new Named("semantic", task -> task.put("target", Map.of("metric", "loss"))));
    }

    static Gen<Named> deepNesting() {
        // written as text: Jackson does not write more than 1000 levels
        return Gen.ints(2, 3000).map(depth -> new Named("deep nesting",
                task -> set(task, "parameters.1.values", RAW + "[" + "[".repeat(depth) + "\"x\"" + "]".repeat(depth)
                        + "]" + RAW)));
    }

    /** A task with one to three mutations, then possibly broken as text. */
    static Gen<Case> jsonTasks() {
        Gen<Named> mutation = Gen.frequency(
                Gen.weight(5, nonFinite()),
                Gen.weight(3, wrongType()),
                Gen.weight(2, missing()),
                Gen.weight(2, unknownField()),
                Gen.weight(3, overLimit()),
                Gen.weight(2, semantic()),
                Gen.weight(1, deepNesting()));
        Gen<Case> mutated = mutation.list(1, 3).map(ms -> {
            Map<String, Object> task = validTask();
            ms.forEach(m -> m.mutation().apply(task));
            String kind = ms.get(ms.size() - 1).kind() + (ms.size() > 1 ? " (+" + (ms.size() - 1) + ")" : "");
            return new Case("json " + kind, TASKS, "application/json", write(task).getBytes(StandardCharsets.UTF_8));
        });
        return Gen.frequency(
                Gen.weight(14, mutated),
                Gen.weight(4, brokenJson()),
                Gen.weight(1, otherBodies()));
    }

    /** Valid tasks broken as text: truncated, bad UTF-8, broken syntax. */
    static Gen<Case> brokenJson() {
        byte[] valid = write(validTask()).getBytes(StandardCharsets.UTF_8);
        Gen<Case> truncated = Gen.ints(0, valid.length - 1)
                .map(n -> new Case("json truncated", TASKS, "application/json", java.util.Arrays.copyOf(valid, n)));
        Gen<Case> badUtf8 = Gen.badUtf8().map(bad -> {
                    // inside the name string: "fuzz" -> "fu<bad>zz"
                    String s = new String(valid, StandardCharsets.UTF_8);
                    int at = s.indexOf("\"fuzz\"") + 3;
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(valid, 0, at);
                    out.write(bad, 0, bad.length);
                    out.write(valid, at, valid.length - at);
                    return new Case("json bad UTF-8", TASKS, "application/json", out.toByteArray());
                });
        Gen<Case> syntax = Gen.of(
                        (java.util.function.Function<String, String>) s -> s.replaceFirst(":", "="),
                        s -> s.replaceFirst(",", ",,"),
                        s -> "x" + s,
                        s -> s.replaceFirst("\"name\"", "name"),
                        s -> s.replaceFirst("\"fuzz\"", "'fuzz'"),
                        s -> s.replace("}", ""),
                        s -> s.replaceFirst("\\[", "{"),
                        s -> s.replaceFirst("\"fuzz\"", "\"fu\nzz\""),
                        s -> s.replaceFirst("\\{", "{/* c */"),
                        s -> s.replaceFirst("0.5", "0.5.5"),
                        s -> s.replaceFirst("0.5", "05"),
                        s -> s.replaceFirst("\"seed\":7", "\"seed\":7,"))
                .map(f -> new Case("json syntax", TASKS, "application/json",
                        f.apply(new String(valid, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        return Gen.oneOf(truncated, badUtf8, syntax);
    }

    /** Not a task object, the wrong media type, or too big. */
    static Gen<Case> otherBodies() {
        byte[] valid = write(validTask()).getBytes(StandardCharsets.UTF_8);
        Gen<Case> notAnObject = Gen.of("", " ", "null", "[]", "[{}]", "42", "\"task\"", "true", "{}",
                        "{\"name\": null}", "\u0000")
                .map(s -> new Case("json not a task", TASKS, "application/json", s.getBytes(StandardCharsets.UTF_8)));
        Gen<Case> mediaType = Gen.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "application/octet-stream", "image/png")
                .map(t -> new Case("json wrong media type", TASKS, t, valid));
        Gen<Case> huge = Gen.ints(1_048_577, 1_300_000).map(n -> {
            Map<String, Object> task = validTask();
            task.put("pad", "x".repeat(n));
            return new Case("json over body-size", TASKS, "application/json", write(task).getBytes(StandardCharsets.UTF_8));
        });
        return Gen.frequency(Gen.weight(40, notAnObject), Gen.weight(20, mediaType),
                Gen.weight(1, huge));
    }

    // ------------------------------------------------------------------ YAML blueprints

    static final String BLUEPRINT = """
            - step:
                name: train
                image: python:3.12
                command: python3 train.py {parameters}
                parameters:
                  - {name: lr, type: float, default: 0.1}
                  - {name: epochs, type: integer, default: 3}
            - task:
                step: train
                name: sweep
                type: random-search
                execution-count: 4
                parameters:
                  - {name: lr, style: random, rules: {min: 0, max: 1, count: 4}}
            """;

    /** A blueprint without a task: it lints valid, but no task can be created from it. */
    static final String STEP_ONLY = BLUEPRINT.substring(0, BLUEPRINT.indexOf("- task:"));

    /**
     * Blueprints that cannot become a task, for POST /api/v1/tasks/from-blueprint. (A duplicate key
     * is only a warning, as in PyYAML the later value wins: not generated.)
     */
    static Gen<String> badBlueprints() {
        Gen<String> nonFinite = Gen.combine(
                        Gen.of("max: 1,", "min: 0,", "default: 0.1}", "count: 4}", "default: 3}"),
                        Gen.of(".inf", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", ".Inf", "1e400", "-1e400",
                                "1" + "0".repeat(400), "!!float .inf", "!!float 1e999", "0x" + "f".repeat(300)), (at, bad) -> BLUEPRINT.replace(at, at.replaceAll("[-0-9.]+", bad).replace(bad + "}", bad + " }")));
        Gen<String> syntax = Gen.of(
                BLUEPRINT.replace("  name: sweep", "\tname: sweep"),
                BLUEPRINT.replace("{min: 0", "{min: [0"),
                BLUEPRINT.replace("- task:", "- task: [").replace("type: random-search", "type: 'random-search"),
                BLUEPRINT.replace("execution-count: 4", "execution-count: 4: 5"),
                BLUEPRINT.replace("- step:", "- step: &x\n  *x"),
                BLUEPRINT + "\n- task: {step: train, name: sweep2, type: random-search, execution-count: 4",
                BLUEPRINT.replace("parameters:\n      - {name: lr, style", "parameters:\n  - {name: lr, style"),
                "%YAML 9.9\n---\n" + BLUEPRINT,
                "---\n" + BLUEPRINT + "---\n" + BLUEPRINT);
        Gen<String> semantic = Gen.of(
                BLUEPRINT.replace("type: random-search", "type: genetic"),
                BLUEPRINT.replace("execution-count: 4", "execution-count: four"),
                BLUEPRINT.replace("execution-count: 4", "execution-count: -4"),
                BLUEPRINT.replace("execution-count: 4", "execution-count: 4\n    colour: blue"),
                BLUEPRINT.replace("step: train", "step: test"),
                BLUEPRINT.replace("style: random", "style: spiral"),
                BLUEPRINT.replace("{min: 0, max: 1", "{min: 1, max: 0"),
                STEP_ONLY,
                "a: b\n", "42\n", "", "   \n", "- 1\n- 2\n", "~\n", "- step: 5\n",
                BLUEPRINT.replace("    command: python3 train.py {parameters}\n", ""));
        Gen<String> executionCount = Gen.longs(SERVICE_MAX_EXECUTIONS + 1, 999_999_999_999L)
                .map(n -> BLUEPRINT.replace("execution-count: 4", "execution-count: " + n));
        Gen<String> laughs = Gen.combine(Gen.ints(6, 40),
                        Gen.ints(2, 10), (levels, width) -> {
                    StringBuilder y = new StringBuilder("- step:\n    name: train\n    command: c\n    description: &a0 [");
                    y.append("lol, ".repeat(width - 1)).append("lol]\n");
                    for (int i = 1; i <= levels; i++) {
                        y.append("    l").append(i).append(": &a").append(i).append(" [")
                                .append(("*a" + (i - 1) + ", ").repeat(width - 1)).append("*a").append(i - 1)
                                .append("]\n");
                    }
                    return y + BLUEPRINT.substring(BLUEPRINT.indexOf("- task:"));
                });
        Gen<String> deep = Gen.combine(Gen.ints(101, 20_000),
                        Gen.of("[", "{a: ", "- "), (n, open) -> open.equals("- ")
                        ? IntStream.range(0, n).mapToObj(i -> " ".repeat(Math.min(i, 3000)) + "- ").collect(
                                Collectors.joining("\n")) + "x\n"
                        : open.repeat(n) + "x");
        Gen<String> longValues = Gen.ints(201, 5000)
                .map(n -> BLUEPRINT.replace("name: sweep", "name: " + "s".repeat(n)));
        return Gen.frequency(
                Gen.weight(5, nonFinite),
                Gen.weight(3, syntax),
                Gen.weight(3, semantic),
                Gen.weight(1, executionCount),
                Gen.weight(2, laughs),
                Gen.weight(1, deep),
                Gen.weight(1, longValues),
                Gen.weight(1, longValues));
    }

    /** A blueprint over the blueprint size limit (1,000,000 characters), under the body-size limit. */
    static Gen<Case> hugeBlueprints() {
        return Gen.ints(1_000_001, 1_040_000).map(n -> new Case("yaml over blueprint size",
                FROM_BLUEPRINT, "application/yaml", (BLUEPRINT + "#" + "x".repeat(n)).getBytes(StandardCharsets.UTF_8)));
    }

    static Gen<Case> yamlTasks() {
        Gen<Case> text = badBlueprints().map(y -> new Case("yaml " + kindOf(y), FROM_BLUEPRINT,
                "application/yaml", y.getBytes(StandardCharsets.UTF_8)));
        Gen<Case> badUtf8 = Gen.badUtf8()
                .map(bad -> {
                    byte[] valid = BLUEPRINT.getBytes(StandardCharsets.UTF_8);
                    int at = BLUEPRINT.indexOf("random-search") + "random".length();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(valid, 0, at);
                    out.write(bad, 0, bad.length);
                    out.write(valid, at, valid.length - at);
                    return new Case("yaml bad UTF-8", FROM_BLUEPRINT, "application/yaml", out.toByteArray());
                });
        return Gen.frequency(Gen.weight(400, text), Gen.weight(20, badUtf8),
                Gen.weight(1, hugeBlueprints()));
    }

    /** parzen.task.limits.max-executions: a blueprint's execution count up to 1,000,000 lints valid. */
    static final long SERVICE_MAX_EXECUTIONS = 100_000;

    /** What the lint endpoint must call invalid: not what only the service's limits reject. */
    static boolean lintsInvalid(String yaml) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("execution-count: (\\d+)").matcher(yaml);
        boolean countOnlyOverServiceLimit = m.find() && m.group(1).length() < 10
                && Long.parseLong(m.group(1)) <= 1_000_000;
        return !yaml.equals(STEP_ONLY) && !yaml.contains("name: sssss") && !countOnlyOverServiceLimit;
    }

    static String kindOf(String yaml) {
        if (yaml.length() > 1_000_000) {
            return "over blueprint size";
        }
        if (yaml.contains("*a1")) {
            return "alias expansion";
        }
        if (yaml.contains("inf") || yaml.contains("nan") || yaml.contains("NaN") || yaml.contains("e400")
                || yaml.contains("1e999") || yaml.contains("0".repeat(100)) || yaml.contains("f".repeat(100))
                || yaml.contains("Inf") || yaml.contains("NAN")) {
            return "non-finite number";
        }
        return "invalid";
    }

    /** Every case of the fuzz run: JSON tasks and blueprints. */
    static Gen<Case> all() {
        return Gen.frequency(Gen.weight(2, jsonTasks()), Gen.weight(1, yamlTasks()));
    }

    // ------------------------------------------------------------------ helpers

    static String write(Map<String, Object> task) {
        try {
            String s = JSON.writeValueAsString(task);
            // "@@raw@@1e400@@raw@@" -> 1e400, "@@raw@@\"NaN\"@@raw@@" -> "NaN"
            return java.util.regex.Pattern.compile("\"" + RAW + "(.*?)" + RAW + "\"").matcher(s)
                    .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1).replace("\\\"", "\"")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> task, String path, Object value) {
        String[] parts = path.split("\\.");
        Object current = task;
        for (int i = 0; i < parts.length - 1; i++) {
            current = child(current, parts[i]);
            if (current == null) {
                return; // an earlier mutation replaced the parent: that mutation makes the task invalid
            }
        }
        String last = parts[parts.length - 1];
        if (current instanceof Map<?, ?> m) {
            try {
                ((Map<String, Object>) m).put(last, value);
            } catch (UnsupportedOperationException ignored) {
                // an immutable map put there by an earlier mutation, which made the task invalid
            }
        } else if (current instanceof List<?> l && last.matches("\\d+") && Integer.parseInt(last) < l.size()) {
            try {
                ((List<Object>) l).set(Integer.parseInt(last), value);
            } catch (UnsupportedOperationException ignored) {
                // an immutable list put there by an earlier mutation, which made the task invalid
            }
        }
    }

    static void remove(Map<String, Object> task, String path) {
        String[] parts = path.split("\\.");
        Object current = task;
        for (int i = 0; i < parts.length - 1; i++) {
            current = child(current, parts[i]);
            if (current == null) {
                return;
            }
        }
        if (current instanceof Map<?, ?> m) {
            try {
                m.remove(parts[parts.length - 1]);
            } catch (UnsupportedOperationException ignored) {
                // an immutable map put there by an earlier mutation, which made the task invalid
            }
        }
    }

    private static Object child(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            return m.get(key);
        }
        if (node instanceof List<?> l && key.matches("\\d+") && Integer.parseInt(key) < l.size()) {
            return l.get(Integer.parseInt(key));
        }
        return null;
    }
}
