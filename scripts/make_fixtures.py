#!/usr/bin/env python3
"""Write src/lib/fixtures/torch-golden.json: PyTorch's own float64 answers for src/lib.

Run where PyTorch is installed (Debian: `apt-get install -y python3-torch`):

    /usr/bin/python3 scripts/make_fixtures.py

Every case is seeded (torch.manual_seed / numpy RandomState), so running the
script twice writes the same file. Floats are written with Python's repr
(shortest round-trip), so JSON.parse in JavaScript recovers the exact doubles.
The unit tests in src/lib read the JSON; they never need PyTorch.

References:
- batchNorm: torch.nn.BatchNorm{1,2,3}d modules (running statistics, momentum,
  momentum=None cumulative average, num_batches_tracked), switched between
  .train() and .eval() over several batches.
- layerNorm / groupNorm / instanceNorm: torch.nn.functional.
- rmsNorm: torch 1.13 has no nn.RMSNorm, so its formula is written out:
  x / sqrt(mean(x^2) + eps) * weight, eps defaulting to finfo(float64).eps.
- minMaxScale / standardize / stats: numpy, with scikit-learn's conventions
  (a constant input maps to range[0], respectively to 0).
- errors: the exception type and message PyTorch raises.
"""

from __future__ import annotations

import json
import math
import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20240501
F64 = torch.float64
OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "lib" / "fixtures" / "torch-golden.json"

torch.manual_seed(SEED)
torch.set_default_dtype(F64)
NP = np.random.RandomState(SEED)


def flat(t) -> list[float]:
    """A tensor or array as a flat list of Python floats (row-major)."""
    if isinstance(t, torch.Tensor):
        values = t.detach().reshape(-1).tolist()
    else:
        values = np.asarray(t, dtype=np.float64).reshape(-1).tolist()
    out = [float(v) for v in values]
    for v in out:
        if not math.isfinite(v):
            raise ValueError("non-finite value in a fixture; choose another case")
    return out


def randn(shape, scale=1.0, offset=0.0) -> torch.Tensor:
    return torch.randn(*shape, dtype=F64) * scale + offset


def channel_data(shape, scales, offsets) -> torch.Tensor:
    """Normal data whose channel c (axis 1) has its own std and mean."""
    x = torch.randn(*shape, dtype=F64)
    view = [1, shape[1]] + [1] * (len(shape) - 2)
    return x * torch.tensor(scales, dtype=F64).reshape(view) + torch.tensor(offsets, dtype=F64).reshape(view)


def affine(c: int):
    return torch.randn(c, dtype=F64) * 0.5 + 1.0, torch.randn(c, dtype=F64) * 0.5


# --------------------------------------------------------------------------- batchNorm


def batch_norm_module(rank: int, c: int, eps: float, momentum, affine_flag: bool):
    cls = {2: torch.nn.BatchNorm1d, 3: torch.nn.BatchNorm1d, 4: torch.nn.BatchNorm2d, 5: torch.nn.BatchNorm3d}[rank]
    return cls(c, eps=eps, momentum=momentum, affine=affine_flag, track_running_stats=True, dtype=F64)


def batch_norm_case(name, shape, steps, *, eps=1e-5, momentum=0.1, affine_flag=False, initial=None,
                    scale=1.0, scales=None, offsets=None):
    """`steps` is a string of 't' (training batch) and 'e' (evaluation batch)."""
    c = shape[1]
    module = batch_norm_module(len(shape), c, eps, momentum, affine_flag)
    case = {"name": name, "shape": list(shape), "eps": eps, "momentum": momentum}
    with torch.no_grad():
        if affine_flag:
            w, b = affine(c)
            module.weight.copy_(w)
            module.bias.copy_(b)
            case["weight"] = flat(w)
            case["bias"] = flat(b)
        if initial is not None:
            rm, rv, nbt = initial
            module.running_mean.copy_(torch.tensor(rm, dtype=F64))
            module.running_var.copy_(torch.tensor(rv, dtype=F64))
            module.num_batches_tracked.fill_(nbt)
            case["runningMean"] = list(map(float, rm))
            case["runningVar"] = list(map(float, rv))
            case["numBatchesTracked"] = nbt
        out_steps = []
        dims = [0] + list(range(2, len(shape)))
        for kind in steps:
            sc = scales if scales is not None else [1.0] * c
            of = offsets if offsets is not None else [0.0] * c
            x = channel_data(shape, sc, of) * scale
            module.train(kind == "t")
            y = module(x)
            out_steps.append({
                "training": kind == "t",
                "input": flat(x),
                "output": flat(y),
                "batchMean": flat(x.mean(dim=dims)),
                "batchVar": flat(x.var(dim=dims, unbiased=False)),
                "runningMean": flat(module.running_mean),
                "runningVar": flat(module.running_var),
                "numBatchesTracked": int(module.num_batches_tracked.item()),
            })
    case["steps"] = out_steps
    return case


