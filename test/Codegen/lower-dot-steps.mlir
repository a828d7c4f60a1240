// RUN: tqt-opt %s --split-input-file | tqt-opt --split-input-file | FileCheck %s --enable-var-scope --check-prefix=ROUNDTRIP
// RUN: tqt-opt %s --split-input-file --tqt-lower-dot-steps | FileCheck %s --enable-var-scope

// ROUNDTRIP-LABEL: func.func @vnni_zmm
// ROUNDTRIP:         tqt.dot_step %{{.*}}, %{{.*}}, %{{.*}} : vector<16xi32>, vector<64xi8>
// CHECK-LABEL: func.func @vnni_zmm(
// CHECK-SAME:      %[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// CHECK-NEXT:    %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[ACC]], %[[A]], %[[B]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// CHECK-NEXT:    return %[[R]]
func.func @vnni_zmm(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi32> {
  %r = tqt.dot_step %acc, %a, %b : vector<16xi32>, vector<64xi8>
  return %r : vector<16xi32>
}

// -----

// CHECK-LABEL: func.func @vnni_ymm(
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"
func.func @vnni_ymm(%acc: vector<8xi32>, %a: vector<32xi8>, %b: vector<32xi8>) -> vector<8xi32> {
  %r = tqt.dot_step %acc, %a, %b : vector<8xi32>, vector<32xi8>
  return %r : vector<8xi32>
}

// -----

// CHECK-LABEL: func.func @avx2_ymm(
// CHECK-SAME:      %[[ACC:.*]]: vector<8xi32>, %[[A:.*]]: vector<16xi16>, %[[B:.*]]: vector<16xi16>)
// CHECK-NEXT:    %[[P:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[A]], %[[B]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// CHECK-NEXT:    %[[R:.*]] = arith.addi %[[ACC]], %[[P]] : vector<8xi32>
// CHECK-NEXT:    return %[[R]]
func.func @avx2_ymm(%acc: vector<8xi32>, %a: vector<16xi16>, %b: vector<16xi16>) -> vector<8xi32> {
  %r = tqt.dot_step %acc, %a, %b : vector<8xi32>, vector<16xi16>
  return %r : vector<8xi32>
}

// -----

// CHECK-LABEL: func.func @avx512bw_zmm(
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"
// CHECK-NEXT:    arith.addi
func.func @avx512bw_zmm(%acc: vector<16xi32>, %a: vector<32xi16>, %b: vector<32xi16>) -> vector<16xi32> {
  %r = tqt.dot_step %acc, %a, %b : vector<16xi32>, vector<32xi16>
  return %r : vector<16xi32>
}
