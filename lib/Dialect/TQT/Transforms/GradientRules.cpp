//===- GradientRules.cpp - Vector-Jacobian products of model ops ----------===//
//
// Conventions (docs/Training.md): at kinks the gradient follows PyTorch
// (ReLU/ReLU6-style clamps pass it strictly inside (min, max); maximum and
// minimum split it evenly at ties), max pooling and reduce_max give it to
// every element equal to the maximum, and tqt.fake_quant uses the TQT
// gradients of tqt.fake_quant_grad (tqt-method 2). Strided and dilated
// convolution gradients are convolutions of the zero-inserted output
// gradient, written as linalg.generic contractions with affine maps.
//
//===----------------------------------------------------------------------===//

#include "GradientRules.h"

#include "tqt/Dialect/TQT/IR/ActivationArith.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tqt;

using IT = utils::IteratorType;

bool mlir::tqt::isGradientLeaf(Operation *op) {
  return isa<tosa::ConstOp, tosa::ConstShapeOp, arith::ConstantOp,
             ml_program::GlobalLoadOp>(op);
}

namespace {

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y);
}
Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y);
}
Value zero(OpBuilder &b, Location loc, Type t) {
  return TensorBuilder::constantLike(b, loc, t, 0.0);
}

/// Operand i of a reduction body with accumulator last: acc + f(args).
TensorBuilder::Body
accumulate(std::function<Value(OpBuilder &, Location, ValueRange)> term) {
  return [term](OpBuilder &b, Location loc, ValueRange a) -> Value {
    return add(b, loc, a.back(), term(b, loc, a.drop_back()));
  };
}

AffineExpr dim(MLIRContext *ctx, unsigned i) {
  return getAffineDimExpr(i, ctx);
}

class Rules {
public:
  Rules(TensorBuilder &tb, Operation *op, ArrayRef<Value> resultGrads,
        ArrayRef<bool> needed, SmallVectorImpl<Value> &grads)
      : tb(tb), b(tb.builder()), ctx(b.getContext()), op(op),
        resultGrads(resultGrads), needed(needed), grads(grads) {}

  LogicalResult run();

private:
  Value g() const { return resultGrads[0]; }
  bool need(unsigned i) const { return i < needed.size() && needed[i]; }
  LogicalResult unsupported(const Twine &why) {
    return op->emitOpError("cannot be differentiated: ") << why;
  }

  LogicalResult elementwise();
  LogicalResult clamp(tosa::ClampOp clamp);
  LogicalResult conv(Operation *conv, bool depthwise);
  LogicalResult matmul(tosa::MatMulOp mm);
  // Building blocks of the f32 convolution and matmul gradients.
  Value permuted(Value v, ArrayRef<OpFoldResult> sizes, AffineMap from);
  Value transposeLast(Value v);
  Value transposedConv(Value p, Value w, RankedTensorType xType,
                       ArrayRef<int64_t> offsets, ArrayRef<int64_t> extents,
                       ArrayRef<int64_t> dilation, bool depthwise);
  Value weightGradientGemm(Value xp, Value grad, RankedTensorType wType,
                           ArrayRef<int64_t> stride,
                           ArrayRef<int64_t> dilation);
  LogicalResult pool(Operation *pool, bool isMax);
  LogicalResult concat(tosa::ConcatOp concat);
  LogicalResult reduce(Operation *reduce, bool isSum);
  LogicalResult pad(tosa::PadOp pad);
  LogicalResult slice(tosa::SliceOp slice);
  LogicalResult fakeQuant(FakeQuantOp fq);

  /// Requires static sizes on the given dimensions of `v`.
  LogicalResult requireStatic(Value v, ArrayRef<unsigned> dims, StringRef what);

  TensorBuilder &tb;
  ImplicitLocOpBuilder &b;
  MLIRContext *ctx;
  Operation *op;
  ArrayRef<Value> resultGrads;
  ArrayRef<bool> needed;
  SmallVectorImpl<Value> &grads;
};

LogicalResult Rules::requireStatic(Value v, ArrayRef<unsigned> dims,
                                   StringRef what) {
  auto type = cast<RankedTensorType>(v.getType());
  for (unsigned d : dims)
    if (type.isDynamicDim(d))
      return op->emitOpError("cannot be differentiated: the ")
             << what << " needs a static dimension " << d << " (got "
             << v.getType() << ")";
  return success();
}

