#!/usr/bin/env python3
"""Fails when a fused program computes anything in float: f32 may appear
only in the function signature, in a tqt.quantize of a function argument,
in a tqt.dequantize whose result is only returned, and in the return. A
dequantize -> quantize round trip in the middle of the program is a float
op like any other.

  check_integer_only.py FILE.mlir
"""
import re
import sys

ALLOWED = ("func.func", "tqt.quantize", "tqt.dequantize", "return", "}",
           "module")
SSA = re.compile(r"%[\w.$-]+")


def main(path):
    lines = [(n, line.strip()) for n, line in enumerate(open(path), 1)]
    args = set()
    uses = {}  # value -> first words of the ops that use it
    for n, s in lines:
        if s.startswith("func.func"):
            args.update(re.findall(r"(%[\w.$-]+):", s))
            continue
        body = s.split("=", 1)[1] if re.match(r"%[\w.$-]+(:\d+)?\s*=", s) else s
        op = body.strip().split(" ", 1)[0]
        for v in SSA.findall(body):
            uses.setdefault(v, []).append(op)
    bad = []
    ops = 0
    for n, s in lines:
        if not s or s.startswith("//"):
            continue
        ops += 1
        if not re.search(r"\bf(16|32|64)\b|xf(16|32|64)>", s):
            continue
        defined = re.match(r"(%[\w.$-]+)\s*=\s*(.*)", s)
        body = defined.group(2) if defined and not s.startswith("func.func") else s
        ok = body.startswith(ALLOWED)
        if ok and body.startswith("tqt.quantize"):
            # Only of a function argument: the float input boundary.
            ok = SSA.findall(body)[0] in args
        if ok and body.startswith("tqt.dequantize"):
            # Only returned: the float output boundary.
            ok = all(u == "return" for u in uses.get(defined.group(1), []))
        if not ok:
            bad.append(f"{path}:{n}: {s[:160]}")
    for b in bad:
        print(b)
    print(f"integer-only check: {len(bad)} float ops in {ops} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
