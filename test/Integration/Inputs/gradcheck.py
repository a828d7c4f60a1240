#!/usr/bin/env python3
"""Gradient check of --tqt-expand-training's rules against central finite
differences in double precision.

For each case, a one-op model whose operands are parameter globals (an
activation operand is `add(x, A)` with A a global, so its gradient is the
op's input gradient) is expanded with loss=mse; `@f_grad` runs through
tqt-run on random parameters and a random target. The same op is written in
PyTorch float64 with TOSA's semantics (NHWC, OHWI / HWCM weights, padding
[top, bottom, left, right], average pooling over the non-padding elements),
and the loss is differentiated by central differences (h = 1e-6) on up to
24 coordinates of every parameter.

  gradcheck.py WORK_DIR CASE...    (tqt-opt and tqt-run on PATH)

Prints one line per case: "<case>: <n> coordinates, max error <e> OK" and
exits 1 when |ours - fd| > 1e-5 * max |fd| (over the parameter's sampled
coordinates; 1e-7 at least) for any coordinate. The observed errors are
float32's, about 1e-7 of the gradient's size.
"""
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

H = 1e-6
TOL = 1e-5


def ttype(shape, et="f32"):
    return "tensor<" + "x".join(str(d) for d in shape) + ("x" if shape else "") + et + ">"


def nhwc(f):
    """Applies an NCHW torch function to an NHWC tensor."""
    def g(x, *a):
        return f(x.permute(0, 3, 1, 2), *a).permute(0, 2, 3, 1)
    return g


def conv_ref(x, w, b, pad, stride, dil):
    x = x.permute(0, 3, 1, 2)
    x = F.pad(x, (pad[2], pad[3], pad[0], pad[1]))
    y = F.conv2d(x, w.permute(0, 3, 1, 2), b, stride=stride, dilation=dil)
    return y.permute(0, 2, 3, 1)


def depthwise_ref(x, w, b, pad, stride, dil):
    kh, kw, c, m = w.shape
    x = x.permute(0, 3, 1, 2)
    x = F.pad(x, (pad[2], pad[3], pad[0], pad[1]))
    wt = w.permute(2, 3, 0, 1).reshape(c * m, 1, kh, kw)
    y = F.conv2d(x, wt, b, stride=stride, dilation=dil, groups=c)
    return y.permute(0, 2, 3, 1)


def pool_ref(x, kernel, stride, pad, is_max):
    x = x.permute(0, 3, 1, 2)
    p = (pad[2], pad[3], pad[0], pad[1])
    if is_max:
        y = F.max_pool2d(F.pad(x, p, value=-float("inf")), kernel, stride)
    else:
        s = F.avg_pool2d(F.pad(x, p), kernel, stride)
        n = F.avg_pool2d(F.pad(torch.ones_like(x), p), kernel, stride)
        y = s / n
    return y.permute(0, 2, 3, 1)


ZP = '%zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>'
CONV = "{{acc_type = f32, dilation = array<i64: {d}>, pad = array<i64: {p}>, stride = array<i64: {s}>}}"


def conv_case(depthwise, x, w, pad, stride, dil):
    n, ih, iw, c = x
    if depthwise:
        kh, kw, _, m = w
        oc = c * m
    else:
        oc, kh, kw, _ = w
    oh = (ih - 1 + pad[0] + pad[1] - (kh - 1) * dil[0]) // stride[0] + 1
    ow = (iw - 1 + pad[2] + pad[3] - (kw - 1) * dil[1]) // stride[1] + 1
    out = (n, oh, ow, oc)
    op = "depthwise_conv2d" if depthwise else "conv2d"
    attrs = CONV.format(d=", ".join(map(str, dil)), p=", ".join(map(str, pad)),
                        s=", ".join(map(str, stride)))
    body = f"""{ZP}
  %y = tosa.{op} %a, %W, %B, %zp, %zp {attrs} : ({ttype(x)}, {ttype(w)}, {ttype((oc,))}, tensor<1xf32>, tensor<1xf32>) -> {ttype(out)}"""
    ref = depthwise_ref if depthwise else conv_ref

    def fwd(p):
        return ref(p["A"], p["W"], p["B"], pad, stride, dil)
    return {"A": x, "W": w, "B": (oc,)}, body, out, fwd