/// add, sub, mul, maximum, minimum, negate (TOSA, broadcasting) and
/// arith.addf/subf/mulf/negf, math.ceil (straight through) on tensors.
LogicalResult Rules::elementwise() {
  Value out = op->getResult(0);
  auto operandGrad = [&](unsigned i, Value raw) {
    grads[i] = tb.sumToShapeOf(raw, op->getOperand(i));
  };
  if (isa<tosa::AddOp, arith::AddFOp>(op)) {
    for (unsigned i : {0u, 1u})
      if (need(i))
        operandGrad(i, g());
    return success();
  }
  if (isa<tosa::SubOp, arith::SubFOp>(op)) {
    if (need(0))
      operandGrad(0, g());
    if (need(1))
      operandGrad(
          1, tb.map(out, g(),
                    [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                      return arith::NegFOp::create(nb, loc, a[0]);
                    }));
    return success();
  }
  if (isa<tosa::NegateOp, arith::NegFOp>(op)) {
    if (need(0))
      grads[0] = tb.map(out, g(),
                        [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                          return arith::NegFOp::create(nb, loc, a[0]);
                        });
    return success();
  }
  if (isa<math::CeilOp>(op)) {
    // Straight-through estimator (tqt-method 2.2): d ceil(t) / dt := 1.
    if (need(0))
      grads[0] = g();
    return success();
  }
  if (auto m = dyn_cast<tosa::MulOp>(op)) {
    APInt shift;
    if (!matchPattern(m.getShift(), m_ConstantInt(&shift)) || !shift.isZero())
      return unsupported("the shift of a float tosa.mul must be a constant 0");
  }
  if (isa<tosa::MulOp, arith::MulFOp>(op)) {
    for (unsigned i : {0u, 1u}) {
      if (!need(i))
        continue;
      Value other = op->getOperand(1 - i);
      operandGrad(
          i, tb.map(out, {g(), other},
                    [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                      return mul(nb, loc, a[0], a[1]);
                    }));
    }
    return success();
  }
  // maximum / minimum: the gradient goes to the selected operand, half to
  // each at ties.
  bool isMax = isa<tosa::MaximumOp>(op);
  for (unsigned i : {0u, 1u}) {
    if (!need(i))
      continue;
    Value self = op->getOperand(i), other = op->getOperand(1 - i);
    operandGrad(
        i, tb.map(out, {g(), self, other},
                  [isMax](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                    auto wins =
                        arith::CmpFOp::create(nb, loc,
                                              isMax ? arith::CmpFPredicate::OGT
                                                    : arith::CmpFPredicate::OLT,
                                              a[1], a[2]);
                    auto tie = arith::CmpFOp::create(
                        nb, loc, arith::CmpFPredicate::OEQ, a[1], a[2]);
                    Value half = mul(nb, loc, a[0],
                                     TensorBuilder::constantLike(
                                         nb, loc, a[0].getType(), 0.5));
                    Value z = zero(nb, loc, a[0].getType());
                    Value t = arith::SelectOp::create(nb, loc, tie, half, z);
                    return arith::SelectOp::create(nb, loc, wins, a[0], t);
                  }));
  }
  return success();
}

LogicalResult Rules::clamp(tosa::ClampOp clamp) {
  auto lo = dyn_cast<FloatAttr>(clamp.getMinValAttr());
  auto hi = dyn_cast<FloatAttr>(clamp.getMaxValAttr());
  if (!lo || !hi)
    return unsupported("only float clamps have a gradient");
  if (!need(0))
    return success();
  double l = lo.getValueAsDouble(), h = hi.getValueAsDouble();
  grads[0] = tb.map(
      clamp.getInput(), {g(), clamp.getInput()},
      [l, h](OpBuilder &nb, Location loc, ValueRange a) -> Value {
        Type t = a[1].getType();
        auto above =
            arith::CmpFOp::create(nb, loc, arith::CmpFPredicate::OGT, a[1],
                                  TensorBuilder::constantLike(nb, loc, t, l));
        auto below =
            arith::CmpFOp::create(nb, loc, arith::CmpFPredicate::OLT, a[1],
                                  TensorBuilder::constantLike(nb, loc, t, h));
        Value inside = arith::AndIOp::create(nb, loc, above, below);
        return arith::SelectOp::create(nb, loc, inside, a[0], zero(nb, loc, t));
      });
  return success();
}

