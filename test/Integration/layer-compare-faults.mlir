// tqt-run --compare-layers catches every kind of fault written into a copy
// of a fused program, at the quantizer where it happens: a clamp bound one
// code low (int16 accumulator quantizer and int8 activation), a narrow grid,
// a wrong rounding mode (an activation with shift 1 and the fully connected
// output with shift 9: tie-heavy inputs make the ties), and +1 on one
// element. The inputs are flow.py's edge inputs (held-out, ties,
// saturating, tiny) on thresholds calibrated small, so the layers saturate.
// RUN: rm -rf %t && %python %S/Inputs/gen_small_net.py %t
// RUN: %python %S/Inputs/flow.py %t %t/net.mlir %t/x.npy half_even > %t/flow.txt
// RUN: tqt-opt %t/half_even/cal_small.mlir --tqt-legalize-pow2=trace=true --tqt-fuse-integer -o %t/fused.mlir
// RUN: tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/fused.mlir -i %t/half_even/edges.npy | FileCheck %s --check-prefix=CLEAN
// CLEAN: never saturated:
// CLEAN: bit-exact: 15 quantizers (15 with codes of their own), 1660250 codes compared, results equal; {{[1-9][0-9]*}} quantizers saturate

// RUN: %python %S/Inputs/inject_fault.py %t/fused.mlir %t/clamp16.mlir clamp 3 > %t/clamp16.txt
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/clamp16.mlir -i %t/half_even/edges.npy >> %t/clamp16.txt
// RUN: FileCheck %s --check-prefix=CLAMP16 < %t/clamp16.txt
// CLAMP16: injected clamp into quantizer #3
// CLAMP16-NEXT: quantizer #3 at {{.*}}cal_small.mlir:{{[0-9]+}}:{{[0-9]+}}: {{[0-9]+}} codes differ; first at ({{.*}}): simulation 32767, integer 32766
// CLAMP16: NOT bit-exact

// RUN: %python %S/Inputs/inject_fault.py %t/fused.mlir %t/clamp8.mlir clamp 9 > %t/clamp8.txt
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/clamp8.mlir -i %t/half_even/edges.npy >> %t/clamp8.txt
// RUN: FileCheck %s --check-prefix=CLAMP8 < %t/clamp8.txt
// CLAMP8: injected clamp into quantizer #9
// CLAMP8-NEXT: quantizer #9 at {{.*}}: {{[0-9]+}} codes differ; first at ({{.*}}): simulation 127, integer 126
// CLAMP8: NOT bit-exact: {{[0-9]+}} of 15 quantizers differ, results differ

// RUN: %python %S/Inputs/inject_fault.py %t/fused.mlir %t/narrow.mlir narrow 9 > %t/narrow.txt
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/narrow.mlir -i %t/half_even/edges.npy >> %t/narrow.txt
// RUN: FileCheck %s --check-prefix=NARROW < %t/narrow.txt
// NARROW: injected narrow into quantizer #9
// NARROW-NEXT: quantizer #9 at {{.*}}: {{[0-9]+}} codes differ; first at ({{.*}}): simulation -128, integer -127
// NARROW: NOT bit-exact

// RUN: %python %S/Inputs/inject_fault.py %t/fused.mlir %t/round5.mlir rounding 5 > %t/round5.txt
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/round5.mlir -i %t/half_even/edges.npy >> %t/round5.txt
// RUN: FileCheck %s --check-prefix=ROUND5 < %t/round5.txt
// ROUND5: injected rounding into quantizer #5
// ROUND5-NEXT: quantizer #5 at {{.*}}: {{[0-9]+}} codes differ
// ROUND5: NOT bit-exact

// RUN: %python %S/Inputs/inject_fault.py %t/fused.mlir %t/round14.mlir rounding 14 > %t/round14.txt
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/round14.mlir -i %t/half_even/edges.npy >> %t/round14.txt
// RUN: FileCheck %s --check-prefix=ROUND14 < %t/round14.txt
// ROUND14: injected rounding into quantizer #14
// ROUND14-NEXT: quantizer #14 at {{.*}}: {{[0-9]+}} codes differ
// ROUND14: NOT bit-exact: 1 of 15 quantizers differ, results differ

// RUN: %python %S/Inputs/inject_fault.py %t/fused.mlir %t/element.mlir element 8 > %t/element.txt
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/element.mlir -i %t/half_even/edges.npy >> %t/element.txt
// RUN: FileCheck %s --check-prefix=ELEMENT < %t/element.txt
// ELEMENT: injected element into quantizer #8
// ELEMENT-NEXT: quantizer #8 at {{.*}}: 1024 codes differ; first at (0, 4, 0, 0)
// ELEMENT: NOT bit-exact

// Misuse: an integer program without tags, --integer alone.
// RUN: tqt-opt %t/half_even/cal_small.mlir --tqt-legalize-pow2 --tqt-fuse-integer -o %t/untagged.mlir
// RUN: not tqt-run %t/half_even/cal_small.mlir --compare-layers --integer %t/untagged.mlir -i %t/half_even/edges.npy 2>&1 | FileCheck %s --check-prefix=UNTAGGED
// UNTAGGED: tqt-run: error: the integer program has no tqt.trace tags: make it with tqt-opt --tqt-legalize-pow2=trace=true --tqt-fuse-integer
// RUN: not tqt-run %t/half_even/cal_small.mlir --integer %t/fused.mlir -i %t/half_even/edges.npy 2>&1 | FileCheck %s --check-prefix=ALONE
// ALONE: tqt-run: error: --integer goes with --compare-layers
// RUN: not tqt-run %t/net.mlir --compare-layers -i %t/x.npy 2>&1 | FileCheck %s --check-prefix=FLOAT
// FLOAT: tqt-run: error: @net has no quantizer to compare
// RUN: %if fashion-mnist %{ not tqt-run %S/Inputs/two-inputs-quantized.mlir --compare-layers --dataset fashion-mnist --eval-samples 10 2>&1 | FileCheck %s --check-prefix=TWO %}
// TWO: tqt-run: error: --compare-layers --dataset needs a function of one batched input, @two takes 2
