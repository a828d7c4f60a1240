//===- KernelEmitter.cpp - What every generated kernel shares -------------===//

#include "KernelEmitter.h"
#include "InternalFunction.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include "tqt/Conversion/RequantizeArith.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::tqt;
using namespace mlir::tqt::codegen;

KernelEmitter::KernelEmitter(GemmProblem &p, ImplicitLocOpBuilder &b,
                             StringRef name, SymbolTable &symbols)
    : p(p), b(b), name(name.str()),
      anchor(p.root->getParentOfType<func::FuncOp>()), symbols(symbols) {}

std::string KernelEmitter::uniqueName(const Twine &n) {
  std::string s = n.str();
  for (unsigned i = 1; symbols.lookup(s); ++i)
    s = (n + "_" + Twine(i)).str();
  return s;
}

memref::GlobalOp KernelEmitter::constantGlobal(const Twine &suffix,
                                               DenseElementsAttr data) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(anchor);
  auto type = MemRefType::get(data.getType().getShape(),
                              data.getType().getElementType());
  auto global = memref::GlobalOp::create(
      b, uniqueName(name + "_" + suffix), b.getStringAttr("private"), type,
      data, /*constant=*/true, b.getI64IntegerAttr(64));
  symbols.insert(global);
  return global;
}

Value KernelEmitter::load(memref::GlobalOp global) {
  // Constants sit between the run-time operands and the result.
  unsigned first = func.getNumArguments() - 1 - p.constants.size();
  for (auto [i, g] : llvm::enumerate(p.constants))
    if (g == global)
      return func.getArgument(first + i);
  unsigned index = func.getNumArguments() - 1;
  LogicalResult inserted =
      func.insertArgument(index, global.getType(), {}, global.getLoc());
  assert(succeeded(inserted) && "a func.func takes an argument of any type");
  (void)inserted;
  p.constants.push_back(global);
  return func.getArgument(index);
}

DenseElementsAttr KernelEmitter::i32Values(ArrayRef<int64_t> values,
                                           int64_t size) {
  SmallVector<int32_t> padded(size_t(size), 0);
  for (auto [i, v] : llvm::enumerate(values))
    padded[i] = int32_t(uint32_t(uint64_t(v)));
  return DenseElementsAttr::get(RankedTensorType::get({size}, b.getI32Type()),
                                ArrayRef<int32_t>(padded));
}

SmallVector<memref::GlobalOp> KernelEmitter::channelGlobals(int64_t size) {
  SmallVector<memref::GlobalOp> globals;
  for (const EpilogueStep &step : p.epilogue)
    if (step.readsChannels()) {
      const SmallVector<int32_t> &perChannel =
          step.kind == EpilogueStep::Kind::AddChannel ? step.channel
                                                      : step.channelShifts;
      SmallVector<int64_t> values(perChannel.begin(), perChannel.end());
      globals.push_back(constantGlobal("channel" + Twine(globals.size()),
                                       i32Values(values, size)));
    }
  return globals;
}

/// The identity-layout memref of a ranked tensor type.
static MemRefType bufferType(Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return MemRefType::get(type.getShape(), type.getElementType());
}

Value mlir::tqt::codegen::outputRows(ImplicitLocOpBuilder &b,
                                     const GemmProblem &p, Value source) {
  auto dim = [&](int64_t i) -> Value {
    if (isa<MemRefType>(source.getType()))
      return memref::DimOp::create(b, source, i);
    return tensor::DimOp::create(b, source, i);
  };
  if (!p.isConv)
    return dim(1);
  return arith::MulIOp::create(
      b, dim(0), arith::ConstantIndexOp::create(b, p.outHeight * p.outWidth));
}

Value KernelEmitter::beginFunction() {
  SmallVector<Type> argTypes{bufferType(p.source.getType())};
  for (Value v : p.runtimeOperands)
    argTypes.push_back(bufferType(v.getType()));
  argTypes.push_back(bufferType(p.last->getResult(0).getType()));
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(anchor);
    func = func::FuncOp::create(b, uniqueName(name),
                                b.getFunctionType(argTypes, {}));
  }
  makeInternalFunction(func);
  symbols.insert(func);
  b.setInsertionPointToStart(func.addEntryBlock());
  return argument(0);
}

Value KernelEmitter::result() {
  Value out = func.getArguments().back();
  auto type = cast<MemRefType>(out.getType());
  if (type.getRank() == 2)
    return out;
  ReassociationIndices leading;
  for (int64_t i = 0; i + 1 < type.getRank(); ++i)
    leading.push_back(i);
  return memref::CollapseShapeOp::create(
      b, out, ArrayRef<ReassociationIndices>{leading, {type.getRank() - 1}});
}

func::FuncOp KernelEmitter::finishFunction() {
  func::ReturnOp::create(b);
  return func;
}

