//===- QuantToTQT.cpp - upstream quant ops as tqt quantize/dequantize -----===//
//
// --convert-quant-to-tqt (Passes.td has the contract): the inverse of
// --convert-tqt-to-quant, for programs that come with quant types.
//
//===----------------------------------------------------------------------===//

#include "tqt/Conversion/Passes.h"
#include "tqt/Conversion/QuantInterop.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_CONVERTQUANTTOTQT
#include "tqt/Conversion/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;

namespace {

bool isQuantized(Type type) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(type));
}

/// The codes of a quantized tensor type, or a diagnostic at `op`.
FailureOr<CodeType> tensorCodes(Operation *op, Type type, StringRef what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return op->emitOpError()
           << what << " " << type << " is not a ranked tensor; tqt codes are";
  return getCodeType(tensor.getElementType(),
                     [&] { return op->emitOpError() << what << ": "; });
}

/// The exponent attributes of tqt.quantize / tqt.dequantize: `exp`, or
/// `channel_exps` and `axis`.
std::tuple<IntegerAttr, DenseI64ArrayAttr, IntegerAttr>
exponentAttrs(Builder &b, const ChannelInts &exps) {
  if (!exps.isPerChannel())
    return {b.getI64IntegerAttr(exps.at(0)), nullptr, nullptr};
  return {nullptr, b.getDenseI64ArrayAttr(exps.values),
          b.getI64IntegerAttr(*exps.axis)};
}

/// The integer codes a quantized tensor value holds.
Value storageOf(OpBuilder &b, Location loc, Value quantized,
                const CodeType &codes) {
  Type intType = cast<TensorType>(quantized.getType()).clone(codes.storage);
  if (auto cast = quantized.getDefiningOp<quant::StorageCastOp>())
    if (cast.getInput().getType() == intType)
      return cast.getInput();
  return quant::StorageCastOp::create(b, loc, intType, quantized);
}

LogicalResult convertDequantize(quant::DequantizeCastOp op) {
  auto codes = tensorCodes(op, op.getInput().getType(), "input");
  if (failed(codes))
    return failure();
  OpBuilder b(op);
  Value stored = storageOf(b, op.getLoc(), op.getInput(), *codes);
  auto [exp, channelExps, axis] = exponentAttrs(b, codes->exps);
  Value f = DequantizeOp::create(b, op.getLoc(), op.getType(), stored, exp,
                                 b.getI64IntegerAttr(codes->grid.bits),
                                 b.getBoolAttr(codes->grid.isSigned),
                                 channelExps, axis);
  op.replaceAllUsesWith(f);
  op.erase();
  return success();
}

LogicalResult convertQuantize(quant::QuantizeCastOp op, RoundingMode mode) {
  auto codes = tensorCodes(op, op.getType(), "result");
  if (failed(codes))
    return failure();
  if (!isa<RankedTensorType>(op.getInput().getType()))
    return op.emitOpError("input ")
           << op.getInput().getType() << " is not a ranked tensor";
  OpBuilder b(op);
  Type intType = cast<TensorType>(op.getType()).clone(codes->storage);
  auto [exp, channelExps, axis] = exponentAttrs(b, codes->exps);
  Value q = QuantizeOp::create(
      b, op.getLoc(), intType, op.getInput(), exp,
      b.getI64IntegerAttr(codes->grid.bits),
      b.getBoolAttr(codes->grid.isSigned), b.getBoolAttr(codes->grid.narrow),
      RoundingModeAttr::get(b.getContext(), mode), channelExps, axis);
  Value quantized =
      quant::StorageCastOp::create(b, op.getLoc(), op.getType(), q);
  op.replaceAllUsesWith(quantized);
  op.erase();
  return success();
}

