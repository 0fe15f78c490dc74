package io.parzen.task.validation;

import io.parzen.events.ParameterSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * How many executions a grid has: the product of its parameters' value counts. The one count of
 * task-service, for tasks posted as JSON ({@link TaskSpecNormalizer}) and for valohai.yaml blueprints
 * alike (the optimizer enumerates the grid itself).
 */
public final class GridSize {

    private GridSize() {
    }

    /**
     * The grid size of a task's parameters, or 0 when there are none or some parameter's count
     * cannot be told (the validator then reports what is missing).
     */
    public static long of(List<ParameterSpec> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return 0;
        }
        return product(parameters.stream()
                .mapToLong(p -> p == null ? 0 : values(p.style(), p.rules())));
    }

    /**
     * The product of value counts: 0 when one of them is 0 (unknown or invalid), 1 for none, and
     * {@link Long#MAX_VALUE} when it would overflow (the execution-count limit then reports it).
     */
    public static long product(LongStream counts) {
        long size = 1;
        for (long n : (Iterable<Long>) counts::iterator) {
            if (n <= 0) {
                return 0;
            }
            if (size > Long.MAX_VALUE / n) {
                return Long.MAX_VALUE;
            }
            size *= n;
        }
        return size;
    }

    /**
     * How many values a grid parameter of {@code style} with {@code rules} expands to (integerify may
     * drop duplicates later), or 0 when unknown or invalid. A linear range of more values than a long
     * holds counts as {@code Long.MAX_VALUE / 2}.
     */
    public static long values(String style, Map<String, ?> rules) {
        if (style == null) {
            return 0;
        }
        Map<String, ?> r = rules == null ? Map.of() : rules;
        switch (style) {
            case "single":
                return 1;
            case "multiple":
                return r.get("items") instanceof Collection<?> c ? c.size() : 0;
            case "linear": {
                Double start = number(r.get("start"));
                Double end = number(r.get("end"));
                Double step = number(r.get("step"));
                if (start == null || end == null || step == null || !(step > 0) || end < start) {
                    return 0;
                }
                double n = Math.floor((end - start) / step + 1e-9) + 1;
                return n > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) n;
            }
            case "logspace":
            case "random": {
                Double count = number(r.get("count"));
                return count == null || count < 1 ? 0 : count.longValue();
            }
            default:
                return 0;
        }
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