Value KernelEmitter::clampFloat(Value v) {
  if (!p.floatClamp)
    return v;
  auto type = cast<VectorType>(v.getType());
  auto splat = [&](const APFloat &x) -> Value {
    return arith::ConstantOp::create(b, DenseElementsAttr::get(type, x));
  };
  Value below = arith::MinimumFOp::create(b, v, splat(p.floatClamp->second));
  return arith::MaximumFOp::create(b, below, splat(p.floatClamp->first));
}

Value KernelEmitter::epilogue(Value acc, ArrayRef<Value> channels) {
  // Bounds of the value at each step let the rounding shifts take their
  // shorter exact forms (RequantizeArith.h).
  std::optional<::mlir::tqt::numerics::Grid> bounds = p.accumulatorBounds;
  Value v = acc;
  unsigned c = 0;
  for (const EpilogueStep &step : p.epilogue) {
    if (step.kind == EpilogueStep::Kind::AddChannel) {
      v = arith::AddIOp::create(b, v, channels[c++]);
      if (bounds) {
        auto [lo, hi] =
            std::minmax_element(step.channel.begin(), step.channel.end());
        int64_t newLo = bounds->lo + *lo, newHi = bounds->hi + *hi;
        // Past i32 the add wraps: nothing known.
        bounds =
            newLo >= INT32_MIN && newHi <= INT32_MAX
                ? std::optional<::mlir::tqt::numerics::Grid>({newLo, newHi})
                : std::nullopt;
      }
      continue;
    }
    // Per-channel shifts: each lane selects the requantization by its
    // channel's shift among the layer's distinct shifts.
    SmallVector<int> shifts = step.distinctShifts();
    Value y =
        buildRequantize(b, v, shifts.back(), step.rounding, step.grid, bounds);
    if (!step.channelShifts.empty()) {
      Value laneShifts = channels[c++];
      for (int k : ArrayRef(shifts).drop_back()) {
        Value isK =
            arith::CmpIOp::create(b, arith::CmpIPredicate::eq, laneShifts,
                                  intConstant(b, laneShifts.getType(), k));
        y = arith::SelectOp::create(
            b, isK, buildRequantize(b, v, k, step.rounding, step.grid, bounds),
            y);
      }
    }
    v = y;
    bounds = step.grid;
  }
  return v;
}

void mlir::tqt::codegen::replaceChainWithCall(GemmProblem &p,
                                              func::FuncOp kernel) {
  // The chain: root, then each single use up to `last`.
  SmallVector<Operation *> chain{p.root};
  while (chain.back() != p.last)
    chain.push_back(*chain.back()->getResult(0).getUsers().begin());
  ImplicitLocOpBuilder b(p.root->getLoc(), p.last);
  // Operands: the tensors' buffers, read only.
  SmallVector<Value> tensors{p.source}, operands;
  llvm::append_range(tensors, p.runtimeOperands);
  for (Value v : tensors)
    operands.push_back(bufferization::ToBufferOp::create(
        b, bufferType(v.getType()), v, /*read_only=*/true));
  for (memref::GlobalOp g : p.constants)
    operands.push_back(
        memref::GetGlobalOp::create(b, g.getType(), g.getSymName()));
  // The result buffer, allocated here (destination-passing style); its one
  // dynamic dimension, if any, is the rows over the static dimensions'.
  auto resultType = cast<RankedTensorType>(p.last->getResult(0).getType());
  SmallVector<Value> dynamicSizes;
  if (!resultType.hasStaticShape()) {
    int64_t staticRows = 1;
    for (int64_t d : resultType.getShape().drop_back())
      if (!ShapedType::isDynamic(d))
        staticRows *= d;
    // A convolution's result is [batch, OH, OW, N]: the batch is the
    // activations'; otherwise the rows, divided by the static ones if any.
    bool batchOnly = p.isConv && staticRows == p.outHeight * p.outWidth;
    Value size = batchOnly ? Value(tensor::DimOp::create(b, p.source, 0))
                           : outputRows(b, p, p.source);
    if (!batchOnly && staticRows != 1)
      size = arith::DivUIOp::create(
          b, size, arith::ConstantIndexOp::create(b, staticRows));
    dynamicSizes.push_back(size);
  }
  Value out = memref::AllocOp::create(b, bufferType(resultType), dynamicSizes,
                                      b.getI64IntegerAttr(64));
  operands.push_back(out);
  func::CallOp::create(b, kernel, operands);
  p.last->getResult(0).replaceAllUsesWith(bufferization::ToTensorOp::create(
      b, resultType, out, /*restrict=*/true, /*writable=*/true));
  // Producers outside the chain may now be dead (chain ops are erased here,
  // so they must not be visited again).
  llvm::SmallPtrSet<Operation *, 8> inChain(chain.begin(), chain.end());
  SmallVector<Operation *> operandsOf;
  for (Operation *op : llvm::reverse(chain)) {
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp(); def && !inChain.contains(def))
        operandsOf.push_back(def);
    op->erase();
  }
  // Weights, biases and shapes only the chain used.
  llvm::SmallPtrSet<Operation *, 8> erased;
  while (!operandsOf.empty()) {
    Operation *op = operandsOf.pop_back_val();
    if (erased.contains(op) || !isOpTriviallyDead(op))
      continue;
    erased.insert(op);
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp())
        operandsOf.push_back(def);
    op->erase();
  }
}

