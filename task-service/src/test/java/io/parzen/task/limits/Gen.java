package io.parzen.task.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A generator of test values: a function of a {@link SplittableRandom}, so the same seed gives the
 * same values. Our own small replacement for a property-based testing library (see
 * {@link Properties} for the runner and docs/limits.md for why we do not use jqwik). There is no
 * shrinking: a failure reports its seed and the whole sample instead.
 */
@FunctionalInterface
interface Gen<T> {

    T next(SplittableRandom random);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(next(r));
    }

    /** Only the values that pass {@code p}; fails after 10,000 misses in a row. */
    default Gen<T> filter(Predicate<? super T> p) {
        return r -> {
            for (int i = 0; i < 10_000; i++) {
                T t = next(r);
                if (p.test(t)) {
                    return t;
                }
            }
            throw new IllegalStateException("Gen.filter: 10,000 values in a row rejected");
        };
    }

    /**
     * Lists of {@code min} to {@code max} values. Half of the sizes are taken from the lowest tenth
     * of the range and some are exactly {@code min} or {@code max}, so short and longest lists both
     * come up often.
     */
    default Gen<List<T>> list(int min, int max) {
        Gen<Integer> size = sizes(min, max);
        return r -> {
            int n = size.next(r);
            List<T> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(next(r));
            }
            return l;
        };
    }

    /** An endless stream of values from {@code seed} (sequential: the random is not thread-safe). */
    default Stream<T> stream(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return Stream.generate(() -> next(r));
    }

    // ------------------------------------------------------------------ constructors

    static <T> Gen<T> constant(T value) {
        return r -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    /** A generator with its weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One of the generators, each picked in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return r -> {
            int pick = r.nextInt(total);
            for (Weighted<? extends T> w : copy) {
                pick -= w.weight();
                if (pick < 0) {
                    return w.gen().next(r);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return r -> {
            A x = a.next(r);
            return f.apply(x, b.next(r));
        };
    }

    interface Function3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    static <A, B, C, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, Function3<? super A, ? super B, ? super C, ? extends R> f) {
        return r -> {
            A x = a.next(r);
            B y = b.next(r);
            return f.apply(x, y, c.next(r));
        };
    }

    // ------------------------------------------------------------------ numbers

    /** Integers from {@code min} to {@code max}, both included; one in eight is {@code min} or {@code max}. */
    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Longs from {@code min} to {@code max}, both included; one in eight is {@code min} or {@code max}. */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        return r -> {
            int edge = r.nextInt(16);
            if (edge == 0) {
                return min;
            }
            if (edge == 1) {
                return max;
            }
            return max == Long.MAX_VALUE ? r.nextLong(min, max) : r.nextLong(min, max + 1);
        };
    }

    private static Gen<Integer> sizes(int min, int max) {
        int low = min + Math.max(0, (max - min) / 10);
        Gen<Integer> small = ints(min, low);
        Gen<Integer> any = ints(min, max);
        return r -> r.nextBoolean() ? small.next(r) : any.next(r);
    }

    /** Doubles that are not finite, huge, tiny or edge cases beside ordinary ones. */
    static Gen<Double> doubles() {
        Gen<Double> special = of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0,
                -1.0, 1e308, -1e308, Math.nextDown(Double.MAX_VALUE));
        // every bit pattern: all exponents, all NaN payloads
        Gen<Double> bits = r -> Double.longBitsToDouble(r.nextLong());
        Gen<Double> ordinary = r -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-6, 7));
        return frequency(weight(2, special), weight(2, bits), weight(3, ordinary));
    }

    // ------------------------------------------------------------------ text

    static Gen<Character> chars(String alphabet) {
        return r -> alphabet.charAt(r.nextInt(alphabet.length()));
    }

    static Gen<Character> charRange(char from, char to) {
        return r -> (char) r.nextInt(from, to + 1);
    }

    static Gen<Character> alphanumeric() {
        return chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    }

    /**
     * Any UTF-16 code unit: ASCII, control characters, Latin-1, any BMP character including lone
     * surrogates and non-characters.
     */
    static Gen<Character> unicodeChars() {
        return frequency(weight(3, charRange(' ', '~')), weight(1, charRange('\u0000', '\u001F')),
                weight(1, charRange('\u0080', '\u00FF')), weight(2, charRange('\u0000', '\uFFFF')),
                weight(1, of('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\uFEFF', '\u2028',
                        '\u0000', '"', '\\')));
    }

    /** Strings of {@code min} to {@code max} characters; astral code points (surrogate pairs) come up too. */
    static Gen<String> strings(Gen<Character> chars, int min, int max) {
        Gen<Integer> size = sizes(min, max);
        return r -> {
            int n = size.next(r);
            StringBuilder s = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                s.append(chars.next(r));
            }
            return s.toString();
        };
    }

    /** Unicode strings, with astral characters (emoji, CJK extension B) mixed in. */
    static Gen<String> unicodeStrings(int min, int max) {
        Gen<String> plain = strings(unicodeChars(), min, max);
        return r -> {
            String s = plain.next(r);
            if (s.isEmpty() || r.nextInt(4) != 0) {
                return s;
            }
            // replace a character with a surrogate pair: the length stays within max only if max allows
            int at = r.nextInt(s.length());
            String astral = new String(Character.toChars(r.nextInt(0x10000, 0x110000)));
            String t = s.substring(0, at) + astral + s.substring(at + 1);
            return t.length() <= max ? t : s;
        };
    }

    /**
     * Byte sequences that are never valid UTF-8 whatever comes next, provided the next byte is ASCII:
     * a continuation byte without a lead byte, a byte that never starts a character (0xF8–0xFF), a
     * lead byte with too few continuation bytes (followed by an ASCII byte), and two fixed classics.
     */
    static Gen<byte[]> badUtf8() {
        Gen<byte[]> strayContinuation = r -> new byte[] {(byte) r.nextInt(0x80, 0xC0)};
        Gen<byte[]> neverStarts = r -> new byte[] {(byte) r.nextInt(0xF8, 0x100)};
        Gen<byte[]> truncated = r -> {
            int needs = r.nextInt(1, 4); // continuation bytes the lead byte announces
            int lead = switch (needs) {
                case 1 -> r.nextInt(0xC2, 0xE0);
                case 2 -> r.nextInt(0xE0, 0xF0);
                default -> r.nextInt(0xF0, 0xF5);
            };
            int given = r.nextInt(0, needs);
            byte[] b = new byte[1 + given + 1];
            b[0] = (byte) lead;
            for (int i = 1; i <= given; i++) {
                b[i] = (byte) r.nextInt(0xA0, 0xC0); // in range for every lead byte (E0 and F0 included)
            }
            b[b.length - 1] = (byte) r.nextInt(0x21, 0x7F); // an ASCII byte where a continuation must be
            return b;
        };
        Gen<byte[]> classics = of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xE2, (byte) 0x82, 0x28}, new byte[] {(byte) 0xF0, (byte) 0x28, (byte) 0x8C},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFE, (byte) 0xFE});
        return oneOf(strayContinuation, neverStarts, truncated, classics);
    }
}
