// RUN: not tqt-opt %s --tqt-insert-quantizers="layer-bits=1" 2>&1 | FileCheck %s --check-prefix=LAYER1
// LAYER1: error: --tqt-insert-quantizers: layer-bits=1 is outside [2, 24]
// RUN: not tqt-opt %s --tqt-insert-quantizers="weight-bits=9" 2>&1 | FileCheck %s --check-prefix=WBITS
// WBITS: error: --tqt-insert-quantizers: weight-bits=9 is outside [2, 8]
// RUN: not tqt-opt %s --tqt-insert-quantizers="rounding=nearest" 2>&1 | FileCheck %s --check-prefix=ROUND
// ROUND: error: --tqt-insert-quantizers: unknown rounding 'nearest' (half_even, half_up, half_away, floor)
// RUN: tqt-opt %s --tqt-insert-quantizers="act-bits=6 rounding=floor" | FileCheck %s --check-prefix=ACT
// ACT: tqt.fake_quant %{{.*}}, %{{.*}} bits(6) signed rounding<floor>
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
