package io.parzen.bench.pruning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.optimizer.pruning.Direction;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.SearchSpace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The example MLP ({@code examples/mlp/train.py}, real numpy training on the UCI digits): validation
 * accuracy per epoch, maximised. Each configuration is trained once to the last epoch and its curve
 * cached; a pruned run consumes only the epochs before it was stopped (the process would have been
 * stopped there), so runs of several pruners that propose the same configuration share the training.
 */
public final class MlpCurves implements CurveProblem {

    private static final SearchSpace SPACE = SearchSpace.of(
            new LogUniform("learning_rate", -5, -1, null),
            new IntegerParameter("batch_size", 16, 128, 16),
            new IntegerParameter("num_layers", 1, 4));

    private final Path trainScript;
    private final int epochs;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, double[]> cache = new ConcurrentHashMap<>();

    public MlpCurves(Path trainScript, int epochs) {
        this.trainScript = trainScript;
        this.epochs = epochs;
    }

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public Direction direction() {
        return Direction.MAXIMIZE;
    }

    @Override
    public int steps() {
        return epochs;
    }

    /** Training runs started so far (cache misses). */
    public int trainings() {
        return cache.size();
    }

    @Override
    public double[] curve(Map<String, Object> point, long seed) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", trainScript.toString(), "--epochs", String.valueOf(epochs),
                "--seed", String.valueOf(seed)));
        for (String name : List.of("learning_rate", "batch_size", "num_layers")) {
            cmd.add("--" + name);
            cmd.add(String.valueOf(point.get(name)));
        }
        String key = String.join(" ", cmd);
        double[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double[] out = new double[epochs];
        java.util.Arrays.fill(out, Double.NaN);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                if (n.has("epoch") && n.path("val_accuracy").isNumber()) {
                    int e = n.get("epoch").asInt();
                    if (e >= 1 && e <= epochs) {
                        out[e - 1] = n.get("val_accuracy").asDouble();
                    }
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("training failed: " + key);
        }
        cache.put(key, out);
        return out;
    }
}
