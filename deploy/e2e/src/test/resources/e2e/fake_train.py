#!/usr/bin/env python3
"""A tiny deterministic stand-in for a training script (end-to-end test).

Reads --name=value arguments and prints three JSON metric lines whose values depend only on
them, then exits 0 in well under a second.
"""
import json
import sys

params = {}
for arg in sys.argv[1:]:
    if arg.startswith("--") and "=" in arg:
        key, value = arg[2:].split("=", 1)
        try:
            params[key] = float(value)
        except ValueError:
            params[key] = value

x = float(params.get("x", 0.0))
n = float(params.get("n", 1.0))
score = 1.0 - (x - 0.3) ** 2 - 0.01 * (n - 3) ** 2
for step in (1, 2, 3):
    print(json.dumps({"step": step, "loss": round((1.0 - score) * (4 - step), 6),
                      "score": round(score * step / 3.0, 6)}), flush=True)
