#!/usr/bin/env python3
"""The end-to-end demo (run by scripts/demo.sh after the build): the
embedded MobileNet-v1-style model on the Fashion-MNIST test split, in the
shape of the method's results table (tqt-method 7):

  1. FP32                      the exported float model (batch norm folded)
  2. INT8 static               calibrate (MAX weights, KL-J activations), no training
  3. INT8 retrain wt           weights trained, thresholds fixed at calibration
  4. INT8 TQT                  weights and thresholds trained (3SD init)
  5. INT4 TQT                  4-bit weights (first/last layers 8-bit), TQT
  6. INT8 TQT, per-channel     one power-of-2 weight threshold per output channel
  7. INT4 TQT, per-channel     the same at 4 bits

Every quantized accuracy is the accuracy of the legalized, fused integer-only
program. tqt-run --compare-layers checks, on the test images, that every
quantizer's codes and the logits of each integer program equal its simulation
graph's bit for bit; the demo fails when they do not, or when an INT8 row is
more than --int8-bound (3) points below FP32 or INT4 more than --int4-bound
(10). The final INT8 TQT
program is compiled with tqt-compile to a native executable whose logits must
equal the simulation graph's on every test image; its per-image latency is
compared with the FP32 model compiled by the same pipeline.

  demo.py --build DIR --model MODEL.mlir --results DIR [--steps 800]
          [--batch 24] [--eval-samples 0] [--train-samples 0] [--val-samples 2000]
          [--seeds 1] [--no-aot] [--no-per-channel]
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
from tqt_mlir.data import fashion_mnist  # noqa: E402
from tqt_mlir.plots import plot_accuracy, plot_thresholds  # noqa: E402

T0 = time.time()


def say(msg):
    print(f"[{time.time() - T0:6.1f}s] {msg}", flush=True)


class Demo:
    def __init__(self, args):
        self.args = args
        self.bin = os.path.join(args.build, "bin")
        self.work = os.path.join(args.results, "work")
        os.makedirs(self.work, exist_ok=True)
        self.rows = []

    def tool(self, name, *argv, capture=True):
        cmd = [os.path.join(self.bin, name)] + [str(a) for a in argv]
        r = subprocess.run(cmd, capture_output=capture, text=True)
        if r.returncode != 0:
            sys.stderr.write((r.stdout or "") + (r.stderr or ""))
            raise SystemExit(f"demo: {' '.join(cmd)} failed")
        return r.stdout

    def path(self, name):
        return os.path.join(self.work, name)

    def accuracy(self, model):
        out = self.tool("tqt-run", model, "--eval", "--dataset", "fashion-mnist:test",
                        "--eval-samples", self.args.eval_samples)
        return float(re.search(r"accuracy: ([0-9.]+)%", out).group(1))

    def integer(self, sim, name):
        """Legalize + fuse `sim`; returns (simulation accuracy, integer
        accuracy, layers), `layers` being tqt-run --compare-layers' verdict
        on the test images: every quantizer's codes and the logits of the
        integer program equal the simulation graph's (bit-exact), or not."""
        legal = self.path(name + ".int.mlir")
        self.tool("tqt-opt", sim, "--tqt-legalize-pow2", "--tqt-fuse-integer", "-o", legal)
        cmd = [os.path.join(self.bin, "tqt-run"), sim, "--compare-layers", "--dataset",
               "fashion-mnist:test", "--eval-samples", str(self.args.eval_samples)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        m = re.search(r"bit-exact: (\d+) quantizers .*?, (\d+) codes compared", r.stdout)
        if r.returncode == 0 and m:
            layers = f"bit-exact ({m.group(1)} quantizers, {int(m.group(2)):,} codes)"
        else:
            sys.stderr.write(r.stdout + r.stderr)
            layers = "DIFFERS"
        say(f"{name}: layers {layers}")
        return self.accuracy(sim), self.accuracy(legal), layers

    def schedule(self, name):
        """(steps, freeze start, freeze every) of a trained row: INT4 has its
        own (--int4-steps ...), the others share --steps."""
        a = self.args
        if name.startswith("int4") and a.int4_steps:  # per-channel INT4 too
            return a.int4_steps, a.int4_freeze_start, a.int4_freeze_every
        return a.steps, a.freeze_start, a.freeze_every

    def train(self, cal, name, seed, *extra):
        suffix = "" if seed == 1 else f"_seed{seed}"
        out = self.path(f"{name}{suffix}.trained.mlir")
        log = os.path.join(self.args.results, f"train_{name}{suffix}.csv")
        a = self.args
        steps, freeze_start, freeze_every = self.schedule(name)
        say(f"{name}: tqt-train, {steps} steps of {a.batch} images, seed {seed}")
        self.tool("tqt-train", cal, "--dataset", "fashion-mnist", "--steps", steps, "--batch-size", a.batch,
                  "--lr-weights", a.lr_weights, "--lr-thresholds", a.lr_thresholds,
                  "--eval-every", a.eval_every, "--val-samples", a.val_samples,
                  "--train-samples", a.train_samples, "--freeze-start", freeze_start,
                  "--freeze-every", freeze_every, "--seed", seed, "--log", log, "-o", out, *extra,
                  capture=False)
        return out, log

    def trained_row(self, mode, precision, cal, name, *extra):
        """Trains `cal` with seeds 1..--seeds and adds the row (the mean
        accuracy and its spread over the seeds); returns seed 1's model and
        log."""
        a = self.args
        t = time.time()
        runs = []
        for seed in range(1, a.seeds + 1):
            model, log = self.train(cal, name, seed, *extra)
            runs.append(self.integer(model, name if seed == 1 else f"{name}_seed{seed}") + (model, log))
            if seed == 1:
                first = (model, log)
        sims, ints = [r[0] for r in runs], [r[1] for r in runs]
        bad = [r[2] for r in runs if not r[2].startswith("bit-exact")]
        layers = bad[0] if bad else runs[0][2]
        epochs = self.schedule(name)[0] * a.batch / (a.train_samples or (60000 - a.val_samples))
        self.row(mode, precision, float(np.mean(sims)), float(np.mean(ints)), layers, epochs, time.time() - t,
                 spread=float(np.std(ints)) if len(ints) > 1 else None, seeds=len(ints))
        return first

    def row(self, mode, precision, sim, integer, layers, epochs, seconds, spread=None, seeds=None):
        self.rows.append(dict(mode=mode, precision=precision, simulation=sim, integer=integer,
                              spread=spread, seeds=seeds, layers=layers, epochs=epochs, seconds=seconds))
        same = "" if sim is None or (sim == integer and layers.startswith("bit-exact")) \
            else "  (SIMULATION DIFFERS)"
        say(f"{mode} {precision}: {integer:.2f}%{same}")

    def check_bounds(self):
        """The demo's own claims: every integer program equals its simulation
        layer by layer, INT8 rows within --int8-bound points of FP32, INT4
        within --int4-bound."""
        ok = True
        for r in self.rows[1:]:
            bound = self.args.int4_bound if "INT4" in r["precision"] else self.args.int8_bound
            if not r["layers"].startswith("bit-exact"):
                say(f"FAILED: {r['mode']} {r['precision']}: the integer program differs from its simulation")
                ok = False
            if self.fp32 - r["integer"] > bound:
                say(f"FAILED: {r['mode']} {r['precision']}: {r['integer']:.2f}% is more than "
                    f"{bound} points below FP32 ({self.fp32:.2f}%)")
                ok = False
        if ok:
            say(f"bounds: every integer program bit-exact with its simulation, INT8 within "
                f"{self.args.int8_bound} and INT4 within {self.args.int4_bound} points of FP32")
        return ok

    def run(self):
        a = self.args
        fp32 = self.path("fp32.mlir")
        self.tool("tqt-opt", a.model, "--tqt-prepare", "-o", fp32)
        t = time.time()
        self.fp32 = self.accuracy(fp32)
        self.row("FP32", "fp32", None, self.fp32, "", 0, time.time() - t)

        # INT8 static.
        t = time.time()
        sim8 = self.path("int8.sim.mlir")
        self.tool("tqt-opt", fp32, "--tqt-insert-quantizers", "-o", sim8)
        cal8s = self.path("int8.static.mlir")
        self.tool("tqt-calibrate", sim8, "--dataset", "fashion-mnist", "--mode", "static", "--quiet", "-o", cal8s)
        self.row("static", "INT8", *self.integer(cal8s, "int8.static"), 0, time.time() - t)

        # INT8, weights retrained, thresholds fixed (the static calibration).
        self.trained_row("retrain wt", "INT8", cal8s, "int8_wt", "--train-thresholds=false")

        # INT8 TQT.
        cal8r = self.path("int8.retrain.mlir")
        self.tool("tqt-calibrate", sim8, "--dataset", "fashion-mnist", "--mode", "retrain", "--quiet", "-o", cal8r)
        self.tqt8, log8 = self.trained_row("retrain wt,th", "INT8", cal8r, "int8_tqt")

        # INT4 weights TQT (first and last layers 8-bit).
        cal4 = self.calibrated(fp32, "int4", "weight-bits=4 first-last-bits=8")
        _, log4 = self.trained_row("retrain wt,th", "INT4 wt", cal4, "int4_tqt")

        # Per-channel weight thresholds (one per output channel), INT8 and
        # INT4.
        if not a.no_per_channel:
            cal8c = self.calibrated(fp32, "int8_pc", "per-channel-weights=true")
            self.trained_row("retrain wt,th", "INT8 pc", cal8c, "int8_pc_tqt")
            cal4c = self.calibrated(fp32, "int4_pc", "weight-bits=4 first-last-bits=8 per-channel-weights=true")
            self.trained_row("retrain wt,th", "INT4 wt pc", cal4c, "int4_pc_tqt")

        self.report(log8, log4)
        if not a.no_aot:
            self.aot(fp32)
        ok = self.check_bounds()
        return ok and getattr(self, "aot_ok", True)

    def calibrated(self, fp32, name, options):
        """The simulation graph of `fp32` with --tqt-insert-quantizers
        `options`, calibrated for retraining (3SD weights)."""
        sim = self.path(f"{name}.sim.mlir")
        self.tool("tqt-opt", fp32, f"--tqt-insert-quantizers={options}", "-o", sim)
        cal = self.path(f"{name}.retrain.mlir")
        self.tool("tqt-calibrate", sim, "--dataset", "fashion-mnist", "--mode", "retrain", "--quiet", "-o", cal)
        return cal

    def report(self, log8, log4):
        a = self.args
        n = a.eval_samples or 10000
        print()
        seeds = ("one seed per trained row (--seeds N for the spread)" if a.seeds == 1 else
                 f"trained rows: mean over {a.seeds} seeds, +- their standard deviation")
        print(f"Fashion-MNIST test split ({n} images), MobileNet-v1-style model; top-1 accuracy of the "
              f"integer-only program; checkpoints chosen on {a.val_samples} validation images from the "
              f"training data; {seeds}")
        print(f"{'Mode':<16}{'Precision':<11}{'Simulation':>11}{'Integer':>9}{'+-':>6}{'vs FP32':>9}{'#ep':>7}"
              f"{'time':>8}  Layers")
        for r in self.rows:
            sim = "" if r["simulation"] is None else f"{r['simulation']:.2f}"
            spread = "" if r["spread"] is None else f"{r['spread']:.2f}"
            print(f"{r['mode']:<16}{r['precision']:<11}{sim:>11}{r['integer']:>9.2f}{spread:>6}"
                  f"{r['integer'] - self.fp32:>+9.2f}{r['epochs']:>7.2f}{r['seconds']:>7.0f}s  {r['layers']}")
        print()
        with open(os.path.join(a.results, "results.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(self.rows[0]))
            w.writeheader()
            w.writerows(self.rows)
        plot_accuracy([f"{r['precision']} {r['mode']}" for r in self.rows[1:]],
                      [r["integer"] for r in self.rows[1:]], os.path.join(a.results, "accuracy.png"),
                      reference=self.fp32, title=f"Fashion-MNIST top-1 ({n} test images), integer programs")
        plot_thresholds(log8, os.path.join(a.results, "thresholds_int8_tqt.png"), "INT8 TQT: log2 thresholds")
        plot_thresholds(log4, os.path.join(a.results, "thresholds_int4_tqt.png"), "INT4 TQT: log2 thresholds")
        say(f"wrote {a.results}/results.csv, accuracy.png, thresholds_*.png, train_*.csv")

    def aot(self, fp32):
        """Native executables of the final INT8 program and of FP32; logits
        of the INT8 executable against the simulation graph on the whole
        split; per-image latency ratio."""
        a = self.args
        say("tqt-compile: INT8 TQT integer program and FP32 model to executables")
        int8 = self.path("int8_tqt.int.mlir")
        exe8, exe32 = self.path("int8_tqt_exe"), self.path("fp32_exe")
        self.tool("tqt-compile", int8, "--emit=exe", "-o", exe8)
        self.tool("tqt-compile", fp32, "--emit=exe", "-o", exe32)
        images, _ = fashion_mnist("test")
        if a.eval_samples:
            images = images[:a.eval_samples]
        x = self.path("test_images.npy")
        np.save(x, images)
        subprocess.run([exe8, "-o", self.path("aot"), x], check=True)
        self.tool("tqt-run", self.tqt8, "-i", x, "--output-dir", self.path("sim"))
        aot = np.load(self.path("aot/result0.npy"))
        sim = np.load(self.path("sim/result0.npy"))
        self.aot_ok = aot.shape == sim.shape and np.array_equal(aot.view(np.uint32), sim.view(np.uint32))
        say(f"INT8 executable vs simulation graph: {len(images)} images, logits "
            f"{'identical bit for bit' if self.aot_ok else 'DIFFER'}")
        batch = self.path("batch100.npy")
        np.save(batch, images[:100])

        def latency(exe, calls):
            """ms per batch: the best of 3 runs of `calls` calls (the first
            calls of a run also start the thread pool and fill the heap)."""
            best = float("inf")
            for _ in range(3):
                r = subprocess.run([exe, "--repeat", str(calls), "-o", self.path("lat"), batch],
                                   capture_output=True, text=True, check=True)
                m = re.search(r"([0-9.]+) (ms|us|s)", r.stderr)
                scale = {"s": 1e3, "ms": 1.0, "us": 1e-3}[m.group(2)]
                best = min(best, float(m.group(1)) * scale)
            return best / 100
        l8, l32 = latency(exe8, 200), latency(exe32, 20)
        say(f"per-image latency (batch 100, native executables): INT8 {l8 * 1e3:.1f} us, "
            f"FP32 {l32 * 1e3:.1f} us, INT8/FP32 = {l8 / l32:.2f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "examples", "fashion_mnist", "model.mlir"))
    ap.add_argument("--results", default=os.path.join(ROOT, "results"))
    ap.add_argument("--steps", type=int, default=800)
    ap.add_argument("--batch", type=int, default=24)
    ap.add_argument("--lr-weights", type=float, default=1e-5)
    ap.add_argument("--lr-thresholds", type=float, default=1e-2)
    ap.add_argument("--freeze-start", type=int, default=300)
    ap.add_argument("--freeze-every", type=int, default=15)
    ap.add_argument("--eval-every", type=int, default=200)
    ap.add_argument("--eval-samples", type=int, default=0, help="test images for the table (0: all 10,000)")
    ap.add_argument("--val-samples", type=int, default=2000,
                    help="validation images (the end of the train split, never trained on) for "
                         "tqt-train's checkpoint choice; the test split only measures")
    ap.add_argument("--int4-steps", type=int, default=0,
                    help="a longer schedule for the INT4 row (0: --steps); 6000 with --int4-freeze-start "
                         "2000 --int4-freeze-every 60 brings it within a point of FP32 (docs/Training.md)")
    ap.add_argument("--int4-freeze-start", type=int, default=2000)
    ap.add_argument("--int4-freeze-every", type=int, default=60)
    ap.add_argument("--seeds", type=int, default=1,
                    help="train every trained row with seeds 1..N and report mean and spread")
    ap.add_argument("--train-samples", type=int, default=0)
    ap.add_argument("--no-aot", action="store_true")
    ap.add_argument("--no-per-channel", action="store_true",
                    help="leave out the per-channel weight rows (INT8 pc, INT4 wt pc)")
    ap.add_argument("--int8-bound", type=float, default=3.0,
                    help="fail when an INT8 row is more than this many points below FP32")
    ap.add_argument("--int4-bound", type=float, default=10.0,
                    help="fail when the INT4 row is more than this many points below FP32")
    args = ap.parse_args()
    if os.path.exists(os.path.join(args.results, "work")):
        shutil.rmtree(os.path.join(args.results, "work"))
    ok = Demo(args).run()
    say("done" if ok else "FAILED: see the lines above")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
