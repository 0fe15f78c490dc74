#!/usr/bin/env python3
"""Stand-in for a training script in the executor-service tests.

Prints a plain line, one JSON metadata line per step, a line on stderr, then optionally starts a
child process, ignores SIGTERM and sleeps, and exits with the requested code.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--steps", type=int, default=3)
parser.add_argument("--lr", type=float, default=0.1)
parser.add_argument("--exit", type=int, default=0)
parser.add_argument("--sleep", type=float, default=0)
parser.add_argument("--ignore-term", default="false")
parser.add_argument("--child", default="false")
parser.add_argument("--name", default="")
parser.add_argument("--kill-self", default="false")
args = parser.parse_args()

print("starting with", sys.argv[1:])
print("env PARZEN_EXECUTION_ID=%s PARZEN_TASK_ID=%s outputs=%s unbuffered=%s attempt=%s" % (
    os.environ.get("PARZEN_EXECUTION_ID"), os.environ.get("PARZEN_TASK_ID"),
    os.path.isdir(os.environ.get("PARZEN_OUTPUTS_DIR", "/nonexistent")), os.environ.get("PYTHONUNBUFFERED"),
    os.environ.get("PARZEN_ATTEMPT")))
for step in range(1, args.steps + 1):
    print(json.dumps({"step": step, "loss": round(1.0 / step, 4), "lr": args.lr, "name": args.name}))
print("a line on stderr", file=sys.stderr)
print(json.dumps({"from_stderr": 1}), file=sys.stderr)
if args.child == "true":
    child = subprocess.Popen(["sleep", "120"])
    print(json.dumps({"child_pid": child.pid}))
if args.ignore_term == "true":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print(json.dumps({"ignoring_sigterm": True}))
if args.kill_self == "true":
    os.kill(os.getpid(), signal.SIGKILL)
if args.sleep > 0:
    time.sleep(args.sleep)
sys.exit(args.exit)
