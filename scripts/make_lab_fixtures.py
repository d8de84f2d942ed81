#!/usr/bin/env python3
"""Write src/lib/lab/fixtures/lab-<norm>.json: PyTorch's float64 answers for the lab's tiny Transformer.

Run where PyTorch is installed (Debian: `apt-get install -y python3-torch`):

    /usr/bin/python3 scripts/make_lab_fixtures.py

For each norm (ln, rms, bn, bnm, none) and each mask (padding: bidirectional with a key-padding mask;
causal) a small model (d = 8, 2 heads, FFN 16, 2 layers, vocabulary 7, T = 5) reads one batch of three
sequences with pads. The file holds the weights (drawn here from a seed), the batch, the logits and mean
loss of a training-mode forward pass, every parameter's gradient, then four Adam steps on the same batch
with the warm-up + cosine schedule (the losses, the parameters and BatchNorm's running statistics after
them) and the logits in eval mode (running statistics) at the end. The TypeScript tests load the weights,
run the same passes and compare.

The model is written with plain torch ops, in the layout src/lib/lab/params.ts uses:
  x0 = tok_emb[tokens] + pos_emb[:T]
  per block: h = x + o(attn(norm1(x))), x' = h + down(relu(up(norm2(h))))
  logits = head(norm_f(x_L)); loss = cross_entropy(ignore_index=-1)
Norms: ln = F.layer_norm; rms = x / sqrt(mean(x^2) + eps) * w (torch 1.13 has no nn.RMSNorm);
bn = F.batch_norm on the flattened (B*T, D) tensor, i.e. nn.BatchNorm1d over every position including
pads (gradient through the batch statistics, running statistics with the unbiased variance);
bnm = the same statistics over the real positions only, written out; none = identity.
Floats are written with Python's repr, so JSON.parse recovers the exact doubles.
"""

from __future__ import annotations

import json
import math
import pathlib

import torch
import torch.nn.functional as F

SEED = 20251113
F64 = torch.float64
OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "lib" / "lab" / "fixtures"

CONFIG = dict(vocab=7, maxLen=5, dModel=8, heads=2, ffn=16, layers=2, eps=1e-5, momentum=0.1)
# Adam's eps is 1e-4 here, not the lab's 1e-8: some gradients are exactly zero in exact arithmetic (the key
# bias; under BatchNorm, every bias that shifts all rows before a BatchNorm) and rounding noise (1e-17 to 1e-14)
# in practice, and Adam turns noise g into a step of about lr*g/eps in any implementation. With eps = 1e-8 that
# noise reaches 1e-8 in the parameters, then BatchNorm's running means; with 1e-4 it stays below 1e-12.
OPTIMIZER = dict(lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-4, warmup=2, steps=5)
ADAM_STEPS = 4
# Three sequences of T = 5 with 5, 3 and 2 real tokens (pads at the end, token 0).
LENGTHS = [5, 3, 2]
NORMS = ["ln", "rms", "bn", "bnm", "none"]
MASKS = ["padding", "causal"]


def flat(t: torch.Tensor) -> list[float]:
    out = [float(v) for v in t.detach().reshape(-1).tolist()]
    if not all(math.isfinite(v) for v in out):
        raise ValueError("non-finite value in a fixture")
    return out


def norm_names(layers: int) -> list[str]:
    names = []
    for l in range(layers):
        names += [f"blocks.{l}.norm1", f"blocks.{l}.norm2"]
    return names + ["norm_f"]


def param_shapes(norm: str) -> list[tuple[str, list[int]]]:
    """The parameters in src/lib/lab/params.ts's order; linear weights are (out, in) as in nn.Linear."""
    V, T, D, Fh, L = CONFIG["vocab"], CONFIG["maxLen"], CONFIG["dModel"], CONFIG["ffn"], CONFIG["layers"]
    norm_params = {"none": [], "rms": ["weight"]}.get(norm, ["weight", "bias"])
    shapes: list[tuple[str, list[int]]] = [("tok_emb", [V, D]), ("pos_emb", [T, D])]

    def add_norm(prefix: str) -> None:
        for p in norm_params:
            shapes.append((f"{prefix}.{p}", [D]))

    def add_linear(prefix: str, out: int, inp: int) -> None:
        shapes.append((f"{prefix}.weight", [out, inp]))
        shapes.append((f"{prefix}.bias", [out]))

    for l in range(L):
        add_norm(f"blocks.{l}.norm1")
        for p in "qkvo":
            add_linear(f"blocks.{l}.attn.{p}", D, D)
        add_norm(f"blocks.{l}.norm2")
        add_linear(f"blocks.{l}.ffn.up", Fh, D)
        add_linear(f"blocks.{l}.ffn.down", D, Fh)
    add_norm("norm_f")
    add_linear("head", V, D)
    return shapes


