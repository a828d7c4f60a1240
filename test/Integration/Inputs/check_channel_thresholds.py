#!/usr/bin/env python3
"""Checks MAX-calibrated per-channel weight thresholds of a simulation graph:
each threshold global tensor<Cxf32> holds log2 of the largest |w| of its
channel of the weights it quantizes (the tosa.const feeding the
tqt.fake_quant ... axis(a) that loads it).

  check_channel_thresholds.py CAL.mlir

prints "N per-channel thresholds, M channels: each log2 of its channel's
max |w|" and exits 1 on any mismatch.
"""
import re
import sys

import numpy as np

text = open(sys.argv[1]).read()
globals_ = {m.group(1): [float(v) for v in m.group(2).split(",")]
            for m in re.finditer(r"ml_program\.global private mutable @([\w.]+)\(dense<\[([^\]]*)\]> : tensor<\d+xf32>\)", text)}
consts = {}
for m in re.finditer(r'(%[\w.]+) = "tosa\.const"\(\) <\{values = dense<(.*?)> : tensor<([\dx]+)xf32>\}>', text):
    shape = [int(d) for d in m.group(3).split("x")]
    body = m.group(2)
    if body.startswith('"0x'):  # large constants print as little-endian hex
        values = np.frombuffer(bytes.fromhex(body[3:-1]), dtype="<f4")
    else:
        values = np.array([float(v) for v in re.findall(r"[-+]?[\d.]+(?:e[-+]?\d+)?", body)], dtype=np.float32)
    consts[m.group(1)] = values.reshape(shape) if values.size == np.prod(shape) else np.full(shape, values[0], np.float32)
loads = {m.group(1): m.group(2) for m in re.finditer(r"(%[\w.]+) = ml_program\.global_load @([\w.]+)", text)}
checked, channels = 0, 0
for m in re.finditer(r"tqt\.fake_quant (%[\w.]+), (%[\w.]+) .*? axis\((\d+)\)", text):
    w, t, axis = consts[m.group(1)], globals_[loads[m.group(2)]], int(m.group(3))
    want = np.log2(np.max(np.abs(np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1)), axis=1))
    if not np.allclose(want, np.array(t, np.float32), rtol=0, atol=1e-5):
        sys.exit(f"{m.group(0)}: thresholds {t} are not log2 max|w| per channel {want.tolist()}")
    checked += 1
    channels += len(t)
if not checked:
    sys.exit("no per-channel quantizer found")
print(f"{checked} per-channel thresholds, {channels} channels: each log2 of its channel's max |w|")