Value KernelEmitter::parallelFor(Value lb, Value ub, int64_t step) {
  auto loop = scf::ParallelOp::create(b, ValueRange{lb}, ValueRange{ub},
                                      ValueRange{idx(step)});
  b.setInsertionPointToStart(loop.getBody());
  return loop.getInductionVars()[0];
}

std::pair<Value, Value> KernelEmitter::parallelImageRows(Value batch,
                                                         int64_t rowsPerImage) {
  Value t = parallelFor(idx(0), mul(batch, rowsPerImage), 1);
  return {arith::DivUIOp::create(b, t, idx(rowsPerImage)),
          arith::RemUIOp::create(b, t, idx(rowsPerImage))};
}

void KernelEmitter::storeActiveLanes(Value v, Value base, ValueRange indices,
                                     Value mask, Value active) {
  if (std::optional<int64_t> n = getConstantIntValue(active)) {
    if (*n == 1)
      memref::StoreOp::create(
          b, vector::ExtractOp::create(b, v, ArrayRef<int64_t>{0}), base,
          indices);
    else
      vector::MaskedStoreOp::create(b, base, indices, mask, v);
    return;
  }
  Value single =
      arith::CmpIOp::create(b, arith::CmpIPredicate::eq, active, idx(1));
  auto branch = scf::IfOp::create(b, single, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(branch.thenBlock());
  Value lane = vector::ExtractOp::create(b, v, ArrayRef<int64_t>{0});
  memref::StoreOp::create(b, lane, base, indices);
  b.setInsertionPointToStart(branch.elseBlock());
  vector::MaskedStoreOp::create(b, base, indices, mask, v);
}

void KernelEmitter::forEachWindowTap(
    Value batch, function_ref<void(ValueRange, Value, int64_t)> copy,
    function_ref<void(Value, int64_t)> fill, function_ref<void(Value)> after) {
  OpBuilder::InsertionGuard guard(b);
  auto [n, oh] = parallelImageRows(batch, p.outHeight);
  auto wLoop = scf::ForOp::create(b, idx(0), idx(p.outWidth), idx(1));
  b.setInsertionPointToStart(wLoop.getBody());
  Value ow = wLoop.getInductionVar();
  Value m = add(mul(add(mul(n, p.outHeight), oh), p.outWidth), ow);
  Value zero = idx(0);
  for (int64_t i = 0; i < p.kh; ++i) {
    Value ih = arith::SubIOp::create(
        b, add(mul(oh, p.strideH), i * p.dilationH), idx(p.padTop));
    Value hIn = arith::AndIOp::create(
        b, arith::CmpIOp::create(b, arith::CmpIPredicate::sge, ih, zero),
        arith::CmpIOp::create(b, arith::CmpIPredicate::slt, ih, idx(p.height)));
    for (int64_t j = 0; j < p.kw; ++j) {
      Value iw = arith::SubIOp::create(
          b, add(mul(ow, p.strideW), j * p.dilationW), idx(p.padLeft));
      Value wIn = arith::AndIOp::create(
          b, arith::CmpIOp::create(b, arith::CmpIPredicate::sge, iw, zero),
          arith::CmpIOp::create(b, arith::CmpIPredicate::slt, iw,
                                idx(p.width)));
      Value inside = arith::AndIOp::create(b, hIn, wIn);
      int64_t k0 = (i * p.kw + j) * p.channels;
      auto branch = scf::IfOp::create(b, inside, /*withElseRegion=*/true);
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPointToStart(branch.thenBlock());
      copy(ValueRange{n, ih, iw, zero}, m, k0);
      b.setInsertionPointToStart(branch.elseBlock());
      fill(m, k0);
    }
  }
  if (after)
    after(m);
}

std::pair<Value, Value> KernelEmitter::parallelTiles(Value mainRows,
                                                     int64_t rowsPerTile,
                                                     int64_t nTiles) {
  // Threads split the larger operand: the rows (each reads its part of A and
  // all the weights) unless there are more output channels than rows per
  // image (late convolutions, fully connected layers), where they split the
  // N tiles (each reads its weight panels and all of A).
  int64_t rowsPerImage = p.isConv ? p.outHeight * p.outWidth : 1;
  bool nMajor = p.n > rowsPerImage;
  Value rowTiles = arith::DivUIOp::create(b, mainRows, idx(rowsPerTile));
  Value t =
      parallelFor(idx(0), arith::MulIOp::create(b, rowTiles, idx(nTiles)), 1);
  Value nt = nMajor ? Value(arith::DivUIOp::create(b, t, rowTiles))
                    : Value(arith::RemUIOp::create(b, t, idx(nTiles)));
  Value mt = nMajor ? Value(arith::RemUIOp::create(b, t, rowTiles))
                    : Value(arith::DivUIOp::create(b, t, idx(nTiles)));
  return {nt, mul(mt, rowsPerTile)};
}