def pool_case(is_max, x, kernel, stride, pad):
    n, ih, iw, c = x
    oh = (ih + pad[0] + pad[1] - kernel[0]) // stride[0] + 1
    ow = (iw + pad[2] + pad[3] - kernel[1]) // stride[1] + 1
    out = (n, oh, ow, c)
    k, s, p = (", ".join(map(str, v)) for v in (kernel, stride, pad))
    if is_max:
        body = f"  %y = tosa.max_pool2d %a {{kernel = array<i64: {k}>, pad = array<i64: {p}>, stride = array<i64: {s}>}} : ({ttype(x)}) -> {ttype(out)}"
    else:
        body = f"""{ZP}
  %y = tosa.avg_pool2d %a, %zp, %zp {{acc_type = f32, kernel = array<i64: {k}>, pad = array<i64: {p}>, stride = array<i64: {s}>}} : ({ttype(x)}, tensor<1xf32>, tensor<1xf32>) -> {ttype(out)}"""
    return {"A": x}, body, out, lambda q: pool_ref(q["A"], kernel, stride, pad, is_max)


def binary_case(op, a, b, ref):
    out = tuple(max(i, j) for i, j in zip(a, b))
    extra, operands = "", f"%a, %B"
    if op == "mul":
        extra = '%shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>\n  '
        operands += ", %shift"
        types = f"{ttype(a)}, {ttype(b)}, tensor<1xi8>"
    else:
        types = f"{ttype(a)}, {ttype(b)}"
    body = f"  {extra}%y = tosa.{op} {operands} : ({types}) -> {ttype(out)}"
    return {"A": a, "B": b}, body, out, lambda p: ref(p["A"], p["B"])


def shape_const(name, values):
    return f"%{name} = tosa.const_shape {{values = dense<[{', '.join(map(str, values))}]> : tensor<{len(values)}xindex>}} : () -> !tosa.shape<{len(values)}>"


