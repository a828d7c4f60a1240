//===- DepthwiseEmitter.cpp - Generated depthwise kernels, int8 and f32 ---===//
//
// A depthwise convolution does K = KH * KW multiply-adds per output value and
// reads as many activations as it writes outputs: it is memory-bound, so the
// kernel vectorizes over channels and keeps everything else in registers:
//
//   copy:  activations -> X[n][H + pads][W + pads][Np] as i16 codes (int8) or
//          f32 (zero at the padding, so the inner loop has no bounds
//          checks); with a channel multiplier M, input channel c is copied
//          to the M lanes c * M .. c * M + M - 1 of its output channels
//   for each batch and output row, each block of L channels:
//     the KH * KW weight vectors and the bias vector stay in registers
//     for each P output pixels (then one at a time):
//       int8: acc[P] = bias; for each tap: acc += sext(X[...]) * w[tap] (i32)
//             epilogue on the registers, masked store of the final codes
//       f32:  acc[P] = 0; for each tap: acc = fma(X[...], w[tap], acc);
//             masked store of bias + acc
//
// L = 16 lanes on AVX-512, 8 on AVX2. The int8 products and sums are exact in
// i32 (the matcher's accumulator proof), the same numbers as the reference.
// The f32 kernel sums the products in the reference's order (kh, kw) from 0
// and adds the bias last, as TOSA's lowering does, one rounding per step
// (FMA): the reference's bits wherever products and sums are exact
// (fake-quantized operands, docs/Numerics.md section 16). Its weights [KH][KW]
// [C][M] and bias are the kernel's arguments (computed at run time in
// simulation and training graphs), read in place.
//
//===----------------------------------------------------------------------===//

#include "KernelEmitter.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::tqt;
using namespace mlir::tqt::codegen;
using ::mlir::tqt::codegen::KernelIsa;

namespace {

class DepthwiseEmitter : KernelEmitter {
public:
  DepthwiseEmitter(GemmProblem &p, KernelIsa isa, ImplicitLocOpBuilder &b,
                   StringRef name, SymbolTable &symbols)
      : KernelEmitter(p, b, name, symbols),
        lanes(isa == KernelIsa::Avx512Vnni ? 16 : 8),
        isFloat(getElementTypeOrSelf(p.root->getResult(0).getType()).isF32()) {
    // f32: 8 accumulators on zmm (two FMA units of latency 4) next to the
    // tap vectors; 4 where 16 registers must hold them.
    pixels = isFloat && lanes == 16 ? 8 : 4;
    paddedChannels = ceilDiv(p.n, lanes) * lanes;
    paddedHeight = p.height + p.padTop + p.padBottom;
    paddedWidth = p.width + p.padLeft + p.padRight;
  }

  func::FuncOp emit();

private:
  void copyPadded(Value src, Value xp, Value batch);
  void copyChannels(Value src, Value xp, ValueRange at, ValueRange to);
  void replicateChannels(Value src, Value xp, ValueRange at, ValueRange to);
  void emitPixels(int64_t pixels, Value n, Value oh, Value ow0, Value c0,
                  Value xp, ArrayRef<Value> w, Value bias,
                  ArrayRef<Value> channels, Value mask, Value active,
                  Value out);
  /// The element type of the padded copy: i16 codes or f32.
  Type copyType() {
    return isFloat ? Type(b.getF32Type()) : Type(b.getI16Type());
  }
  /// The accumulators' element type.
  Type accType() {
    return isFloat ? Type(b.getF32Type()) : Type(b.getI32Type());
  }
  Value zeroVector(Type element) {
    auto type = VectorType::get({lanes}, element);
    return arith::ConstantOp::create(b, type, b.getZeroAttr(type));
  }
  /// The codes of `v` widened to i16 (int8 kernels; f32 stays).
  Value widen(Value v, Type to) {
    if (isFloat ||
        getElementTypeOrSelf(v.getType()).getIntOrFloatBitWidth() >= 16)
      return v;
    return p.signedSource() ? Value(arith::ExtSIOp::create(b, to, v))
                            : Value(arith::ExtUIOp::create(b, to, v));
  }

