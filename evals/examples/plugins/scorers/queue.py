#!/usr/bin/env python3
"""A custom scorer as a command (type: exec): the same check as queue.ts, in Python.

haikubench writes one JSON document on stdin (the sample, the output, the expected value, the
options, ...) and reads one JSON document from stdout: {"score": 0..1, "pass": bool, "reason": str}.
"""
import json
import re
import sys

data = json.load(sys.stdin)
said = re.sub(r"[.!]+$", "", data["output"].strip().lower())
want = str(data["expected"] if data["expected"] is not None else "").strip().lower()
words = [w for w in re.split(r"[^a-z]+", said) if w]

if said == want:
    result = {"score": 1, "pass": True}
elif want in words:
    result = {"score": 0.5, "pass": False, "reason": f"names {want} among other words"}
else:
    named = next((q for q in data["options"].get("queues", []) if q in words), None)
    reason = "names no queue" if named is None else f"named {named}, expected {want}"
    result = {"score": 0, "pass": False, "reason": reason}

json.dump(result, sys.stdout)