def cases():
    c = {}
    c["conv2d"] = conv_case(False, (2, 7, 7, 3), (4, 3, 3, 3), (1, 1, 1, 1), (1, 1), (1, 1))
    c["conv2d-strided"] = conv_case(False, (2, 9, 8, 2), (3, 3, 3, 2), (1, 1, 0, 1), (2, 3), (1, 1))
    c["conv2d-dilated"] = conv_case(False, (1, 9, 9, 2), (2, 3, 3, 2), (2, 2, 1, 1), (2, 2), (2, 2))
    c["depthwise"] = conv_case(True, (2, 6, 6, 3), (3, 3, 3, 2), (1, 1, 1, 1), (1, 1), (1, 1))
    c["depthwise-strided"] = conv_case(True, (1, 9, 7, 2), (2, 2, 2, 1), (0, 1, 1, 1), (2, 2), (1, 2))
    c["max_pool2d"] = pool_case(True, (2, 7, 7, 2), (3, 3), (2, 2), (1, 1, 1, 1))
    c["avg_pool2d"] = pool_case(False, (2, 7, 6, 2), (3, 2), (2, 2), (1, 1, 1, 1))
    c["matmul"] = (
        {"A": (2, 3, 4), "B": (2, 4, 5)},
        f"""{ZP}
  %y = tosa.matmul %a, %B, %zp, %zp : ({ttype((2, 3, 4))}, {ttype((2, 4, 5))}, tensor<1xf32>, tensor<1xf32>) -> {ttype((2, 3, 5))}""",
        (2, 3, 5), lambda p: torch.bmm(p["A"], p["B"]))
    c["add-broadcast"] = binary_case("add", (2, 3, 4), (1, 3, 1), lambda a, b: a + b)
    c["sub-broadcast"] = binary_case("sub", (2, 3, 4), (2, 1, 4), lambda a, b: a - b)
    c["mul-broadcast"] = binary_case("mul", (2, 3, 4), (1, 1, 4), lambda a, b: a * b)
    c["maximum"] = binary_case("maximum", (3, 4), (3, 4), torch.maximum)
    c["minimum-broadcast"] = binary_case("minimum", (3, 4), (1, 4), torch.minimum)
    c["clamp"] = (
        {"A": (4, 5)},
        f"  %y = tosa.clamp %a {{max_val = 0.5 : f32, min_val = -0.25 : f32}} : ({ttype((4, 5))}) -> {ttype((4, 5))}",
        (4, 5), lambda p: torch.clamp(p["A"], -0.25, 0.5))
    c["concat"] = (
        {"A": (2, 3, 2), "B": (2, 3, 4)},
        f"  %y = tosa.concat %a, %B {{axis = 2 : i32}} : ({ttype((2, 3, 2))}, {ttype((2, 3, 4))}) -> {ttype((2, 3, 6))}",
        (2, 3, 6), lambda p: torch.cat([p["A"], p["B"]], 2))
    c["reshape"] = (
        {"A": (2, 3, 4)},
        f"  {shape_const('s', [4, 6])}\n  %y = tosa.reshape %a, %s : ({ttype((2, 3, 4))}, !tosa.shape<2>) -> {ttype((4, 6))}",
        (4, 6), lambda p: p["A"].reshape(4, 6))
    c["transpose"] = (
        {"A": (2, 3, 4)},
        f"  %y = tosa.transpose %a {{perms = array<i32: 2, 0, 1>}} : ({ttype((2, 3, 4))}) -> {ttype((4, 2, 3))}",
        (4, 2, 3), lambda p: p["A"].permute(2, 0, 1))
    c["reduce_sum"] = (
        {"A": (3, 4, 5)},
        f"  %y = tosa.reduce_sum %a {{axis = 1 : i32}} : ({ttype((3, 4, 5))}) -> {ttype((3, 1, 5))}",
        (3, 1, 5), lambda p: p["A"].sum(1, keepdim=True))
    c["reduce_max"] = (
        {"A": (3, 4, 5)},
        f"  %y = tosa.reduce_max %a {{axis = 2 : i32}} : ({ttype((3, 4, 5))}) -> {ttype((3, 4, 1))}",
        (3, 4, 1), lambda p: p["A"].amax(2, keepdim=True))
    c["pad"] = (
        {"A": (2, 3, 4)},
        f"  {shape_const('s', [0, 0, 1, 2, 2, 1])}\n  %pc = \"tosa.const\"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>\n"
        f"  %y = tosa.pad %a, %s, %pc : ({ttype((2, 3, 4))}, !tosa.shape<6>, tensor<1xf32>) -> {ttype((2, 6, 7))}",
        (2, 6, 7), lambda p: F.pad(p["A"], (2, 1, 1, 2)))
    c["slice"] = (
        {"A": (3, 5, 4)},
        f"  {shape_const('st', [1, 1, 0])}\n  {shape_const('sz', [2, 3, 4])}\n"
        f"  %y = tosa.slice %a, %st, %sz : ({ttype((3, 5, 4))}, !tosa.shape<3>, !tosa.shape<3>) -> {ttype((2, 3, 4))}",
        (2, 3, 4), lambda p: p["A"][1:3, 1:4, 0:4])
    # Activations on 4 * A (values in (-4, 4): both sides of the hard
    # functions' kinks at +-3).
    acts = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "hardsigmoid": F.hardsigmoid,
            "hardswish": F.hardswish, "silu": F.silu}
    for kind, fn in acts.items():
        c["activation-" + kind] = (
            {"A": (3, 8)},
            f"""  %four = "tosa.const"() <{{values = dense<4.0> : tensor<1x1xf32>}}> : () -> tensor<1x1xf32>
  %sh = "tosa.const"() <{{values = dense<0> : tensor<1xi8>}}> : () -> tensor<1xi8>
  %s = tosa.mul %a, %four, %sh : ({ttype((3, 8))}, tensor<1x1xf32>, tensor<1xi8>) -> {ttype((3, 8))}
  %y = tqt.activation {kind} %s : {ttype((3, 8))}""",
            (3, 8), lambda p, fn=fn: fn(4 * p["A"]))
    c["negate"] = (
        {"A": (3, 4)},
        f"  {ZP}\n  %y = tosa.negate %a, %zp, %zp : ({ttype((3, 4))}, tensor<1xf32>, tensor<1xf32>) -> {ttype((3, 4))}",
        (3, 4), lambda p: -p["A"])
    # A chain: every gradient flows through several rules and accumulates
    # where a value has two uses.
    c["chain"] = (
        {"A": (2, 6, 6, 2), "W": (3, 3, 3, 2)},
        f"""{ZP}
  %b0 = "tosa.const"() <{{values = dense<0.0> : tensor<3xf32>}}> : () -> tensor<3xf32>
  %c = tosa.conv2d %a, %W, %b0, %zp, %zp {CONV.format(d="1, 1", p="1, 1, 1, 1", s="1, 1")} : ({ttype((2, 6, 6, 2))}, {ttype((3, 3, 3, 2))}, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> {ttype((2, 6, 6, 3))}
  %r = tosa.clamp %c {{max_val = 6.0 : f32, min_val = 0.0 : f32}} : ({ttype((2, 6, 6, 3))}) -> {ttype((2, 6, 6, 3))}
  %s = tosa.add %r, %c : ({ttype((2, 6, 6, 3))}, {ttype((2, 6, 6, 3))}) -> {ttype((2, 6, 6, 3))}
  %y = tosa.max_pool2d %s {{kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}} : ({ttype((2, 6, 6, 3))}) -> {ttype((2, 3, 3, 3))}""",
        (2, 3, 3, 3),
        lambda p: (lambda c: F.max_pool2d((torch.clamp(c, 0, 6) + c).permute(0, 3, 1, 2), 2, 2).permute(0, 2, 3, 1))(
            conv_ref(p["A"], p["W"], None, (1, 1, 1, 1), (1, 1), (1, 1))))
    return c


