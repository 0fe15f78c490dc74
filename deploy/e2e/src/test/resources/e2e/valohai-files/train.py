#!/usr/bin/env python3
"""Training code written for Valohai, run unchanged by Parzen (end-to-end test ValohaiFilesIT).

It follows valohai-utils' documented paths: parameters from $VH_CONFIG_DIR/parameters.json, the input
"dataset" from $VH_INPUTS_DIR/dataset/, outputs to $VH_OUTPUTS_DIR; it prints its metrics as JSON lines.
It also writes what it was given (its arguments, parameters.json, the input's rows) to run.json in the
outputs, so that the test can compare them with what Valohai would have passed.
"""
import json
import os
import sys

with open(os.path.join(os.environ["VH_CONFIG_DIR"], "parameters.json")) as f:
    parameters = json.load(f)

dataset_dir = os.path.join(os.environ["VH_INPUTS_DIR"], "dataset")
files = sorted(os.listdir(dataset_dir))
with open(os.path.join(dataset_dir, files[0])) as f:
    rows = [line.strip().split(",") for line in f if line.strip()][1:]

layers = parameters["layers"]
total = sum(int(r[0]) + int(r[1]) for r in rows)
loss = round(sum(layers) / 1000.0 + total / 100.0, 6)

os.makedirs(os.environ["VH_OUTPUTS_DIR"], exist_ok=True)
with open(os.path.join(os.environ["VH_OUTPUTS_DIR"], "run.json"), "w") as f:
    json.dump({"argv": sys.argv[1:], "parameters": parameters, "files": files, "rows": len(rows)}, f)

for step in (1, 2):
    print(json.dumps({"step": step, "loss": loss * step}), flush=True)