/// Quantized arguments and results become their integer storage with the
/// boundary attributes.
LogicalResult convertBoundary(func::FuncOp func) {
  if (func.isExternal())
    return success();
  auto boundary = [&](Type type, StringRef what,
                      unsigned i) -> FailureOr<std::pair<CodeType, Type>> {
    auto codes = tensorCodes(func, type, (what + " #" + Twine(i)).str());
    if (failed(codes))
      return failure();
    if (codes->grid.narrow)
      return func.emitOpError()
             << what << " #" << i << " has the narrow grid of " << type
             << "; tqt.bits / tqt.is_signed describe full grids only";
    if (codes->exps.isPerChannel())
      return func.emitOpError()
             << what << " #" << i << " has the per-axis type " << type
             << "; the boundary codes of a function (tqt.exp) have one "
                "scale";
    return std::pair<CodeType, Type>(
        *codes, cast<TensorType>(type).clone(codes->storage));
  };
  Block &entry = func.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  SmallVector<Type> argTypes(func.getArgumentTypes());
  for (BlockArgument arg : entry.getArguments()) {
    if (!isQuantized(arg.getType()))
      continue;
    Type qType = arg.getType();
    auto mapped = boundary(qType, "argument", arg.getArgNumber());
    if (failed(mapped))
      return failure();
    auto [codes, intType] = *mapped;
    arg.setType(intType);
    argTypes[arg.getArgNumber()] = intType;
    auto cast =
        quant::StorageCastOp::create(b, func.getLoc(), qType, Value(arg));
    arg.replaceAllUsesExcept(cast, cast);
    func.setArgAttrs(arg.getArgNumber(),
                     getBoundaryCodesAttrs(func.getContext(),
                                           {codes.exps.at(0), codes.grid.bits,
                                            codes.grid.isSigned}));
  }
  SmallVector<Type> resultTypes(func.getResultTypes());
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i) {
    if (!isQuantized(resultTypes[i]))
      continue;
    auto mapped = boundary(resultTypes[i], "result", i);
    if (failed(mapped))
      return failure();
    CodeType codes = mapped->first;
    resultTypes[i] = mapped->second;
    func.walk([&](func::ReturnOp ret) {
      OpBuilder rb(ret);
      OpOperand &operand = ret->getOpOperand(i);
      operand.set(storageOf(rb, ret.getLoc(), operand.get(), codes));
    });
    func.setResultAttrs(
        i, getBoundaryCodesAttrs(
               func.getContext(),
               {codes.exps.at(0), codes.grid.bits, codes.grid.isSigned}));
  }
  func.setFunctionType(
      FunctionType::get(func.getContext(), argTypes, resultTypes));
  return success();
}

/// Removes storage casts that undo each other and those left unused.
void foldStorageCasts(ModuleOp module) {
  bool changed = true;
  while (changed) {
    changed = false;
    module.walk([&](quant::StorageCastOp op) {
      if (auto inner = op.getInput().getDefiningOp<quant::StorageCastOp>())
        if (inner.getInput().getType() == op.getType()) {
          op.replaceAllUsesWith(inner.getInput());
          changed = true;
        }
      if (op->use_empty()) {
        op.erase();
        changed = true;
      }
    });
  }
}

struct ConvertQuantToTQTPass
    : mlir::tqt::impl::ConvertQuantToTQTBase<ConvertQuantToTQTPass> {
  using ConvertQuantToTQTBase::ConvertQuantToTQTBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>())
      if (failed(convertBoundary(func)))
        return signalPassFailure();
    SmallVector<Operation *> casts;
    module.walk([&](Operation *op) {
      if (isa<quant::QuantizeCastOp, quant::DequantizeCastOp>(op))
        casts.push_back(op);
    });
    for (Operation *op : casts) {
      LogicalResult converted =
          isa<quant::QuantizeCastOp>(op)
              ? convertQuantize(cast<quant::QuantizeCastOp>(op), rounding)
              : convertDequantize(cast<quant::DequantizeCastOp>(op));
      if (failed(converted))
        return signalPassFailure();
    }
    foldStorageCasts(module);
    // What is left holding quantized values has no tqt form.
    WalkResult left = module.walk([&](Operation *op) {
      for (Value v : op->getResults())
        if (isQuantized(v.getType())) {
          op->emitOpError("produces a value of quantized type ")
              << v.getType()
              << " that no tqt op reads; --convert-quant-to-tqt handles "
                 "quant.qcast, quant.dcast and storage casts between them";
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
