#!/usr/bin/env python3
"""Writes its whole environment and its arguments to $PARZEN_OUTPUTS_DIR/env.json (executor-service tests)."""
import json
import os
import sys

with open(os.path.join(os.environ["PARZEN_OUTPUTS_DIR"], "env.json"), "w") as f:
    json.dump({"env": dict(os.environ), "argv": sys.argv[1:]}, f)
print(json.dumps({"variables": len(os.environ)}))
