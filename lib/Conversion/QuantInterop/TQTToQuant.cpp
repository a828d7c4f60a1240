//===- TQTToQuant.cpp - tqt quantize/dequantize as upstream quant ops -----===//
//
// --convert-tqt-to-quant (Passes.td has the contract). Rounding and
// saturation stay explicit before each quant.qcast, because the quant
// dialect leaves them to its lowering.
//
//===----------------------------------------------------------------------===//

#include "tqt/Conversion/Passes.h"
#include "tqt/Conversion/QuantInterop.h"
#include "tqt/Conversion/QuantizeArith.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cfloat>
#include <cmath>

namespace mlir::tqt {
#define GEN_PASS_DEF_CONVERTTQTTOQUANT
#include "tqt/Conversion/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
namespace num = mlir::tqt::numerics;

namespace {

/// `tensorType` with quantized elements of `codes`.
Type quantizedTensor(Type tensorType, const CodeType &codes) {
  return cast<TensorType>(tensorType).clone(getQuantType(codes));
}

LogicalResult convertQuantize(QuantizeOp op) {
  auto xType = dyn_cast<RankedTensorType>(op.getX().getType());
  if (!xType)
    return op.emitOpError("unranked tensor ")
           << op.getX().getType()
           << " is not supported by --convert-tqt-to-quant";
  auto storage =
      cast<IntegerType>(cast<TensorType>(op.getType()).getElementType());
  ChannelInts exps = op.getExponents();
  num::QuantizerSpec spec = op.getSpec();
  num::Grid g = spec.grid();
  // quant.qcast divides the on-grid float by the scale: both ends of the
  // grid must be finite f32 values.
  for (int64_t exp : exps.values)
    if (std::ldexp(double(g.hi), int(exp)) > double(FLT_MAX) ||
        std::ldexp(double(g.lo), int(exp)) < -double(FLT_MAX))
      return op.emitOpError("the codes ")
             << g.lo << ".." << g.hi << " times 2^" << exp
             << " are not all finite f32 values, which quant.qcast needs";
  CodeType codes{storage, exps, spec};
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value onGrid =
      buildQuantizedValues(b, loc, op.getX(), exps, spec, op.getRounding());
  Value q = quant::QuantizeCastOp::create(b, loc, quantizedTensor(xType, codes),
                                          onGrid);
  Value stored = quant::StorageCastOp::create(b, loc, op.getType(), q);
  op.replaceAllUsesWith(stored);
  op.erase();
  return success();
}

void convertDequantize(DequantizeOp op) {
  Type inType = op.getInput().getType();
  CodeType codes{cast<IntegerType>(cast<TensorType>(inType).getElementType()),
                 op.getExponents(),
                 num::QuantizerSpec{unsigned(op.getBits()), op.getIsSigned()}};
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value q = quant::StorageCastOp::create(b, loc, quantizedTensor(inType, codes),
                                         op.getInput());
  Value f = quant::DequantizeCastOp::create(b, loc, op.getType(), q);
  op.replaceAllUsesWith(f);
  op.erase();
}

CodeType boundaryCodes(Type tensorType, const BoundaryCodes &c) {
  return {cast<IntegerType>(cast<TensorType>(tensorType).getElementType()),
          ChannelInts{{c.exp}, std::nullopt},
          num::QuantizerSpec{unsigned(c.bits), c.isSigned}};
}

void dropBoundaryAttrs(func::FuncOp func, unsigned index, bool isResult) {
  for (StringRef name :
       {kBoundaryExpAttr, kBoundaryBitsAttr, kBoundaryIsSignedAttr}) {
    if (isResult)
      func.removeResultAttr(index, StringAttr::get(func.getContext(), name));
    else
      func.removeArgAttr(index, StringAttr::get(func.getContext(), name));
  }
}

/// Integer codes at the function's boundary (integer-io) become quantized
/// types, with storage casts to the codes the body computes on.
void convertBoundary(func::FuncOp func) {
  if (func.isExternal())
    return;
  Block &entry = func.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  SmallVector<Type> argTypes(func.getArgumentTypes());
  for (BlockArgument arg : entry.getArguments()) {
    auto codes = readBoundaryCodes(func.getArgAttrDict(arg.getArgNumber()));
    if (!codes)
      continue;
    Type intType = arg.getType();
    Type qType = quantizedTensor(intType, boundaryCodes(intType, *codes));
    arg.setType(qType);
    argTypes[arg.getArgNumber()] = qType;
    auto cast =
        quant::StorageCastOp::create(b, func.getLoc(), intType, Value(arg));
    arg.replaceAllUsesExcept(cast, cast);
    dropBoundaryAttrs(func, arg.getArgNumber(), /*isResult=*/false);
  }
  SmallVector<Type> resultTypes(func.getResultTypes());
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i) {
    auto codes = readBoundaryCodes(func.getResultAttrDict(i));
    if (!codes)
      continue;
    resultTypes[i] =
        quantizedTensor(resultTypes[i], boundaryCodes(resultTypes[i], *codes));
    func.walk([&](func::ReturnOp ret) {
      OpBuilder rb(ret);
      OpOperand &operand = ret->getOpOperand(i);
      operand.set(quant::StorageCastOp::create(rb, ret.getLoc(), resultTypes[i],
                                               operand.get()));
    });
    dropBoundaryAttrs(func, i, /*isResult=*/true);
  }
  func.setFunctionType(
      FunctionType::get(func.getContext(), argTypes, resultTypes));
}

struct ConvertTQTToQuantPass
    : mlir::tqt::impl::ConvertTQTToQuantBase<ConvertTQTToQuantPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<QuantizeOp> quantizes;
    SmallVector<DequantizeOp> dequantizes;
    module.walk([&](Operation *op) {
      if (auto q = dyn_cast<QuantizeOp>(op))
        quantizes.push_back(q);
      else if (auto d = dyn_cast<DequantizeOp>(op))
        dequantizes.push_back(d);
    });
    bool failedAny = false;
    for (QuantizeOp q : quantizes)
      failedAny |= failed(convertQuantize(q));
    if (failedAny)
      return signalPassFailure();
    for (DequantizeOp d : dequantizes)
      convertDequantize(d);
    for (auto func : module.getOps<func::FuncOp>())
      convertBoundary(func);
  }
};

} // namespace
