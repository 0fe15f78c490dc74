"""NumPy port of Optuna 5's multivariate TPE as /work/shared/reference/optimizers.md section 1 describes it
(continuous parameters only), run on rosenbrock4 with the benchmark protocol P1 (50 executions,
batches of 5, 20 random). Used to check the Java engine (io.parzen.optimizer.engine.tpe.OptunaTpeEngine)
and to explain the reference results.

    python3 optuna_tpe_port.py same 30    # TPE RandomState seeded like its RandomSampler (as Optuna does):
                                          # reproduces reference_results.json exactly on seeds 0..29
    python3 optuna_tpe_port.py indep 100  # an independent TPE stream (statistically what the Java engine does)

Needs numpy and scipy.
"""
import numpy as np, math, sys
from scipy.stats import truncnorm
from scipy.special import logsumexp, ndtr

def rosen(x):
    return sum(100*(x[i+1]-x[i]**2)**2 + (x[i]-1)**2 for i in range(len(x)-1))

def weights(m):
    if m < 25: return np.ones(m)
    return np.concatenate([np.linspace(1.0/m, 1.0, m-25), np.ones(25)])

def build(obs, lo, hi):
    # obs: (m, d)
    m, d = obs.shape
    w = np.append(weights(m), 1.0); w = w / w.sum()
    mus = np.zeros((m+1, d)); sig = np.zeros((m+1, d))
    for j in range(d):
        x = obs[:, j]
        if m == 1:
            s = np.array([max(x[0]-lo, hi-x[0])])
        elif m >= 2:
            idx = np.argsort(x, kind='stable'); sx = x[idx]
            ss = np.empty(m)
            for k in range(m):
                left = sx[k]-sx[k-1] if k > 0 else -np.inf
                right = sx[k+1]-sx[k] if k < m-1 else -np.inf
                ss[k] = max(left, right)
            s = np.empty(m); s[idx] = ss
        else:
            s = np.array([])
        s = np.clip(s, (hi-lo)/min(100, m+2), hi-lo)
        mus[:m, j] = x; mus[m, j] = 0.5*(lo+hi)
        sig[:m, j] = s; sig[m, j] = hi-lo
    return w, mus, sig

def logpdf(X, w, mus, sig, lo, hi):
    # X (n, d)
    a = (lo - mus)/sig; b = (hi - mus)/sig
    logZ = np.log(ndtr(b) - ndtr(a))  # (K, d)
    z = (X[:, None, :] - mus[None]) / sig[None]
    lp = -0.5*z*z - 0.5*np.log(2*np.pi) - np.log(sig)[None] - logZ[None]
    return logsumexp(np.log(w)[None] + lp.sum(axis=2), axis=1)

def sample2(rng, n, w, mus, sig, lo, hi):
    K, d = mus.shape
    act = np.cumsum(w).searchsorted(rng.random_sample(n), side='right')
    act = np.minimum(act, K-1)
    U = rng.uniform(0, 1, (d, n))
    out = np.empty((n, d))
    for j in range(d):
        m = mus[act, j]; s = sig[act, j]
        out[:, j] = truncnorm.ppf(U[j], (lo-m)/s, (hi-m)/s) * s + m
    return out
def run(seed, mode, d=4, lo=-5.0, hi=10.0, budget=50, batch=5, startup=20):
    rng0 = np.random.RandomState(seed)
    X = [np.array([rng0.uniform(lo, hi) for _ in range(d)]) for _ in range(startup)]
    Y = [rosen(x) for x in X]
    rng = np.random.RandomState(seed if mode == 'same' else seed + 7919)
    curve = []; best = np.inf
    for y in Y: best = min(best, y); curve.append(best)
    while len(X) < budget:
        pend = []
        for i in range(batch):
            n = len(Y); nb = min(math.ceil(0.1*n), 25)
            order = np.argsort(Y, kind='stable')
            below = np.sort(order[:nb]); above = np.sort(order[nb:])
            B = np.array([X[k] for k in below]); A = np.array([X[k] for k in above] + pend).reshape(-1, d)
            wb, mb, sb = build(B, lo, hi); wa, ma, sa = build(A, lo, hi)
            C = sample2(rng, 24, wb, mb, sb, lo, hi)
            acq = logpdf(C, wb, mb, sb, lo, hi) - logpdf(C, wa, ma, sa, lo, hi)
            pend.append(C[np.argmax(acq)])
        for x in pend:
            X.append(x); Y.append(rosen(x)); best = min(best, Y[-1]); curve.append(best)
    return curve
mode = sys.argv[1]; seeds = int(sys.argv[2])
curves = [run(s, mode) for s in range(seeds)]
print(mode, ' '.join('b%d %.4g' % (at, np.median([c[at-1] for c in curves])) for at in (20, 25, 30, 50)), 'improved', sum(c[24] < c[19] for c in curves), '/', seeds)
import json
ref = json.load(open('/work/shared/bench/reference_results.json'))['results']['rosenbrock4']['P1']['optimizers']['optuna_tpe']['best_so_far']
if seeds >= 30:
    print('b20 equal to reference for seeds:', sum(abs(curves[s][19] - ref[s][19]) < 1e-6 * ref[s][19] for s in range(30)), '/30; b25 equal:', sum(abs(curves[s][24] - ref[s][24]) < 1e-6 * ref[s][24] for s in range(30)), '; b50 equal:', sum(abs(curves[s][49] - ref[s][49]) < 1e-6 * ref[s][49] for s in range(30)))