  int64_t lanes;
  bool isFloat;
  /// Pixels per register tile along the output row.
  int64_t pixels;
  int64_t paddedChannels, paddedHeight, paddedWidth;
};

} // namespace

/// X[n][h + padTop][w + padLeft][c] = the codes as i16 (or the f32 values),
/// zero elsewhere.
void DepthwiseEmitter::copyPadded(Value src, Value xp, Value batch) {
  Value zeros = zeroVector(copyType());
  OpBuilder::InsertionGuard guard(b);
  auto [n, hp] = parallelImageRows(batch, paddedHeight);
  auto wLoop = scf::ForOp::create(b, idx(0), idx(paddedWidth), idx(1));
  b.setInsertionPointToStart(wLoop.getBody());
  Value wp = wLoop.getInductionVar();
  Value ih = arith::SubIOp::create(b, hp, idx(p.padTop));
  Value iw = arith::SubIOp::create(b, wp, idx(p.padLeft));
  auto inRange = [&](Value i, int64_t size) {
    return arith::AndIOp::create(
        b, arith::CmpIOp::create(b, arith::CmpIPredicate::sge, i, idx(0)),
        arith::CmpIOp::create(b, arith::CmpIPredicate::slt, i, idx(size)));
  };
  Value inside =
      arith::AndIOp::create(b, inRange(ih, p.height), inRange(iw, p.width));
  auto branch = scf::IfOp::create(b, inside, /*withElseRegion=*/true);
  b.setInsertionPointToStart(branch.thenBlock());
  if (p.multiplier == 1)
    copyChannels(src, xp, ValueRange{n, ih, iw}, ValueRange{n, hp, wp});
  else
    replicateChannels(src, xp, ValueRange{n, ih, iw}, ValueRange{n, hp, wp});
  b.setInsertionPointToStart(branch.elseBlock());
  auto zLoop = scf::ForOp::create(b, idx(0), idx(paddedChannels), idx(lanes));
  b.setInsertionPointToStart(zLoop.getBody());
  vector::StoreOp::create(b, zeros, xp,
                          ValueRange{n, hp, wp, zLoop.getInductionVar()});
}

/// One pixel's channels, a vector at a time (multiplier 1; the padding
/// lanes beyond C get zeros).
void DepthwiseEmitter::copyChannels(Value src, Value xp, ValueRange at,
                                    ValueRange to) {
  auto srcType = cast<MemRefType>(src.getType());
  auto srcVec = VectorType::get({lanes}, srcType.getElementType());
  auto copyVec = VectorType::get({lanes}, copyType());
  Value srcZeros = zeroVector(srcType.getElementType());
  auto cLoop = scf::ForOp::create(b, idx(0), idx(paddedChannels), idx(lanes));
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPointToStart(cLoop.getBody());
  Value c = cLoop.getInductionVar();
  SmallVector<Value> from(at), into(to);
  from.push_back(c);
  into.push_back(c);
  Value v;
  if (p.channels % lanes == 0) {
    v = vector::LoadOp::create(b, srcVec, src, from);
  } else {
    Value left = arith::MinSIOp::create(
        b, arith::SubIOp::create(b, idx(p.channels), c), idx(lanes));
    Value mask = vector::CreateMaskOp::create(
        b, VectorType::get({lanes}, b.getI1Type()), ValueRange{left});
    v = vector::MaskedLoadOp::create(b, srcVec, src, from, mask, srcZeros);
  }
  vector::StoreOp::create(b, widen(v, copyVec), xp, into);
}

