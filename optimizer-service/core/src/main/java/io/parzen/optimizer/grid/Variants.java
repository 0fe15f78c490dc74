package io.parzen.optimizer.grid;

import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.space.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Expands one {@link VariantParameter} into its list of values, following Valohai's variant styles
 * ({@code valohai-tasks.md} §2.3). Numbers come out as {@link Long} when integral by construction
 * (integer inputs to {@code single}/{@code multiple}, {@code linear} with integral start and step,
 * {@code integerify}, {@code random} with {@code distribution: integer}) and as {@link Double} otherwise;
 * strings and booleans are kept.
 *
 * <ul>
 *   <li>{@code single}: {@code value}. An empty or missing style means single.</li>
 *   <li>{@code multiple}: {@code items} (numbers, strings, booleans; a list of them is one value, for a
 *       Valohai {@code multiple} parameter).</li>
 *   <li>{@code linear}: {@code start}, {@code end}, {@code step} ({@code min}/{@code max} are aliases of
 *       start/end): start, start+step, ... up to and including end when end is on the grid. Computed in
 *       decimal arithmetic on the numbers as written, so 0.8→0.9 step 0.01 gives 11 values and ends at
 *       0.9 exactly. A negative step counts down (end &lt; start).</li>
 *   <li>{@code logspace}: {@code start}, {@code end}, {@code count}, {@code base} (default 10;
 *       {@code min}/{@code max} are aliases): base^x for count values x evenly spaced on [start, end]
 *       (numpy.logspace).</li>
 *   <li>{@code random}: {@code count} draws in [min, max] from {@code distribution}: {@code uniform}
 *       (default), {@code loguniform} (min and max are exponents: base^U(min, max), base default 10, as
 *       for Parzen's Log Uniform parameters) or {@code integer} (uniform over the integers in [min, max]).
 *       {@code seed} fixes the draws; without it the seed is derived from the task seed and the parameter
 *       name, so the list is the same every time the task's grid is expanded.</li>
 * </ul>
 * Flags: {@code integerify} rounds every number down to a {@link Long} ("Round down and remove
 * duplicates"); {@code numberify} turns numeric strings into numbers. Repeated values in a list are
 * dropped (first occurrence kept), so every grid point is distinct. A list is limited to
 * {@value #MAX_VALUES} values.
 */
public final class Variants {

    /** Largest number of values one variant parameter may expand to. */
    public static final int MAX_VALUES = 100_000;

    static final Set<String> RULES = Set.of("value", "start", "end", "step", "min", "max", "count", "base", "seed",
            "distribution", "integerify", "numberify", "items");
    static final List<String> STYLES = List.of("single", "multiple", "linear", "logspace", "random");

    private Variants() {
    }

    /** The values of a variant parameter; {@code taskSeed} seeds {@code random} styles without a seed. */
    public static List<Object> expand(VariantParameter v, long taskSeed) {
        if (v == null || v.name() == null || v.name().isBlank()) {
            throw new SpaceException("name", v == null ? null : v.name(), "a variant parameter needs a non-empty name");
        }
        String name = v.name();
        Map<String, Object> rules = v.rules() == null ? Map.of() : v.rules();
        for (String key : rules.keySet()) {
            if (!RULES.contains(key)) {
                throw new SpaceException(name + ".rules." + key, rules.get(key), "allowed rules are " + new java.util.TreeSet<>(RULES));
            }
        }
        String style = v.style() == null || v.style().isBlank() ? "single" : v.style().trim().toLowerCase(Locale.ROOT);
        Rules r = new Rules(name, rules);
        List<Object> values;
        switch (style) {
            case "single" -> values = new ArrayList<>(List.of(r.scalar("value")));
            case "multiple" -> values = r.items();
            case "linear" -> values = linear(r);
            case "logspace" -> values = logspace(r);
            case "random" -> values = random(r, taskSeed);
            default -> throw new SpaceException(name + ".style", v.style(), "allowed styles are " + STYLES);
        }
        if (r.flag("numberify")) {
            values = numberify(r, values);
        }
        if (r.flag("integerify")) {
            values = integerify(r, values);
        }
        values = distinct(values);
        if (values.isEmpty()) {
            throw new SpaceException(name + ".rules", rules, "the rules give no value");
        }
        return values;
    }

    private static List<Object> linear(Rules r) {
        BigDecimal start = r.decimal("start", "min");
        BigDecimal end = r.decimal("end", "max");
        BigDecimal step = r.decimal("step", null);
        if (step.signum() == 0) {
            throw new SpaceException(r.field("step"), step, "the step must not be zero");
        }
        BigDecimal span = end.subtract(start);
        if (span.signum() != 0 && span.signum() != step.signum()) {
            throw new SpaceException(r.field("step"), step,
                    "the step must lead from start " + start + " to end " + end + " (use a " + (span.signum() > 0 ? "positive" : "negative") + " step)");
        }
        BigInteger steps = span.divide(step, 0, RoundingMode.FLOOR).toBigInteger();
        if (steps.compareTo(BigInteger.valueOf(MAX_VALUES - 1)) > 0) {
            throw new SpaceException(r.field("step"), step, "the range gives more than " + MAX_VALUES + " values; use a larger step");
        }
        boolean integral = isIntegral(start) && isIntegral(step);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i <= steps.intValue(); i++) {
            BigDecimal x = start.add(step.multiply(BigDecimal.valueOf(i)));
            out.add(integral ? (Object) x.longValueExact() : (Object) x.doubleValue());
        }
        return out;
    }

    private static List<Object> logspace(Rules r) {
        double start = r.number("start", "min");
        double end = r.number("end", "max");
        long count = r.count();
        double base = r.has("base") ? r.number("base", null) : 10.0;
        if (!(base > 0) || base == 1) {
            throw new SpaceException(r.field("base"), base, "the base must be a positive number other than 1");
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            double x = count == 1 ? start : start + (end - start) * i / (count - 1);
            if (i == count - 1) {
                x = end;
            }
            double y = Math.pow(base, x);
            if (!Double.isFinite(y)) {
                throw new SpaceException(r.field("end"), end, "base^end must be a finite number");
            }
            out.add(y);
        }
        return out;
    }

    private static List<Object> random(Rules r, long taskSeed) {
        double min = r.number("min", "start");
        double max = r.number("max", "end");
        if (!(min <= max)) {
            throw new SpaceException(r.field("min"), min, "min must not exceed max (" + max + ")");
        }
        long count = r.count();
        String dist = r.has("distribution") ? String.valueOf(r.rules.get("distribution")).trim().toLowerCase(Locale.ROOT) : "uniform";
        long seed = r.has("seed") ? (long) r.number("seed", null) : mix(taskSeed, r.name.hashCode());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Object> out = new ArrayList<>();
        switch (dist) {
            case "uniform" -> {
                for (long i = 0; i < count; i++) {
                    out.add(Math.min(max, min + rnd.nextDouble() * (max - min)));
                }
            }
            case "loguniform", "log_uniform", "log-uniform" -> {
                double base = r.has("base") ? r.number("base", null) : 10.0;
                if (!(base > 0) || base == 1) {
                    throw new SpaceException(r.field("base"), base, "the base must be a positive number other than 1");
                }
                double lo = Math.pow(base, min);
                double hi = Math.pow(base, max);
                for (long i = 0; i < count; i++) {
                    double v = Math.pow(base, min + rnd.nextDouble() * (max - min));
                    out.add(Math.max(Math.min(lo, hi), Math.min(Math.max(lo, hi), v)));
                }
            }
            case "integer" -> {
                long lo = (long) Math.ceil(min);
                long hi = (long) Math.floor(max);
                if (lo > hi) {
                    throw new SpaceException(r.field("min"), min, "no integer lies in [" + min + ", " + max + "]");
                }
                for (long i = 0; i < count; i++) {
                    out.add(lo + rnd.nextLong(hi - lo + 1));
                }
            }
            default -> throw new SpaceException(r.field("distribution"), r.rules.get("distribution"),
                    "allowed distributions are [uniform, loguniform, integer]");
        }
        return out;
    }

    private static List<Object> numberify(Rules r, List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v instanceof String s) {
                try {
                    BigDecimal d = new BigDecimal(s.trim());
                    out.add(isIntegral(d) && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0 ? (Object) d.longValue() : (Object) d.doubleValue());
                } catch (NumberFormatException e) {
                    throw new SpaceException(r.field("numberify"), s, "numberify needs values that are numbers, e.g. \"0.5\"");
                }
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static List<Object> integerify(Rules r, List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v instanceof Number n) {
                double d = Math.floor(n.doubleValue());
                if (!(Math.abs(d) < 9.0e18)) {
                    throw new SpaceException(r.field("integerify"), v, "integerify needs numbers within the 64-bit integer range");
                }
                out.add(n instanceof Long ? n : (Object) (long) d);
            } else {
                throw new SpaceException(r.field("integerify"), v, "integerify applies to numbers only");
            }
        }
        return out;
    }

    /** Drops repeated values (numbers compare by numeric value), keeping the first. */
    static List<Object> distinct(List<Object> values) {
        Set<Object> seen = new LinkedHashSet<>();
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            if (seen.add(identity(v))) {
                out.add(v);
            }
        }
        return out;
    }

    /** A value's identity for comparisons: numbers by their double value, lists item by item. */
    static Object identity(Object v) {
        return Values.identity(v);
    }

    /** Integral numbers become Long, other numbers Double; strings and booleans are kept. */
    static Object normalize(String field, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new SpaceException(field, v, "integers must fit in 64 bits");
            }
        }
        if (v instanceof BigDecimal || v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new SpaceException(field, v, "numbers must be finite");
            }
            return d;
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof List<?> list) {
            // the value of a Valohai 'multiple' parameter: a list of scalars, each normalized
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item instanceof List) {
                    throw new SpaceException(field, v, "a list value holds numbers, strings or booleans, not lists");
                }
                out.add(normalize(field, item));
            }
            return List.copyOf(out);
        }
        throw new SpaceException(field, v, "values must be numbers, strings or booleans, or lists of them");
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Typed access to the rules with messages naming the rule. */
    private static final class Rules {
        final String name;
        final Map<String, Object> rules;

        Rules(String name, Map<String, Object> rules) {
            this.name = name;
            this.rules = rules;
        }

        String field(String key) {
            return name + ".rules." + key;
        }

        boolean has(String key) {
            return rules.get(key) != null;
        }

        String pick(String key, String alias) {
            if (has(key)) {
                return key;
            }
            if (alias != null && has(alias)) {
                return alias;
            }
            throw new SpaceException(field(key), null, "the rule " + key + (alias == null ? "" : " (or " + alias + ")") + " is required");
        }

        Object scalar(String key) {
            if (!rules.containsKey(key)) {
                throw new SpaceException(field(key), null, "the rule " + key + " is required");
            }
            Object v = rules.get(key);
            if (v == null) {
                throw new SpaceException(field(key), null, "a number, string or boolean is required");
            }
            return normalize(field(key), v);
        }

        List<Object> items() {
            Object v = rules.get("items");
            if (!(v instanceof List<?> list) || list.isEmpty()) {
                throw new SpaceException(field("items"), v, "a non-empty list of numbers, strings or booleans is required");
            }
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(normalize(field("items"), item));
            }
            return out;
        }

        double number(String key, String alias) {
            String k = pick(key, alias);
            Object v = rules.get(k);
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            throw new SpaceException(field(k), v, "a finite number is required");
        }

        BigDecimal decimal(String key, String alias) {
            String k = pick(key, alias);
            Object v = rules.get(k);
            if (v instanceof BigDecimal d) {
                return d;
            }
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return BigDecimal.valueOf(((Number) v).longValue());
            }
            if (v instanceof BigInteger b) {
                return new BigDecimal(b);
            }
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                return BigDecimal.valueOf(n.doubleValue());
            }
            throw new SpaceException(field(k), v, "a finite number is required");
        }

        long count() {
            Object v = rules.get("count");
            if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() == Math.floor(n.doubleValue())) {
                if (n.doubleValue() > MAX_VALUES) {
                    throw new SpaceException(field("count"), v, "at most " + MAX_VALUES + " values are allowed");
                }
                return n.longValue();
            }
            throw new SpaceException(field("count"), v, "a positive whole number is required");
        }

        boolean flag(String key) {
            Object v = rules.get(key);
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new SpaceException(field(key), v, "true or false is required");
        }
    }
}
