package io.parzen.bench.multiobjective;

import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The multi-objective test problems with known Pareto fronts, every objective minimised, all variables
 * in [0, 1]:
 *
 * <ul>
 *   <li><b>ZDT1</b>, <b>ZDT2</b> (Zitzler, Deb &amp; Thiele, "Comparison of multiobjective evolutionary
 *       algorithms: empirical results", Evolutionary Computation 8(2), 2000), 30 variables:
 *       {@code f1 = x1}, {@code g = 1 + 9·Σ(x2..x30)/29}, {@code f2 = g·(1 − √(f1/g))} (ZDT1, convex
 *       front {@code f2 = 1 − √f1}) or {@code f2 = g·(1 − (f1/g)²)} (ZDT2, concave front
 *       {@code f2 = 1 − f1²});</li>
 *   <li><b>DTLZ2</b> (Deb, Thiele, Laumanns &amp; Zitzler, "Scalable test problems for evolutionary
 *       multiobjective optimization", 2005), 3 objectives, k = 10, 12 variables:
 *       {@code g = Σ(x3..x12 − 0.5)²}, {@code f1 = (1+g)·cos(x1·π/2)·cos(x2·π/2)},
 *       {@code f2 = (1+g)·cos(x1·π/2)·sin(x2·π/2)}, {@code f3 = (1+g)·sin(x1·π/2)}; front: the unit
 *       sphere's positive octant.</li>
 * </ul>
 *
 * <p>Reference point: 10% beyond the worst value each objective can take (ZDT: f1 ≤ 1, f2 ≤ 10 →
 * (1.1, 11); DTLZ2: fᵢ ≤ 1 + g ≤ 3.5 → 3.85 each), so every evaluated point counts; the hypervolume of
 * the true front against it is given in closed form.
 */
public enum MultiObjectiveProblem {

    ZDT1(30, new double[] {1.1, 11}) {
        @Override
        double[] evaluate(double[] x) {
            double g = zdtG(x);
            return new double[] {x[0], g * (1 - Math.sqrt(x[0] / g))};
        }

        @Override
        double frontHypervolume() {
            // ∫0..1 (11 − (1 − √x)) dx + 0.1·11
            return 11 - 1 + 2.0 / 3 + 1.1;
        }
    },
    ZDT2(30, new double[] {1.1, 11}) {
        @Override
        double[] evaluate(double[] x) {
            double g = zdtG(x);
            double r = x[0] / g;
            return new double[] {x[0], g * (1 - r * r)};
        }

        @Override
        double frontHypervolume() {
            // ∫0..1 (11 − (1 − x²)) dx + 0.1·11
            return 11 - 1 + 1.0 / 3 + 1.1;
        }
    },
    DTLZ2(12, new double[] {3.85, 3.85, 3.85}) {
        @Override
        double[] evaluate(double[] x) {
            double g = 0;
            for (int i = 2; i < x.length; i++) {
                g += (x[i] - 0.5) * (x[i] - 0.5);
            }
            double a = x[0] * Math.PI / 2;
            double b = x[1] * Math.PI / 2;
            return new double[] {(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)};
        }

        @Override
        double frontHypervolume() {
            // the box minus the unit ball's positive octant (π/6)
            return 3.85 * 3.85 * 3.85 - Math.PI / 6;
        }
    };

    final int variables;
    final double[] reference;

    MultiObjectiveProblem(int variables, double[] reference) {
        this.variables = variables;
        this.reference = reference;
    }

    abstract double[] evaluate(double[] x);

    /** The hypervolume of the true Pareto front against {@link #reference}. */
    abstract double frontHypervolume();

    static double zdtG(double[] x) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += x[i];
        }
        return 1 + 9 * s / (x.length - 1);
    }

    SearchSpace space() {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            ps.add(new Uniform(String.format("x%02d", i), 0, 1, null));
        }
        return SearchSpace.of(ps.toArray(new Parameter[0]));
    }

    double[] evaluate(Map<String, Object> point) {
        double[] x = new double[variables];
        for (int i = 0; i < variables; i++) {
            x[i] = ((Number) point.get(String.format("x%02d", i))).doubleValue();
        }
        return evaluate(x);
    }
}