def write_model(path, params, body, out):
    lines = []
    for name, shape in params.items():
        lines.append(f"ml_program.global private @{name}(dense<0.0> : {ttype(shape)}) : {ttype(shape)}")
    a_shape = params["A"]
    lines.append(f"func.func @f(%x: {ttype(a_shape)}) -> {ttype(out)} {{")
    lines.append(f"  %A = ml_program.global_load @A : {ttype(a_shape)}")
    lines.append(f"  %a = tosa.add %x, %A : ({ttype(a_shape)}, {ttype(a_shape)}) -> {ttype(a_shape)}")
    for name, shape in params.items():
        if name != "A":
            lines.append(f"  %{name} = ml_program.global_load @{name} : {ttype(shape)}")
    lines.append(body)
    lines.append(f"  return %y : {ttype(out)}")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def check(work, name, case, rng):
    params, body, out, fwd = case
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    write_model(os.path.join(d, "model.mlir"), params, body, out)
    subprocess.run(["tqt-opt", os.path.join(d, "model.mlir"),
                    "--tqt-expand-training=loss=mse promote-constants=false",
                    "-o", os.path.join(d, "train.mlir")], check=True)
    values = {k: rng.uniform(-1, 1, s).astype(np.float32) for k, s in params.items()}
    target = rng.uniform(-1, 1, out).astype(np.float32)
    files = []
    for k in params:  # Parameters in order of first load: A first.
        files.append(os.path.join(d, k + ".npy"))
        np.save(files[-1], values[k])
    files.append(os.path.join(d, "x.npy"))
    np.save(files[-1], np.zeros(params["A"], np.float32))
    files.append(os.path.join(d, "target.npy"))
    np.save(files[-1], target)
    cmd = ["tqt-run", os.path.join(d, "train.mlir"), "-e", "f_grad",
           "--output-dir", os.path.join(d, "out")]
    for f in files:
        cmd += ["-i", f]
    subprocess.run(cmd, check=True)

    tp = {k: torch.tensor(v, dtype=torch.float64) for k, v in values.items()}
    tt = torch.tensor(target, dtype=torch.float64)

    def loss(p):
        return float(((fwd(p) - tt) ** 2).mean())

    ours_loss = float(np.load(os.path.join(d, "out", "result0.npy")))
    ref_loss = loss(tp)
    worst, count, ok = 0.0, 0, abs(ours_loss - ref_loss) <= 1e-5 * (1 + abs(ref_loss))
    if not ok:
        print(f"{name}: loss {ours_loss} != reference {ref_loss}")
    for i, k in enumerate(params):
        g = np.load(os.path.join(d, "out", f"result{2 + i}.npy")).astype(np.float64)
        flat = tp[k].view(-1)
        idx = rng.choice(flat.numel(), size=min(24, flat.numel()), replace=False)
        fd = []
        for j in idx:
            old = float(flat[j])
            flat[j] = old + H
            lp = loss(tp)
            flat[j] = old - H
            lm = loss(tp)
            flat[j] = old
            fd.append((lp - lm) / (2 * H))
        fd = np.array(fd)
        # Relative to the gradient's own size (an absolute floor of 1e-7 for
        # all-zero gradients): float32 sums stay within ~1e-6 of float64, so
        # TOL catches a 0.01% error in any gradient, however small.
        scale = max(np.abs(fd).max(), 1e-7)
        err = np.abs(g.reshape(-1)[idx] - fd).max()
        worst = max(worst, err / scale)
        count += len(idx)
        if err > TOL * scale:
            ok = False
            print(f"{name}: gradient of {k} off by {err} (scale {scale})")
    print(f"{name}: {count} coordinates, max error {worst:.2e} {'OK' if ok else 'FAILED'}")
    return ok


