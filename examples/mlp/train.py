#!/usr/bin/env python3
"""Train a small multilayer perceptron on the UCI optical digits (8x8 images, 10 classes).

Python 3 and numpy only. Prints one JSON object per epoch on stdout (Valohai metadata), e.g.

    {"epoch": 3, "loss": 0.41, "val_loss": 0.38, "val_accuracy": 0.91}

and exits 0, also when training diverges (a non-finite loss is printed as null; val_accuracy is
always a number). Arguments accept both ``--name=value`` and ``--name value``; see ``--help``.
"""

import os

# one BLAS thread: runs are small and several of them share the machine
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "data", "digits.csv.gz")
SPLIT_SEED = 20261126  # the train/validation split never changes, whatever --seed is
VALIDATION_FRACTION = 0.2


def integer(text):
    """An integer argument; whole floats such as ``32.0`` are accepted (optimizers may send them)."""
    value = float(text)
    if not math.isfinite(value) or value != int(value):
        raise argparse.ArgumentTypeError("not an integer: %r" % text)
    return int(value)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--learning_rate", type=float, default=0.001, help="Adam/SGD step size (default 0.001)")
    p.add_argument("--batch_size", type=integer, default=32, help="minibatch size (default 32)")
    p.add_argument("--num_layers", type=integer, default=2, help="number of hidden layers, 0 = softmax regression (default 2)")
    p.add_argument("--hidden_units", type=integer, default=64, help="units per hidden layer (default 64)")
    p.add_argument("--epochs", type=integer, default=20, help="passes over the training set (default 20)")
    p.add_argument("--dropout", type=float, default=0.0, help="dropout rate of hidden layers, in [0, 1) (default 0)")
    p.add_argument("--activation", choices=["relu", "tanh", "sigmoid"], default="relu", help="hidden activation (default relu)")
    p.add_argument("--optimizer", choices=["adam", "sgd"], default="adam", help="adam, or sgd with momentum 0.9 (default adam)")
    p.add_argument("--weight_decay", type=float, default=0.0, help="L2 penalty (default 0)")
    p.add_argument("--seed", type=integer, default=1, help="seed of initialization, shuffling and dropout (default 1)")
    p.add_argument("--data", default=DEFAULT_DATA, help="digits CSV (64 pixel columns then the label), .gz allowed")
    args, unknown = p.parse_known_args(argv)
    if unknown:
        print("train.py: ignoring unknown arguments: %s" % " ".join(unknown), file=sys.stderr)
    if args.batch_size < 1:
        p.error("--batch_size must be >= 1")
    if args.num_layers < 0:
        p.error("--num_layers must be >= 0")
    if args.hidden_units < 1:
        p.error("--hidden_units must be >= 1")
    if args.epochs < 1:
        p.error("--epochs must be >= 1")
    if not (0.0 <= args.dropout < 1.0):
        p.error("--dropout must be in [0, 1)")
    if not math.isfinite(args.learning_rate) or args.learning_rate <= 0:
        p.error("--learning_rate must be a positive number")
    return args


def load_digits(path):
    """Features scaled to [0, 1] and integer labels, split once with a fixed seed (stratified)."""
    raw = np.loadtxt(path, delimiter=",", dtype=np.float64)
    x, y = raw[:, :-1] / 16.0, raw[:, -1].astype(np.int64)
    rng = np.random.default_rng(SPLIT_SEED)
    train_idx, val_idx = [], []
    for label in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == label))
        n_val = int(round(len(idx) * VALIDATION_FRACTION))
        val_idx.extend(idx[:n_val])
        train_idx.extend(idx[n_val:])
    train_idx, val_idx = np.array(sorted(train_idx)), np.array(sorted(val_idx))
    return x[train_idx], y[train_idx], x[val_idx], y[val_idx]


ACTIVATIONS = {
    # name: (function, derivative expressed with the activation's output a and its input z)
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(z.dtype)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "sigmoid": (lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)), lambda z, a: a * (1.0 - a)),
}