def make_params(norm: str, gen: torch.Generator) -> dict[str, torch.Tensor]:
    """Weights from the seed: embeddings N(0, 1), linear layers N(0, 0.5²), γ ≈ 1 ± 0.2, β ≈ 0 ± 0.2."""
    params = {}
    for name, shape in param_shapes(norm):
        z = torch.randn(*shape, generator=gen, dtype=F64)
        if name.endswith("_emb"):
            value = z
        elif ".norm" in name or name.startswith("norm_f"):
            value = 1.0 + 0.2 * z if name.endswith("weight") else 0.2 * z
        else:
            value = 0.5 * z
        params[name] = value.clone().requires_grad_(True)
    return params


class Model:
    def __init__(self, norm: str, mask_kind: str, params: dict[str, torch.Tensor]):
        self.norm = norm
        self.mask_kind = mask_kind
        self.p = params
        D = CONFIG["dModel"]
        self.running = {
            name: (torch.zeros(D, dtype=F64), torch.ones(D, dtype=F64)) for name in norm_names(CONFIG["layers"])
        }

    def apply_norm(self, name: str, x: torch.Tensor, real: torch.Tensor, training: bool) -> torch.Tensor:
        eps, mom = CONFIG["eps"], CONFIG["momentum"]
        B, T, D = x.shape
        if self.norm == "none":
            return x
        w = self.p[f"{name}.weight"]
        if self.norm == "ln":
            return F.layer_norm(x, (D,), w, self.p[f"{name}.bias"], eps)
        if self.norm == "rms":
            return x / torch.sqrt((x * x).mean(dim=-1, keepdim=True) + eps) * w
        b = self.p[f"{name}.bias"]
        rm, rv = self.running[name]
        rows = x.reshape(B * T, D)
        if self.norm == "bn":
            y = F.batch_norm(rows, rm, rv, w, b, training=training, momentum=mom, eps=eps)
            return y.reshape(B, T, D)
        # bnm: statistics over the real rows only; every row is normalized with them.
        if not training:
            return ((rows - rm) / torch.sqrt(rv + eps) * w + b).reshape(B, T, D)
        m = real.reshape(B * T, 1).to(F64)
        count = m.sum()
        mean = (rows * m).sum(dim=0) / count
        var_sum = (((rows - mean) ** 2) * m).sum(dim=0)
        var = var_sum / count
        y = (rows - mean) / torch.sqrt(var + eps) * w + b
        with torch.no_grad():
            rm.copy_(mom * mean + (1 - mom) * rm)
            rv.copy_(mom * (var_sum / (count - 1)) + (1 - mom) * rv)
        return y.reshape(B, T, D)

    def linear(self, name: str, x: torch.Tensor) -> torch.Tensor:
        return x @ self.p[f"{name}.weight"].T + self.p[f"{name}.bias"]

    def attention(self, l: int, a: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        B, T, D = a.shape
        H = CONFIG["heads"]
        dh = D // H

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.reshape(B, T, H, dh).transpose(1, 2)

        q = heads(self.linear(f"blocks.{l}.attn.q", a))
        k = heads(self.linear(f"blocks.{l}.attn.k", a))
        v = heads(self.linear(f"blocks.{l}.attn.v", a))
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(dh)
        if self.mask_kind == "causal":
            allowed = torch.tril(torch.ones(T, T, dtype=torch.bool)).reshape(1, 1, T, T)
        else:
            allowed = real.reshape(B, 1, 1, T)
        scores = scores.masked_fill(~allowed, float("-inf"))
        probs = torch.softmax(scores, dim=-1)
        ctx = (probs @ v).transpose(1, 2).reshape(B, T, D)
        return self.linear(f"blocks.{l}.attn.o", ctx)

    def forward(self, tokens: torch.Tensor, real: torch.Tensor, training: bool) -> torch.Tensor:
        B, T = tokens.shape
        x = self.p["tok_emb"][tokens] + self.p["pos_emb"][:T]
        for l in range(CONFIG["layers"]):
            h = x + self.attention(l, self.apply_norm(f"blocks.{l}.norm1", x, real, training), real)
            u = torch.relu(self.linear(f"blocks.{l}.ffn.up", self.apply_norm(f"blocks.{l}.norm2", h, real, training)))
            x = h + self.linear(f"blocks.{l}.ffn.down", u)
        return self.linear("head", self.apply_norm("norm_f", x, real, training))


def schedule(s: int) -> float:
    """The lab's factor: (s+1)/W during warm-up, then ½(1 + cos(π(s−W)/(S−W)))."""
    W, S = OPTIMIZER["warmup"], OPTIMIZER["steps"]
    if s < W:
        return (s + 1) / W
    return 0.5 * (1 + math.cos(math.pi * min(1.0, (s - W) / (S - W))))


def make_batch(gen: torch.Generator):
    B, T, V = len(LENGTHS), CONFIG["maxLen"], CONFIG["vocab"]
    tokens = torch.zeros(B, T, dtype=torch.long)
    targets = torch.full((B, T), -1, dtype=torch.long)
    real = torch.zeros(B, T, dtype=torch.bool)
    for b, n in enumerate(LENGTHS):
        tokens[b, :n] = torch.randint(1, V, (n,), generator=gen)
        targets[b, :n] = torch.randint(0, V, (n,), generator=gen)
        real[b, :n] = True
    return tokens, targets, real


def make_case(norm: str, mask_kind: str, gen: torch.Generator) -> dict:
    params = make_params(norm, gen)
    tokens, targets, real = make_batch(gen)
    initial = {name: flat(t) for name, t in params.items()}
    model = Model(norm, mask_kind, params)
    names = list(params)
    optimizer = torch.optim.Adam(
        [params[n] for n in names], lr=OPTIMIZER["lr"], betas=(OPTIMIZER["beta1"], OPTIMIZER["beta2"]), eps=OPTIMIZER["eps"]
    )
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    V = CONFIG["vocab"]
    losses, lrs = [], []
    logits0 = loss0 = grads0 = None
    for step in range(ADAM_STEPS):
        optimizer.zero_grad()
        logits = model.forward(tokens, real, training=True)
        loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1), ignore_index=-1)
        loss.backward()
        if step == 0:
            logits0, loss0 = flat(logits), float(loss.item())
            grads0 = {n: flat(params[n].grad) for n in names}
        losses.append(float(loss.item()))
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    with torch.no_grad():
        eval_logits = model.forward(tokens, real, training=False)
    case = {
        "name": f"{norm}, {mask_kind} mask",
        "config": {**CONFIG, "norm": norm, "mask": mask_kind},
        "optimizer": OPTIMIZER,
        "batch": {
            "b": len(LENGTHS),
            "t": CONFIG["maxLen"],
            "tokens": tokens.reshape(-1).tolist(),
            "targets": targets.reshape(-1).tolist(),
            "mask": real.reshape(-1).to(torch.int64).tolist(),
        },
        "params": initial,
        "logits": logits0,
        "loss": loss0,
        "grads": grads0,
        "adam": {
            "steps": ADAM_STEPS,
            "lrs": lrs,
            "losses": losses,
            "params": {n: flat(params[n]) for n in names},
        },
        "evalLogits": flat(eval_logits),
    }
    if norm in ("bn", "bnm"):
        case["adam"]["running"] = {
            name: {"mean": flat(rm), "var": flat(rv)} for name, (rm, rv) in model.running.items()
        }
    return case


def main() -> None:
    torch.set_default_dtype(F64)
    OUT.mkdir(parents=True, exist_ok=True)
    for i, norm in enumerate(NORMS):
        gen = torch.Generator().manual_seed(SEED + i)
        cases = [make_case(norm, mask_kind, gen) for mask_kind in MASKS]
        path = OUT / f"lab-{norm}.json"
        path.write_text(json.dumps({"torch": torch.__version__, "cases": cases}, separators=(",", ":")) + "\n")
        print(f"wrote {path.relative_to(OUT.parent.parent.parent.parent)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
