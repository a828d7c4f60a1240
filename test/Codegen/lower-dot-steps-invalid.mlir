// RUN: tqt-opt %s --split-input-file --tqt-lower-dot-steps -verify-diagnostics

func.func @four_lanes(%acc: vector<4xi32>, %a: vector<16xi8>, %b: vector<16xi8>) -> vector<4xi32> {
  // expected-error @below {{'tqt.dot_step' op has no x86 instruction for 'vector<4xi32>' accumulators (16 or 8 lanes)}}
  %r = tqt.dot_step %acc, %a, %b : vector<4xi32>, vector<16xi8>
  return %r : vector<4xi32>
}
