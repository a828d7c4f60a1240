// RUN: tqt-opt %s --split-input-file -verify-diagnostics

func.func @wrong_group(%acc: vector<16xi32>, %a: vector<32xi8>, %b: vector<32xi8>) -> vector<16xi32> {
  // expected-error @below {{'tqt.dot_step' op operands of 'vector<32xi8>' hold 32 elements, but 16 i32 lanes of 4 i8 need 64}}
  %r = tqt.dot_step %acc, %a, %b : vector<16xi32>, vector<32xi8>
  return %r : vector<16xi32>
}

// -----

func.func @wrong_element(%acc: vector<16xi32>, %a: vector<16xi32>, %b: vector<16xi32>) -> vector<16xi32> {
  // expected-error @below {{'tqt.dot_step' op operand #1 must be vector of 8-bit signless integer or 16-bit signless integer values of ranks 1}}
  %r = tqt.dot_step %acc, %a, %b : vector<16xi32>, vector<16xi32>
  return %r : vector<16xi32>
}

// -----

func.func @wrong_accumulator(%acc: vector<16xi16>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi16> {
  // expected-error @below {{'tqt.dot_step' op operand #0 must be vector of 32-bit signless integer values of ranks 1}}
  %r = tqt.dot_step %acc, %a, %b : vector<16xi16>, vector<64xi8>
  return %r : vector<16xi16>
}
