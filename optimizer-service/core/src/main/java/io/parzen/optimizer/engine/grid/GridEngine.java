package io.parzen.optimizer.engine.grid;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.grid.Grid;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Grid search: the points of a {@link Grid} in order (last parameter fastest), one proposal per point.
 * A point already issued in the study (in any state) is never proposed again; after the last point
 * the engine returns fewer proposals, then none. The random generator is not used.
 */
public final class GridEngine implements Engine {

    private final Grid grid;

    public GridEngine(Grid grid) {
        this.grid = grid;
    }

    public Grid grid() {
        return grid;
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        Map<List<Object>, Integer> issued = new HashMap<>();
        for (Trial t : study.trials()) {
            issued.merge(grid.key(t.point()), 1, Integer::sum);
        }
        List<Proposal> out = new ArrayList<>();
        for (long i = 0; i < grid.size() && out.size() < n; i++) {
            Map<String, Object> p = grid.point(i);
            List<Object> key = grid.key(p);
            Integer c = issued.get(key);
            if (c != null && c > 0) {
                issued.put(key, c - 1);
                continue;
            }
            out.add(new Proposal(p, Source.GRID));
        }
        return out;
    }
}
