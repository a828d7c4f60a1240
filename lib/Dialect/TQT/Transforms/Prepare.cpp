//===- Prepare.cpp - Batch norm folding and average pooling ---------------===//

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <set>

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTPREPARE
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;

namespace {

/// The f32 values of a dense constant.
std::optional<SmallVector<float>> constantValues(Value v) {
  using mlir::tqt::getDenseF32;
  Attribute attr;
  if (auto c = v.getDefiningOp<tosa::ConstOp>())
    attr = c.getValues();
  else if (auto c = v.getDefiningOp<arith::ConstantOp>())
    attr = c.getValue();
  auto dense = getDenseF32(attr);
  if (!dense)
    return std::nullopt;
  return SmallVector<float>(dense.getValues<float>());
}

/// A constant that broadcasts along the last dimension only: [C] or
/// [1, ..., 1, C] (or a single value), as `channels` values.
std::optional<SmallVector<float>> perChannel(Value v, int64_t channels) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  ArrayRef<int64_t> shape = type.getShape();
  for (size_t d = 0; d + 1 < shape.size(); ++d)
    if (shape[d] != 1)
      return std::nullopt;
  int64_t last = shape.empty() ? 1 : shape.back();
  if (last != channels && last != 1)
    return std::nullopt;
  auto values = constantValues(v);
  if (!values)
    return std::nullopt;
  if (last == 1)
    return SmallVector<float>(channels, (*values)[0]);
  return values;
}

/// The value of a one-element integer constant (tosa.mul's shift).
std::optional<int64_t> constantInt(Value v) {
  auto c = v.getDefiningOp<tosa::ConstOp>();
  auto dense = c ? dyn_cast<DenseIntElementsAttr>(c.getValues()) : nullptr;
  if (!dense || dense.getNumElements() != 1)
    return std::nullopt;
  return (*dense.getValues<APInt>().begin()).getSExtValue();
}

Value makeConst(PatternRewriter &rewriter, Location loc, RankedTensorType type,
                ArrayRef<float> values) {
  return tosa::ConstOp::create(rewriter, loc, type,
                               DenseElementsAttr::get(type, values));
}

/// y = conv(x, w, b) followed by a per-channel mul / add / sub with a
/// constant: fold it into w and b.
template <typename EltOp> struct FoldChannelOp : OpRewritePattern<EltOp> {
  using OpRewritePattern<EltOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(EltOp op,
                                PatternRewriter &rewriter) const override {
    Value lhs = op.getInput1(), rhs = op.getInput2();
    Operation *conv = lhs.getDefiningOp();
    Value c = rhs;
    // mul and add commute; sub only folds as conv - c.
    if (!isConv(conv) && !std::is_same_v<EltOp, tosa::SubOp>) {
      conv = rhs.getDefiningOp();
      c = lhs;
    }
    if (!isConv(conv) || !conv->getResult(0).hasOneUse())
      return failure();
    if constexpr (std::is_same_v<EltOp, tosa::MulOp>) {
      auto shift = constantInt(op.getShift());
      if (!shift || *shift != 0)
        return failure();
    }
    auto outType = cast<RankedTensorType>(conv->getResult(0).getType());
    int64_t channels = outType.getShape().back();
    if (ShapedType::isDynamic(channels) || op.getType() != outType)
      return failure();
    auto k = perChannel(c, channels);
    auto w = constantValues(conv->getOperand(1));
    auto b = constantValues(conv->getOperand(2));
    if (!k || !w || !b || int64_t(b->size()) != channels)
      return failure();

    SmallVector<float> newW = *w, newB = *b;
    if constexpr (std::is_same_v<EltOp, tosa::MulOp>) {
      // Output channel of each weight: the slowest dimension of conv2d's
      // OHWI, the flattened last two (C * M) of depthwise's HWCM.
      bool depthwise = isa<tosa::DepthwiseConv2DOp>(conv);
      int64_t perOut = int64_t(w->size()) / channels;
      for (int64_t i = 0; i < int64_t(w->size()); ++i)
        newW[i] *= (*k)[depthwise ? i % channels : i / perOut];
      for (int64_t o = 0; o < channels; ++o)
        newB[o] *= (*k)[o];
    } else {
      float sign = std::is_same_v<EltOp, tosa::SubOp> ? -1.0f : 1.0f;
      for (int64_t o = 0; o < channels; ++o)
        newB[o] += sign * (*k)[o];
    }
    Location loc = conv->getLoc();
    rewriter.setInsertionPoint(conv);
    Value wc =
        makeConst(rewriter, loc,
                  cast<RankedTensorType>(conv->getOperand(1).getType()), newW);
    Value bc =
        makeConst(rewriter, loc,
                  cast<RankedTensorType>(conv->getOperand(2).getType()), newB);
    Operation *folded = rewriter.clone(*conv);
    folded->setOperand(1, wc);
    folded->setOperand(2, bc);
    folded->setLoc(rewriter.getFusedLoc({conv->getLoc(), op.getLoc()}));
    rewriter.replaceOp(op, folded->getResults());
    rewriter.eraseOp(conv);
    return success();
  }

  static bool isConv(Operation *op) {
    return isa_and_present<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(op);
  }
};