def batch_norm_cases():
    four_scales, four_offsets = [1.0, 10.0, 0.1, 3.0], [0.0, 50.0, -2.0, 5.0]
    return [
        batch_norm_case("(8, 4) defaults: three training batches then two evaluation batches", (8, 4), "tttee",
                        scales=four_scales, offsets=four_offsets),
        batch_norm_case("(8, 4) affine, momentum 0.3, eps 1e-3, training and evaluation interleaved", (8, 4), "tetet",
                        eps=1e-3, momentum=0.3, affine_flag=True, scales=four_scales, offsets=four_offsets),
        batch_norm_case("(6, 3) momentum null: cumulative average over four batches, then evaluation", (6, 3), "tttte",
                        momentum=None, scales=[2.0, 0.5, 1.0], offsets=[1.0, -1.0, 10.0]),
        batch_norm_case("(5, 3) momentum null continuing from 5 tracked batches and given running stats", (5, 3), "tte",
                        momentum=None, affine_flag=True, initial=([0.5, -1.0, 2.0], [2.0, 0.25, 4.0], 5)),
        batch_norm_case("(4, 3) momentum 0.1 from given running stats", (4, 3), "tte",
                        initial=([1.0, 2.0, 3.0], [0.5, 1.5, 2.5], 2)),
        batch_norm_case("(4, 3, 5) three-dimensional input, affine", (4, 3, 5), "ttte", affine_flag=True,
                        scales=[1.0, 4.0, 0.25], offsets=[0.0, -3.0, 7.0]),
        batch_norm_case("(1, 3, 6) a single sample with a length is allowed in training", (1, 3, 6), "tte"),
        batch_norm_case("(2, 3, 2, 2) four-dimensional input (BatchNorm2d), eps 0.5", (2, 3, 2, 2), "tte",
                        eps=0.5, affine_flag=True),
        batch_norm_case("(2, 5) two samples: the unbiased variance divides by 1", (2, 5), "tte"),
        batch_norm_case("(16, 6) momentum 1: running stats equal the last batch", (16, 6), "tte", momentum=1.0),
        batch_norm_case("(16, 6) momentum 0: running stats never move", (16, 6), "tte", momentum=0.0,
                        affine_flag=True),
        batch_norm_case("(5, 4) evaluation before any training uses the default running stats", (5, 4), "ee",
                        affine_flag=True, scales=four_scales, offsets=four_offsets),
        batch_norm_case("(1, 4) evaluation with a batch of one is allowed", (1, 4), "e"),
        batch_norm_case("(8, 4) inputs near 1e150", (8, 4), "tte", affine_flag=True, scale=1e150),
        batch_norm_case("(8, 4) inputs near 1e-150", (8, 4), "tte", affine_flag=True, scale=1e-150),
        batch_norm_case("(8, 4) inputs near 1e-150, eps 1e-300", (8, 4), "tte", eps=1e-300, scale=1e-150),
        batch_norm_case("(6, 3) offsets up to 1000 times the spread", (6, 3), "tte", scales=[0.1, 1.0, 5.0],
                        offsets=[100.0, -500.0, 1000.0]),
        batch_norm_case("(4, 3) eps 0 with a constant channel: PyTorch's InvStd gives 0, the output is the bias",
                        (4, 3), "t", eps=0.0, affine_flag=True, scales=[1.0, 0.0, 2.0]),
    ]


# --------------------------------------------------------------------------- layerNorm, rmsNorm


