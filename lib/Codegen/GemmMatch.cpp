//===- GemmMatch.cpp - Reading an int8 layer off the integer program ------===//
//
// A layer qualifies when its activations are 8-bit codes (proved from the op
// that produced them), its weights are constant 8-bit codes, its zero points
// are 0 (or the activations are the zero-point view of unsigned codes,
// IntegerStorage.h, which the kernel reads as the raw bytes they view), and
// its accumulator provably fits i32 for every activation of the grid with
// these weights: then u8 x s8 (or s8 x s8 with the +128 offset) products
// summed in i32 are the exact accumulator, whatever TOSA's nominal
// accumulator type (i48 for codes widened to i16) says.
//
//===----------------------------------------------------------------------===//

#include "GemmProblem.h"

#include "tqt/Conversion/RequantizeArith.h"
#include "tqt/Dialect/TQT/IR/IntegerStorage.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;
using namespace mlir::tqt;
using namespace mlir::tqt::codegen;
namespace num = ::mlir::tqt::numerics;

/// The grid every code of `v` lies in, from the op that produced it.
static std::optional<num::Grid> codeGrid(Value v) {
  // An integer program's argument: the codes its attributes describe.
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    auto func = dyn_cast<FunctionOpInterface>(arg.getOwner()->getParentOp());
    if (func && arg.getOwner()->isEntryBlock())
      if (auto codes =
              readBoundaryCodes(func.getArgAttrDict(arg.getArgNumber())))
        if (codes->bits <= 8)
          return num::integerGrid(unsigned(codes->bits), codes->isSigned);
  }
  Operation *def = v.getDefiningOp();
  if (auto rq = dyn_cast_if_present<RequantizeOp>(def))
    return rq.getClampedGrid();
  if (auto q = dyn_cast_if_present<QuantizeOp>(def))
    return num::integerGrid(q.getBits(), q.getIsSigned(), q.getNarrow());
  // Ops that only move or select codes keep their grid.
  if (isa_and_present<tosa::MaxPool2dOp, tosa::ReshapeOp, tosa::TransposeOp,
                      tosa::SliceOp>(def))
    return codeGrid(def->getOperand(0));
  // The zero-point view maps raw unsigned bytes u to u - 128 and back. Code
  // grids contain 0, so a grid below 0 is in the view and one at or above 0
  // holds raw bytes.
  if (Value viewed = getZeroPointViewSource(v)) {
    std::optional<num::Grid> g = codeGrid(viewed);
    if (!g)
      return std::nullopt;
    int64_t shift = g->lo < 0 ? 128 : -128;
    return num::Grid{g->lo + shift, g->hi + shift};
  }
  if (auto concat = dyn_cast_if_present<tosa::ConcatOp>(def)) {
    std::optional<num::Grid> all;
    for (Value in : concat.getInput1()) {
      std::optional<num::Grid> g = codeGrid(in);
      if (!g)
        return std::nullopt;
      all = all ? num::Grid{std::min(all->lo, g->lo), std::max(all->hi, g->hi)}
                : *g;
    }
    return all;
  }
  // Anything else: what the storage type holds.
  auto type = dyn_cast<ShapedType>(v.getType());
  if (type && type.getElementType().isInteger(8))
    return num::integerGrid(8, /*isSigned=*/true);
  return std::nullopt;
}

/// The integer values of a constant (through tosa.cast / tosa.reshape of a
/// constant), sign-extended; std::nullopt if not constant.
static std::optional<SmallVector<int64_t>> constantInts(Value v) {
  Operation *def = v.getDefiningOp();
  if (isa_and_present<tosa::ReshapeOp>(def))
    return constantInts(def->getOperand(0));
  if (auto cast = dyn_cast_if_present<tosa::CastOp>(def)) {
    auto from =
        dyn_cast<IntegerType>(getElementTypeOrSelf(cast.getInput().getType()));
    auto to = dyn_cast<IntegerType>(getElementTypeOrSelf(cast.getType()));
    // Widening integer casts only: the values stay the same.
    if (!from || !to || from.getWidth() > to.getWidth())
      return std::nullopt;
    return constantInts(cast.getInput());
  }
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  values.reserve(attr.getNumElements());
  for (const APInt &x : attr.getValues<APInt>())
    values.push_back(x.getSExtValue());
  return values;
}