/// A fully connected layer ending in `y`: reshape*(matmul(x, W)) with an
/// optional bias add of a constant, each value used once.
struct FullyConnected {
  tosa::MatMulOp matmul;
  Operation *biasAdd = nullptr;
  Value bias;
};

std::optional<FullyConnected> matchFullyConnected(Value y) {
  FullyConnected fc;
  Value v = y;
  if (auto add = v.getDefiningOp<tosa::AddOp>()) {
    for (unsigned bi = 0; bi < 2; ++bi)
      if (constantValues(add->getOperand(bi)) &&
          add->getOperand(1 - bi).getDefiningOp<tosa::ReshapeOp>()) {
        fc.biasAdd = add;
        fc.bias = add->getOperand(bi);
        v = add->getOperand(1 - bi);
      }
    if (!fc.biasAdd)
      return std::nullopt;
  }
  while (auto reshape = v.getDefiningOp<tosa::ReshapeOp>()) {
    if (!reshape.getResult().hasOneUse())
      break;
    v = reshape.getInput1();
  }
  fc.matmul = v.getDefiningOp<tosa::MatMulOp>();
  if (!fc.matmul || !fc.matmul.getResult().hasOneUse() || !y.hasOneUse() ||
      (fc.biasAdd && !fc.biasAdd->getResult(0).hasOneUse()))
    return std::nullopt;
  return fc;
}

/// Replaces the layer's bias constant by `values`.
void replaceBias(PatternRewriter &rewriter, Location loc,
                 const FullyConnected &fc, ArrayRef<float> values) {
  rewriter.setInsertionPoint(fc.biasAdd);
  Value bc = makeConst(rewriter, loc, cast<RankedTensorType>(fc.bias.getType()),
                       values);
  rewriter.modifyOpInPlace(fc.biasAdd, [&] {
    fc.biasAdd->setOperand(fc.biasAdd->getOperand(0) == fc.bias ? 0 : 1, bc);
  });
}

/// What the channel-op patterns share: the kind of op, whether it is a plain
/// per-channel op (a mul with a nonzero shift is not), and the (constant,
/// value) operand orders to try (a sub only as value - constant).
template <typename EltOp> struct ChannelOp {
  static constexpr bool isMul = std::is_same_v<EltOp, tosa::MulOp>;
  static constexpr bool isSub = std::is_same_v<EltOp, tosa::SubOp>;

  static bool isPlain(EltOp op) {
    if constexpr (isMul) {
      auto shift = constantInt(op.getShift());
      return shift && *shift == 0;
    }
    return true;
  }

  static SmallVector<std::pair<Value, Value>, 2> operandOrders(EltOp op) {
    SmallVector<std::pair<Value, Value>, 2> orders;
    if (!isSub)
      orders.push_back({op->getOperand(0), op->getOperand(1)});
    orders.push_back({op->getOperand(1), op->getOperand(0)});
    return orders;
  }
};

/// Batch norm after a fully connected layer: y = reshape*(matmul(x, W)) [+ b]
/// followed by a per-channel mul / add / sub with a constant (channels are
/// W's last dimension). mul scales W's columns and b; add / sub fold into b
/// (an add without b is the layer's own bias add and stays; a sub becomes
/// one).
template <typename EltOp>
struct FoldChannelOpIntoMatMul : OpRewritePattern<EltOp>, ChannelOp<EltOp> {
  using OpRewritePattern<EltOp>::OpRewritePattern;
  using ChannelOp<EltOp>::isMul;
  using ChannelOp<EltOp>::isSub;

