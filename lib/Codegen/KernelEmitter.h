//===- KernelEmitter.h - What every generated kernel shares -----*- C++ -*-===//
//
// A generated kernel is a private function on memrefs,
// `(activations, run-time operands..., result) -> ()`, in destination-passing
// style: the caller allocates the result buffer, so that buffer deallocation
// sees every allocation (a callee's returned buffer is opaque to its alias
// analysis, which then emits run-time alias checks between every pair of
// live buffers: quadratic in the layers). Its constants (packed weights,
// epilogue channels) are private globals the caller passes as arguments, so
// that layers whose code is the same share one kernel
// (shareIdenticalFunction). Its call replaces the
// layer's chain. The GEMM and depthwise emitters derive from this.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_LIB_CODEGEN_KERNELEMITTER_H
#define TQT_LIB_CODEGEN_KERNELEMITTER_H

#include "GemmProblem.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::tqt::codegen {

inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The rows of the problem's output, batch x output pixels (a convolution)
/// or the matmul's rows, read off its activations `source` (a tensor at the
/// call site, a memref in the kernel).
Value outputRows(ImplicitLocOpBuilder &b, const GemmProblem &p, Value source);

class KernelEmitter {
protected:
  KernelEmitter(GemmProblem &p, ImplicitLocOpBuilder &b, StringRef name,
                SymbolTable &symbols);

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value mul(Value x, int64_t c) {
    return c == 1 ? x : arith::MulIOp::create(b, x, idx(c));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value add(Value x, int64_t c) { return c == 0 ? x : add(x, idx(c)); }

  /// vector.maskedstore of `v` at `indices` with `mask`, whose first
  /// `active` lanes are on. One active lane is stored as a scalar: LLVM
  /// 22.1's X86 backend turns a single-lane masked store of a truncated
  /// vector into a 4-byte store (llvm/llvm-project#179489, fixed after
  /// 22.1), which writes past the lane into the next row or past the buffer.
  void storeActiveLanes(Value v, Value base, ValueRange indices, Value mask,
                        Value active);

  /// A one-dimensional scf.parallel from `lb` to `ub` by `step`, for
  /// iterations that write disjoint rows (threaded code splits them); moves
  /// the builder into its body and returns the induction variable.
  Value parallelFor(Value lb, Value ub, int64_t step);
  /// parallelFor over the rows of every image, (image, row) for row in
  /// [0, rowsPerImage): one loop for the whole batch (a parallel loop inside
  /// a loop would fork per iteration, --tqt-outer-parallel-loops makes it
  /// sequential).
  std::pair<Value, Value> parallelImageRows(Value batch, int64_t rowsPerImage);

  /// Every (N tile, tile of `rowsPerTile` rows) register tile of the first
  /// `mainRows` rows is independent: one parallel loop over all of them (one
  /// fork per layer); moves the builder into its body and returns the N tile
  /// and the first row.
  std::pair<Value, Value> parallelTiles(Value mainRows, int64_t rowsPerTile,
                                        int64_t nTiles);

  /// im2col: for every output pixel m = (image, row, column) of a
  /// convolution (images and rows in parallel) and every window tap (kh, kw)
  /// in order, `copy` the tap's C input values at `at` = (n, ih, iw, 0) to
  /// row m from column k0 = (kh * KW + kw) * C, or `fill` them where the tap
  /// falls in the padding; then `after` (may be null) on row m.
  void
  forEachWindowTap(Value batch,
                   function_ref<void(ValueRange at, Value m, int64_t k0)> copy,
                   function_ref<void(Value m, int64_t k0)> fill,
                   function_ref<void(Value m)> after);

  /// A private, 64-byte aligned constant global named `<kernel>_<suffix>`,
  /// placed before the function being compiled.
  memref::GlobalOp constantGlobal(const Twine &suffix, DenseElementsAttr data);
  /// The global's buffer, inside the kernel: an argument of the kernel
  /// (before the result), which the call passes (GemmProblem::constants).
  Value load(memref::GlobalOp global);
  /// `values` as i32 (two's complement wrap-around), zero-padded to `size`.
  DenseElementsAttr i32Values(ArrayRef<int64_t> values, int64_t size);
  /// One global per AddChannel epilogue step, padded to `size` columns.
  SmallVector<memref::GlobalOp> channelGlobals(int64_t size);

  /// Creates the kernel function (arguments: the activations, then the
  /// problem's run-time operands, then the result buffer; load() adds the
  /// constants before the result) and moves into its body; returns the
  /// activations.
  Value beginFunction();
  /// Argument `i` of the kernel function (read only, but the last).
  Value argument(unsigned i) { return func.getArgument(i); }
  /// The output rows: batch x output pixels (a convolution) or the matmul's
  /// rows, from the activations.
  Value rows() { return outputRows(b, p, argument(0)); }
  /// A convolution's batch size, from the activations.
  Value batch() { return memref::DimOp::create(b, argument(0), 0); }
  /// The result buffer (the last argument) viewed as [rows, N].
  Value result();
  /// Ends the function.
  func::FuncOp finishFunction();

  /// An f32 vector through the problem's clamp (minimumf with the upper
  /// bound, then maximumf with the lower, as TOSA's lowering), if any.
  Value clampFloat(Value v);

  /// The requantization chain on an accumulator vector; `channels` holds
  /// one vector per AddChannel step for the same columns.
  Value epilogue(Value acc, ArrayRef<Value> channels);

  GemmProblem &p;
  ImplicitLocOpBuilder &b;

private:
  std::string uniqueName(const Twine &name);

  std::string name;
  Operation *anchor;
  SymbolTable &symbols;
  func::FuncOp func;
};

} // namespace mlir::tqt::codegen

#endif // TQT_LIB_CODEGEN_KERNELEMITTER_H
