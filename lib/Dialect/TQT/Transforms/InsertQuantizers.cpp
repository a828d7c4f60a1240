//===- InsertQuantizers.cpp - Graffitist quantizer placement --------------===//
//
// Walks the float model once, in program order, and inserts tqt.fake_quant
// ops where Graffitist quantizes (tqt-method 5.3). Every quantizer belongs to
// a threshold slot; slots that must share a scale (5.4) are merged with a
// union-find, and each final slot becomes one ml_program.global holding its
// log2 threshold (docs/Parameters.md).
//
//===----------------------------------------------------------------------===//

#include "tqt/Dialect/TQT/Transforms/Passes.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTINSERTQUANTIZERS
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;

namespace {

struct QuantizerConfig {
  unsigned weightBits, actBits, layerBits, reluBits, firstLastBits;
  RoundingMode rounding;
  bool perChannelWeights;
};

/// A threshold shared by one or more quantizers.
struct Slot {
  std::string name;
  unsigned bits;
  bool isSigned;
  bool isWeight;
  unsigned parent;
  ml_program::GlobalOp global;
  /// Per-channel thresholds: the channel dimension of the quantized tensor
  /// and its size (weights with per-channel-weights).
  std::optional<int64_t> axis = std::nullopt;
  int64_t channels = 0;
};

bool isConstantLike(Value v) {
  Operation *def = v.getDefiningOp();
  return def &&
         (isa<tosa::ConstOp, arith::ConstantOp, ml_program::GlobalLoadOp>(def));
}

/// tosa.clamp with min_val == 0 on a float tensor: ReLU (or ReLU6).
bool isRelu(Operation *op) {
  auto clamp = dyn_cast_if_present<tosa::ClampOp>(op);
  if (!clamp)
    return false;
  auto min = dyn_cast<FloatAttr>(clamp.getMinValAttr());
  return min && min.getValue().isZero();
}

/// The single user of `v`, if it has exactly one use.
Operation *singleUser(Value v) {
  return v.hasOneUse() ? *v.getUsers().begin() : nullptr;
}

bool isEltwiseAdd(Operation *op) {
  auto add = dyn_cast_if_present<tosa::AddOp>(op);
  return add && !isConstantLike(add.getInput1()) &&
         !isConstantLike(add.getInput2());
}

class QuantizerInserter {
public:
  QuantizerInserter(ModuleOp module, func::FuncOp func,
                    const QuantizerConfig &config)
      : module(module), func(func), config(config), symbols(module) {}

  LogicalResult run();

private:
  unsigned newSlot(const Twine &name, unsigned bits, bool isSigned,
                   bool isWeight = false);
  /// The slot of a layer's weights `w`: per channel along `axis` (the
  /// output channels) with per-channel-weights, else per tensor.
  FailureOr<unsigned> weightSlot(Operation *layer, const std::string &name,
                                 Value w, int64_t axis, bool isFirstOrLast);
  unsigned find(unsigned s);
  LogicalResult merge(unsigned a, unsigned b, Operation *where);
  /// A fake_quant of `v` in slot `slot`, right after `v` is defined. With
  /// `replaceUses`, every other use of `v` now sees the quantized value.
  Value quantize(Value v, unsigned slot, bool replaceUses = true,
                 std::optional<RoundingMode> rounding = std::nullopt);
  std::optional<unsigned> slotOf(Value v);
  /// A 32-bit quantizer of `v` at the accumulator's scale 2^(e_x + e_w),
  /// its threshold computed from the input's and the weights' thresholds
  /// (layer-bits = 0: no layer quantizer, the bias added to the raw
  /// accumulator).
  Value quantizeAtAccumulatorScale(Value v, unsigned xSlot, unsigned wSlot);
  /// The bias path of a layer: the accumulator quantized at layer-bits and
  /// the bias sharing its threshold, or (layer-bits = 0) the raw accumulator
  /// and the bias at its scale. Returns the (possibly quantized) accumulator
  /// and sets `bias` to the quantized bias.
  Value quantizeAccumulatorAndBias(Value acc, Value &bias,
                                   const std::string &name, unsigned xSlot,
                                   unsigned wSlot, bool replaceAccUses);
  std::string layerName(Operation *op, StringRef kind);

