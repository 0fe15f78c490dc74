#!/usr/bin/env python3
"""A deterministic, smooth stand-in for a training script (end-to-end tests).

Reads --name=value arguments. Parameters x, y (numbers), n (integer) and opt (a, b or c) enter

    loss = (x - 0.3)**2 + (y + 0.2)**2 + 0.01 * (n - 3)**2 + {a: 0, b: 0.05, c: 0.1}[opt]

(missing ones contribute 0) and score = -loss. Other parameters are ignored. It prints `--lines`
JSON metric lines (default 3) whose last one carries exactly that loss and score, so a test can
recompute them from the execution's parameters. Control arguments (not parameters):

    --sleep=SECONDS   spread over the lines: the first line at once, then a pause after each line
    --fail=1          print the first line, then exit with status 1

The numbers are printed at full precision (repr).
"""
import json
import sys
import time

args = {}
for arg in sys.argv[1:]:
    if arg.startswith("--") and "=" in arg:
        key, value = arg[2:].split("=", 1)
        args[key] = value


def number(name, default):
    try:
        return float(args[name])
    except (KeyError, ValueError):
        return default


x = number("x", 0.3)
y = number("y", -0.2)
n = number("n", 3.0)
opt_penalty = {"a": 0.0, "b": 0.05, "c": 0.1}.get(args.get("opt", "a"), 0.0)
loss = (x - 0.3) ** 2 + (y + 0.2) ** 2 + 0.01 * (n - 3) ** 2 + opt_penalty

lines = max(1, int(number("lines", 3)))
sleep = number("sleep", 0.0)
fail = args.get("fail", "0") not in ("0", "", "false")
pause = sleep / lines

for step in range(1, lines + 1):
    factor = 1.0 + (lines - step)  # the last line is the true loss
    print(json.dumps({"step": step, "loss": loss * factor, "score": -loss * factor}), flush=True)
    if fail:
        print("smooth.py: failing on purpose", file=sys.stderr, flush=True)
        sys.exit(1)
    if pause > 0:
        time.sleep(pause)
