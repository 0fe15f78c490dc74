package io.parzen.optimizer.bench;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Runs the benchmark protocol on the Java ports: {@code java ... BenchRun optuna,random [seeds]}.
 * Prints median [IQR] of the final best per problem and protocol (the values, as in summary.md).
 */
public final class BenchRun {

    static int AT = Integer.getInteger("at", 25);
    static double[] atBest = new double[1000];

    public static double[] run(String engine, BenchProblems.Problem pr, int budget, int batch, int seeds) {
        double[] best = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Engine e = Engines.byName(engine, 20, s);
            RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(s);
            List<Trial> trials = new ArrayList<>();
            double b = Double.POSITIVE_INFINITY;
            int batchNo = 0;
            while (trials.size() < budget) {
                batchNo++;
                if (System.getenv("BATCHSEED") != null) {
                    // like the service: a fresh SplittableRandom per batch from (seed, batch)
                    long z = s + 0x9e3779b97f4a7c15L * (batchNo + 1L);
                    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                    r = new java.util.SplittableRandom(z ^ (z >>> 31));
                }
                List<Proposal> ps = e.propose(new Study(pr.space(), trials), Math.min(batch, budget - trials.size()), r);
                List<Trial> round = new ArrayList<>();
                for (Proposal p : ps) {
                    round.add(Trial.pending(trials.size() + round.size() + 1, p.point()));
                }
                for (Trial t : round) {
                    double loss = pr.loss(t.point());
                    b = Math.min(b, loss);
                    trials.add(t.complete(loss));
                    if (trials.size() == AT) {
                        atBest[s] = pr.maximize() ? -b : b;
                    }
                }
            }
            best[s] = pr.maximize() ? -b : b;
        }
        return best;
    }

    static double q(double[] s, double p) {
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    public static void main(String[] args) {
        String[] engines = (args.length > 0 ? args[0] : "optuna,random").split(",");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String only = args.length > 2 ? args[2] : null;
        for (BenchProblems.Problem pr : BenchProblems.all()) {
            if (only != null && !only.contains(pr.name())) {
                continue;
            }
            for (int[] proto : new int[][] {{50, 5}, {100, 10}}) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s P%d", pr.name(), proto[0] == 50 ? 1 : 2));
                for (String en : engines) {
                    double[] b = run(en, pr, proto[0], proto[1], seeds);
                    if (System.getenv("AT") != null) {
                        double[] a = Arrays.copyOf(atBest, seeds);
                        Arrays.sort(a);
                        System.out.println("AT " + AT + " " + pr.name() + " " + en + " median " + q(a, .5));
                    }
                    if (System.getenv("DUMP") != null) {
                        System.out.println("DUMP " + pr.name() + " P" + (proto[0] == 50 ? 1 : 2) + " " + en + " " + Arrays.toString(b));
                    }
                    Arrays.sort(b);
                    sb.append(String.format(Locale.ROOT, " | %s %.4g [%.4g, %.4g]", en, q(b, .5), q(b, .25), q(b, .75)));
                }
                System.out.println(sb);
            }
        }
    }
}
