//===- Passes.h - tqt code generator passes ---------------------*- C++ -*-===//

#ifndef TQT_CODEGEN_PASSES_H
#define TQT_CODEGEN_PASSES_H

#include "tqt/Codegen/KernelIsa.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tqt {

#define GEN_PASS_DECL
#include "tqt/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tqt/Codegen/Passes.h.inc"

} // namespace mlir::tqt

#endif // TQT_CODEGEN_PASSES_H
