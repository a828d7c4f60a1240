#!/usr/bin/env python3
"""Fails when a fused program computes anything in float: f32 may appear
only in the function signature, in tqt.quantize of an input, in
tqt.dequantize of an output, and in the return.

  check_integer_only.py FILE.mlir
"""
import re
import sys

ALLOWED = ("func.func", "tqt.quantize", "tqt.dequantize", "return", "}",
           "module")


def main(path):
    bad = []
    ops = 0
    for n, line in enumerate(open(path), 1):
        s = line.strip()
        if not s or s.startswith("//"):
            continue
        ops += 1
        if not re.search(r"\bf(16|32|64)\b|xf(16|32|64)>", s):
            continue
        body = s.split("=", 1)[1].strip() if "=" in s and not s.startswith("func.func") else s
        if not body.startswith(ALLOWED):
            bad.append(f"{path}:{n}: {s[:160]}")
    for b in bad:
        print(b)
    print(f"integer-only check: {len(bad)} float ops in {ops} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