/// conv2d (weights OHWI) and depthwise_conv2d (weights HWCM), NHWC, with
/// padding [top, bottom, left, right], stride and dilation.
LogicalResult Rules::conv(Operation *convOp, bool depthwise) {
  Value x = convOp->getOperand(0), w = convOp->getOperand(1);
  ArrayRef<int64_t> pad, stride, dil;
  if (auto c = dyn_cast<tosa::Conv2DOp>(convOp)) {
    pad = c.getPad();
    stride = c.getStride();
    dil = c.getDilation();
  } else {
    auto d = cast<tosa::DepthwiseConv2DOp>(convOp);
    pad = d.getPad();
    stride = d.getStride();
    dil = d.getDilation();
  }
  if (failed(requireStatic(x, {1, 2, 3}, "input")) ||
      failed(requireStatic(w, {0, 1, 2, 3}, "weight")))
    return failure();
  auto xType = cast<RankedTensorType>(x.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  int64_t ih = xType.getDimSize(1), iw = xType.getDimSize(2);
  int64_t kh = wType.getDimSize(depthwise ? 0 : 1);
  int64_t kw = wType.getDimSize(depthwise ? 1 : 2);
  int64_t m = depthwise ? wType.getDimSize(3) : 1;
  int64_t pt = pad[0], pb = pad[1], pl = pad[2], pr = pad[3];
  auto d = [&](unsigned i) { return dim(ctx, i); };
  // f32 convolutions differentiate into a convolution (dX) and a matmul
  // (dW), which get the float kernels; the sums run over the same terms. A
  // depthwise convolution without a channel multiplier has a depthwise
  // convolution as its dX (with a multiplier, each input channel's gradient
  // sums over its M outputs: no TOSA op), its dW stays a contraction.
  bool isF32 = TensorBuilder::elementType(x).isF32();
  bool asGemms = !depthwise && isF32;
  bool dxAsConv = isF32 && (!depthwise || m == 1);
  Value grad = g();
  SmallVector<OpFoldResult> gSizes = tb.sizes(grad);

  if (need(0)) {
    // dX[n,i,j,c] = sum_{kh,kw,(oc|m)} P[n, i + pt + (KH-1-kh) dh,
    //   j + pl + (KW-1-kw) dw, oc] * W[..kh, kw..], where P is the output
    // gradient zero-inserted by the stride and offset by the kernel extent.
    int64_t eh = (kh - 1) * dil[0], ew = (kw - 1) * dil[1];
    SmallVector<OpFoldResult> pSizes = {
        gSizes[0], b.getIndexAttr(ih + pt + pb + eh),
        b.getIndexAttr(iw + pl + pr + ew), gSizes[3]};
    Value p = tb.scatterIntoZeros(grad, pSizes, {0, eh, ew, 0},
                                  {1, stride[0], stride[1], 1});
    if (dxAsConv) {
      grads[0] =
          transposedConv(p, w, xType, {pt, pl}, {eh, ew}, dil, depthwise);
    } else {
      // Loops: n i j kh kw (oc | m) c: the input channel innermost, where
      // P (depthwise), W and dX are contiguous (the loop vectorizes); each
      // element still sums over kh, kw, (oc | m) in that order.
      AffineExpr row = d(1) + pt + eh - d(3) * dil[0];
      AffineExpr col = d(2) + pl + ew - d(4) * dil[1];
      AffineExpr ch = depthwise ? d(6) * m + d(5) : d(5);
      AffineMap pMap = AffineMap::get(7, 0, {d(0), row, col, ch}, ctx);
      AffineMap wMap =
          depthwise ? AffineMap::get(7, 0, {d(3), d(4), d(6), d(5)}, ctx)
                    : AffineMap::get(7, 0, {d(5), d(3), d(4), d(6)}, ctx);
      AffineMap outMap = AffineMap::get(7, 0, {d(0), d(1), d(2), d(6)}, ctx);
      grads[0] = tb.contract(
          {p, w}, tb.zerosLike(x), {pMap, wMap, outMap},
          {IT::parallel, IT::parallel, IT::parallel, IT::reduction,
           IT::reduction, IT::reduction, IT::parallel},
          accumulate([](OpBuilder &nb, Location loc, ValueRange a) -> Value {
            return mul(nb, loc, a[0], a[1]);
          }));
    }
  }
  if (need(1)) {
    // dW[..kh, kw..] = sum_{n,oh,ow} Xpad[n, oh sh + kh dh, ow sw + kw dw, c]
    //   * dY[n, oh, ow, (oc | c M + m)].
    Value xp = x;
    if (pt || pb || pl || pr) {
      SmallVector<OpFoldResult> xSizes = tb.sizes(x);
      xSizes[1] = b.getIndexAttr(ih + pt + pb);
      xSizes[2] = b.getIndexAttr(iw + pl + pr);
      xp = tb.scatterIntoZeros(x, xSizes, {0, pt, pl, 0}, {1, 1, 1, 1});
    }
    if (asGemms) {
      grads[1] = weightGradientGemm(xp, grad, wType, {stride[0], stride[1]},
                                    {dil[0], dil[1]});
    } else {
      // Loops: (oc kh kw | kh kw m) n oh ow c: the channel innermost,
      // where Xpad, dY (depthwise) and dW are contiguous; each element
      // still sums over n, oh, ow in that order.
      AffineExpr row = d(4) * stride[0] + (depthwise ? d(0) : d(1)) * dil[0];
      AffineExpr col = d(5) * stride[1] + (depthwise ? d(1) : d(2)) * dil[1];
      AffineMap xMap = AffineMap::get(7, 0, {d(3), row, col, d(6)}, ctx);
      SmallVector<AffineMap> maps;
      if (depthwise)
        maps = {xMap,
                AffineMap::get(7, 0, {d(3), d(4), d(5), d(6) * m + d(2)}, ctx),
                AffineMap::get(7, 0, {d(0), d(1), d(6), d(2)}, ctx)};
      else
        maps = {xMap, AffineMap::get(7, 0, {d(3), d(4), d(5), d(0)}, ctx),
                AffineMap::get(7, 0, {d(0), d(1), d(2), d(6)}, ctx)};
      grads[1] = tb.contract(
          {xp, grad}, tb.zerosLike(w), maps,
          {IT::parallel, IT::parallel, IT::parallel, IT::reduction,
           IT::reduction, IT::reduction, IT::parallel},
          accumulate([](OpBuilder &nb, Location loc, ValueRange a) -> Value {
            return mul(nb, loc, a[0], a[1]);
          }));
    }
  }
  if (need(2)) {
    Value bias = convOp->getOperand(2);
    AffineMap in = AffineMap::getMultiDimIdentityMap(4, ctx);
    AffineMap out = AffineMap::get(4, 0, {d(3)}, ctx);
    Value sums = tb.contract(
        grad, tb.filled({gSizes[3]}, TensorBuilder::elementType(grad), 0.0),
        {in, out}, {IT::reduction, IT::reduction, IT::reduction, IT::parallel},
        accumulate([](OpBuilder &, Location, ValueRange a) { return a[0]; }));
    // A bias of one element is broadcast over the channels.
    grads[2] = tb.sumToShapeOf(sums, bias);
  }
  return success();
}

/// A copy of `v` into a tensor of `sizes` whose element i is v[from(i)].
Value Rules::permuted(Value v, ArrayRef<OpFoldResult> sizes, AffineMap from) {
  unsigned rank = sizes.size();
  return tb.contract({v}, tb.filled(sizes, TensorBuilder::elementType(v), 0.0),
                     {from, AffineMap::getMultiDimIdentityMap(rank, ctx)},
                     SmallVector<IT>(rank, IT::parallel),
                     [](OpBuilder &, Location, ValueRange a) { return a[0]; });
}

/// [N, R, C] -> [N, C, R].
Value Rules::transposeLast(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  return tosa::TransposeOp::create(
      b,
      RankedTensorType::get(
          {type.getDimSize(0), type.getDimSize(2), type.getDimSize(1)},
          type.getElementType()),
      v, b.getDenseI32ArrayAttr({0, 2, 1}));
}

/// dX of a convolution as a convolution: P is the output gradient inserted
/// with the stride into zeros of [N, H + pt + pb + eh, W + pl + pr + ew, O];
/// dX[n,i,j,c] = sum_{kh,kw,o} P[n, i + pt + kh dh, j + pl + kw dw, o] *
/// W[o, KH-1-kh, KW-1-kw, c]: a stride-1 convolution of P from (pt, pl) with
/// the weights flipped and their channels swapped. A depthwise convolution
/// (multiplier 1, weights [KH, KW, C, 1]) gives the depthwise convolution of
/// P with W[KH-1-kh, KW-1-kw, c, 0].
Value Rules::transposedConv(Value p, Value w, RankedTensorType xType,
                            ArrayRef<int64_t> offsets,
                            ArrayRef<int64_t> extents,
                            ArrayRef<int64_t> dilation, bool depthwise) {
  auto wType = cast<RankedTensorType>(w.getType());
  SmallVector<OpFoldResult> pSizes = tb.sizes(p);
  Value q = tensor::ExtractSliceOp::create(
      b, p,
      {b.getIndexAttr(0), b.getIndexAttr(offsets[0]),
       b.getIndexAttr(offsets[1]), b.getIndexAttr(0)},
      {pSizes[0], b.getIndexAttr(xType.getDimSize(1) + extents[0]),
       b.getIndexAttr(xType.getDimSize(2) + extents[1]), pSizes[3]},
      {b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(1),
       b.getIndexAttr(1)});
  auto d = [&](unsigned i) { return dim(ctx, i); };
  auto index = [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); };
  Type f32 = b.getF32Type();
  int64_t c = xType.getDimSize(3);
  Value zeroBias = tb.filled({index(c)}, f32, 0.0);
  if (depthwise) {
    int64_t kh = wType.getDimSize(0), kw = wType.getDimSize(1);
    // W'[kh, kw, c, 0] = W[KH-1-kh, KW-1-kw, c, 0].
    Value flipped = permuted(
        w, {index(kh), index(kw), index(c), index(1)},
        AffineMap::get(4, 0, {kh - 1 - d(0), kw - 1 - d(1), d(2), d(3)}, ctx));
    return tosa::DepthwiseConv2DOp::create(
        b, xType, q, flipped, zeroBias, b.getDenseI64ArrayAttr({0, 0, 0, 0}),
        b.getDenseI64ArrayAttr({1, 1}), b.getDenseI64ArrayAttr(dilation),
        TypeAttr::get(f32));
  }
  int64_t o = wType.getDimSize(0), kh = wType.getDimSize(1),
          kw = wType.getDimSize(2);
  // W'[c, kh, kw, o] = W[o, KH-1-kh, KW-1-kw, c].
  Value flipped = permuted(
      w, {index(c), index(kh), index(kw), index(o)},
      AffineMap::get(4, 0, {d(3), kh - 1 - d(1), kw - 1 - d(2), d(0)}, ctx));
  return tosa::Conv2DOp::create(
      b, xType, q, flipped, zeroBias, b.getDenseI64ArrayAttr({0, 0, 0, 0}),
      b.getDenseI64ArrayAttr({1, 1}), b.getDenseI64ArrayAttr(dilation),
      TypeAttr::get(f32));
}

