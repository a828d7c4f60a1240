#!/usr/bin/env python3
"""Integer programs of two int8 layers each, for the kernels' bit-exactness
tests: ragged shapes (K, N, channels and rows not multiples of any tile),
every stride / padding / dilation form, dynamic batch, signed codes (first
layer, from tqt.quantize) and unsigned codes (second layer, after the first
layer's ReLU) as --tqt-fuse-integer stores them (raw bytes in i8, read by TOSA
through the zero-point view: xor 0x80, zero point -128; IntegerStorage.h), and
in one function (@fc_i16) held in i16 with an i48 accumulator, every rounding
mode, ReLU6 clamps, and shifts small enough that ties and saturation are
frequent. Weights are seeded random 8-bit codes including -128. The
conv_strided_dilated, depthwise_multiplier and fc_ragged layers requantize
their accumulators with one shift per output channel (three distinct shifts,
as a layer with per-channel weight exponents does).

  gen_int8_layers.py > layers.mlir     (functions @conv_*, @depthwise_*, @fc_*)
"""
import math
import random

rng = random.Random(20261201)


def dense(values, shape, elem):
    """A tosa.const of `shape` (a string like 5x3x3x3) from flat values."""
    dims = [int(d) for d in str(shape).split("x")]
    it = iter(values)

    def nest(ds):
        if len(ds) == 1:
            return "[" + ", ".join(str(next(it)) for _ in range(ds[0])) + "]"
        return "[" + ", ".join(nest(ds[1:]) for _ in range(ds[0])) + "]"
    return f'"tosa.const"() <{{values = dense<{nest(dims)}> : tensor<{shape}x{elem}>}}> : () -> tensor<{shape}x{elem}>'


def reshaped(values, dims):
    """Nested literal for tensor shapes like 1x1x1xN (dense wants nesting)."""
    s = "[" + ", ".join(str(v) for v in values) + "]"
    for _ in dims[:-1]:
        s = "[" + s + "]"
    return s


def weights(n):
    return [rng.randint(-128, 127) for _ in range(n)]


def source(out, x, xtype, unsigned, name):
    """The activation operand and its zero point: unsigned bytes in i8
    through the zero-point view, anything else as it is."""
    i16 = xtype.endswith("i16>")
    if not unsigned or i16:
        return x, "i16" if i16 else "i8", 0
    rank = xtype.count("x")
    ones = "x".join(["1"] * rank)
    out += [
        f'  %{name}m = "tosa.const"() <{{values = dense<-128> : tensor<{ones}xi8>}}> : () -> tensor<{ones}xi8>',
        f"  %{name}v = tosa.bitwise_xor %{x}, %{name}m : ({xtype}, tensor<{ones}xi8>) -> {xtype}",
    ]
    return f"{name}v", "i8", -128


def shift_attr(first, n, per_channel, axis):
    """shift(first), or per channel: first - 1, first, first + 1 in turn."""
    if not per_channel:
        return f"shift({first})"
    shifts = ", ".join(str(max(0, first + c % 3 - 1)) for c in range(n))
    return f"shifts[{shifts}] axis({axis})"