/// A per-channel constant of N values: shape [1, ..., 1, N] or a splat.
static std::optional<SmallVector<int32_t>> channelConstant(Value v, int64_t n) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape() || type.getRank() == 0)
    return std::nullopt;
  for (int64_t d : type.getShape().drop_back())
    if (d != 1)
      return std::nullopt;
  int64_t last = type.getShape().back();
  if (last != n && last != 1)
    return std::nullopt;
  std::optional<SmallVector<int64_t>> values = constantInts(v);
  if (!values)
    return std::nullopt;
  SmallVector<int32_t> out;
  for (int64_t i = 0; i < n; ++i)
    out.push_back(int32_t((*values)[last == 1 ? 0 : i]));
  return out;
}

static bool isZeroPoint(FailureOr<int64_t> zp) {
  return succeeded(zp) && *zp == 0;
}

/// Reads the requantization chain after the accumulator.
static void matchEpilogue(GemmProblem &p) {
  Value cur = p.root->getResult(0);
  p.last = p.root;
  while (cur.hasOneUse()) {
    Operation *user = *cur.getUsers().begin();
    EpilogueStep step;
    if (auto rq = dyn_cast<RequantizeOp>(user)) {
      if (rq.getInputUnsigned())
        break;
      step.kind = EpilogueStep::Kind::Requantize;
      ChannelInts shifts = rq.getShifts();
      if (shifts.isPerChannel()) {
        // Per output channel (the last dimension), one shift per lane.
        if (*shifts.axis != cast<ShapedType>(rq.getType()).getRank() - 1 ||
            int64_t(shifts.values.size()) != p.n)
          break;
        step.channelShifts.assign(shifts.values.begin(), shifts.values.end());
      }
      step.shift = int(shifts.values.front());
      step.rounding = toNumerics(rq.getRounding());
      step.grid = rq.getClampedGrid();
      // The register epilogue computes in i32 (every value before it is an
      // i32 too: the accumulator proof, earlier grids, i32 adds).
      if (llvm::any_of(step.distinctShifts(), [&](int k) {
            return !requantizeWorkType(user->getContext(), 32, true, step.grid,
                                       k)
                        .isInteger(32);
          }))
        break;
    } else if (auto add = dyn_cast<tosa::AddOp>(user)) {
      if (p.epilogue.empty() ||
          !getElementTypeOrSelf(add.getType()).isInteger(32))
        break;
      Value other = add.getInput1() == cur ? add.getInput2() : add.getInput1();
      std::optional<SmallVector<int32_t>> c = channelConstant(other, p.n);
      // The accumulator side is not broadcast.
      if (!c || cast<ShapedType>(add.getType()).getShape() !=
                    cast<ShapedType>(cur.getType()).getShape())
        break;
      step.kind = EpilogueStep::Kind::AddChannel;
      step.channel = std::move(*c);
    } else if (auto reshape = dyn_cast<tosa::ReshapeOp>(user)) {
      auto type = dyn_cast<RankedTensorType>(reshape.getType());
      if (p.epilogue.empty() || !type || type.getRank() < 2 ||
          type.getShape().back() != p.n)
        break;
      cur = reshape.getResult();
      p.last = user;
      continue;
    } else {
      break;
    }
    p.epilogue.push_back(std::move(step));
    cur = user->getResult(0);
    p.last = user;
  }
  // End on the last value step (a trailing reshape is left to the IR).
  while (p.last != p.root && isa<tosa::ReshapeOp>(p.last))
    p.last = p.last->getOperand(0).getDefiningOp();
}

/// The largest |accumulator| any activation of the grid can produce, per
/// output channel, must fit i32 (and the +128 form must too).
static bool accumulatorFitsI32(GemmProblem &p, std::string &why) {
  p.accumulatorBounds = {INT32_MAX, INT32_MIN};
  for (int64_t col = 0; col < p.n; ++col) {
    int64_t lo = p.bias[col], hi = p.bias[col];
    for (int64_t row = 0; row < p.k; ++row) {
      int64_t w = p.weights[row * p.n + col];
      int64_t a = w * p.sourceGrid.lo, b = w * p.sourceGrid.hi;
      lo += std::min({a, b, int64_t(0)});
      hi += std::max({a, b, int64_t(0)});
    }
    if (lo < INT32_MIN || hi > INT32_MAX) {
      why = "output channel " + std::to_string(col) + " can accumulate to [" +
            std::to_string(lo) + ", " + std::to_string(hi) + "], beyond i32";
      return false;
    }
    p.accumulatorBounds.lo = std::min(p.accumulatorBounds.lo, lo);
    p.accumulatorBounds.hi = std::max(p.accumulatorBounds.hi, hi);
  }
  return true;
}