/// dW of a convolution as a matmul over the output pixels p = (n, oh, ow):
/// dW[o, (kh, kw, c)] = sum_p dY[p, o] * Xpad[n, oh sh + kh dh,
/// ow sw + kw dw, c], computed as [1, O, P] x [1, P, KK]: the output gradient
/// transposed by the windows gathered as im2col rows [1, N, OH, OW, KH, KW,
/// C] (contiguous in c). The product is the weights' own layout
/// [O, KH, KW, C]; and KK, long in a CNN where O is short, is the GEMM's
/// columns, which keeps the kernel's register tiles full.
Value Rules::weightGradientGemm(Value xp, Value grad, RankedTensorType wType,
                                ArrayRef<int64_t> stride,
                                ArrayRef<int64_t> dilation) {
  auto gType = cast<RankedTensorType>(grad.getType());
  int64_t o = wType.getDimSize(0), kh = wType.getDimSize(1),
          kw = wType.getDimSize(2), c = wType.getDimSize(3);
  int64_t n = gType.getDimSize(0), oh = gType.getDimSize(1),
          ow = gType.getDimSize(2);
  int64_t p = ShapedType::isDynamic(n) ? ShapedType::kDynamic : n * oh * ow;
  int64_t kk = kh * kw * c;
  Type f32 = b.getF32Type();
  auto d = [&](unsigned i) { return dim(ctx, i); };
  auto index = [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); };
  // A 1x1 window with stride 1 over an unpadded input: the input itself.
  bool identity = kh == 1 && kw == 1 && stride[0] == 1 && stride[1] == 1 &&
                  cast<RankedTensorType>(xp.getType()).getDimSize(1) == oh &&
                  cast<RankedTensorType>(xp.getType()).getDimSize(2) == ow;
  Value windows =
      identity
          ? Value(tensor::ExpandShapeOp::create(
                b, RankedTensorType::get({1, n, oh, ow, 1, 1, c}, f32), xp,
                ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}, {4, 5, 6}}))
          : permuted(
                xp,
                {index(1), tb.sizes(grad)[0], index(oh), index(ow), index(kh),
                 index(kw), index(c)},
                AffineMap::get(7, 0,
                               {d(1), d(2) * stride[0] + d(4) * dilation[0],
                                d(3) * stride[1] + d(5) * dilation[1], d(6)},
                               ctx));
  Value rhs = tensor::CollapseShapeOp::create(
      b, RankedTensorType::get({1, p, kk}, f32), windows,
      ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}, {4, 5, 6}});
  Value grad5 = tensor::ExpandShapeOp::create(
      b, RankedTensorType::get({1, n, oh, ow, o}, f32), grad,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}, {4}});
  Value rows = tensor::CollapseShapeOp::create(
      b, RankedTensorType::get({1, p, o}, f32), grad5,
      ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}, {4}});
  Value product = tosa::MatMulOp::create(
      b, RankedTensorType::get({1, o, kk}, f32), transposeLast(rows), rhs);
  Value flat = tensor::CollapseShapeOp::create(
      b, RankedTensorType::get({o, kk}, f32), product,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  return tensor::ExpandShapeOp::create(
      b, wType, flat, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
}

/// matmul [N, H, C] x [N, C, W] -> [N, H, W].
LogicalResult Rules::matmul(tosa::MatMulOp mm) {
  Value a = mm.getA(), bm = mm.getB(), grad = g();
  auto d = [&](unsigned i) { return dim(ctx, i); };
  auto product = accumulate([](OpBuilder &nb, Location loc, ValueRange v) {
    return mul(nb, loc, v[0], v[1]);
  });
  if (TensorBuilder::elementType(a).isF32()) {
    // As matmuls (the float kernels): dA = dY B^T, dB = A^T dY.
    if (need(0))
      grads[0] =
          tosa::MatMulOp::create(b, a.getType(), grad, transposeLast(bm));
    if (need(1))
      grads[1] =
          tosa::MatMulOp::create(b, bm.getType(), transposeLast(a), grad);
    return success();
  }
  if (need(0)) // Loops n h c w: dA[n,h,c] = sum_w dY[n,h,w] B[n,c,w].
    grads[0] = tb.contract(
        {grad, bm}, tb.zerosLike(a),
        {AffineMap::get(4, 0, {d(0), d(1), d(3)}, ctx),
         AffineMap::get(4, 0, {d(0), d(2), d(3)}, ctx),
         AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx)},
        {IT::parallel, IT::parallel, IT::parallel, IT::reduction}, product);
  if (need(1)) // Loops n c w h: dB[n,c,w] = sum_h A[n,h,c] dY[n,h,w].
    grads[1] = tb.contract(
        {a, grad}, tb.zerosLike(bm),
        {AffineMap::get(4, 0, {d(0), d(3), d(1)}, ctx),
         AffineMap::get(4, 0, {d(0), d(3), d(2)}, ctx),
         AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx)},
        {IT::parallel, IT::parallel, IT::parallel, IT::reduction}, product);
  return success();
}