/// One pixel's channels with a multiplier M: each value is widened once and
/// stored M times (scalars: the copy is a small part of the layer's work).
/// The padding lanes beyond C * M get zeros.
void DepthwiseEmitter::replicateChannels(Value src, Value xp, ValueRange at,
                                         ValueRange to) {
  OpBuilder::InsertionGuard g(b);
  if (p.n < paddedChannels) {
    Value zero = arith::ConstantOp::create(b, b.getZeroAttr(copyType()));
    auto zLoop = scf::ForOp::create(b, idx(p.n), idx(paddedChannels), idx(1));
    OpBuilder::InsertionGuard z(b);
    b.setInsertionPointToStart(zLoop.getBody());
    SmallVector<Value> into(to);
    into.push_back(zLoop.getInductionVar());
    memref::StoreOp::create(b, zero, xp, into);
  }
  auto cLoop = scf::ForOp::create(b, idx(0), idx(p.channels), idx(1));
  b.setInsertionPointToStart(cLoop.getBody());
  Value c = cLoop.getInductionVar();
  SmallVector<Value> from(at);
  from.push_back(c);
  Value v = widen(memref::LoadOp::create(b, src, from), copyType());
  Value base = mul(c, p.multiplier);
  for (int64_t m = 0; m < p.multiplier; ++m) {
    SmallVector<Value> into(to);
    into.push_back(add(base, m));
    memref::StoreOp::create(b, v, xp, into);
  }
}

void DepthwiseEmitter::emitPixels(int64_t pixels, Value n, Value oh, Value ow0,
                                  Value c0, Value xp, ArrayRef<Value> w,
                                  Value bias, ArrayRef<Value> channels,
                                  Value mask, Value active, Value out) {
  auto accType = VectorType::get({lanes}, this->accType());
  auto copyVec = VectorType::get({lanes}, copyType());
  SmallVector<Value> acc(pixels, isFloat ? zeroVector(b.getF32Type()) : bias);
  Value hBase = mul(oh, p.strideH);
  for (int64_t i = 0; i < p.kh; ++i) {
    Value hp = add(hBase, i * p.dilationH);
    for (int64_t j = 0; j < p.kw; ++j) {
      Value tap = w[i * p.kw + j];
      for (int64_t t = 0; t < pixels; ++t) {
        Value wp = add(mul(add(ow0, t), p.strideW), j * p.dilationW);
        Value x =
            vector::LoadOp::create(b, copyVec, xp, ValueRange{n, hp, wp, c0});
        if (isFloat) {
          acc[t] = vector::FMAOp::create(b, x, tap, acc[t]);
          continue;
        }
        Value wide = arith::ExtSIOp::create(b, accType, x);
        acc[t] = arith::AddIOp::create(b, acc[t],
                                       arith::MulIOp::create(b, wide, tap));
      }
    }
  }
  Type storage = cast<MemRefType>(out.getType()).getElementType();
  auto storeType = VectorType::get({lanes}, storage);
  Value rowBase = mul(add(mul(n, p.outHeight), oh), p.outWidth);
  for (int64_t t = 0; t < pixels; ++t) {
    Value v = isFloat ? clampFloat(arith::AddFOp::create(b, bias, acc[t]))
                      : epilogue(acc[t], channels);
    if (storeType != accType)
      v = arith::TruncIOp::create(b, storeType, v);
    storeActiveLanes(v, out, ValueRange{add(rowBase, add(ow0, t)), c0}, mask,
                     active);
  }
}