def layer_norm_case(name, shape, normalized_shape, *, eps=1e-5, weight=False, bias=False, scale=1.0,
                    offset=0.0, x=None):
    if x is None:
        x = randn(shape, scale, offset)
    m = math.prod(normalized_shape)
    case = {"name": name, "shape": list(shape), "normalizedShape": list(normalized_shape), "eps": eps,
            "input": flat(x)}
    w = b = None
    if weight:
        w = (torch.randn(m) * 0.5 + 1.0).reshape(normalized_shape)
        case["weight"] = flat(w)
    if bias:
        b = (torch.randn(m) * 0.5).reshape(normalized_shape)
        case["bias"] = flat(b)
    case["output"] = flat(F.layer_norm(x, list(normalized_shape), w, b, eps))
    return case


def layer_norm_cases():
    const_rows = randn((3, 4))
    const_rows[1] = 2.5
    return [
        layer_norm_case("(4, 8) over [8], no affine", (4, 8), [8]),
        layer_norm_case("(4, 8) over [8], affine", (4, 8), [8], weight=True, bias=True),
        layer_norm_case("(2, 3, 5) over [5], affine, eps 1e-3", (2, 3, 5), [5], eps=1e-3, weight=True, bias=True),
        layer_norm_case("(2, 3, 5) over [3, 5], affine", (2, 3, 5), [3, 5], weight=True, bias=True),
        layer_norm_case("(2, 3, 4, 2) over [4, 2], weight only", (2, 3, 4, 2), [4, 2], weight=True),
        layer_norm_case("(6,) over [6]: a single vector", (6,), [6], bias=True),
        layer_norm_case("(3, 4) with a constant row (variance 0), affine", (3, 4), [4], weight=True, bias=True,
                        x=const_rows),
        layer_norm_case("(4, 1) over [1]: every group has one element", (4, 1), [1], bias=True),
        layer_norm_case("(2, 4, 16) tokens with an offset 1000 times the spread", (2, 4, 16), [16],
                        scale=0.1, offset=100.0),
        layer_norm_case("(2, 3, 8) eps 0.5", (2, 3, 8), [8], eps=0.5, weight=True, bias=True),
        layer_norm_case("(4, 8) inputs near 1e150, affine", (4, 8), [8], weight=True, bias=True, scale=1e150),
        layer_norm_case("(4, 8) inputs near 1e-150, affine", (4, 8), [8], weight=True, bias=True, scale=1e-150),
        layer_norm_case("(4, 8) inputs near 1e-150, eps 0", (4, 8), [8], eps=0.0, scale=1e-150),
    ]


def rms_norm_reference(x, normalized_shape, weight, eps):
    dims = tuple(range(-len(normalized_shape), 0))
    y = x / torch.sqrt(x.pow(2).mean(dim=dims, keepdim=True) + eps)
    return y * weight if weight is not None else y


def rms_norm_case(name, shape, normalized_shape, *, eps=None, weight=False, scale=1.0, offset=0.0, x=None):
    if x is None:
        x = randn(shape, scale, offset)
    m = math.prod(normalized_shape)
    case = {"name": name, "shape": list(shape), "normalizedShape": list(normalized_shape), "input": flat(x)}
    if eps is not None:
        case["eps"] = eps
    w = None
    if weight:
        w = (torch.randn(m) * 0.5 + 1.0).reshape(normalized_shape)
        case["weight"] = flat(w)
    used_eps = torch.finfo(F64).eps if eps is None else eps
    case["output"] = flat(rms_norm_reference(x, normalized_shape, w, used_eps))
    return case


def rms_norm_cases():
    zero_row = randn((3, 6))
    zero_row[2] = 0.0
    return [
        rms_norm_case("(4, 8) over [8], default eps", (4, 8), [8]),
        rms_norm_case("(4, 8) over [8], weight", (4, 8), [8], weight=True),
        rms_norm_case("(2, 3, 5) over [3, 5], eps 1e-6, weight", (2, 3, 5), [3, 5], eps=1e-6, weight=True),
        rms_norm_case("(2, 4, 8) over [8], offset inputs (not centered)", (2, 4, 8), [8], offset=3.0),
        rms_norm_case("(3, 6) with an all-zero row", (3, 6), [6], x=zero_row),
        rms_norm_case("(2, 3, 4) eps 0.1", (2, 3, 4), [4], eps=0.1),
        rms_norm_case("(4, 8) inputs near 1e150, weight", (4, 8), [8], weight=True, scale=1e150),
        rms_norm_case("(4, 8) inputs near 1e-150, weight", (4, 8), [8], weight=True, scale=1e-150),
        rms_norm_case("(4, 8) inputs near 1e-150, eps 0", (4, 8), [8], eps=0.0, scale=1e-150),
    ]