def window_layer(out, depthwise, x, xtype, n, kh, kw, c, h, w, stride, pad, dil, rounding, final, name,
                 unsigned=False, per_channel=False):
    """conv or depthwise conv (channel multiplier n / c) -> requantize to 16
    bits -> + bias -> requantize `final`; returns (value, type, OH, OW)."""
    oh = (h - 1 + pad[0] + pad[1] - (kh - 1) * dil[0]) // stride[0] + 1
    ow = (w - 1 + pad[2] + pad[3] - (kw - 1) * dil[1]) // stride[1] + 1
    assert (h - 1 + pad[0] + pad[1] - (kh - 1) * dil[0]) % stride[0] == 0
    assert (w - 1 + pad[2] + pad[3] - (kw - 1) * dil[1]) % stride[1] == 0
    i16 = xtype.endswith("i16>")
    acc = "i48" if i16 else "i32"
    x, zpx, zp = source(out, x, xtype, unsigned, name)
    acct = f"tensor<?x{oh}x{ow}x{n}x{acc}>"
    t32 = f"tensor<?x{oh}x{ow}x{n}xi32>"
    assert not depthwise or n % c == 0
    op, wshape = ("tosa.depthwise_conv2d", f"{kh}x{kw}x{c}x{n // c}") if depthwise else \
        ("tosa.conv2d", f"{n}x{kh}x{kw}x{c}")
    k = kh * kw * (1 if depthwise else c)
    # The 16-bit step divides by 4 (conv) or 2 (depthwise).
    first = 1 if depthwise else 2
    bias = [rng.randint(-3000, 3000) for _ in range(n)]
    out += [
        f"  %{name}w = {dense(weights(n * kh * kw * (1 if depthwise else c)), wshape, 'i8')}",
        f"  %{name}b = {dense([rng.randint(-500, 500) for _ in range(n)], n, acc)}",
        f"  %{name}zx = {dense([zp], 1, zpx)}",
        f"  %{name}zw = {dense([0], 1, 'i8')}",
        f"  %{name}acc = {op} %{x}, %{name}w, %{name}b, %{name}zx, %{name}zw {{acc_type = {acc}, "
        f"dilation = array<i64: {dil[0]}, {dil[1]}>, pad = array<i64: {', '.join(map(str, pad))}>, "
        f"stride = array<i64: {stride[0]}, {stride[1]}>}} : ({xtype}, tensor<{wshape}xi8>, "
        f"tensor<{n}x{acc}>, tensor<1x{zpx}>, tensor<1xi8>) -> {acct}",
        f"  %{name}r = tqt.requantize %{name}acc {shift_attr(first, n, per_channel, 3)} bits(16) signed rounding<{rounding}> : {acct} -> {t32}",
        f'  %{name}c = "tosa.const"() <{{values = dense<{reshaped(bias, [1, 1, 1, n])}> : tensor<1x1x1x{n}xi32>}}> : () -> tensor<1x1x1x{n}xi32>',
        f"  %{name}s = tosa.add %{name}r, %{name}c : ({t32}, tensor<1x1x1x{n}xi32>) -> {t32}",
    ]
    bits, signed, storage, clamp = final
    # Accumulators ~ sqrt(K) * |x| * |w| (|w| ~ 74, |x| ~ 37 for the first
    # layer's codes); after the 16-bit step, aim the final grid at ~64 so that
    # some values saturate and most do not.
    amp = 30 if unsigned else 37
    shift = max(1, round(math.log2(k ** 0.5 * amp * 74 / 2 ** first / 64)))
    ytype = f"tensor<?x{oh}x{ow}x{n}x{storage}>"
    out.append(f"  %{name}y = tqt.requantize %{name}s shift({shift}) bits({bits}) {signed}{clamp} rounding<{rounding}> : {t32} -> {ytype}")
    return f"{name}y", ytype, oh, ow


def depthwise_function(fname, h, w, c, l1, l2, m1=1, m2=1, per_channel=False):
    """signed codes -> depthwise (l1, channel multiplier m1) -> ReLU ->
    depthwise (l2, multiplier m2) on unsigned codes; l1/l2: (kh, kw, stride,
    pad, dil, rounding)."""
    c2 = c * m1
    lines = [f"func.func @{fname}(%x: tensor<?x{h}x{w}x{c}xf32>) -> tensor<?x{{OH}}x{{OW}}x{c2 * m2}xi8> {{",
             f"  %q = tqt.quantize %x exp(0) bits(8) signed : tensor<?x{h}x{w}x{c}xf32> -> tensor<?x{h}x{w}x{c}xi8>"]
    kh, kw, st, pad, dil, rnd = l1
    y1, t1, oh, ow = window_layer(lines, True, "q", f"tensor<?x{h}x{w}x{c}xi8>", c2, kh, kw, c, h, w, st, pad, dil,
                                  rnd, (8, "unsigned", "i8", ""), "a", per_channel=per_channel)
    kh, kw, st, pad, dil, rnd = l2
    y2, t2, oh2, ow2 = window_layer(lines, True, y1, t1, c2 * m2, kh, kw, c2, oh, ow, st, pad, dil, rnd,
                                    (8, "signed", "i8", " clamp_min(0) clamp_max(96)"), "b", unsigned=True,
                                    per_channel=per_channel)
    lines.append(f"  return %{y2} : {t2}")
    lines.append("}")
    lines[0] = lines[0].replace("{OH}", str(oh2)).replace("{OW}", str(ow2))
    return "\n".join(lines)


