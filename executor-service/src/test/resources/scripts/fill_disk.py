#!/usr/bin/env python3
"""Writes zeros to $PARZEN_OUTPUTS_DIR/filler.bin until the disk is full, then exits 1 (as a training that
saves a checkpoint on a full disk would)."""
import json
import os
import sys

print(json.dumps({"step": 1}), flush=True)
path = os.path.join(os.environ["PARZEN_OUTPUTS_DIR"], "filler.bin")
chunk = b"\0" * 65536
try:
    with open(path, "wb") as f:
        while True:
            f.write(chunk)
            f.flush()
except OSError as e:
    print("cannot save the checkpoint:", e, file=sys.stderr, flush=True)
    sys.exit(1)
