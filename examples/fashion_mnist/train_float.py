#!/usr/bin/env python3
"""Trains the demo's default model (mobilenet.py) in float on Fashion-MNIST
with PyTorch on the CPU and exports it with tqt_mlir.export:

  PYTHONPATH=python /usr/bin/python3 examples/fashion_mnist/train_float.py \
      [--epochs 3] [--out examples/fashion_mnist/model.mlir]

Deterministic for a given seed and thread count (torch.manual_seed, one
thread by default). Prints the test accuracy in PyTorch; scripts/demo.sh
measures the exported model's FP32 accuracy with tqt-run.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mobilenet import MobileNetV1Tiny  # noqa: E402
from tqt_mlir.data import fashion_mnist  # noqa: E402
from tqt_mlir.export import export  # noqa: E402


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(here, "model.mlir"))
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    xs, ys = fashion_mnist("train")
    xt, yt = fashion_mnist("test")
    x = torch.tensor(xs).permute(0, 3, 1, 2).contiguous()
    y = torch.tensor(ys, dtype=torch.long)
    model = MobileNetV1Tiny()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps = args.epochs * (len(x) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=steps)
    start = time.time()
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(x))
        for i in range(len(x) // args.batch):
            idx = perm[i * args.batch:(i + 1) * args.batch]
            loss = F.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        with torch.no_grad():
            pred = model(torch.tensor(xt).permute(0, 3, 1, 2)).argmax(1).numpy()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}, test accuracy {100 * np.mean(pred == yt):.2f}% "
              f"({time.time() - start:.0f} s)", flush=True)
    with open(args.out, "w") as f:
        f.write("// MobileNet-v1-style Fashion-MNIST classifier, trained in float by\n"
                "// examples/fashion_mnist/train_float.py and exported by tqt_mlir.export.\n")
        f.write(export(model, (1, 28, 28)))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
