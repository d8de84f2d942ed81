"""Runs the widgets' PyTorch snippets in one process: torch is imported once, each snippet runs in a fresh namespace.

Reads a JSON list of snippets (strings) on stdin and writes a JSON list on stdout, one entry per snippet:
{"stdout": what it printed, "error": "ValueError: …" or null, "warnings": ["…"], "seconds": time}.
The state a snippet may change for the whole process (default dtype, grad mode, print options, RNG) is put back
before the next one, so each runs as it would on its own. Used by src/widgets/snippets.test.ts.
"""
import contextlib
import io
import json
import sys
import time
import warnings

import torch


def run(code):
    out = io.StringIO()
    error = None
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(code, "<snippet>", "exec"), {"__name__": "__main__"})
        except Exception as e:  # the snippet's own error is part of what it shows
            error = f"{type(e).__name__}: {e}"
    return {
        "stdout": out.getvalue(),
        "error": error,
        "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
        "seconds": time.perf_counter() - start,
    }


def reset():
    torch.set_default_dtype(torch.float32)
    torch.set_grad_enabled(True)
    torch.set_printoptions(profile="default", sci_mode=None)
    torch.manual_seed(0)


results = []
for snippet in json.load(sys.stdin):
    reset()
    results.append(run(snippet))
json.dump({"torch": torch.__version__, "results": results}, sys.stdout)
