#!/usr/bin/env python3
"""Runs the static flow on a float network for one rounding mode and checks
that the integer-only program equals the simulation graph bit for bit.

  flow.py WORK_DIR NET.mlir X.npy ROUNDING [--prepare] [--insert=OPTIONS]

OPTIONS are extra --tqt-insert-quantizers options ("layer-bits=0 ...").

prints, for FileCheck:
  <rounding>: legalized == simulation: yes
  <rounding>: fused == simulation: yes
  <rounding>: integer-only check: 0 float ops in N lines
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def same(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main(work, net, x, rounding, prepare, insert):
    d = os.path.join(work, rounding + ("-" + insert.replace(" ", "-").replace("=", "") if insert else ""))
    os.makedirs(d, exist_ok=True)
    src = net
    if prepare:
        src = os.path.join(d, "prep.mlir")
        run("tqt-opt", net, "--tqt-prepare", "-o", src)
    sim = os.path.join(d, "sim.mlir")
    run("tqt-opt", src, f"--tqt-insert-quantizers=rounding={rounding} {insert}".strip(), "-o", sim)
    cal = os.path.join(d, "cal.mlir")
    run("tqt-calibrate", sim, "--data", x, "--quiet", "-o", cal)
    legal = os.path.join(d, "legal.mlir")
    run("tqt-opt", cal, "--tqt-legalize-pow2", "-o", legal)
    fused = os.path.join(d, "fused.mlir")
    run("tqt-opt", legal, "--tqt-fuse-integer", "-o", fused)
    outs = {}
    for name, model in (("sim", cal), ("legal", legal), ("fused", fused)):
        out = os.path.join(d, "out_" + name)
        run("tqt-run", model, "-i", x, "--output-dir", out)
        outs[name] = os.path.join(out, "result0.npy")
    print(f"{rounding}: legalized == simulation: {'yes' if same(outs['sim'], outs['legal']) else 'NO'}")
    print(f"{rounding}: fused == simulation: {'yes' if same(outs['sim'], outs['fused']) else 'NO'}")
    check = subprocess.run([sys.executable, os.path.join(HERE, "check_integer_only.py"), fused],
                           capture_output=True, text=True)
    for line in check.stdout.strip().splitlines():
        print(f"{rounding}: {line}")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    insert = next((a[len("--insert="):] for a in sys.argv if a.startswith("--insert=")), "")
    sys.exit(main(args[0], args[1], args[2], args[3], "--prepare" in sys.argv, insert))