def run_fake_quant_case(d, a, t):
    """Runs D/model.mlir's training gradient (mse against a zero target) and
    D/ref.mlir's reference @fq and @g on the input `a` and thresholds `t`,
    with the upstream gradient 2 q / n of the mse (exact for n a power of 2);
    returns (ours dx, ours dlog2_t, reference dx, reference dlog2_t)."""
    files = {}
    for k, val in (("a", a), ("t", t), ("x", np.zeros_like(a)), ("target", np.zeros_like(a))):
        files[k] = os.path.join(d, k + ".npy")
        np.save(files[k], val)
    subprocess.run(["tqt-opt", os.path.join(d, "model.mlir"), "--tqt-expand-training=loss=mse",
                    "-o", os.path.join(d, "train.mlir")], check=True)

    def run(model, fn, ins, out):
        subprocess.run(["tqt-run", model, "-e", fn, "--output-dir", out]
                       + [x for i in ins for x in ("-i", i)]
                       + (["--reference"] if "ref" in model else []), check=True)
    run(os.path.join(d, "train.mlir"), "f_grad",
        [files["a"], files["t"], files["x"], files["target"]], os.path.join(d, "ours"))
    run(os.path.join(d, "ref.mlir"), "fq", [files["a"], files["t"]], os.path.join(d, "q"))
    q = np.load(os.path.join(d, "q", "result0.npy"))
    np.save(os.path.join(d, "dy.npy"), (np.float32(2.0 / q.size) * q).astype(np.float32))
    run(os.path.join(d, "ref.mlir"), "g", [files["a"], files["t"], os.path.join(d, "dy.npy")],
        os.path.join(d, "ref"))
    return (np.load(os.path.join(d, "ours", "result2.npy")), np.load(os.path.join(d, "ours", "result3.npy")),
            np.load(os.path.join(d, "ref", "result0.npy")), np.load(os.path.join(d, "ref", "result1.npy")))