  LogicalResult handleConv(Operation *op, Value input, Value weight, Value bias,
                           bool isLast, bool isFirst);
  LogicalResult handleMatMul(tosa::MatMulOp op, bool isFirst, bool isLast);
  LogicalResult handleAvgPool(tosa::DepthwiseConv2DOp op);
  bool handleLeakyRelu(Value y, const std::string &name);
  LogicalResult layerOutput(Value y, const std::string &name);
  LogicalResult handleRelu(tosa::ClampOp op);
  LogicalResult handleEltwiseAdd(tosa::AddOp op);
  LogicalResult handleConcat(tosa::ConcatOp op);
  LogicalResult handleActivation(ActivationOp op);
  LogicalResult handleProduct(tosa::MulOp op);
  LogicalResult requireQuantized(Value v, Operation *user, StringRef what);
  /// A pad keeps its input's scale when it pads with zeros (a code of every
  /// grid).
  LogicalResult checkZeroPad(tosa::PadOp pad);
  unsigned weightBitsFor(bool isFirstOrLast) const {
    return isFirstOrLast && config.weightBits < config.firstLastBits
               ? config.firstLastBits
               : config.weightBits;
  }
  void finalize();

  ModuleOp module;
  func::FuncOp func;
  QuantizerConfig config;
  SymbolTable symbols;
  std::vector<Slot> slots;
  DenseMap<Value, unsigned> quantized;
  /// Layer and residual-add outputs whose quantizer is the following ReLU's.
  DenseSet<Value> fusedIntoRelu;
  /// Layer-output quantizers created for a residual add (merged with it).
  DenseSet<Value> addOperandQuantizers;
  DenseSet<Operation *> handled;
  llvm::StringMap<unsigned> kindCounts;
};

unsigned QuantizerInserter::newSlot(const Twine &name, unsigned bits,
                                    bool isSigned, bool isWeight) {
  unsigned id = slots.size();
  slots.push_back({name.str(), bits, isSigned, isWeight, id, {}});
  return id;
}

FailureOr<unsigned> QuantizerInserter::weightSlot(Operation *layer,
                                                  const std::string &name,
                                                  Value w, int64_t axis,
                                                  bool isFirstOrLast) {
  unsigned slot = newSlot(name + ".weight", weightBitsFor(isFirstOrLast), true,
                          /*isWeight=*/true);
  if (!config.perChannelWeights)
    return slot;
  auto type = cast<RankedTensorType>(w.getType());
  if (type.isDynamicDim(axis))
    return layer->emitOpError("weights ")
           << w.getType() << " have a dynamic channel dimension " << axis
           << "; per-channel-weights needs its size";
  slots[slot].axis = axis;
  slots[slot].channels = type.getDimSize(axis);
  return slot;
}

unsigned QuantizerInserter::find(unsigned s) {
  while (slots[s].parent != s)
    s = slots[s].parent = slots[slots[s].parent].parent;
  return s;
}

LogicalResult QuantizerInserter::merge(unsigned a, unsigned b,
                                       Operation *where) {
  a = find(a);
  b = find(b);
  if (a == b)
    return success();
  if (slots[a].axis || slots[b].axis)
    return where->emitOpError("would share a per-channel weight threshold "
                              "with another quantizer");
  if (slots[a].bits != slots[b].bits || slots[a].isSigned != slots[b].isSigned)
    return where->emitOpError("needs one scale for tensors quantized as ")
           << slots[a].bits << "-bit "
           << (slots[a].isSigned ? "signed" : "unsigned") << " and "
           << slots[b].bits << "-bit "
           << (slots[b].isSigned ? "signed" : "unsigned");
  // The earliest slot names the shared threshold.
  if (b < a)
    std::swap(a, b);
  slots[b].parent = a;
  return success();
}

std::string QuantizerInserter::layerName(Operation *op, StringRef kind) {
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    return name.getName().str();
  return (kind + "_" + Twine(kindCounts[kind]++)).str();
}

Value QuantizerInserter::quantize(Value v, unsigned slot, bool replaceUses,
                                  std::optional<RoundingMode> rounding) {
  OpBuilder b(func.getContext());
  if (Operation *def = v.getDefiningOp())
    b.setInsertionPointAfter(def);
  else
    b.setInsertionPointToStart(cast<BlockArgument>(v).getOwner());
  Location loc = v.getLoc();
  Slot &s = slots[slot];
  if (!s.global) {
    // Globals go before the function, in creation order.
    OpBuilder gb(func);
    auto thresholdType =
        s.axis ? RankedTensorType::get({s.channels}, gb.getF32Type())
               : RankedTensorType::get({}, gb.getF32Type());
    s.global = ml_program::GlobalOp::create(
        gb, loc, "q." + s.name, thresholdType, /*is_mutable=*/true,
        DenseElementsAttr::get(thresholdType, 0.0f),
        gb.getStringAttr("private"));
    s.global->setAttr(TQTDialect::Log2ThresholdAttrHelper::getNameStr(),
                      gb.getUnitAttr());
    if (s.isWeight)
      s.global->setAttr(TQTDialect::RoleAttrHelper::getNameStr(),
                        gb.getStringAttr(kWeightRole));
    symbols.insert(s.global);
  }
  auto load = ml_program::GlobalLoadOp::create(
      b, loc, s.global.getType(), FlatSymbolRefAttr::get(s.global));
  auto fq = FakeQuantOp::create(
      b, loc, v.getType(), v, load.getResult(), b.getI64IntegerAttr(s.bits),
      b.getBoolAttr(s.isSigned), b.getBoolAttr(false),
      RoundingModeAttr::get(b.getContext(), rounding.value_or(config.rounding)),
      s.axis ? b.getI64IntegerAttr(*s.axis) : IntegerAttr());
  if (replaceUses)
    v.replaceAllUsesExcept(fq.getResult(), fq);
  quantized[fq.getResult()] = slot;
  return fq.getResult();
}

Value QuantizerInserter::quantizeAtAccumulatorScale(Value v, unsigned xSlot,
                                                    unsigned wSlot) {
  OpBuilder b(func.getContext());
  if (Operation *def = v.getDefiningOp())
    b.setInsertionPointAfter(def);
  else
    b.setInsertionPointToStart(cast<BlockArgument>(v).getOwner());
  Location loc = v.getLoc();
  auto load = [&](unsigned slot) -> Value {
    ml_program::GlobalOp g = slots[slot].global;
    return ml_program::GlobalLoadOp::create(b, loc, g.getType(),
                                            FlatSymbolRefAttr::get(g));
  };
  const Slot &x = slots[xSlot], &w = slots[wSlot];
  // ceil(theta_b) - 31 = (ceil(theta_x) - (bx - sx)) + (ceil(theta_w) - (bw -
  // 1))
  int levels = 31 - (int(x.bits) - (x.isSigned ? 1 : 0)) - (int(w.bits) - 1);
  Value tx = load(xSlot);
  Value tw = load(wSlot);
  Value theta = buildDerivedThreshold(b, loc, tx, tw, float(levels));
  return FakeQuantOp::create(
      b, loc, v.getType(), v, theta, b.getI64IntegerAttr(32),
      b.getBoolAttr(true), b.getBoolAttr(false),
      RoundingModeAttr::get(b.getContext(), config.rounding),
      /*axis=*/nullptr);
}

Value QuantizerInserter::quantizeAccumulatorAndBias(Value acc, Value &bias,
                                                    const std::string &name,
                                                    unsigned xSlot,
                                                    unsigned wSlot,
                                                    bool replaceAccUses) {
  if (config.layerBits == 0) {
    if (bias)
      bias = quantizeAtAccumulatorScale(bias, xSlot, wSlot);
    return acc;
  }
  unsigned accSlot = newSlot(name + ".acc", config.layerBits, true);
  Value accq = quantize(acc, accSlot, replaceAccUses);
  if (bias)
    bias = quantize(bias, accSlot, /*replaceUses=*/false);
  return accq;
}

std::optional<unsigned> QuantizerInserter::slotOf(Value v) {
  auto it = quantized.find(v);
  if (it != quantized.end())
    return find(it->second);
  Operation *def = v.getDefiningOp();
  // Ops that only move or select values keep their input's quantizer.
  if (isa_and_present<tosa::ReshapeOp, tosa::TransposeOp, tosa::MaxPool2dOp,
                      tosa::SliceOp, tosa::PadOp>(def))
    return slotOf(def->getOperand(0));
  return std::nullopt;
}

LogicalResult QuantizerInserter::requireQuantized(Value v, Operation *user,
                                                  StringRef what) {
  if (slotOf(v))
    return success();
  InFlightDiagnostic diag = user->emitOpError() << what << " is not quantized";
  if (Operation *def = v.getDefiningOp())
    diag << " (it is computed by '" << def->getName()
         << "', which --tqt-insert-quantizers does not quantize)";
  return diag;
}

LogicalResult QuantizerInserter::checkZeroPad(tosa::PadOp pad) {
  DenseFPElementsAttr value;
  if (!matchPattern(pad.getPadConst(), m_Constant(&value)) ||
      !llvm::all_of(value.getValues<APFloat>(),
                    [](const APFloat &v) { return v.isZero(); }))
    return pad.emitOpError("pads with a value other than a constant 0; "
                           "--tqt-insert-quantizers keeps the input's scale "
                           "only for zero padding");
  return requireQuantized(pad.getInput1(), pad, "the input of this pad");
}

LogicalResult QuantizerInserter::layerOutput(Value y, const std::string &name) {
  Operation *user = singleUser(y);
  if (isRelu(user)) {
    fusedIntoRelu.insert(y);
    return success();
  }
  if (handleLeakyRelu(y, name))
    return success();
  Value q = quantize(y, newSlot(name + ".out", config.actBits, true));
  if (isEltwiseAdd(user))
    addOperandQuantizers.insert(q);
  return success();
}

LogicalResult QuantizerInserter::handleConv(Operation *op, Value input,
                                            Value weight, Value bias,
                                            bool isFirst, bool isLast) {
  std::string name = layerName(op, op->getName().stripDialect());
  if (failed(requireQuantized(input, op, "the input")))
    return failure();
  if (!isConstantLike(weight))
    return op->emitOpError("weights must be constants or parameters "
                           "(tosa.const, arith.constant, ml_program globals)");
  // Output channels: O of conv2d's OHWI weights, C of depthwise HWCM (its M
  // multipliers share their input channel's threshold).
  int64_t channelAxis = isa<tosa::Conv2DOp>(op) ? 0 : 2;
  FailureOr<unsigned> wSlot =
      weightSlot(op, name, weight, channelAxis, isFirst || isLast);
  if (failed(wSlot))
    return failure();
  Value wq = quantize(weight, *wSlot, /*replaceUses=*/false);
  op->setOperand(1, wq);

  // Split the bias off: quantize the accumulator, add the bias at the same
  // (16-bit) scale, as q16(sum w x) + q16(b).
  ImplicitLocOpBuilder b(op->getLoc(), op); // before op
  auto biasType = cast<RankedTensorType>(bias.getType());
  Value zero = tosa::ConstOp::create(
      b, biasType, DenseElementsAttr::get(biasType, b.getF32FloatAttr(0)));
  op->setOperand(2, zero);
  Value acc = op->getResult(0);
  SmallVector<OpOperand *> uses;
  for (OpOperand &use : acc.getUses())
    uses.push_back(&use);
  Value bq = bias;
  Value accq = quantizeAccumulatorAndBias(acc, bq, name, *slotOf(input), *wSlot,
                                          /*replaceAccUses=*/false);
  b.setInsertionPointAfter(accq.getDefiningOp());
  auto accType = cast<RankedTensorType>(acc.getType());
  SmallVector<int64_t> shape(accType.getRank(), 1);
  shape.back() = biasType.getDimSize(0);
  Value bias4 = tosa::ReshapeOp::create(
      b, RankedTensorType::get(shape, biasType.getElementType()), bq,
      tosa::getTosaConstShape(b, shape));
  Value y = tosa::AddOp::create(b, accType, accq, bias4);
  for (OpOperand *use : uses)
    use->set(y);
  return layerOutput(y, name);
}

LogicalResult QuantizerInserter::handleMatMul(tosa::MatMulOp op, bool isFirst,
                                              bool isLast) {
  std::string name = layerName(op, "matmul");
  if (failed(requireQuantized(op.getA(), op, "the input")))
    return failure();
  Value weight = op.getB();
  if (!isConstantLike(weight))
    return op.emitOpError("weights (operand b) must be constants or "
                          "parameters; a matmul of two activations is not a "
                          "fully connected layer");
  // Weights [batch, K, N]: the N output channels.
  FailureOr<unsigned> wSlot =
      weightSlot(op, name, weight, 2, isFirst || isLast);
  if (failed(wSlot))
    return failure();
  op.setOperand(1, quantize(weight, *wSlot, /*replaceUses=*/false));
  // The bias add of a fully connected layer: reshapes, then an add of a
  // constant, quantized at the accumulator's scale.
  Value v = op.getResult();
  while (isa_and_present<tosa::ReshapeOp>(singleUser(v)))
    v = singleUser(v)->getResult(0);
  auto add = dyn_cast_if_present<tosa::AddOp>(singleUser(v));
  Value bias;
  unsigned biasIndex = 0;
  if (add &&
      (isConstantLike(add.getInput1()) || isConstantLike(add.getInput2()))) {
    biasIndex = isConstantLike(add.getInput2()) ? 1 : 0;
    bias = add->getOperand(biasIndex);
  }
  Value accq = quantizeAccumulatorAndBias(op.getResult(), bias, name,
                                          *slotOf(op.getA()), *wSlot,
                                          /*replaceAccUses=*/true);
  // Without reshapes or a bias add the layer output is the quantized
  // accumulator (the matmul's result now only feeds its quantizer).
  if (v == op.getResult())
    v = accq;
  if (bias) {
    add->setOperand(biasIndex, bias);
    handled.insert(add);
    v = add.getResult();
  }
  return layerOutput(v, name);
}

LogicalResult QuantizerInserter::handleRelu(tosa::ClampOp op) {
  Value in = op.getInput();
  if (!fusedIntoRelu.contains(in) &&
      failed(requireQuantized(in, op, "the input of this ReLU")))
    return failure();
  std::string name = layerName(op, "relu");
  quantize(op.getResult(), newSlot(name + ".out", config.reluBits, false));
  return success();
}

LogicalResult QuantizerInserter::handleEltwiseAdd(tosa::AddOp op) {
  std::string name = layerName(op, "add");
  SmallVector<unsigned> operandSlots;
  for (unsigned i = 0; i < 2; ++i) {
    Value v = op->getOperand(i);
    if (failed(requireQuantized(v, op, i == 0 ? "operand #0" : "operand #1")))
      return failure();
    if (addOperandQuantizers.contains(v)) {
      operandSlots.push_back(*slotOf(v));
      continue;
    }
    // An identity shortcut (or any other quantized tensor) is rescaled to
    // the add's shared signed scale.
    unsigned slot = newSlot(name + ".rescale" + Twine(i), config.actBits, true);
    op->setOperand(i, quantize(v, slot, /*replaceUses=*/false));
    operandSlots.push_back(slot);
  }
  if (failed(merge(operandSlots[0], operandSlots[1], op)))
    return failure();
  Value out = op.getResult();
  if (isRelu(singleUser(out))) {
    fusedIntoRelu.insert(out);
    return success();
  }
  quantize(out, newSlot(name + ".out", config.actBits, true));
  return success();
}

LogicalResult QuantizerInserter::handleConcat(tosa::ConcatOp op) {
  std::string name = layerName(op, "concat");
  // The shared grid: signed when any quantized input is signed.
  bool anySigned = false;
  for (Value v : op.getInput1())
    if (auto s = slotOf(v))
      anySigned |= slots[*s].isSigned;
  unsigned bits = anySigned ? config.actBits : config.reluBits;
  std::optional<unsigned> group;
  for (OpOperand &operand : op->getOpOperands()) {
    std::optional<unsigned> s = slotOf(operand.get());
    if (!s || slots[*s].bits != bits || slots[*s].isSigned != anySigned) {
      unsigned r =
          newSlot(name + ".rescale" + Twine(operand.getOperandNumber()), bits,
                  anySigned);
      operand.set(quantize(operand.get(), r, /*replaceUses=*/false));
      s = r;
    }
    if (!group)
      group = *s;
    else if (failed(merge(*group, *s, op)))
      return failure();
  }
  quantized[op.getResult()] = *group;
  return success();
}

/// A smooth activation: its input on a grid of at most 8 bits (the integer
/// program looks the 256 codes up in a table; a wider input is requantized
/// to 8 bits first), its output quantized, unsigned for sigmoid and hard
/// sigmoid.
LogicalResult QuantizerInserter::handleActivation(ActivationOp op) {
  std::string name = layerName(op, stringifyActivationKind(op.getKind()).str());
  std::optional<unsigned> in = slotOf(op.getX());
  if (!in)
    return requireQuantized(op.getX(), op, "the input");
  if (slots[*in].bits > 8)
    op->setOperand(0,
                   quantize(op.getX(),
                            newSlot(name + ".table_in", 8, slots[*in].isSigned),
                            /*replaceUses=*/false));
  bool nonNegative = numerics::isNonNegative(op.getActivation());
  Value q = quantize(op.getResult(),
                     newSlot(name + ".out",
                             nonNegative ? config.reluBits : config.actBits,
                             !nonNegative));
  if (isEltwiseAdd(singleUser(q)))
    addOperandQuantizers.insert(q);
  return success();
}

/// A product of two activations (a squeeze-and-excitation gate times its
/// features): both operands quantized, the product quantized at act-bits
/// (relu-bits unsigned when neither operand is signed). The integer
/// program multiplies the codes in i32 and requantizes.
LogicalResult QuantizerInserter::handleProduct(tosa::MulOp op) {
  std::string name = layerName(op, "mul");
  APInt shift;
  if (!matchPattern(op.getShift(), m_ConstantInt(&shift)) || !shift.isZero())
    return op.emitOpError("has a shift other than a constant 0; a float "
                          "product of two activations has none");
  bool anySigned = false;
  for (unsigned i = 0; i < 2; ++i) {
    std::optional<unsigned> s = slotOf(op->getOperand(i));
    if (!s)
      return requireQuantized(op->getOperand(i), op,
                              i == 0 ? "operand #0" : "operand #1");
    anySigned |= slots[*s].isSigned;
  }
  Value q = quantize(op.getResult(),
                     newSlot(name + ".out",
                             anySigned ? config.actBits : config.reluBits,
                             anySigned));
  if (isEltwiseAdd(singleUser(q)))
    addOperandQuantizers.insert(q);
  return success();
}

/// Leaky ReLU as maximum(mul(y, alpha), y) (tqt-method 5.3): y and alpha*y
/// at layer-bits sharing one threshold, alpha at layer-bits, and the
/// maximum at act-bits signed.
bool QuantizerInserter::handleLeakyRelu(Value y, const std::string &name) {
  SmallVector<Operation *> users(y.getUsers());
  if (users.size() != 2)
    return false;
  auto mul = dyn_cast<tosa::MulOp>(users[0]);
  auto max = dyn_cast<tosa::MaximumOp>(users[1]);
  if (!mul || !max) {
    mul = dyn_cast<tosa::MulOp>(users[1]);
    max = dyn_cast<tosa::MaximumOp>(users[0]);
  }
  if (!mul || !max || !mul.getResult().hasOneUse() ||
      *mul.getResult().getUsers().begin() != max)
    return false;
  unsigned alphaIndex = mul.getInput1() == y ? 1 : 0;
  Value alpha = mul->getOperand(alphaIndex);
  if (!isConstantLike(alpha) || mul->getOperand(1 - alphaIndex) != y)
    return false;
  // Leaky ReLU's tensors use layer-bits (16 when layer-bits = 0 removes the
  // accumulator quantizer: they still need a grid).
  unsigned bits = config.layerBits ? config.layerBits : 16;
  unsigned shared = newSlot(name + ".lrelu", bits, true);
  quantize(y, shared);
  mul->setOperand(alphaIndex, quantize(alpha,
                                       newSlot(name + ".alpha", bits, true,
                                               /*isWeight=*/true),
                                       /*replaceUses=*/false));
  quantize(mul.getResult(), shared);
  quantize(max.getResult(), newSlot(name + ".out", config.actBits, true));
  handled.insert(mul);
  handled.insert(max);
  return true;
}

/// Average pooling as a depthwise convolution by a reciprocal (after
/// --tqt-prepare): the reciprocal as unsigned 8-bit weights, the output at
/// 8 bits (signed when the input is) rounded with floor (tqt-method 5.5).
LogicalResult QuantizerInserter::handleAvgPool(tosa::DepthwiseConv2DOp op) {
  std::string name = layerName(op, "avgpool");
  std::optional<unsigned> in = slotOf(op.getInput());
  if (!in)
    return requireQuantized(op.getInput(), op, "the input");
  op->setOperand(1, quantize(op.getWeight(),
                             newSlot(name + ".reciprocal", config.reluBits,
                                     false, /*isWeight=*/true),
                             /*replaceUses=*/false));
  quantize(op.getResult(),
           newSlot(name + ".out", config.reluBits, slots[*in].isSigned),
           /*replaceUses=*/true, RoundingMode::Floor);
  return success();
}

void QuantizerInserter::finalize() {
  for (unsigned s = 0; s < slots.size(); ++s) {
    unsigned root = find(s);
    if (root == s || !slots[s].global)
      continue;
    auto rootRef = FlatSymbolRefAttr::get(slots[root].global);
    func.walk([&](ml_program::GlobalLoadOp load) {
      if (load.getGlobal().getLeafReference() == slots[s].global.getSymName())
        load.setGlobalAttr(rootRef);
    });
    symbols.erase(slots[s].global);
  }
}

LogicalResult QuantizerInserter::run() {
  if (!func.getBody().hasOneBlock())
    return func.emitOpError("has control flow; --tqt-insert-quantizers "
                            "expects one block of tensor ops");
  Operation *existing = nullptr;
  func.walk([&](Operation *op) {
    if (!existing && isa<TQTDialect>(op->getDialect()) &&
        !isa<ActivationOp>(op))
      existing = op;
  });
  if (existing)
    return existing->emitOpError(
        "is already a quantizer: --tqt-insert-quantizers takes a float "
        "model and would quantize it twice");
  // Model inputs.
  for (BlockArgument arg : func.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type || !type.getElementType().isF32())
      return func.emitOpError("argument #")
             << arg.getArgNumber() << " is not a ranked f32 tensor";
    quantize(arg, newSlot("input" + Twine(arg.getArgNumber()), config.actBits,
                          true));
  }
  SmallVector<Operation *> ops;
  SmallVector<Operation *> computeLayers;
  for (Operation &op : func.getBody().front()) {
    ops.push_back(&op);
    if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(op) &&
        !op.hasAttr(TQTDialect::AvgpoolAttrHelper::getNameStr()))
      computeLayers.push_back(&op);
  }
  for (Operation *op : ops) {
    if (handled.contains(op) || isa<FakeQuantOp>(op))
      continue;
    bool isFirst = !computeLayers.empty() && op == computeLayers.front();
    bool isLast = !computeLayers.empty() && op == computeLayers.back();
    LogicalResult result = success();
    if (auto conv = dyn_cast<tosa::Conv2DOp>(op))
      result = handleConv(op, conv.getInput(), conv.getWeight(), conv.getBias(),
                          isFirst, isLast);
    else if (auto dw = dyn_cast<tosa::DepthwiseConv2DOp>(op))
      result = op->hasAttr(TQTDialect::AvgpoolAttrHelper::getNameStr())
                   ? handleAvgPool(dw)
                   : handleConv(op, dw.getInput(), dw.getWeight(), dw.getBias(),
                                isFirst, isLast);
    else if (auto mm = dyn_cast<tosa::MatMulOp>(op))
      result = handleMatMul(mm, isFirst, isLast);
    else if (auto clamp = dyn_cast<tosa::ClampOp>(op))
      result = isRelu(op)
                   ? handleRelu(clamp)
                   : LogicalResult(op->emitOpError(
                         "with min_val below 0 is not a ReLU/ReLU6; it is "
                         "not supported by --tqt-insert-quantizers"));
    else if (auto add = dyn_cast<tosa::AddOp>(op))
      result = isEltwiseAdd(op)
                   ? handleEltwiseAdd(add)
                   : LogicalResult(op->emitOpError(
                         "adds a constant outside a layer's bias add; run "
                         "--tqt-prepare first (it folds batch norm)"));
    else if (auto concat = dyn_cast<tosa::ConcatOp>(op))
      result = handleConcat(concat);
    else if (auto pad = dyn_cast<tosa::PadOp>(op))
      result = checkZeroPad(pad);
    else if (auto act = dyn_cast<ActivationOp>(op))
      result = handleActivation(act);
    else if (auto mul = dyn_cast<tosa::MulOp>(op);
             mul && !isConstantLike(mul.getInput1()) &&
             !isConstantLike(mul.getInput2()))
      result = handleProduct(mul);
    else if (isa<tosa::ReshapeOp, tosa::TransposeOp, tosa::MaxPool2dOp,
                 tosa::SliceOp, tosa::ConstOp, tosa::ConstShapeOp,
                 arith::ConstantOp, ml_program::GlobalLoadOp, func::ReturnOp>(
                 op))
      continue;
    else if (isa<tosa::SigmoidOp, tosa::TanhOp>(op))
      result = op->emitOpError("is quantized as tqt.activation; run "
                               "--tqt-prepare first");
    else if (isa<tosa::AvgPool2dOp, tosa::MulOp, tosa::SubOp, tosa::MaximumOp,
                 tosa::ReduceSumOp>(op))
      result = op->emitOpError("is not quantized directly; run --tqt-prepare "
                               "first (average pooling, batch norm and leaky "
                               "ReLU become quantizable layers)");
    else
      result = op->emitOpError("is not supported by --tqt-insert-quantizers");
    if (failed(result))
      return failure();
  }
  finalize();
  return success();
}

