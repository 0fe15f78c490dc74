#!/usr/bin/env python3
"""Training code written for Valohai, using only the paths valohai-utils documents:
$VH_CONFIG_DIR/parameters.json, $VH_CONFIG_DIR/inputs.json, $VH_INPUTS_DIR/<name>/ and $VH_OUTPUTS_DIR."""
import json
import os
import sys

config_dir = os.environ["VH_CONFIG_DIR"]
with open(os.path.join(config_dir, "parameters.json")) as f:
    parameters = json.load(f)
with open(os.path.join(config_dir, "inputs.json")) as f:
    inputs = json.load(f)

dataset = inputs["dataset"]["files"]
rows = 0
for info in dataset:
    assert info["path"].startswith(os.path.join(os.environ["VH_INPUTS_DIR"], "dataset")), info
    with open(info["path"]) as f:
        rows += len(f.read().splitlines())
listed = sorted(os.listdir(os.path.join(os.environ["VH_INPUTS_DIR"], "dataset")))

outputs = os.environ["VH_OUTPUTS_DIR"]
os.makedirs(os.path.join(outputs, "plots"), exist_ok=True)
with open(os.path.join(outputs, "model.txt"), "w") as f:
    f.write("lr=%s rows=%d\n" % (parameters["lr"], rows))
with open(os.path.join(outputs, "plots", "loss.csv"), "w") as f:
    f.write("1,0.5\n")

print(json.dumps({
    "rows": rows,
    "files": ",".join(listed),
    "lr": parameters["lr"],
    "name": parameters.get("name"),
    "argv": " ".join(sys.argv[1:]),
    "repository_is_cwd": os.environ["VH_REPOSITORY_DIR"] == os.getcwd(),
    "job_id": os.environ["VH_JOB_ID"],
    "prepared": os.path.exists(os.path.join(outputs, "prepared.txt")),
    "accuracy": 0.9,
}))
