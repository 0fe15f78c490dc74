package io.parzen.optimizer.engine.random;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.support.Issued;
import io.parzen.optimizer.engine.support.RandomSampling;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded uniform random search. Each point is drawn independently as {@link RandomSampling} describes
 * (uniform; 10^U for Log Uniform; equal weight per grid point for integers and Q.Step parameters, like
 * Optuna's {@code RandomSampler}; uniform categories). A draw that equals an issued point (complete,
 * pending or failed, or earlier in the batch) is redrawn; on a nearly exhausted finite space the
 * remaining points are enumerated and one is picked uniformly; on an exhausted space fewer (or no)
 * points are returned.
 */
public final class RandomEngine implements Engine {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        Codec codec = new Codec(study.space());
        Issued issued = new Issued(codec, study);
        List<Proposal> out = new ArrayList<>(Math.max(0, n));
        for (int i = 0; i < n; i++) {
            double[] c = issued.randomUnissued(random);
            if (c == null) {
                break;
            }
            issued.add(c);
            out.add(new Proposal(codec.decode(c), Source.RANDOM));
        }
        return out;
    }
}