struct InsertQuantizersPass
    : mlir::tqt::impl::TQTInsertQuantizersBase<InsertQuantizersPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto checkBits = [&](unsigned bits, StringRef option, unsigned lo,
                         unsigned hi) -> bool {
      if (bits >= lo && bits <= hi)
        return true;
      module.emitError("--tqt-insert-quantizers: ")
          << option << "=" << bits << " is outside [" << lo << ", " << hi
          << "]";
      return false;
    };
    if (!checkBits(weightBits, "weight-bits", 2, 8) ||
        !checkBits(actBits, "act-bits", 2, 16) ||
        (layerBits != 0 && !checkBits(layerBits, "layer-bits", 2, 24)) ||
        !checkBits(reluBits, "relu-bits", 2, 16) ||
        !checkBits(firstLastBits, "first-last-bits", 2, 8))
      return signalPassFailure();
    if (perChannelWeights && layerBits == 0) {
      // The 32-bit bias at the accumulator's scale would need one scale
      // per channel: not built.
      module.emitError("--tqt-insert-quantizers: per-channel-weights needs "
                       "an accumulator quantizer (layer-bits > 0); "
                       "layer-bits=0 quantizes the bias at the accumulator's "
                       "per-tensor scale");
      return signalPassFailure();
    }
    QuantizerConfig config{weightBits,    actBits,  layerBits,        reluBits,
                           firstLastBits, rounding, perChannelWeights};
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal() || !func.isPublic())
        continue;
      if (failed(QuantizerInserter(module, func, config).run()))
        return signalPassFailure();
    }
  }
};

} // namespace
