#!/usr/bin/env python3
"""How far torchvision 0.14's classification models get through the flow
(issue 12's coverage table), one command:

  scripts/zoo_coverage.py [--build DIR] [--models resnet18,mobilenet_v2,...]
                          [--size 64] [--samples 4] [--timeout 1800]
                          [--threads 1] [--table docs/Zoo.md] [--work DIR]
                          [--require-pass]

Each model (random weights; batch-norm statistics from two training-mode
batches of random images) goes through, stage by stage, stopping at the
first that fails:

  export     tqt_mlir.export at 3 x SIZE x SIZE (Inception-v3: at least 75);
  float      tqt-run of the exported model against PyTorch on 2 random
             images, bound 1e-4 * (1 + max |y|);
  quantize   --tqt-prepare --tqt-insert-quantizers, tqt-calibrate on
             --samples random images, --tqt-legalize-pow2 --tqt-fuse-integer;
  bit-exact  the integer-only walk of the fused program (no float op between
             the input quantization and the output dequantization), and
             tqt-run --compare-layers on 4 other images: every quantizer's
             codes and the logits of the integer program equal the calibrated
             simulation graph's;
  SQNR       of the integer program's logits against the float model's, dB;
  compile    tqt-compile --emit=exe --threads N of the integer program, s;
  latency    the executable on one image (--repeat 20, best of 3), ms, with
             --threads threads (1 by default: OpenMP threads that outnumber
             free cores turn a shared machine's timings into noise).

It prints one line per model and writes a Markdown table (model | export |
quantize | bit-exact | SQNR dB | compile s | latency ms | note) to --table,
with the machine and the date. Random weights make the SQNR a check of the
flow, not an accuracy claim. With --require-pass it exits 1 unless every
listed model passes every stage (the lit test runs it so on small models).
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import time

import numpy as np
import torch
import torchvision

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from tqt_mlir.export import ExportError, export  # noqa: E402
from layers import cpu_flags  # noqa: E402

MODELS = ["resnet18", "resnet50", "vgg16_bn", "squeezenet1_1", "googlenet", "inception_v3",
          "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large", "shufflenet_v2_x1_0",
          "efficientnet_b0", "mnasnet1_0", "densenet121"]
MIN_SIZE = {"inception_v3": 75}
INTEGER_ONLY = os.path.join(ROOT, "test", "Integration", "Inputs", "check_integer_only.py")


class StageError(Exception):
    def __init__(self, stage, why):
        super().__init__(why)
        self.stage, self.why = stage, why


def build_model(name):
    kwargs = {"weights": None}
    if name in ("googlenet", "inception_v3"):
        kwargs.update(aux_logits=False, init_weights=False)
    return getattr(torchvision.models, name)(**kwargs)


class Coverage:
    def __init__(self, args):
        self.args = args
        self.bin = os.path.join(args.build, "bin")

    def tool(self, stage, *argv):
        cmd = [os.path.join(self.bin, argv[0])] + [str(a) for a in argv[1:]]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            raise StageError(stage, f"{argv[0]} timed out after {self.args.timeout} s")
        if r.returncode != 0:
            lines = [l for l in (r.stderr + r.stdout).splitlines() if "error" in l] or \
                (r.stderr + r.stdout).strip().splitlines() or ["?"]
            raise StageError(stage, f"{argv[0]}: {lines[0][:240]}")
        return r

    def run_model(self, name):
        a = self.args
        row = {"model": name, "export": "", "quantize": "", "bit-exact": "", "sqnr": "",
               "compile": "", "latency": "", "note": ""}
        size = max(a.size, MIN_SIZE.get(name, 0))
        d = os.path.join(a.work, name)
        os.makedirs(d, exist_ok=True)
        p = lambda f: os.path.join(d, f)
        torch.manual_seed(0)
        model = build_model(name)
        model.train()
        with torch.no_grad():
            for _ in range(2):
                model(torch.rand(4, 3, size, size) * 2 - 1)
        model.eval()
        rng = np.random.default_rng(1)
        images = lambda n: (rng.random((n, size, size, 3), dtype=np.float32) * 2 - 1)
        stage = "export"
        try:
            try:
                text = export(model, (3, size, size))
            except ExportError as e:
                raise StageError("export", str(e))
            open(p("net.mlir"), "w").write(text)
            x = images(2)
            np.save(p("x.npy"), x)
            self.tool("export", "tqt-run", p("net.mlir"), "-i", p("x.npy"), "--output-dir", p("float"))
            ours = np.load(p("float/result0.npy"))
            with torch.no_grad():
                ref = model(torch.from_numpy(x).permute(0, 3, 1, 2)).numpy()
            err = float(np.abs(ours - ref).max())
            if err > 1e-4 * (1 + float(np.abs(ref).max())):
                raise StageError("export", f"float program differs from PyTorch by {err:.2e}")
            row["export"] = f"yes ({size}x{size}, {err:.0e})"

            stage = "quantize"
            t = time.time()
            self.tool(stage, "tqt-opt", p("net.mlir"), "--tqt-prepare", "--tqt-insert-quantizers", "-o", p("sim.mlir"))
            np.save(p("cal.npy"), images(a.samples))
            self.tool(stage, "tqt-calibrate", p("sim.mlir"), "--data", p("cal.npy"), "--quiet", "-o", p("cal.mlir"))
            self.tool(stage, "tqt-opt", p("cal.mlir"), "--tqt-legalize-pow2", "--tqt-fuse-integer", "-o", p("int.mlir"))
            quantizers = open(p("sim.mlir")).read().count("tqt.fake_quant ")
            row["quantize"] = f"yes ({quantizers} quantizers, {time.time() - t:.0f} s)"

            stage = "bit-exact"
            check = subprocess.run([sys.executable, INTEGER_ONLY, p("int.mlir")], capture_output=True, text=True)
            if check.returncode != 0:
                raise StageError(stage, "not integer-only: " + check.stdout.strip().splitlines()[-1][:200])
            np.save(p("test.npy"), images(4))
            r = self.tool(stage, "tqt-run", p("cal.mlir"), "--compare-layers", "-i", p("test.npy"))
            m = re.search(r"bit-exact: (\d+) quantizers .*?, (\d+) codes compared, results equal", r.stdout)
            if not m:
                raise StageError(stage, "layers differ: " + r.stdout.strip().splitlines()[-1][:200])
            row["bit-exact"] = f"yes ({int(m.group(2)):,} codes)"

            stage = "SQNR"
            self.tool(stage, "tqt-run", p("int.mlir"), "-i", p("test.npy"), "--output-dir", p("int_out"))
            self.tool(stage, "tqt-run", p("net.mlir"), "-i", p("test.npy"), "--output-dir", p("float_test"))
            y = np.load(p("float_test/result0.npy")).astype(np.float64)
            yq = np.load(p("int_out/result0.npy")).astype(np.float64)
            noise = float(np.sum((y - yq) ** 2))
            row["sqnr"] = "inf" if noise == 0 else f"{10 * np.log10(float(np.sum(y ** 2)) / noise):.1f}"

            stage = "compile"
            t = time.time()
            self.tool(stage, "tqt-compile", p("int.mlir"), "--emit=exe", "--threads", a.threads, "-o", p("int8"))
            row["compile"] = f"{time.time() - t:.1f}"
            np.save(p("one.npy"), images(1))
            best = float("inf")
            for _ in range(3):
                r = subprocess.run([p("int8"), "--repeat", "20", "-o", p("lat"), p("one.npy")],
                                   capture_output=True, text=True, check=True)
                best = min(best, float(re.search(r"([0-9.]+) ms/call", r.stderr).group(1)))
            row["latency"] = f"{best:.2f}"
        except StageError as e:
            col = {"export": "export", "quantize": "quantize", "bit-exact": "bit-exact", "SQNR": "sqnr",
                   "compile": "compile"}[e.stage]
            row[col] = "no"
            row["note"] = e.why.replace("|", "/")
        return row


def write_table(path, rows, args):
    model, isa = cpu_flags()
    lines = [
        "# torchvision's classification zoo through the flow",
        "",
        f"Generated by `scripts/zoo_coverage.py` on {datetime.date.today()} ({model}; "
        f"ISA {' '.join(isa)}): random weights, batch-norm statistics from two training-mode "
        f"batches of random images, {args.size}x{args.size} inputs (Inception-v3: 75x75), "
        f"calibration on {args.samples} random images, the comparison on 4 others, "
        f"{args.threads} thread(s) per executable. A model stops at the first stage that fails; the note says "
        "why, in the words of the tool that refused it. SQNR is the integer program's logits "
        "against the float model's (random weights: a check of the flow, not an accuracy). "
        "Compile: `tqt-compile --emit=exe` of the integer program; latency: one image, ms.",
        "",
        "| model | export | quantize | bit-exact | SQNR dB | compile s | latency ms | note |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['model']} | {r['export']} | {r['quantize']} | {r['bit-exact']} | {r['sqnr']} | "
                     f"{r['compile']} | {r['latency']} | {r['note']} |")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--samples", type=int, default=4, help="calibration images")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per tool call")
    ap.add_argument("--threads", type=int, default=1, help="threads of the executables")
    ap.add_argument("--table", default=os.path.join(ROOT, "docs", "Zoo.md"))
    ap.add_argument("--work", default=os.path.join(ROOT, "results", "zoo"))
    ap.add_argument("--require-pass", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    cov = Coverage(args)
    rows = []
    for name in args.models.split(","):
        t = time.time()
        row = cov.run_model(name)
        rows.append(row)
        status = "passes" if not row["note"] else f"stops: {row['note']}"
        done = [f"{k} {row[k]}{unit}" for k, unit in (("export", ""), ("quantize", ""), ("bit-exact", ""),
                                                       ("sqnr", " dB"), ("compile", " s"), ("latency", " ms"))
                if row[k]]
        print(f"{name}: {status} ({time.time() - t:.0f} s) | " + " | ".join(done), flush=True)
        write_table(args.table, rows, args)
    passed = sum(1 for r in rows if not r["note"])
    print(f"{passed} of {len(rows)} models pass every stage; table: {args.table}")
    return 0 if passed == len(rows) or not args.require_pass else 1


if __name__ == "__main__":
    sys.exit(main())