def conv_function(fname, h, w, c, l1, l2, per_channel=False):
    """l1/l2: (n, kh, kw, stride, pad, dil, rounding)."""
    lines = [f"func.func @{fname}(%x: tensor<?x{h}x{w}x{c}xf32>) -> tensor<?x{{OH}}x{{OW}}x{{N}}xi8> {{",
             f"  %q = tqt.quantize %x exp(0) bits(8) signed : tensor<?x{h}x{w}x{c}xf32> -> tensor<?x{h}x{w}x{c}xi8>"]
    n1, kh, kw, st, pad, dil, rnd = l1
    y1, t1, oh, ow = window_layer(lines, False, "q", f"tensor<?x{h}x{w}x{c}xi8>", n1, kh, kw, c, h, w, st, pad, dil, rnd,
                                (8, "unsigned", "i8", ""), "a", per_channel=per_channel)
    n2, kh, kw, st, pad, dil, rnd = l2
    y2, t2, oh2, ow2 = window_layer(lines, False, y1, t1, n2, kh, kw, n1, oh, ow, st, pad, dil, rnd,
                                  (8, "signed", "i8", " clamp_min(0) clamp_max(96)"), "b", unsigned=True,
                                  per_channel=per_channel)
    lines.append(f"  return %{y2} : {t2}")
    lines.append("}")
    lines[0] = lines[0].replace("{OH}", str(oh2)).replace("{OW}", str(ow2)).replace("{N}", str(n2))
    return "\n".join(lines)


