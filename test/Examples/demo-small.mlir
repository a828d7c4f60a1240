// A small, fast version of the demo flow (scripts/demo.py) on the embedded
// model: 60 training steps per variant (per-tensor and per-channel weight
// thresholds) on 3,000 training images, 300 test images. Every integer program equals its simulation graph layer by layer
// on the test images (tqt-run --compare-layers), the INT8 programs stay
// within 3 points of FP32 and INT4 within 10 (asserted by the demo and
// again here), the
// AOT executable's logits equal the simulation graph's bit for bit, and
// results/ gets its CSV and plots.
// REQUIRES: fashion-mnist, torch, matplotlib, c-compiler
// RUN: rm -rf %t
// RUN: %python %tqt_src_root/scripts/demo.py --build %tqt_obj_root --results %t --steps 60 --eval-samples 300 --train-samples 3000 --val-samples 200 --eval-every 30 --freeze-start 20 --freeze-every 10 > %t.log 2>&1
// RUN: FileCheck %s < %t.log
// RUN: %python -c "import csv, sys; rows = list(csv.DictReader(open('%t/results.csv'))); fp = float(rows[0]['integer']); bad = [r for r in rows[1:] if r['simulation'] != r['integer'] or fp - float(r['integer']) > (10 if 'INT4' in r['precision'] else 3)]; print('integer == simulation, bounds OK' if not bad else bad); sys.exit(1 if bad else 0)"
// RUN: ls %t/accuracy.png %t/thresholds_int8_tqt.png %t/thresholds_int4_tqt.png %t/train_int8_tqt.csv

// CHECK-NOT: SIMULATION DIFFERS
// CHECK: checkpoints chosen on 200 validation images from the training data; one seed per trained row
// CHECK: Mode            Precision   Simulation  Integer    +-  vs FP32    #ep    time  Layers
// CHECK-NEXT: FP32            fp32
// CHECK-NEXT: static          INT8       {{ *[0-9.]+ +[0-9.]+.*}}  bit-exact ({{[0-9]+}} quantizers, {{[0-9,]+}} codes)
// CHECK-NEXT: retrain wt      INT8       {{ *[0-9.]+ +[0-9.]+.*}}  bit-exact ({{[0-9]+}} quantizers, {{[0-9,]+}} codes)
// CHECK-NEXT: retrain wt,th   INT8       {{ *[0-9.]+ +[0-9.]+.*}}  bit-exact ({{[0-9]+}} quantizers, {{[0-9,]+}} codes)
// CHECK-NEXT: retrain wt,th   INT4 wt    {{ *[0-9.]+ +[0-9.]+.*}}  bit-exact ({{[0-9]+}} quantizers, {{[0-9,]+}} codes)
// CHECK-NEXT: retrain wt,th   INT8 pc    {{ *[0-9.]+ +[0-9.]+.*}}  bit-exact ({{[0-9]+}} quantizers, {{[0-9,]+}} codes)
// CHECK-NEXT: retrain wt,th   INT4 wt pc {{ *[0-9.]+ +[0-9.]+.*}}  bit-exact ({{[0-9]+}} quantizers, {{[0-9,]+}} codes)
// CHECK-NOT: SIMULATION DIFFERS
// CHECK: INT8 executable vs simulation graph: 300 images, logits identical bit for bit
// CHECK: per-image latency
// CHECK: bounds: every integer program bit-exact with its simulation, INT8 within 3.0 and INT4 within 10.0 points of FP32
// CHECK: done
