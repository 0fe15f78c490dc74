package io.parzen.bench.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import java.util.ArrayList;
import java.util.List;

/**
 * One problem of a benchmark problems file (the format of {@code shared/bench/problems.json}): its
 * search space, the metric and direction, the known optimum and the protocols to run.
 */
public record Problem(String name, String direction, String metric, Double knownOptimum, SearchSpace space,
        List<Protocol> protocols) {

    /**
     * A budget: {@code maxExecutions} points, the first {@code randomStartup} random. Synchronous: in rounds of
     * {@code batchSize}, each proposed without seeing any result of it. {@code asynchronous}: {@code batchSize}
     * executions in flight, and each time one finishes ONE new point is proposed knowing the others still running
     * (see {@link io.parzen.bench.quality.AsynchronousRun}).
     */
    public record Protocol(String name, int maxExecutions, int batchSize, int randomStartup, boolean asynchronous) {

        /** A synchronous protocol (the shared suite's P1 and P2). */
        public Protocol(String name, int maxExecutions, int batchSize, int randomStartup) {
            this(name, maxExecutions, batchSize, randomStartup, false);
        }
    }

    /** This problem with other protocols. */
    public Problem withProtocols(List<Protocol> other) {
        return new Problem(name, direction, metric, knownOptimum, space, List.copyOf(other));
    }

    public boolean minimize() {
        return "minimize".equals(direction);
    }

    /** The value an engine minimizes for an objective value. */
    public double loss(double value) {
        return minimize() ? value : -value;
    }

    /** Whether {@code a} is better than {@code b} in the problem's direction. */
    public boolean better(double a, double b) {
        return minimize() ? a < b : a > b;
    }

    static Problem fromJson(JsonNode node) {
        List<Parameter> params = new ArrayList<>();
        for (JsonNode p : node.get("parameters")) {
            params.add(parameter(p));
        }
        List<Protocol> protocols = new ArrayList<>();
        for (JsonNode p : node.get("protocols")) {
            protocols.add(new Protocol(p.get("name").asText(), p.get("max_executions").asInt(),
                    p.get("batch_size").asInt(), p.get("random_startup").asInt()));
        }
        JsonNode opt = node.get("known_optimum");
        return new Problem(node.get("name").asText(), node.get("direction").asText(), node.get("metric").asText(),
                opt == null || opt.isNull() ? null : opt.asDouble(), new SearchSpace(params), protocols);
    }

    private static Parameter parameter(JsonNode p) {
        String name = p.get("name").asText();
        String distribution = p.get("distribution").asText();
        Double qStep = p.hasNonNull("qstep") ? p.get("qstep").asDouble() : null;
        return switch (distribution) {
            case "uniform" -> new Uniform(name, p.get("min").asDouble(), p.get("max").asDouble(), qStep);
            case "loguniform" -> {
                if (p.hasNonNull("base") && p.get("base").asDouble() != 10) {
                    throw new IllegalArgumentException(name + ": only base 10 log-uniform parameters are supported");
                }
                yield new LogUniform(name, p.get("min").asDouble(), p.get("max").asDouble(), qStep);
            }
            case "integer" -> new IntegerParameter(name, p.get("min").asLong(), p.get("max").asLong(),
                    qStep == null ? 1 : Math.round(qStep));
            case "categorical" -> {
                List<Object> values = new ArrayList<>();
                p.get("categories").forEach(c -> values.add(c.isNumber() ? c.numberValue()
                        : c.isBoolean() ? c.booleanValue() : c.asText()));
                yield new Categorical(name, values);
            }
            default -> throw new IllegalArgumentException(name + ": unknown distribution '" + distribution
                    + "'; allowed: uniform, loguniform, integer, categorical");
        };
    }
}