def fc_function(fname, k, n1, n2, rounding, unsigned_storage="i8", per_channel=False):
    """[M, K] float -> fc (signed codes) -> ReLU -> fc (unsigned codes held in
    `unsigned_storage`)."""
    lines = [f"func.func @{fname}(%x: tensor<1x?x{k}xf32>) -> tensor<?x{n2}xi8> {{",
             f"  %q = tqt.quantize %x exp(0) bits(8) signed : tensor<1x?x{k}xf32> -> tensor<1x?x{k}xi8>"]
    src, srct, kk = "q", f"tensor<1x?x{k}xi8>", k
    for name, n, final in (("a", n1, "bits(8) unsigned"), ("b", n2, "bits(8) signed narrow")):
        i16 = srct.endswith("i16>")
        acc = "i48" if i16 else "i32"
        operand, zpx, zp = source(lines, src, srct, name == "b", name)
        bias = [rng.randint(-3000, 3000) for _ in range(n)]
        storage = unsigned_storage if "unsigned" in final else "i8"
        lines += [
            f"  %{name}w = {dense(weights(kk * n), f'1x{kk}x{n}', 'i8')}",
            f"  %{name}zx = {dense([zp], 1, zpx)}",
            f"  %{name}zw = {dense([0], 1, 'i8')}",
            f"  %{name}acc = tosa.matmul %{operand}, %{name}w, %{name}zx, %{name}zw : ({srct}, tensor<1x{kk}x{n}xi8>, "
            f"tensor<1x{zpx}>, tensor<1xi8>) -> tensor<1x?x{n}x{acc}>",
            f"  %{name}r = tqt.requantize %{name}acc {shift_attr(3, n, per_channel, 2)} bits(16) signed rounding<{rounding}> : "
            f"tensor<1x?x{n}x{acc}> -> tensor<1x?x{n}xi32>",
            f"  %{name}shape = tosa.const_shape {{values = dense<[-1, {n}]> : tensor<2xindex>}} : () -> !tosa.shape<2>",
            f"  %{name}f = tosa.reshape %{name}r, %{name}shape : (tensor<1x?x{n}xi32>, !tosa.shape<2>) -> tensor<?x{n}xi32>",
            f'  %{name}c16 = "tosa.const"() <{{values = dense<{reshaped(bias, [1, n])}> : tensor<1x{n}xi16>}}> : () -> tensor<1x{n}xi16>',
            f"  %{name}c = tosa.cast %{name}c16 : (tensor<1x{n}xi16>) -> tensor<1x{n}xi32>",
            f"  %{name}s = tosa.add %{name}f, %{name}c : (tensor<?x{n}xi32>, tensor<1x{n}xi32>) -> tensor<?x{n}xi32>",
            f"  %{name}y = tqt.requantize %{name}s shift(5) {final} rounding<{rounding}> : tensor<?x{n}xi32> -> tensor<?x{n}x{storage}>",
        ]
        if name == "a":
            lines += [
                f"  %{name}s3 = tosa.const_shape {{values = dense<[1, -1, {n}]> : tensor<3xindex>}} : () -> !tosa.shape<3>",
                f"  %{name}y3 = tosa.reshape %{name}y, %{name}s3 : (tensor<?x{n}x{storage}>, !tosa.shape<3>) -> tensor<1x?x{n}x{storage}>",
            ]
            src, srct, kk = f"{name}y3", f"tensor<1x?x{n}x{storage}>", n
    lines.append(f"  return %by : tensor<?x{n2}xi8>")
    lines.append("}")
    return "\n".join(lines)


print(conv_function("conv_same", 7, 7, 3,
                    (5, 3, 3, (1, 1), (1, 1, 1, 1), (1, 1), "half_even"),
                    (70, 1, 1, (1, 1), (0, 0, 0, 0), (1, 1), "half_up")))
print(conv_function("conv_strided_dilated", 9, 10, 17,
                    (20, 3, 3, (2, 1), (1, 1, 0, 1), (1, 2), "floor"),
                    (33, 3, 2, (2, 2), (1, 1, 1, 0), (1, 1), "half_away"), per_channel=True))
print(conv_function("conv_wide", 8, 8, 33,
                    (129, 5, 5, (1, 1), (4, 4, 4, 4), (2, 2), "half_away"),
                    (7, 2, 2, (1, 1), (1, 0, 0, 1), (2, 1), "half_even")))
print(depthwise_function("depthwise_same", 9, 11, 37,
                         (3, 3, (1, 1), (1, 1, 1, 1), (1, 1), "half_even"),
                         (3, 3, (2, 2), (1, 1, 1, 1), (1, 1), "half_up")))
print(depthwise_function("depthwise_dilated", 10, 7, 16,
                         (5, 5, (1, 1), (4, 4, 4, 4), (2, 2), "floor"),
                         (2, 3, (2, 1), (1, 1, 2, 0), (1, 1), "half_away")))
print(depthwise_function("depthwise_multiplier", 6, 5, 7,
                         (3, 3, (1, 1), (1, 1, 1, 1), (1, 1), "half_away"),
                         (2, 2, (2, 1), (1, 1, 0, 1), (1, 1), "floor"), m1=2, m2=3, per_channel=True))
print(fc_function("fc_ragged", 37, 19, 67, "half_even", per_channel=True))
print(fc_function("fc_tiny", 3, 1, 2, "half_up"))
print(fc_function("fc_i16", 29, 21, 5, "half_away", unsigned_storage="i16"))