# --------------------------------------------------------------------------- groupNorm, instanceNorm


def group_norm_case(name, shape, groups, *, eps=1e-5, affine_flag=False, scale=1.0, offset=0.0):
    x = randn(shape, scale, offset)
    case = {"name": name, "shape": list(shape), "numGroups": groups, "eps": eps, "input": flat(x)}
    w = b = None
    if affine_flag:
        w, b = affine(shape[1])
        case["weight"] = flat(w)
        case["bias"] = flat(b)
    case["output"] = flat(F.group_norm(x, groups, w, b, eps))
    return case


def group_norm_cases():
    return [
        group_norm_case("(2, 6, 3) one group", (2, 6, 3), 1),
        group_norm_case("(2, 6, 3) two groups, affine", (2, 6, 3), 2, affine_flag=True),
        group_norm_case("(2, 6, 3) three groups", (2, 6, 3), 3),
        group_norm_case("(2, 6, 3) six groups (one channel each), affine", (2, 6, 3), 6, affine_flag=True),
        group_norm_case("(3, 4) no spatial axes, two groups", (3, 4), 2),
        group_norm_case("(2, 8, 2, 2) four groups, affine, eps 1e-3", (2, 8, 2, 2), 4, eps=1e-3, affine_flag=True),
        group_norm_case("(1, 4, 5) a single sample, two groups", (1, 4, 5), 2),
        group_norm_case("(2, 4, 3) inputs near 1e150, affine", (2, 4, 3), 2, affine_flag=True, scale=1e150),
        group_norm_case("(2, 4, 3) inputs near 1e-150, affine", (2, 4, 3), 2, affine_flag=True, scale=1e-150),
    ]


def instance_norm_case(name, shape, *, eps=1e-5, affine_flag=False, scale=1.0, offset=0.0):
    x = randn(shape, scale, offset)
    case = {"name": name, "shape": list(shape), "eps": eps, "input": flat(x)}
    w = b = None
    if affine_flag:
        w, b = affine(shape[1])
        case["weight"] = flat(w)
        case["bias"] = flat(b)
    case["output"] = flat(F.instance_norm(x, None, None, w, b, True, 0.1, eps))
    return case


def instance_norm_cases():
    return [
        instance_norm_case("(2, 3, 5) no affine", (2, 3, 5)),
        instance_norm_case("(2, 3, 2, 3) affine", (2, 3, 2, 3), affine_flag=True),
        instance_norm_case("(1, 2, 4) eps 1e-3", (1, 2, 4), eps=1e-3),
        instance_norm_case("(2, 2, 6) offset 1000 times the spread", (2, 2, 6), offset=1000.0, affine_flag=True),
        instance_norm_case("(2, 2, 3) eps 0, constant instances: PyTorch's InvStd gives 0", (2, 2, 3), eps=0.0, scale=0.0, offset=1.5),
        instance_norm_case("(2, 3, 4) inputs near 1e150, affine", (2, 3, 4), affine_flag=True, scale=1e150),
        instance_norm_case("(2, 3, 4) inputs near 1e-150, affine", (2, 3, 4), affine_flag=True, scale=1e-150),
    ]


# --------------------------------------------------------------------------- minMaxScale, standardize, stats


def feature_values():
    """Named one-dimensional inputs shared by minMaxScale, standardize and stats."""
    outlier = NP.lognormal(0.0, 0.75, 19)
    return [
        ("normal, 20 values", NP.normal(3.0, 2.0, 20)),
        ("log-normal with an outlier", np.append(outlier, 40.0)),
        ("uniform, 12 values", NP.uniform(-5.0, 5.0, 12)),
        ("two values", np.array([-1.5, 4.0])),
        ("constant", np.full(5, 0.1)),
        ("a single value", np.array([7.25])),
        ("near 1e150", NP.normal(0.0, 1.0, 10) * 1e150),
        ("near 1e-150", NP.normal(0.0, 1.0, 10) * 1e-150),
        ("offset 1000 times the spread", NP.normal(1e3, 1.0, 10)),
    ]


