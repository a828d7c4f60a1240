#!/usr/bin/env python3
"""Test helper (standard library only): write .npy files and compare them.

  npytool.py write OUT.npy DTYPE EXPR [--shape D0,D1,...]
      EXPR is a Python expression giving a flat list of numbers; nan and inf
      are available as names, ldexp and fractions from math.
  npytool.py same-dir A_DIR B_DIR
      Every .npy in A_DIR must be byte-identical to the file of the same name
      in B_DIR (and the two sets of names must match).
  npytool.py same A.npy B.npy
      Byte-identical files.
  npytool.py same-pairs DIR
      result<2k>.npy and result<2k+1>.npy are byte-identical for every k.
  npytool.py within A.npy B.npy TOL
      Both f32 arrays have the same shape and max |a - b| <= TOL (prints it);
      a NaN matches only a NaN at the same place, an infinity only itself.
"""
import math
import os
import struct
import sys

DTYPES = {
    "f32": ("<f4", "f"), "f64": ("<f8", "d"), "i8": ("|i1", "b"),
    "u8": ("|u1", "B"), "i16": ("<i2", "h"), "i32": ("<i4", "i"),
    "i64": ("<i8", "q"),
}


def write(path, dtype, values, shape):
    descr, fmt = DTYPES[dtype]
    if shape is None:
        shape = (len(values),)
    count = 1
    for d in shape:
        count *= d
    if count != len(values):
        sys.exit(f"npytool: {len(values)} values do not fill shape {shape}")
    shape_str = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_str)
    total = 10 + len(header) + 1
    header += " " * ((total + 63) // 64 * 64 - total) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        if fmt in "fd":
            f.write(struct.pack("<%d%s" % (len(values), fmt), *[float(v) for v in values]))
        else:
            f.write(struct.pack("<%d%s" % (len(values), fmt), *[int(v) for v in values]))


def same(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        da, db = fa.read(), fb.read()
    if da != db:
        # Report the first differing byte offset to help debugging.
        n = next((i for i in range(min(len(da), len(db))) if da[i] != db[i]), min(len(da), len(db)))
        print(f"npytool: {a} and {b} differ (first at byte {n}; sizes {len(da)}, {len(db)})")
        return False
    return True


def read_f32(path):
    with open(path, "rb") as f:
        data = f.read()
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode()
    assert "'<f4'" in header, f"{path}: not f32"
    shape = header.split("'shape': (")[1].split(")")[0]
    body = data[10 + hlen:]
    return shape, struct.unpack("<%df" % (len(body) // 4), body)


def read_f32_shape(path):
    """(shape tuple, values) of an f32 .npy file."""
    shape, values = read_f32(path)
    return tuple(int(d) for d in shape.split(",") if d.strip()), values


def main(argv):
    if len(argv) >= 4 and argv[1] == "write":
        shape = None
        if "--shape" in argv:
            i = argv.index("--shape")
            shape = tuple(int(d) for d in argv[i + 1].split(",") if d != "")
            argv = argv[:i] + argv[i + 2:]
        env = {"nan": math.nan, "inf": math.inf, "ldexp": math.ldexp, "range": range}
        values = list(eval(argv[4], env))  # test helper: trusted input
        write(argv[2], argv[3], values, shape)
        return 0
    if len(argv) == 4 and argv[1] == "same":
        return 0 if same(argv[2], argv[3]) else 1
    if len(argv) == 4 and argv[1] == "same-dir":
        a = sorted(f for f in os.listdir(argv[2]) if f.endswith(".npy"))
        b = sorted(f for f in os.listdir(argv[3]) if f.endswith(".npy"))
        if a != b or not a:
            print(f"npytool: file sets differ: {a} vs {b}")
            return 1
        bad = [f for f in a if not same(os.path.join(argv[2], f), os.path.join(argv[3], f))]
        print(f"npytool: {len(a) - len(bad)} of {len(a)} files identical")
        return 1 if bad else 0
    if len(argv) == 3 and argv[1] == "same-pairs":
        names = [f for f in os.listdir(argv[2]) if f.startswith("result") and f.endswith(".npy")]
        if not names or len(names) % 2:
            print(f"npytool: expected an even, non-zero number of results, got {len(names)}")
            return 1
        bad = 0
        for k in range(len(names) // 2):
            a = os.path.join(argv[2], f"result{2 * k}.npy")
            b = os.path.join(argv[2], f"result{2 * k + 1}.npy")
            bad += not same(a, b)
        print(f"npytool: {len(names) // 2 - bad} of {len(names) // 2} pairs identical")
        return 1 if bad else 0
    if len(argv) == 5 and argv[1] == "within":
        sa, a = read_f32(argv[2])
        sb, b = read_f32(argv[3])
        if sa != sb:
            print(f"npytool: shapes differ: ({sa}) vs ({sb})")
            return 1
        def gap(x, y):
            # A NaN matches only a NaN, an infinity only itself.
            if math.isnan(x) or math.isnan(y):
                return 0.0 if math.isnan(x) and math.isnan(y) else math.inf
            return 0.0 if x == y else abs(x - y)
        diff = max((gap(x, y) for x, y in zip(a, b)), default=0.0)
        ok = diff <= float(argv[4])
        print(f"npytool: max |a - b| = {diff:.6g} ({'within' if ok else 'above'} {argv[4]})")
        return 0 if ok else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
