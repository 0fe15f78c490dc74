package io.parzen.optimizer.engine.manual;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.space.Values;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Manual search: the given parameter sets in order, one execution each. Each issued trial (any state)
 * uses up one set with the same values (numbers compare by value), so a set listed twice runs twice,
 * and after the last set the engine returns fewer proposals, then none. Values of parameters that the
 * study's space declares are normalized by it (e.g. 16.0 → 16 for an integer), which rejects invalid
 * values with a {@link SpaceException}; other keys are passed through.
 */
public final class ManualEngine implements Engine {

    private final List<Map<String, Object>> sets;

    public ManualEngine(List<Map<String, Object>> sets) {
        if (sets == null || sets.isEmpty()) {
            throw new SpaceException("parameter-sets", sets, "manual search needs at least one parameter set");
        }
        List<Map<String, Object>> copy = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Map<String, Object> s = sets.get(i);
            if (s == null || s.isEmpty()) {
                throw new SpaceException("parameter-sets[" + i + "]", s, "a parameter set needs at least one value");
            }
            copy.add(new LinkedHashMap<>(s));
        }
        this.sets = copy;
    }

    @Override
    public String name() {
        return "manual";
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        Map<Map<String, Object>, Integer> issued = new HashMap<>();
        for (Trial t : study.trials()) {
            issued.merge(key(t.point()), 1, Integer::sum);
        }
        List<Proposal> out = new ArrayList<>();
        for (int i = 0; i < sets.size() && out.size() < n; i++) {
            Map<String, Object> p = normalize(study, i, sets.get(i));
            Map<String, Object> k = key(p);
            Integer c = issued.get(k);
            if (c != null && c > 0) {
                issued.put(k, c - 1);
                continue;
            }
            out.add(new Proposal(p, Source.MANUAL));
        }
        return out;
    }

    private static Map<String, Object> normalize(Study study, int index, Map<String, Object> set) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : study.space().parameters()) {
            if (set.containsKey(p.name())) {
                try {
                    out.put(p.name(), p.normalize(set.get(p.name())));
                } catch (SpaceException e) {
                    throw new SpaceException("parameter-sets[" + index + "]." + p.name(), set.get(p.name()), e.getMessage());
                }
            }
        }
        for (Map.Entry<String, Object> e : set.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Map<String, Object> key(Map<String, Object> point) {
        Map<String, Object> k = new HashMap<>();
        for (Map.Entry<String, Object> e : point.entrySet()) {
            k.put(e.getKey(), Values.identity(e.getValue()));
        }
        return k;
    }
}
