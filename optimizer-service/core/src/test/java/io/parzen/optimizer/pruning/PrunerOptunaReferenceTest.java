package io.parzen.optimizer.pruning;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.study.TrialState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the scenarios of {@code pruning/optuna-cases.txt} — decisions of real Optuna 5.0.0 pruners
 * (written by {@code tools/optuna_pruner_cases.py}) — and asserts the same trials are pruned at the same
 * steps: trials run one after another, each asks after every reported step.
 */
class PrunerOptunaReferenceTest {

    record Case(String name, Direction direction, Map<String, Object> pruner, List<TreeMap<Long, Double>> curves,
            List<Long> prunedAt) {
    }

    @TestFactory
    List<DynamicTest> sameDecisionsAsOptuna() throws IOException {
        List<Case> cases = load();
        assertThat(cases).hasSize(72);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " " + c.direction() + " " + c.pruner(),
                () -> assertThat(replay(c)).isEqualTo(c.prunedAt()))).toList();
    }

    /** Runs the trials of a case in order through the Java pruner; the step each was pruned at (null = ran to the end). */
    static List<Long> replay(Case c) {
        Pruner pruner = Pruners.of(c.pruner());
        List<LearningCurve> done = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < c.curves().size(); i++) {
            int seq = i + 1;
            LearningCurve running = new LearningCurve(seq, TrialState.PENDING, new TreeMap<>());
            Long at = null;
            for (Map.Entry<Long, Double> e : c.curves().get(i).entrySet()) {
                running = running.with(e.getKey(), e.getValue());
                List<LearningCurve> all = new ArrayList<>(done);
                all.add(running);
                if (pruner.shouldPrune(new PruningStudy(c.name(), c.direction(), all), running)) {
                    at = e.getKey();
                    break;
                }
            }
            TrialState end = at != null ? TrialState.PRUNED
                    : Double.isNaN(running.lastValue()) ? TrialState.FAILED : TrialState.COMPLETE;
            done.add(running.in(end));
            out.add(at);
        }
        return out;
    }

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PrunerOptunaReferenceTest.class.getResourceAsStream("/pruning/optuna-cases.txt"), StandardCharsets.UTF_8))) {
            String line;
            Case current = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                if (f[0].equals("case")) {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    for (String kv : f[3].split(",")) {
                        String[] p = kv.split("=");
                        spec.put(p[0], p[1].matches("-?\\d+") ? (Object) Long.parseLong(p[1])
                                : p[1].matches("-?[\\d.]+") ? (Object) Double.parseDouble(p[1]) : p[1]);
                    }
                    current = new Case(f[1], Direction.valueOf(f[2].toUpperCase()), spec, new ArrayList<>(), new ArrayList<>());
                    cases.add(current);
                } else {
                    current.prunedAt().add(f[0].equals("-") ? null : Long.parseLong(f[0]));
                    TreeMap<Long, Double> curve = new TreeMap<>();
                    for (int i = 1; i < f.length; i++) {
                        String[] sv = f[i].split(":");
                        curve.put(Long.parseLong(sv[0]), sv[1].equals("nan") ? Double.NaN : Double.parseDouble(sv[1]));
                    }
                    current.curves().add(curve);
                }
            }
        }
        return cases;
    }
}
