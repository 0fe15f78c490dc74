package io.parzen.bench.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Protocols for a cluster (issue 12), beside the shared suite's P1 (50 executions in batches of 5) and P2 (100 in
 * batches of 10), with the same 20 random start-up executions as Parzen's default:
 * <ul>
 *   <li>{@code P3}: 200 executions in synchronous batches of 20 (a wide cluster, few rounds);</li>
 *   <li>{@code P4}: 100 executions, 10 in flight, each finished one replaced by one new proposal that knows the
 *       9 still running (asynchronous; the finishing order comes from seeded random durations).</li>
 * </ul>
 * They are defined here, not in {@code shared/bench/problems.json}, which the reference results belong to.
 */
public final class ClusterProtocols {

    public static final Problem.Protocol P3 = new Problem.Protocol("P3", 200, 20, 20, false);
    public static final Problem.Protocol P4 = new Problem.Protocol("P4", 100, 10, 20, true);

    private static final Map<String, Problem.Protocol> BY_NAME = new TreeMap<>(Map.of("P3", P3, "P4", P4));

    private ClusterProtocols() {
    }

    /**
     * The named protocols for {@code problem}: those of the problems file by name, P3 and P4 from here.
     *
     * @throws IllegalArgumentException naming the protocol and what is allowed
     */
    public static List<Problem.Protocol> select(Problem problem, List<String> names) {
        List<Problem.Protocol> chosen = new ArrayList<>();
        for (String name : names) {
            Problem.Protocol p = problem.protocols().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElse(BY_NAME.get(name));
            if (p == null) {
                List<String> allowed = new ArrayList<>(problem.protocols().stream().map(Problem.Protocol::name).toList());
                allowed.addAll(BY_NAME.keySet());
                throw new IllegalArgumentException("--protocols: unknown protocol '" + name + "' for problem "
                        + problem.name() + "; allowed: " + String.join(", ", allowed));
            }
            chosen.add(p);
        }
        return chosen;
    }
}