/// max_pool2d / avg_pool2d (TOSA: avg divides by the number of non-padding
/// elements of each window).
LogicalResult Rules::pool(Operation *poolOp, bool isMax) {
  if (!need(0))
    return success();
  Value x = poolOp->getOperand(0), y = poolOp->getResult(0);
  ArrayRef<int64_t> kernel, stride, pad;
  if (auto p = dyn_cast<tosa::MaxPool2dOp>(poolOp)) {
    kernel = p.getKernel();
    stride = p.getStride();
    pad = p.getPad();
  } else {
    auto a = cast<tosa::AvgPool2dOp>(poolOp);
    kernel = a.getKernel();
    stride = a.getStride();
    pad = a.getPad();
  }
  if (failed(requireStatic(x, {1, 2}, "input")) ||
      failed(requireStatic(y, {1, 2}, "output")))
    return failure();
  auto xType = cast<RankedTensorType>(x.getType());
  auto yType = cast<RankedTensorType>(y.getType());
  int64_t ih = xType.getDimSize(1), iw = xType.getDimSize(2);
  int64_t oh = yType.getDimSize(1), ow = yType.getDimSize(2);
  int64_t kh = kernel[0], kw = kernel[1];
  int64_t pt = pad[0], pb = pad[1], pl = pad[2], pr = pad[3];
  Value grad = g();
  Type et = TensorBuilder::elementType(grad);
  if (!isMax) {
    // Divide by the window sizes first (a constant [1, OH, OW, 1]).
    SmallVector<float> counts;
    auto valid = [](int64_t o, int64_t s, int64_t p, int64_t k, int64_t n) {
      int64_t lo = o * s - p, hi = lo + k;
      return std::max<int64_t>(0, std::min(hi, n) - std::max<int64_t>(lo, 0));
    };
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j)
        counts.push_back(float(valid(i, stride[0], pt, kh, ih) *
                               valid(j, stride[1], pl, kw, iw)));
    auto cType = RankedTensorType::get({1, oh, ow, 1}, et);
    Value c = arith::ConstantOp::create(
        b, DenseElementsAttr::get(cType, ArrayRef<float>(counts)));
    grad = tb.map(grad, {grad, c},
                  [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                    return arith::DivFOp::create(nb, loc, a[0], a[1]);
                  });
  }
  SmallVector<OpFoldResult> gSizes = tb.sizes(grad);
  SmallVector<OpFoldResult> pSizes = {
      gSizes[0], b.getIndexAttr(ih + pt + pb + kh - 1),
      b.getIndexAttr(iw + pl + pr + kw - 1), gSizes[3]};
  SmallVector<int64_t> offsets = {0, kh - 1, kw - 1, 0};
  SmallVector<int64_t> strides = {1, stride[0], stride[1], 1};
  Value pg = tb.scatterIntoZeros(grad, pSizes, offsets, strides);
  auto d = [&](unsigned i) { return dim(ctx, i); };
  // Loops: n i j c kh kw; `window` gives the kernel loops their extent.
  AffineMap pMap = AffineMap::get(
      6, 0, {d(0), d(1) + pt + kh - 1 - d(4), d(2) + pl + kw - 1 - d(5), d(3)},
      ctx);
  AffineMap windowMap = AffineMap::get(6, 0, {d(4), d(5)}, ctx);
  AffineMap xMap = AffineMap::get(6, 0, {d(0), d(1), d(2), d(3)}, ctx);
  Value window = tensor::EmptyOp::create(b, ArrayRef<int64_t>{kh, kw}, et);
  SmallVector<IT> iterators = {IT::parallel, IT::parallel,  IT::parallel,
                               IT::parallel, IT::reduction, IT::reduction};
  if (!isMax) {
    grads[0] = tb.contract(
        {pg, window}, tb.zerosLike(x), {pMap, windowMap, xMap}, iterators,
        [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
          return add(nb, loc, a[2], a[0]);
        });
    return success();
  }
  // Max: the gradient of each window goes to the elements equal to its max.
  Value py = tb.scatterIntoZeros(y, pSizes, offsets, strides);
  grads[0] = tb.contract(
      {pg, py, x, window}, tb.zerosLike(x), {pMap, pMap, xMap, windowMap, xMap},
      iterators, [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
        auto hit = arith::CmpFOp::create(nb, loc, arith::CmpFPredicate::OEQ,
                                         a[2], a[1]);
        Value sum = add(nb, loc, a[4], a[0]);
        return arith::SelectOp::create(nb, loc, hit, sum, a[4]);
      });
  return success();
}