def check_fake_quant(work, bits, signed, log2t, rounding, rng):
    """The tqt.fake_quant rule against FixedPoint.h (tqt-run --reference) on
    ties and clip edges: with a zero target and 64 elements the upstream
    gradient 2 q / 64 is exact, so dA must match bit for bit and the
    threshold gradient to float rounding of the sum."""
    name = f"fake_quant-{'s' if signed else 'u'}{bits}-{rounding}-t{log2t}"
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    e = int(np.ceil(np.float32(log2t))) - (bits - int(signed))
    s = 2.0 ** e
    lo, hi = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2 ** bits - 1)
    edges = [lo - 0.5, lo - 1, lo + 0.5, hi + 0.5, hi - 0.5, hi + 1, hi + 40, lo - 40,
             0.5, -0.5, 1.5, -1.5, 2.5, 0.25, -0.75]
    v = np.array(edges + list(rng.uniform(lo - 4, hi + 4, 64 - len(edges))), np.float64)
    a = (v * s).astype(np.float32)
    grid = f"bits({bits}) {'signed' if signed else 'unsigned'} rounding<{rounding}>"
    t64 = "tensor<64xf32>"
    with open(os.path.join(d, "model.mlir"), "w") as f:
        f.write(f"""ml_program.global private @A(dense<0.0> : {t64}) : {t64}
ml_program.global private mutable @T(dense<0.0> : tensor<f32>) : tensor<f32> {{tqt.log2_threshold}}
func.func @f(%x: {t64}) -> {t64} {{
  %A = ml_program.global_load @A : {t64}
  %a = tosa.add %x, %A : ({t64}, {t64}) -> {t64}
  %t = ml_program.global_load @T : tensor<f32>
  %q = tqt.fake_quant %a, %t {grid} : {t64}
  return %q : {t64}
}}
""")
    with open(os.path.join(d, "ref.mlir"), "w") as f:
        f.write(f"""func.func @fq(%a: {t64}, %t: tensor<f32>) -> {t64} {{
  %q = tqt.fake_quant %a, %t {grid} : {t64}
  return %q : {t64}
}}
func.func @g(%a: {t64}, %t: tensor<f32>, %dy: {t64}) -> ({t64}, tensor<f32>) {{
  %dx, %dt = tqt.fake_quant_grad %a, %t, %dy {grid} : {t64}
  return %dx, %dt : {t64}, tensor<f32>
}}
""")
    ours_dx, ours_dt, ref_dx, ref_dt = run_fake_quant_case(d, a, np.array(log2t, np.float32))
    ours_dt, ref_dt = float(ours_dt), float(ref_dt)
    ok = np.array_equal(ours_dx.view(np.uint32), ref_dx.view(np.uint32))
    ok &= abs(ours_dt - ref_dt) <= 1e-6 * max(1.0, abs(ref_dt))
    print(f"{name}: dx {'identical' if np.array_equal(ours_dx, ref_dx) else 'DIFFERENT'}, "
          f"dlog2_t {ours_dt:.6g} vs {ref_dt:.6g} {'OK' if ok else 'FAILED'}")
    return ok


