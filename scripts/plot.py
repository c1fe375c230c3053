#!/usr/bin/env python3
"""Draws the figures in docs/img/ from the committed data beside them.

    scripts/bench.sh plot        (or: python3 scripts/plot.py, with matplotlib installed)

docs/img/model-costs.csv -> docs/img/cost-curve.svg: what verifying, proving and the proving key
cost as the model grows, for Veritas and for EZKL on the same models. The CSV's header says which
command measured each column; re-run them, update the CSV, then this script.
"""

import csv
import pathlib

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

IMG = pathlib.Path(__file__).resolve().parent.parent / "docs" / "img"


def read_rows(path):
    with open(path, newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def cost_curve(rows, out):
    params = [int(r["parameters"]) for r in rows]
    column = lambda name: [float(r[name]) for r in rows]  # noqa: E731

    fig, (time_ax, key_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
    time_ax.plot(params, column("verify_wasm_ms"), "o-", color="tab:blue", lw=2.5,
                 label="Veritas: verify on chain (pure wasm)")
    time_ax.plot(params, [s * 1e3 for s in column("prove_s")], "s--", color="tab:blue",
                 label="Veritas: prove (off chain)")
    time_ax.plot(params, column("ezkl_verify_ms"), "o-", color="tab:red",
                 label="EZKL: verify (native)")
    time_ax.plot(params, [s * 1e3 for s in column("ezkl_prove_s")], "s--", color="tab:red",
                 label="EZKL: prove")
    time_ax.set(xscale="log", yscale="log", xlabel="model parameters", ylabel="milliseconds",
                title="Verifying stays flat as the model grows")
    for x, y in zip(params, column("verify_wasm_ms")):
        time_ax.annotate(f"{y:.1f} ms", (x, y), textcoords="offset points", xytext=(0, 7),
                         ha="center", fontsize=8, color="tab:blue")
    time_ax.grid(True, which="major", alpha=0.3)
    time_ax.legend(fontsize=8, loc="upper left")

    key_ax.plot(params, column("proving_key_mb"), "o-", color="tab:blue", label="Veritas")
    key_ax.plot(params, column("ezkl_proving_key_mb"), "o-", color="tab:red", label="EZKL")
    key_ax.set(xscale="log", yscale="log", xlabel="model parameters", ylabel="MB",
               title="Proving key")
    key_ax.grid(True, which="major", alpha=0.3)
    key_ax.legend(fontsize=8, loc="upper left")

    names = ", ".join(r["model"] for r in rows)
    fig.suptitle(f"Models: {names}. Veritas: proof 192 B and verifying key 920 B for each of these models.",
                 fontsize=9, y=0.02)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    # Fixed ids and no date, so the same data gives the same file.
    plt.rcParams["svg.hashsalt"] = "veritas"
    fig.savefig(out, format="svg", metadata={"Date": None})
    print(f"wrote {out}")


if __name__ == "__main__":
    cost_curve(read_rows(IMG / "model-costs.csv"), IMG / "cost-curve.svg")