class MLP:
    """Fully connected network: ``num_layers`` hidden layers, softmax output, cross-entropy loss."""

    def __init__(self, sizes, activation, dropout, rng):
        self.act, self.dact = ACTIVATIONS[activation]
        self.dropout = dropout
        self.rng = rng
        self.params = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            gain = 2.0 if activation == "relu" else 1.0  # He for relu, Glorot-like otherwise
            w = rng.normal(0.0, math.sqrt(gain / fan_in), size=(fan_in, fan_out))
            self.params += [w, np.zeros(fan_out)]

    def forward(self, x, train):
        """Logits and the cache needed by backward."""
        cache = []
        a = x
        n_layers = len(self.params) // 2
        for i in range(n_layers):
            w, b = self.params[2 * i], self.params[2 * i + 1]
            z = a @ w + b
            if i == n_layers - 1:
                cache.append((a, None, None, None))
                return z, cache
            h = self.act(z)
            mask = None
            if train and self.dropout > 0:
                keep = 1.0 - self.dropout
                mask = (self.rng.random(h.shape) < keep) / keep  # inverted dropout
                h_out = h * mask
            else:
                h_out = h
            cache.append((a, z, h, mask))
            a = h_out
        raise AssertionError("unreachable")

    def backward(self, dlogits, cache):
        grads = [None] * len(self.params)
        delta = dlogits
        for i in reversed(range(len(cache))):
            a_in = cache[i][0]
            grads[2 * i] = a_in.T @ delta
            grads[2 * i + 1] = delta.sum(axis=0)
            if i > 0:
                _, z, h, mask = cache[i - 1]
                delta = delta @ self.params[2 * i].T
                if mask is not None:
                    delta = delta * mask
                delta = delta * self.dact(z, h)
        return grads


def softmax_cross_entropy(logits, y):
    """Mean cross-entropy and its gradient with respect to the logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    probs = exp / exp.sum(axis=1, keepdims=True)
    n = logits.shape[0]
    loss = -np.mean(np.log(np.clip(probs[np.arange(n), y], 1e-12, 1.0)))
    grad = probs.copy()
    grad[np.arange(n), y] -= 1.0
    return loss, grad / n


class Optimizer:
    def __init__(self, params, kind, lr, weight_decay):
        self.kind, self.lr, self.wd = kind, lr, weight_decay
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        b1, b2, eps = 0.9, 0.999, 1e-8
        for i, (p, g) in enumerate(zip(params, grads)):
            if self.wd and p.ndim == 2:
                g = g + self.wd * p
            if self.kind == "sgd":
                self.m[i] = 0.9 * self.m[i] + g
                p -= self.lr * self.m[i]
            else:
                self.m[i] = b1 * self.m[i] + (1 - b1) * g
                self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
                m_hat = self.m[i] / (1 - b1 ** self.t)
                v_hat = self.v[i] / (1 - b2 ** self.t)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + eps)


def finite_or_none(value, digits=6):
    value = float(value)
    return round(value, digits) if math.isfinite(value) else None


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    x_train, y_train, x_val, y_val = load_digits(args.data)
    n_classes = int(max(y_train.max(), y_val.max())) + 1
    rng = np.random.default_rng(args.seed)
    sizes = [x_train.shape[1]] + [args.hidden_units] * args.num_layers + [n_classes]
    model = MLP(sizes, args.activation, args.dropout, rng)
    opt = Optimizer(model.params, args.optimizer, args.learning_rate, args.weight_decay)
    print("train.py: %d training / %d validation samples, layers %s, %s, lr %g, batch %d, seed %d"
          % (len(y_train), len(y_val), sizes, args.activation, args.learning_rate, args.batch_size, args.seed),
          file=sys.stderr, flush=True)

    started = time.time()
    with np.errstate(all="ignore"):  # a huge learning rate overflows to inf/nan: report it, do not crash
        for epoch in range(1, args.epochs + 1):
            order = rng.permutation(len(y_train))
            total, seen = 0.0, 0
            for start in range(0, len(order), args.batch_size):
                batch = order[start:start + args.batch_size]
                logits, cache = model.forward(x_train[batch], train=True)
                loss, dlogits = softmax_cross_entropy(logits, y_train[batch])
                total += loss * len(batch)
                seen += len(batch)
                if not math.isfinite(loss):
                    continue  # diverged: keep the (broken) weights, skip the update
                opt.step(model.params, model.backward(dlogits, cache))
            val_logits, _ = model.forward(x_val, train=False)
            val_loss, _ = softmax_cross_entropy(val_logits, y_val)
            predictions = np.argmax(np.nan_to_num(val_logits, nan=-np.inf), axis=1)
            val_accuracy = float(np.mean(predictions == y_val))
            print(json.dumps({
                "epoch": epoch,
                "loss": finite_or_none(total / seen),
                "val_loss": finite_or_none(val_loss),
                "val_accuracy": round(val_accuracy, 6),
            }, allow_nan=False), flush=True)
    print("train.py: done in %.2f s" % (time.time() - started), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
