package io.parzen.optimizer.bench;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Prints median best-so-far at 20/25/30/50 and the first-model-batch improvement ratio. */
public final class Curves {
    public static void main(String[] args) {
        String engine = args[0];
        int seeds = Integer.parseInt(args[1]);
        for (BenchProblems.Problem pr : BenchProblems.all()) {
            if (args.length > 2 && !args[2].contains(pr.name())) {
                continue;
            }
            double[][] c = new double[seeds][];
            for (int s = 0; s < seeds; s++) {
                Engine e = Engines.byName(engine, 20, s);
                RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(s);
                List<Trial> trials = new ArrayList<>();
                double[] curve = new double[50];
                double b = Double.POSITIVE_INFINITY;
                while (trials.size() < 50) {
                    List<Proposal> ps = e.propose(new Study(pr.space(), trials), 5, r);
                    List<Trial> round = new ArrayList<>();
                    for (Proposal p : ps) {
                        round.add(Trial.pending(trials.size() + round.size() + 1, p.point()));
                    }
                    for (Trial t : round) {
                        double loss = pr.loss(t.point());
                        b = Math.min(b, loss);
                        curve[trials.size()] = b;
                        trials.add(t.complete(loss));
                    }
                }
                c[s] = curve;
            }
            StringBuilder sb = new StringBuilder(pr.name());
            for (int at : new int[] {20, 25, 30, 50}) {
                double[] v = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    v[s] = c[s][at - 1];
                }
                Arrays.sort(v);
                sb.append(" b").append(at).append(' ').append(String.format("%.4g", v[seeds / 2]));
            }
            double[] ratio = new double[seeds];
            int improved = 0;
            for (int s = 0; s < seeds; s++) {
                ratio[s] = c[s][24] / c[s][19];
                if (c[s][24] < c[s][19]) {
                    improved++;
                }
            }
            Arrays.sort(ratio);
            sb.append(" ratio ").append(String.format("%.3f", ratio[seeds / 2])).append(" improved ").append(improved);
            System.out.println(sb);
        }
    }
}