/// The activations a layer reads, and their zero point.
static std::pair<Value, FailureOr<int64_t>> activationOperand(Operation *root) {
  if (auto conv = dyn_cast<tosa::Conv2DOp>(root))
    return {conv.getInput(), conv.getInputZeroPoint()};
  if (auto mm = dyn_cast<tosa::MatMulOp>(root))
    return {mm.getA(), mm.getAZeroPoint()};
  if (auto dw = dyn_cast<tosa::DepthwiseConv2DOp>(root))
    return {dw.getInput(), dw.getInputZeroPoint()};
  return {Value(), failure()};
}

/// The codes the kernel reads: the raw unsigned bytes of a zero-point view
/// read with its zero point, else the activations themselves (zero point 0);
/// null for any other zero point.
static Value kernelSource(Operation *root) {
  auto [in, zp] = activationOperand(root);
  if (!in || failed(zp))
    return Value();
  if (*zp == 0)
    return in;
  Value raw = getZeroPointViewSource(in);
  if (*zp == kUnsignedViewZeroPoint && raw)
    return raw;
  return Value();
}

std::optional<num::Grid> mlir::tqt::codegen::activationGrid(Operation *root) {
  Value source = kernelSource(root);
  if (!source)
    return std::nullopt;
  std::optional<num::Grid> g = codeGrid(source);
  // Raw bytes of a view are unsigned, whatever their storage says.
  if (g && source != activationOperand(root).first && g->lo < 0)
    return std::nullopt;
  return g;
}

/// What tosa.conv2d and tosa.depthwise_conv2d share: NHWC activations with
/// static H, W and C, static weights, zero points 0, and the window (padding,
/// stride, dilation, output size).
template <typename ConvOp>
static bool matchWindow(ConvOp op, GemmProblem &p, std::string &why) {
  p.root = op;
  p.isConv = true;
  p.source = kernelSource(op);
  if (!p.source || !isZeroPoint(op.getWeightZeroPoint())) {
    why = "zero points are not 0 (nor the unsigned codes' view)";
    return false;
  }
  auto in = cast<RankedTensorType>(op.getInput().getType());
  auto w = cast<RankedTensorType>(op.getWeight().getType());
  auto out = cast<RankedTensorType>(op.getType());
  if (!w.hasStaticShape() || in.isDynamicDim(1) || in.isDynamicDim(2) ||
      in.isDynamicDim(3) || out.isDynamicDim(1) || out.isDynamicDim(2)) {
    why = "dynamic spatial or channel dimensions";
    return false;
  }
  p.height = in.getDimSize(1);
  p.width = in.getDimSize(2);
  p.outHeight = out.getDimSize(1);
  p.outWidth = out.getDimSize(2);
  ArrayRef<int64_t> pad = op.getPad(), stride = op.getStride(),
                    dilation = op.getDilation();
  p.padTop = pad[0];
  p.padBottom = pad[1];
  p.padLeft = pad[2];
  p.padRight = pad[3];
  p.strideH = stride[0];
  p.strideW = stride[1];
  p.dilationH = dilation[0];
  p.dilationW = dilation[1];
  return true;
}

bool mlir::tqt::codegen::matchConvWindow(Operation *conv, GemmProblem &p,
                                         std::string &why) {
  if (auto c = dyn_cast<tosa::Conv2DOp>(conv))
    return matchWindow(c, p, why);
  if (auto d = dyn_cast<tosa::DepthwiseConv2DOp>(conv))
    return matchWindow(d, p, why);
  why = "not a convolution";
  return false;
}

void mlir::tqt::codegen::readConvGeometry(tosa::Conv2DOp conv, GemmProblem &p) {
  auto w = cast<RankedTensorType>(conv.getWeight().getType());
  p.n = w.getDimSize(0);
  p.kh = w.getDimSize(1);
  p.kw = w.getDimSize(2);
  p.channels = w.getDimSize(3);
  p.k = p.kh * p.kw * p.channels;
}