func::FuncOp DepthwiseEmitter::emit() {
  OpBuilder::InsertionGuard guard(b);
  // int8: the weights [tap][Np] and bias as i32 constants, padded with 0.
  memref::GlobalOp weightsGlobal, biasGlobal;
  SmallVector<memref::GlobalOp> channelGlobalOps;
  if (!isFloat) {
    SmallVector<int64_t> taps(size_t(p.k * paddedChannels), 0);
    for (int64_t t = 0; t < p.k; ++t)
      for (int64_t c = 0; c < p.n; ++c)
        taps[t * paddedChannels + c] = p.weights[t * p.n + c];
    weightsGlobal =
        constantGlobal("weights", i32Values(taps, p.k * paddedChannels));
    SmallVector<int64_t> bias(p.bias.begin(), p.bias.end());
    biasGlobal = constantGlobal("bias", i32Values(bias, paddedChannels));
    channelGlobalOps = channelGlobals(paddedChannels);
  }

  Value src = beginFunction();
  Value batch = this->batch();
  auto xpType = MemRefType::get(
      {ShapedType::kDynamic, paddedHeight, paddedWidth, paddedChannels},
      copyType());
  Value xp = memref::AllocOp::create(b, xpType, ValueRange{batch},
                                     b.getI64IntegerAttr(64));
  copyPadded(src, xp, batch);
  Value out = result();
  // f32: the arguments [KH][KW][C][M] as [tap * N + channel], and the bias
  // ([N], or [1] for every channel).
  Value wBuf, biasBuf;
  if (isFloat) {
    wBuf = memref::CollapseShapeOp::create(
        b, argument(1), ArrayRef<ReassociationIndices>{{0, 1, 2, 3}});
    biasBuf = argument(2);
  } else {
    wBuf = load(weightsGlobal);
    biasBuf = load(biasGlobal);
  }
  SmallVector<Value> channelBufs;
  for (memref::GlobalOp g : channelGlobalOps)
    channelBufs.push_back(load(g));

  auto accType = VectorType::get({lanes}, this->accType());
  auto [n, oh] = parallelImageRows(batch, p.outHeight);
  Operation *rowLoop = b.getInsertionBlock()->getParentOp();
  auto cLoop = scf::ForOp::create(b, idx(0), idx(paddedChannels), idx(lanes));
  b.setInsertionPointToStart(cLoop.getBody());
  Value c0 = cLoop.getInductionVar();
  Value left = arith::MinSIOp::create(b, arith::SubIOp::create(b, idx(p.n), c0),
                                      idx(lanes));
  Value mask = vector::CreateMaskOp::create(
      b, VectorType::get({lanes}, b.getI1Type()), ValueRange{left});
  SmallVector<Value> w, channels;
  Value biasVec;
  if (isFloat) {
    // Lanes past N read nothing (masked) and are never stored.
    Value zeros = zeroVector(b.getF32Type());
    auto channelVector = [&](Value buf, Value at) -> Value {
      if (p.n % lanes == 0)
        return vector::LoadOp::create(b, accType, buf, ValueRange{at});
      return vector::MaskedLoadOp::create(b, accType, buf, ValueRange{at}, mask,
                                          zeros);
    };
    for (int64_t t = 0; t < p.k; ++t)
      w.push_back(channelVector(wBuf, add(c0, t * p.n)));
    if (cast<MemRefType>(biasBuf.getType()).getDimSize(0) == p.n)
      biasVec = channelVector(biasBuf, c0);
    else
      biasVec = vector::BroadcastOp::create(
          b, accType, memref::LoadOp::create(b, biasBuf, ValueRange{idx(0)}));
  } else {
    for (int64_t t = 0; t < p.k; ++t)
      w.push_back(vector::LoadOp::create(
          b, accType, wBuf, ValueRange{add(c0, t * paddedChannels)}));
    biasVec = vector::LoadOp::create(b, accType, biasBuf, ValueRange{c0});
    for (Value buf : channelBufs)
      channels.push_back(
          vector::LoadOp::create(b, accType, buf, ValueRange{c0}));
  }
  int64_t mainPixels = p.outWidth - p.outWidth % pixels;
  if (mainPixels > 0) {
    auto loop = scf::ForOp::create(b, idx(0), idx(mainPixels), idx(pixels));
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(loop.getBody());
    emitPixels(pixels, n, oh, loop.getInductionVar(), c0, xp, w, biasVec,
               channels, mask, left, out);
  }
  if (mainPixels < p.outWidth) {
    auto loop = scf::ForOp::create(b, idx(mainPixels), idx(p.outWidth), idx(1));
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(loop.getBody());
    emitPixels(1, n, oh, loop.getInductionVar(), c0, xp, w, biasVec, channels,
               mask, left, out);
  }
  b.setInsertionPointAfter(rowLoop);
  return finishFunction();
}

func::FuncOp mlir::tqt::codegen::emitDepthwiseKernel(GemmProblem &p,
                                                     KernelIsa isa,
                                                     StringRef name,
                                                     SymbolTable &symbols) {
  ImplicitLocOpBuilder b(p.root->getLoc(), p.root->getContext());
  return DepthwiseEmitter(p, isa, b, name, symbols).emit();
}