LogicalResult Rules::concat(tosa::ConcatOp concatOp) {
  int64_t axis = concatOp.getAxisAttr().getInt();
  int64_t offset = 0;
  for (auto [i, in] : llvm::enumerate(concatOp->getOperands())) {
    auto type = cast<RankedTensorType>(in.getType());
    if (type.isDynamicDim(axis))
      return unsupported("inputs need a static size along the axis");
    if (need(i)) {
      SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
      SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
      offsets[axis] = b.getIndexAttr(offset);
      grads[i] = tensor::ExtractSliceOp::create(b, type, g(), offsets,
                                                tb.sizes(in), strides);
    }
    offset += type.getDimSize(axis);
  }
  return success();
}

/// reduce_sum broadcasts the gradient back; reduce_max / reduce_min give it
/// to the elements equal to the result.
LogicalResult Rules::reduce(Operation *reduceOp, bool isSum) {
  if (!need(0))
    return success();
  Value x = reduceOp->getOperand(0), y = reduceOp->getResult(0);
  if (isSum) {
    grads[0] = tb.map(x, g(),
                      [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    return success();
  }
  grads[0] = tb.map(
      x, {g(), x, y}, [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
        auto hit = arith::CmpFOp::create(nb, loc, arith::CmpFPredicate::OEQ,
                                         a[1], a[2]);
        return arith::SelectOp::create(nb, loc, hit, a[0],
                                       zero(nb, loc, a[0].getType()));
      });
  return success();
}

/// Constant padding / slicing amounts of a tosa.const_shape.
static FailureOr<SmallVector<int64_t>> constShape(Value v) {
  auto c = v.getDefiningOp<tosa::ConstShapeOp>();
  if (!c)
    return failure();
  return llvm::to_vector(c.getValues().getValues<int64_t>());
}

LogicalResult Rules::pad(tosa::PadOp padOp) {
  if (!need(0))
    return success();
  FailureOr<SmallVector<int64_t>> amounts = constShape(padOp.getPadding());
  if (failed(amounts))
    return unsupported("the padding must be a tosa.const_shape");
  Value x = padOp.getInput1();
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> offsets, strides;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    offsets.push_back(b.getIndexAttr((*amounts)[2 * i]));
    strides.push_back(b.getIndexAttr(1));
  }
  grads[0] = tensor::ExtractSliceOp::create(b, type, g(), offsets, tb.sizes(x),
                                            strides);
  return success();
}

LogicalResult Rules::slice(tosa::SliceOp sliceOp) {
  if (!need(0))
    return success();
  FailureOr<SmallVector<int64_t>> start = constShape(sliceOp.getStart());
  if (failed(start))
    return unsupported("the start must be a tosa.const_shape");
  Value x = sliceOp.getInput1();
  SmallVector<int64_t> ones(start->size(), 1);
  grads[0] = tb.scatterIntoZeros(g(), tb.sizes(x), *start, ones);
  if (grads[0].getType() != x.getType())
    grads[0] = tensor::CastOp::create(b, x.getType(), grads[0]);
  return success();
}

LogicalResult Rules::fakeQuant(FakeQuantOp fq) {
  auto grad = FakeQuantGradOp::create(
      b, fq.getX().getType(), fq.getLog2T().getType(), fq.getX(), fq.getLog2T(),
      g(), fq.getBitsAttr(), fq.getIsSignedAttr(), fq.getNarrowAttr(),
      fq.getRoundingAttr(), fq.getAxisAttr());
  if (need(0))
    grads[0] = grad.getDx();
  if (need(1))
    grads[1] = grad.getDlog2T();
  return success();
}

LogicalResult Rules::run() {
  grads.assign(op->getNumOperands(), Value());
  if (!g())
    return success();
  if (isa<tosa::AddOp, tosa::SubOp, tosa::MulOp, tosa::MaximumOp,
          tosa::MinimumOp, tosa::NegateOp, arith::AddFOp, arith::SubFOp,
          arith::MulFOp, arith::NegFOp, math::CeilOp>(op))
    return elementwise();
  if (auto c = dyn_cast<tosa::ClampOp>(op))
    return clamp(c);
  if (isa<tosa::Conv2DOp>(op))
    return conv(op, /*depthwise=*/false);
  if (isa<tosa::DepthwiseConv2DOp>(op))
    return conv(op, /*depthwise=*/true);
  if (auto mm = dyn_cast<tosa::MatMulOp>(op))
    return matmul(mm);
  if (isa<tosa::MaxPool2dOp>(op))
    return pool(op, /*isMax=*/true);
  if (isa<tosa::AvgPool2dOp>(op))
    return pool(op, /*isMax=*/false);
  if (auto c = dyn_cast<tosa::ConcatOp>(op))
    return concat(c);
  if (isa<tosa::ReduceSumOp>(op))
    return reduce(op, /*isSum=*/true);
  if (isa<tosa::ReduceMaxOp, tosa::ReduceMinOp>(op))
    return reduce(op, /*isSum=*/false);
  if (auto p = dyn_cast<tosa::PadOp>(op))
    return pad(p);
  if (auto s = dyn_cast<tosa::SliceOp>(op))
    return slice(s);
  if (auto fq = dyn_cast<FakeQuantOp>(op))
    return fakeQuant(fq);
  if (auto act = dyn_cast<ActivationOp>(op)) {
    // dx = dy * f'(x), f' as Activations.h defines it.
    if (need(0)) {
      numerics::Activation kind = act.getActivation();
      grads[0] =
          tb.map(act.getX(), {g(), act.getX()},
                 [kind](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                   Value d = buildActivationDerivative(nb, loc, kind, a[1]);
                   return mul(nb, loc, a[0], d);
                 });
    }
    return success();
  }
  if (auto r = dyn_cast<tosa::ReshapeOp>(op)) {
    if (need(0)) {
      Value x = r.getInput1();
      SmallVector<Value> dims;
      for (OpFoldResult s : tb.sizes(x))
        dims.push_back(getValueOrCreateConstantIndexOp(b, b.getLoc(), s));
      Value shape = tensor::FromElementsOp::create(b, dims);
      grads[0] = tensor::ReshapeOp::create(b, x.getType(), g(), shape);
    }
    return success();
  }
  if (auto t = dyn_cast<tosa::TransposeOp>(op)) {
    if (need(0)) {
      ArrayRef<int32_t> perms = t.getPerms();
      SmallVector<int32_t> inverse(perms.size());
      for (auto [i, p] : llvm::enumerate(perms))
        inverse[p] = int32_t(i);
      grads[0] = tosa::TransposeOp::create(b, t.getInput1().getType(), g(),
                                           b.getDenseI32ArrayAttr(inverse));
    }
    return success();
  }
  return op->emitOpError("has no gradient rule; --tqt-expand-training "
                         "differentiates tosa conv2d, depthwise_conv2d, "
                         "matmul, add, sub, mul, maximum, minimum, negate, "
                         "clamp, max_pool2d, avg_pool2d, concat, reshape, "
                         "transpose, pad, slice, reduce_sum/max/min and "
                         "tqt.fake_quant");
}

} // namespace

LogicalResult mlir::tqt::computeOperandGradients(
    TensorBuilder &tb, Operation *op, ArrayRef<Value> resultGrads,
    ArrayRef<bool> needed, SmallVectorImpl<Value> &operandGrads) {
  return Rules(tb, op, resultGrads, needed, operandGrads).run();
}