  LogicalResult matchAndRewrite(EltOp op,
                                PatternRewriter &rewriter) const override {
    if (!this->isPlain(op))
      return failure();
    for (auto [c, y] : this->operandOrders(op)) {
      auto fc = matchFullyConnected(y);
      if (!fc || op.getType() != y.getType())
        continue;
      auto wType = cast<RankedTensorType>(fc->matmul.getB().getType());
      int64_t channels = wType.getShape().back();
      auto k = perChannel(c, channels);
      auto w = constantValues(fc->matmul.getB());
      std::optional<SmallVector<float>> b;
      if (fc->biasAdd && !(b = perChannel(fc->bias, channels)))
        continue;
      if (!k || !w)
        continue;
      if (std::is_same_v<EltOp, tosa::AddOp> && !fc->biasAdd)
        return failure(); // this add is the layer's bias add
      if constexpr (isMul)
        foldScale(rewriter, op.getLoc(), *fc, wType, *w, b, *k);
      else if (fc->biasAdd)
        foldShift(rewriter, op.getLoc(), *fc, *b, *k);
      else
        return turnIntoBiasAdd(rewriter, op, y, *k);
      rewriter.replaceOp(op, y);
      return success();
    }
    return failure();
  }

  /// W's columns and b times k.
  static void foldScale(PatternRewriter &rewriter, Location loc,
                        const FullyConnected &fc, RankedTensorType wType,
                        ArrayRef<float> w,
                        const std::optional<SmallVector<float>> &b,
                        ArrayRef<float> k) {
    int64_t channels = int64_t(k.size());
    SmallVector<float> newW(w);
    for (size_t i = 0; i < newW.size(); ++i)
      newW[i] *= k[i % channels];
    rewriter.setInsertionPoint(fc.matmul);
    Value wc = makeConst(rewriter, loc, wType, newW);
    rewriter.modifyOpInPlace(fc.matmul, [&] { fc.matmul->setOperand(1, wc); });
    if (!b)
      return;
    SmallVector<float> newB = *b;
    for (int64_t o = 0; o < channels; ++o)
      newB[o] *= k[o];
    replaceBias(rewriter, loc, fc, newB);
  }

  /// b + k (add) or b - k (sub).
  static void foldShift(PatternRewriter &rewriter, Location loc,
                        const FullyConnected &fc, ArrayRef<float> b,
                        ArrayRef<float> k) {
    float sign = isSub ? -1.0f : 1.0f;
    SmallVector<float> newB(b);
    for (size_t o = 0; o < k.size(); ++o)
      newB[o] += sign * k[o];
    replaceBias(rewriter, loc, fc, newB);
  }

  /// y - c without a bias becomes the bias add y + (-c).
  static LogicalResult turnIntoBiasAdd(PatternRewriter &rewriter, EltOp op,
                                       Value y, ArrayRef<float> k) {
    int64_t channels = int64_t(k.size());
    SmallVector<float> negated(channels);
    for (int64_t o = 0; o < channels; ++o)
      negated[o] = -k[o];
    rewriter.setInsertionPoint(op);
    auto yType = cast<RankedTensorType>(y.getType());
    SmallVector<int64_t> shape(yType.getRank(), 1);
    shape.back() = channels;
    auto shapeType = RankedTensorType::get(shape, rewriter.getF32Type());
    Value bias = makeConst(rewriter, op.getLoc(), shapeType, negated);
    rewriter.replaceOpWithNewOp<tosa::AddOp>(op, op.getType(), y, bias);
    return success();
  }
};

/// Unpadded average pooling as a depthwise convolution by 1 / (kh * kw).
struct AvgPoolToDepthwise : OpRewritePattern<tosa::AvgPool2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tosa::AvgPool2dOp op,
                                PatternRewriter &rewriter) const override {
    if (llvm::any_of(op.getPad(), [](int64_t p) { return p != 0; }))
      return failure();
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t channels = inType.getShape().back();
    if (ShapedType::isDynamic(channels) || !inType.getElementType().isF32())
      return failure();
    ArrayRef<int64_t> kernel = op.getKernel();
    Location loc = op.getLoc();
    auto f32 = rewriter.getF32Type();
    auto wType =
        RankedTensorType::get({kernel[0], kernel[1], channels, 1}, f32);
    Value w =
        makeConst(rewriter, loc, wType,
                  SmallVector<float>(wType.getNumElements(),
                                     1.0f / float(kernel[0] * kernel[1])));
    Value b = makeConst(rewriter, loc, RankedTensorType::get({channels}, f32),
                        SmallVector<float>(channels, 0.0f));
    Value zp =
        makeConst(rewriter, loc, RankedTensorType::get({1}, f32), {0.0f});
    auto dw = tosa::DepthwiseConv2DOp::create(
        rewriter, loc, op.getType(), op.getInput(), w, b, zp, zp,
        rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}), op.getStrideAttr(),
        rewriter.getDenseI64ArrayAttr({1, 1}), TypeAttr::get(f32),
        rewriter.getBoolAttr(false));
    dw->setAttr(mlir::tqt::TQTDialect::AvgpoolAttrHelper::getNameStr(),
                rewriter.getUnitAttr());
    rewriter.replaceOp(op, dw.getResult());
    return success();
  }
};

