#!/usr/bin/env python3
"""Writes a copy of a fused integer program with one fault, to prove that
tqt-run --compare-layers catches it (test/Integration/layer-compare-faults.mlir).
The program must carry tqt.trace tags (--tqt-legalize-pow2=trace=true).

  inject_fault.py FUSED.mlir OUT.mlir KIND TRACE

KIND, applied to the tqt.requantize tagged tqt.trace = TRACE:
  clamp     its upper bound one code lower (clamp_max(p - 1), or one below
            an existing clamp_max): 126 for int8, 32766 for int16
  narrow    a narrow signed grid (no -2^(bits-1))
  rounding  another rounding mode (half_up for half_even, else half_even)
  element   +1 on one element of its codes (an added tosa.add of a one-hot
            constant, which takes over the tag)
prints "injected KIND into quantizer #TRACE".
"""
import re
import sys


def one_hot(dims):
    """A nested literal of `dims` zeros with a 1 in the middle element."""
    flat = 1
    for d in dims:
        flat *= d
    values = ["0"] * flat
    values[flat // 2] = "1"

    def nest(vals, ds):
        if not ds:
            return vals[0]
        step = len(vals) // ds[0]
        return "[" + ", ".join(nest(vals[i * step:(i + 1) * step], ds[1:]) for i in range(ds[0])) + "]"
    return nest(values, dims)


def main(src, out, kind, trace):
    lines = open(src).read().split("\n")
    tag = f"{{tqt.trace = {trace} : i64}}"
    idx = next((i for i, l in enumerate(lines) if "tqt.requantize" in l and tag in l), None)
    if idx is None:
        sys.exit(f"inject_fault: no tqt.requantize tagged {tag} in {src}")
    line = lines[idx]
    grid = re.search(r"bits\((\d+)\) (signed|unsigned)( narrow)?", line)
    bits, signed = int(grid.group(1)), grid.group(2) == "signed"
    if kind == "clamp":
        existing = re.search(r"clamp_max\((-?\d+)\)", line)
        if existing:
            line = line.replace(existing.group(0), f"clamp_max({int(existing.group(1)) - 1})")
        else:
            top = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
            line = line.replace(grid.group(0), f"{grid.group(0)} clamp_max({top - 1})")
    elif kind == "narrow":
        if not signed or grid.group(3):
            sys.exit("inject_fault: narrow needs a signed, not yet narrow grid")
        line = line.replace(grid.group(0), grid.group(0) + " narrow")
    elif kind == "rounding":
        mode = re.search(r"rounding<(\w+)>", line)
        if mode:
            other = "half_even" if mode.group(1) != "half_even" else "half_up"
            line = line.replace(mode.group(0), f"rounding<{other}>")
        else:
            # The rounding goes before `input_unsigned` and the attributes.
            anchor = " input_unsigned" if " input_unsigned" in line else " " + tag
            line = line.replace(anchor, " rounding<half_up>" + anchor, 1)
    elif kind == "element":
        m = re.match(r"(\s*)(%[\w.]+) = (.*) : (tensor<[^>]*>) -> (tensor<([^>]*)>)$", line)
        if not m:
            sys.exit("inject_fault: cannot parse " + line)
        indent, name, body, in_type, out_type, out_shape = m.groups()
        dims = out_shape.split("x")
        elem, dims = dims[-1], [int(d) for d in dims[1:-1]]
        one_type = "tensor<1x" + "x".join(str(d) for d in dims) + f"x{elem}>"
        lines[idx:idx + 1] = [
            f"{indent}%fault_in = {body.replace(' ' + tag, '')} : {in_type} -> {out_type}",
            f'{indent}%fault_one = "tosa.const"() <{{values = dense<{one_hot([1] + dims)}> : {one_type}}}> : () -> {one_type}',
            f"{indent}{name} = tosa.add %fault_in, %fault_one {tag} : ({out_type}, {one_type}) -> {out_type}",
        ]
        line = None
    else:
        sys.exit(f"inject_fault: unknown kind {kind}")
    if line is not None:
        lines[idx] = line
    with open(out, "w") as f:
        f.write("\n".join(lines))
    print(f"injected {kind} into quantizer #{trace}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
