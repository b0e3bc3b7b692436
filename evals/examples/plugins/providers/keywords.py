#!/usr/bin/env python3
"""A custom provider as a command (exec:): routes a support ticket by keywords, offline.

haikubench writes one JSON document on stdin, {"request": {"system", "messages", "maxTokens", ...},
"sample": {...}, "epoch": n, "options": {...}}, and reads {"text": "...", "usage": {...}} from stdout.
A transient failure is reported as {"error": {"message": "...", "retryable": true}}: haikubench then
retries the call with the backoff it uses for the API providers. Here, options.flaky_every makes every
n-th ticket (by its id) fail once, to show it.
"""
import json
import os
import sys
import tempfile
import zlib

RULES = [
    ("billing", ["charge", "refund", "invoice", "billed", "payment", "subscription", "price", "vat"]),
    ("shipping", ["deliver", "shipping", "package", "parcel", "tracking", "courier", "arrive"]),
    ("returns", ["return", "exchange", "broken", "damaged", "wrong size", "send back"]),
    ("account", ["password", "login", "log in", "account", "email address", "two-factor", "2fa", "username"]),
    ("technical", ["error", "crash", "bug", "app", "doesn't work", "not working", "sync", "api"]),
    ("sales", ["discount", "quote", "enterprise", "licen", "bulk", "plan for", "team of"]),
]

data = json.load(sys.stdin)
ticket = data["request"]["messages"][-1]["content"].lower()
flaky_every = data["options"].get("flaky_every", 0)

if flaky_every:
    # Fail the first attempt at every n-th ticket; a marker file remembers the attempt.
    sample_id = data["sample"]["id"]
    if zlib.crc32(sample_id.encode()) % flaky_every == 0:
        marker = os.path.join(tempfile.gettempdir(), f"haikubench-keywords-{os.getppid()}-{sample_id}")
        if not os.path.exists(marker):
            open(marker, "w").close()
            json.dump({"error": {"message": "busy, try again", "retryable": True, "retryAfterMs": 10}}, sys.stdout)
            sys.exit(0)

scores = {queue: sum(word in ticket for word in words) for queue, words in RULES}
best = max(scores, key=lambda q: scores[q])
answer = best if scores[best] > 0 else "technical"
json.dump({"text": answer, "usage": {"inputTokens": len(ticket) // 4, "outputTokens": 1}, "stopReason": "end_turn"}, sys.stdout)
