"""Plots of tqt-train logs and of results tables (matplotlib, Agg backend:
files only, no display needed)."""
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FIXED = ("step", "loss", "train_accuracy", "val_accuracy", "lr_weights", "lr_thresholds", "frozen")


def read_log(path):
    """(steps, {column: values}) of a tqt-train CSV log; empty cells are None."""
    with open(path) as f:
        rows = list(csv.DictReader(f))
    cols = {k: [float(r[k]) if r[k] != "" else None for r in rows] for k in rows[0]} if rows else {}
    return cols.get("step", []), cols


def plot_thresholds(log_path, out_png, title=None):
    """Every threshold's log2 value against the step (tqt-method 2.4: they
    settle, then oscillate around an integer ceil boundary)."""
    steps, cols = read_log(log_path)
    fig, ax = plt.subplots(figsize=(8, 5))
    for name, values in cols.items():
        if name not in FIXED:
            ax.plot(steps, values, linewidth=1, label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("log2 threshold")
    ax.set_title(title or "threshold trajectories")
    ax.grid(True, alpha=0.3)
    if len(cols) - len(FIXED) <= 16:
        ax.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(out_png, dpi=120)
    plt.close(fig)


def plot_accuracy(names, accuracies, out_png, reference=None, title="top-1 accuracy"):
    """A bar per variant, with an optional reference line (FP32)."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    bars = ax.bar(range(len(names)), accuracies, color="#4c72b0")
    for b, a in zip(bars, accuracies):
        ax.text(b.get_x() + b.get_width() / 2, a + 0.2, f"{a:.2f}", ha="center", fontsize=8)
    if reference is not None:
        ax.axhline(reference, color="#c44e52", linestyle="--", linewidth=1, label=f"FP32 {reference:.2f}%")
        ax.legend()
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=15, fontsize=8)
    lo = min(accuracies + ([reference] if reference is not None else []))
    ax.set_ylim(max(0, lo - 5), 100)
    ax.set_ylabel("%")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(out_png, dpi=120)
    plt.close(fig)