def check_fake_quant_per_channel(work, bits, signed, log2ts, rounding, rng):
    """The per-channel rule (axis 1 of an [8, C] tensor, one threshold per
    column) against FixedPoint.h the same way: dA bit for bit, each
    channel's threshold gradient to float rounding of its own sum."""
    c = len(log2ts)
    name = f"fake_quant_per_channel-{'s' if signed else 'u'}{bits}-{rounding}-c{c}"
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    lo, hi = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2 ** bits - 1)
    edges = [lo - 0.5, hi + 0.5, 0.5, -1.5, hi + 40, lo - 1, 2.5, 0.25]
    a = np.zeros((8, c), np.float32)
    for j, t in enumerate(log2ts):
        s = 2.0 ** (int(np.ceil(np.float32(t))) - (bits - int(signed)))
        col = np.array(edges[:4] + list(rng.uniform(lo - 4, hi + 4, 4)), np.float64)
        a[:, j] = (np.roll(col, j) * s).astype(np.float32)
    grid = f"bits({bits}) {'signed' if signed else 'unsigned'} rounding<{rounding}> axis(1)"
    ta, tt = f"tensor<8x{c}xf32>", f"tensor<{c}xf32>"
    with open(os.path.join(d, "model.mlir"), "w") as f:
        f.write(f"""ml_program.global private @A(dense<0.0> : {ta}) : {ta}
ml_program.global private mutable @T(dense<0.0> : {tt}) : {tt} {{tqt.log2_threshold}}
func.func @f(%x: {ta}) -> {ta} {{
  %A = ml_program.global_load @A : {ta}
  %a = tosa.add %x, %A : ({ta}, {ta}) -> {ta}
  %t = ml_program.global_load @T : {tt}
  %q = tqt.fake_quant %a, %t {grid} : {ta}
  return %q : {ta}
}}
""")
    with open(os.path.join(d, "ref.mlir"), "w") as f:
        f.write(f"""func.func @fq(%a: {ta}, %t: {tt}) -> {ta} {{
  %q = tqt.fake_quant %a, %t {grid} : {ta}
  return %q : {ta}
}}
func.func @g(%a: {ta}, %t: {tt}, %dy: {ta}) -> ({ta}, {tt}) {{
  %dx, %dt = tqt.fake_quant_grad %a, %t, %dy {grid} : {ta}
  return %dx, %dt : {ta}, {tt}
}}
""")
    ours_dx, ours_dt, ref_dx, ref_dt = run_fake_quant_case(d, a, np.array(log2ts, np.float32))
    same_dx = np.array_equal(ours_dx.view(np.uint32), ref_dx.view(np.uint32))
    ok = same_dx and ours_dt.shape == (c,) and bool(
        np.all(np.abs(ours_dt - ref_dt) <= 1e-6 * np.maximum(1.0, np.abs(ref_dt))))
    # The channels' gradients differ (each from its own scale and values).
    ok &= len(set(np.round(ref_dt, 6).tolist())) > 1
    print(f"{name}: dx {'identical' if same_dx else 'DIFFERENT'}, "
          f"{c} dlog2_t within 1e-6 {'OK' if ok else 'FAILED'}")
    return ok


def main():
    work, names = sys.argv[1], sys.argv[2:]
    if names == ["fake_quant"]:
        rng = np.random.default_rng(99)
        ok = True
        for bits, signed, log2t, rounding in ((8, True, 2.0, "half_even"), (8, False, -1.3, "half_even"),
                                              (4, True, 0.7, "half_up"), (8, True, 1.0, "floor"),
                                              (16, True, 3.7, "half_away")):
            ok &= check_fake_quant(work, bits, signed, log2t, rounding, rng)
        for bits, signed, rounding in ((8, True, "half_even"), (4, True, "floor"), (8, False, "half_up")):
            ok &= check_fake_quant_per_channel(work, bits, signed,
                                               [2.0, -1.3, 0.7, 1.0, 3.7, -2.2, 0.0, 1.5], rounding, rng)
        sys.exit(0 if ok else 1)
    all_cases = cases()
    rng = np.random.default_rng(1234)
    ok = True
    for n in names:
        if n not in all_cases:
            sys.exit(f"gradcheck: unknown case {n}")
        ok &= check(work, n, all_cases[n], rng)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
