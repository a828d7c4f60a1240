#!/usr/bin/env python3
"""Checks a tqt-train CSV log (standard library only).

  check_train_log.py LOG.csv falls FIRST LAST RATIO
      mean loss of the last LAST rows <= RATIO * mean loss of the first FIRST
  check_train_log.py LOG.csv frozen-stay
      every threshold column that stops changing once `frozen` counts it
      keeps its value to the end: for each increase of `frozen`, exactly one
      more threshold column is constant from that row on
  check_train_log.py LOG.csv thresholds-move MIN_FRACTION
      at least MIN_FRACTION of the threshold columns differ between the
      first and the last row
"""
import csv
import sys


def main():
    path, what = sys.argv[1], sys.argv[2]
    with open(path) as f:
        rows = list(csv.DictReader(f))
    if what == "falls":
        first, last, ratio = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
        a = sum(float(r["loss"]) for r in rows[:first]) / first
        b = sum(float(r["loss"]) for r in rows[-last:]) / last
        print(f"loss {a:.4f} -> {b:.4f} ({'falls' if b <= ratio * a else 'DOES NOT FALL'})")
        sys.exit(0 if b <= ratio * a else 1)
    if what == "thresholds-move":
        names = [k for k in rows[0] if k not in (
            "step", "loss", "train_accuracy", "val_accuracy", "lr_weights", "lr_thresholds", "frozen")]
        moved = sum(1 for n in names if rows[0][n] != rows[-1][n])
        ok = names and moved >= float(sys.argv[3]) * len(names)
        print(f"{moved} of {len(names)} thresholds moved ({'OK' if ok else 'TOO FEW'})")
        sys.exit(0 if ok else 1)
    if what == "frozen-stay":
        names = [k for k in rows[0] if k not in (
            "step", "loss", "train_accuracy", "val_accuracy", "lr_weights", "lr_thresholds", "frozen")]
        # The row from which each threshold never changes again.
        settle = {}
        for n in names:
            i = len(rows) - 1
            while i > 0 and rows[i - 1][n] == rows[-1][n]:
                i -= 1
            settle[n] = i
        ok = True
        for i, r in enumerate(rows):
            count = int(r["frozen"])
            constant = sum(1 for n in names if settle[n] <= i)
            if constant < count:
                ok = False
                print(f"row {i}: {count} frozen but only {constant} thresholds constant from here")
        final = int(rows[-1]["frozen"])
        print(f"{final} frozen thresholds, none moved after freezing: {'OK' if ok else 'FAILED'}")
        sys.exit(0 if ok and final > 0 else 1)
    sys.exit(f"unknown check {what}")


if __name__ == "__main__":
    main()