/// A per-channel mul / add / sub with a constant that no layer before it
/// absorbs (batch norm after a concat or an activation, as pre-activation
/// networks such as DenseNet place it): a 1x1 depthwise convolution with the
/// scale as weights and the shift as bias, a layer the quantizers know. Runs
/// after the folding patterns, and the ops after it then fold into it. A mul
/// by one value for all channels that feeds a maximum with its own input is
/// a leaky ReLU and stays.
template <typename EltOp>
struct ChannelAffineToDepthwise : OpRewritePattern<EltOp>, ChannelOp<EltOp> {
  using OpRewritePattern<EltOp>::OpRewritePattern;
  using ChannelOp<EltOp>::isMul;
  using ChannelOp<EltOp>::isSub;

  LogicalResult matchAndRewrite(EltOp op,
                                PatternRewriter &rewriter) const override {
    if (!this->isPlain(op))
      return failure();
    for (auto [c, x] : this->operandOrders(op)) {
      auto type = dyn_cast<RankedTensorType>(x.getType());
      if (!type || type.getRank() != 4 || op.getType() != type ||
          !type.getElementType().isF32() || constantValues(x))
        continue;
      int64_t channels = type.getShape().back();
      if (ShapedType::isDynamic(channels))
        continue;
      auto k = perChannel(c, channels);
      if (!k)
        continue;
      if (isMul && isLeakyRelu(op, x))
        return failure();
      // The first op of a chain becomes the layer; the rest fold into it.
      if (isChannelAffine(x.getDefiningOp(), channels))
        return failure();
      SmallVector<float> w(channels, 1.0f), b(channels, 0.0f);
      for (int64_t o = 0; o < channels; ++o) {
        if (isMul)
          w[o] = (*k)[o];
        else
          b[o] = isSub ? -(*k)[o] : (*k)[o];
      }
      Location loc = op.getLoc();
      auto f32 = rewriter.getF32Type();
      Value wc = makeConst(rewriter, loc,
                           RankedTensorType::get({1, 1, channels, 1}, f32), w);
      Value bc =
          makeConst(rewriter, loc, RankedTensorType::get({channels}, f32), b);
      Value zp =
          makeConst(rewriter, loc, RankedTensorType::get({1}, f32), {0.0f});
      rewriter.replaceOpWithNewOp<tosa::DepthwiseConv2DOp>(
          op, type, x, wc, bc, zp, zp,
          rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}),
          rewriter.getDenseI64ArrayAttr({1, 1}),
          rewriter.getDenseI64ArrayAttr({1, 1}), TypeAttr::get(f32),
          rewriter.getBoolAttr(false));
      return success();
    }
    return failure();
  }

  /// A mul / add / sub of a value and a per-channel constant.
  static bool isChannelAffine(Operation *op, int64_t channels) {
    if (!isa_and_present<tosa::MulOp, tosa::AddOp, tosa::SubOp>(op))
      return false;
    return llvm::any_of(op->getOperands().take_front(2), [&](Value v) {
      return perChannel(v, channels).has_value();
    });
  }

  /// maximum(mul(x, alpha), x) (either operand order).
  static bool isLeakyRelu(Operation *mul, Value x) {
    return llvm::any_of(mul->getUsers(), [&](Operation *user) {
      auto max = dyn_cast<tosa::MaximumOp>(user);
      return max && (max.getInput1() == x || max.getInput2() == x);
    });
  }
};