def min_max_reference(x, lo, hi):
    span = x.max() - x.min()
    if span == 0:
        return np.full_like(x, lo)
    return (x - x.min()) / span * (hi - lo) + lo


def standardize_reference(x):
    if x.min() == x.max():
        return np.zeros_like(x)
    return (x - x.mean()) / x.std()


def skewness_reference(x):
    # Skewness is scale-free: divide by a power of two (exact) first so cubes of
    # values near 1e150 or 1e-150 neither overflow nor underflow in numpy.
    peak = float(np.abs(x).max())
    if peak > 0:
        x = x * 2.0 ** -math.frexp(peak)[1]
    if x.min() == x.max():
        return 0.0
    d = x - x.mean()
    m2 = np.mean(d * d)
    m3 = np.mean(d * d * d)
    return float(m3 / m2 ** 1.5)


def scaling_cases():
    min_max, standard, stats = [], [], []
    for name, x in feature_values():
        for lo, hi in ([0.0, 1.0], [-1.0, 1.0], [10.0, 255.0]):
            if (lo, hi) != (0.0, 1.0) and "near" in name:
                continue
            min_max.append({"name": f"{name} to [{lo}, {hi}]", "input": flat(x), "range": [lo, hi],
                            "output": flat(min_max_reference(x, lo, hi))})
        standard.append({"name": name, "input": flat(x), "output": flat(standardize_reference(x))})
        entry = {"name": name, "input": flat(x), "mean": float(x.mean()), "variance": float(x.var()),
                 "std": float(x.std()), "skewness": skewness_reference(x), "min": float(x.min()),
                 "max": float(x.max())}
        if len(x) > 1:
            entry["varianceUnbiased"] = float(x.var(ddof=1))
        stats.append(entry)
    return min_max, standard, stats


# --------------------------------------------------------------------------- errors


def capture(fn):
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - recording whatever PyTorch raises
        return type(exc).__name__, str(exc)
    raise AssertionError("expected PyTorch to raise")


def error_cases():
    errors = []
    for shape in ([1, 4], [1, 4, 1], [1, 3, 1, 1]):
        module = batch_norm_module(len(shape), shape[1], 1e-5, 0.1, True)
        kind, message = capture(lambda: module(torch.randn(*shape, dtype=F64)))
        errors.append({"function": "batchNorm", "shape": shape, "type": kind, "message": message,
                       "phrase": "Expected more than 1 value per channel when training"})
    for shape, groups, phrase in (([2, 6, 3], 4, "divisible"), ([2, 5], 2, "divisible"), ([3, 4, 2], 3, "divisible"),
                                  ([2, 3], 4, "Expected more than 1 value per channel when training"),
                                  ([1, 2], 2, "Expected more than 1 value per channel when training")):
        kind, message = capture(lambda: F.group_norm(torch.randn(*shape, dtype=F64), groups))
        errors.append({"function": "groupNorm", "shape": shape, "numGroups": groups, "type": kind,
                       "message": message, "phrase": phrase})
    for shape in ([2, 3, 1], [2, 3]):
        kind, message = capture(lambda: F.instance_norm(torch.randn(*shape, dtype=F64)))
        errors.append({"function": "instanceNorm", "shape": shape, "type": kind, "message": message,
                       "phrase": "Expected more than 1 spatial element when training"})
    kind, message = capture(lambda: F.layer_norm(torch.randn(2, 3, dtype=F64), [4]))
    errors.append({"function": "layerNorm", "shape": [2, 3], "normalizedShape": [4], "type": kind,
                   "message": message, "phrase": "expected input with shape [*, 4]"})
    for entry in errors:
        assert entry["phrase"] in entry["message"], entry
    return errors


def main() -> int:
    min_max, standard, stats = scaling_cases()
    fixture = {
        "meta": {
            "generator": "scripts/make_fixtures.py",
            "torch": torch.__version__,
            "numpy": np.__version__,
            "seed": SEED,
            "dtype": "float64",
            "rmsNormEps": torch.finfo(F64).eps,
        },
        "batchNorm": batch_norm_cases(),
        "layerNorm": layer_norm_cases(),
        "rmsNorm": rms_norm_cases(),
        "groupNorm": group_norm_cases(),
        "instanceNorm": instance_norm_cases(),
        "minMaxScale": min_max,
        "standardize": standard,
        "stats": stats,
        "errors": error_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fixture, allow_nan=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text) / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