void mlir::tqt::codegen::readDepthwiseGeometry(tosa::DepthwiseConv2DOp dw,
                                               GemmProblem &p) {
  p.isDepthwise = true;
  auto w = cast<RankedTensorType>(dw.getWeight().getType());
  // Weights [KH][KW][C][M]: output channel c * M + m, so [K][N] with
  // N = C * M.
  p.kh = w.getDimSize(0);
  p.kw = w.getDimSize(1);
  p.channels = w.getDimSize(2);
  p.multiplier = w.getDimSize(3);
  p.n = p.channels * p.multiplier;
  p.k = p.kh * p.kw;
}

bool mlir::tqt::codegen::matchGemmProblem(Operation *root,
                                          std::optional<num::Grid> grid,
                                          GemmProblem &p, std::string &why) {
  p = GemmProblem();
  p.root = root;
  Value weight;
  if (auto conv = dyn_cast<tosa::Conv2DOp>(root)) {
    if (!matchWindow(conv, p, why))
      return false;
    weight = conv.getWeight();
    readConvGeometry(conv, p);
  } else if (auto dw = dyn_cast<tosa::DepthwiseConv2DOp>(root)) {
    if (!matchWindow(dw, p, why))
      return false;
    weight = dw.getWeight();
    readDepthwiseGeometry(dw, p);
  } else if (auto mm = dyn_cast<tosa::MatMulOp>(root)) {
    p.source = kernelSource(mm);
    weight = mm.getB();
    if (!p.source || !isZeroPoint(mm.getBZeroPoint())) {
      why = "zero points are not 0 (nor the unsigned codes' view)";
      return false;
    }
    auto a = cast<RankedTensorType>(mm.getA().getType());
    auto w = cast<RankedTensorType>(weight.getType());
    if (!w.hasStaticShape() || w.getDimSize(0) != 1 || a.getDimSize(0) != 1 ||
        a.isDynamicDim(2)) {
      why = "not a single matrix times a constant matrix";
      return false;
    }
    p.k = w.getDimSize(1);
    p.n = w.getDimSize(2);
    p.channels = p.k;
  } else {
    why = "not a convolution or matmul";
    return false;
  }

  // GEMMs multiply bytes; the depthwise kernel widens to i32 and takes any
  // code that fits i16.
  bool fits =
      grid && (p.isDepthwise ? grid->lo >= INT16_MIN && grid->hi <= INT16_MAX
                             : grid->lo >= -128 && grid->hi <= 255 &&
                                   !(grid->lo < 0 && grid->hi > 127));
  if (!fits) {
    why = p.isDepthwise ? "activations are not 16-bit codes"
                        : "activations are not 8-bit codes";
    return false;
  }
  p.sourceGrid = *grid;
  auto sourceElement = getElementTypeOrSelf(p.source.getType());
  if (!sourceElement.isInteger(8) && !sourceElement.isInteger(16)) {
    why = "activations are not stored in i8 or i16";
    return false;
  }

  std::optional<SmallVector<int64_t>> w = constantInts(weight);
  if (!w || !getElementTypeOrSelf(weight.getType()).isInteger(8)) {
    why = "weights are not constant 8-bit codes";
    return false;
  }
  p.weights.assign(size_t(p.k * p.n), 0);
  for (int64_t col = 0; col < p.n; ++col)
    for (int64_t row = 0; row < p.k; ++row)
      // Convolution weights are [N][KH][KW][C], i.e. [N][K]; matmul's
      // [K][N]; depthwise [KH][KW][C][1], i.e. [K][N] too.
      p.weights[row * p.n + col] =
          int8_t(p.isConv && !p.isDepthwise ? (*w)[col * p.k + row]
                                            : (*w)[row * p.n + col]);

  p.bias.assign(size_t(p.n), 0);
  if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(root)) {
    std::optional<SmallVector<int32_t>> bias =
        channelConstant(root->getOperand(2), p.n);
    if (!bias) {
      why = "the convolution's bias is not constant";
      return false;
    }
    p.bias = std::move(*bias);
  }

  if (!accumulatorFitsI32(p, why))
    return false;
  matchEpilogue(p);
  if (p.epilogue.empty()) {
    why = "no requantization follows the accumulator";
    return false;
  }
  auto outType = dyn_cast<RankedTensorType>(p.last->getResult(0).getType());
  if (!outType || outType.getRank() < 2 || outType.getShape().back() != p.n ||
      llvm::count_if(outType.getShape(), ShapedType::isDynamic) > 1) {
    why = "the requantized result is not [rows, N]";
    return false;
  }
  return true;
}