/// Global average pooling as exporters write a spatial mean:
/// mul(reduce_sum(reduce_sum(x, axis 1), axis 2), 1 / (H * W)) (either axis
/// first) on NHWC becomes the unpadded average pooling over H x W, which
/// AvgPoolToDepthwise then turns into the depthwise reciprocal.
struct SpatialMeanToAvgPool : OpRewritePattern<tosa::MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tosa::MulOp op,
                                PatternRewriter &rewriter) const override {
    for (unsigned sumIndex = 0; sumIndex < 2; ++sumIndex) {
      auto outer = op->getOperand(sumIndex).getDefiningOp<tosa::ReduceSumOp>();
      auto inner =
          outer ? outer.getInput().getDefiningOp<tosa::ReduceSumOp>() : nullptr;
      if (!inner || !outer.getResult().hasOneUse() ||
          !inner.getResult().hasOneUse())
        continue;
      std::set<int32_t> axes = {int32_t(inner.getAxis()),
                                int32_t(outer.getAxis())};
      if (axes != std::set<int32_t>{1, 2})
        continue;
      auto inType = dyn_cast<RankedTensorType>(inner.getInput().getType());
      if (!inType || inType.getRank() != 4 ||
          !inType.getElementType().isF32() ||
          ShapedType::isDynamic(inType.getDimSize(1)) ||
          ShapedType::isDynamic(inType.getDimSize(2)))
        continue;
      int64_t h = inType.getDimSize(1), w = inType.getDimSize(2);
      auto c = constantValues(op->getOperand(1 - sumIndex));
      if (!c || c->size() != 1 || (*c)[0] != 1.0f / float(h * w))
        continue;
      auto shift = constantInt(op.getShift());
      if (!shift || *shift != 0)
        continue;
      Location loc = op.getLoc();
      auto f32 = rewriter.getF32Type();
      Value zp =
          makeConst(rewriter, loc, RankedTensorType::get({1}, f32), {0.0f});
      auto pool = tosa::AvgPool2dOp::create(
          rewriter, loc, op.getType(), inner.getInput(), zp, zp,
          rewriter.getDenseI64ArrayAttr({h, w}),
          rewriter.getDenseI64ArrayAttr({h, w}),
          rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}), TypeAttr::get(f32));
      rewriter.replaceOp(op, pool.getResult());
      return success();
    }
    return failure();
  }
};

/// tosa.sigmoid / tosa.tanh as tqt.activation: one exact sequence for the
/// simulation and the integer program's tables (docs/Numerics.md 15).
template <typename TosaOp, mlir::tqt::ActivationKind kind>
struct ToActivation : OpRewritePattern<TosaOp> {
  using OpRewritePattern<TosaOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(TosaOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<TensorType>(op.getType());
    if (!type || !type.getElementType().isF32())
      return failure();
    rewriter.replaceOpWithNewOp<mlir::tqt::ActivationOp>(
        op, op.getType(), op.getInput(),
        mlir::tqt::ActivationKindAttr::get(op.getContext(), kind));
    return success();
  }
};

struct PreparePass : mlir::tqt::impl::TQTPrepareBase<PreparePass> {
  void runOnOperation() override {
    bool failedAny = false;
    getOperation()->walk([&](tosa::AvgPool2dOp op) {
      if (llvm::any_of(op.getPad(), [](int64_t p) { return p != 0; })) {
        op.emitOpError("with padding divides border windows by their number "
                       "of valid elements; a constant reciprocal cannot "
                       "express that (pad the input explicitly instead)");
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();
    auto folding = [&] {
      RewritePatternSet patterns(&getContext());
      patterns.add<
          FoldChannelOp<tosa::MulOp>, FoldChannelOp<tosa::AddOp>,
          FoldChannelOp<tosa::SubOp>, FoldChannelOpIntoMatMul<tosa::MulOp>,
          FoldChannelOpIntoMatMul<tosa::AddOp>,
          FoldChannelOpIntoMatMul<tosa::SubOp>, AvgPoolToDepthwise,
          SpatialMeanToAvgPool,
          ToActivation<tosa::SigmoidOp, mlir::tqt::ActivationKind::Sigmoid>,
          ToActivation<tosa::TanhOp, mlir::tqt::ActivationKind::Tanh>>(
          &getContext());
      return patterns;
    };
    if (failed(applyPatternsGreedily(getOperation(), folding())))
      return signalPassFailure();
    // What no layer absorbed becomes a layer of its own (and what follows
    // folds into it).
    RewritePatternSet standalone = folding();
    standalone.add<ChannelAffineToDepthwise<tosa::MulOp>,
                   ChannelAffineToDepthwise<tosa::AddOp>,
                   ChannelAffineToDepthwise<tosa::SubOp>>(&getContext(),
                                                          /*benefit=*/0);
    if (failed(applyPatternsGreedily(getOperation(), std::move(standalone))))
      signalPassFailure();
  }
};

} // namespace
