//===- GemmEmitter.cpp - Generated int8 GEMM micro-kernels ----------------===//
//
// Writes one private function per layer:
//
//   pack:     activations -> A[M][KP] (im2col rows, zero code at padding,
//             the +128 offset for signed codes on VNNI, 16-bit on AVX2)
//   for each N tile of NR columns (packed weights B[N/NR][KP/G][NR][G])
//   and each MR rows, in parallel (split by rows, or by N tiles where N
//   exceeds the rows of one image; then the remaining rows one at a time,
//   their N tiles in parallel):
//       acc[MR][NV] = initial values (bias, minus 128 * weight sums)
//       for each group of G values along K: acc += dot(A broadcast, B)
//       epilogue on the registers, masked store of the final codes
//
// Everything is built from vector/arith/scf/memref ops plus one
// llvm.call_intrinsic per dot product, so the instructions are the
// compiler's, checked by lit tests per ISA.
//
//===----------------------------------------------------------------------===//

#include "KernelEmitter.h"

#include "tqt/Conversion/RequantizeArith.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::tqt;
using namespace mlir::tqt::codegen;
using ::mlir::tqt::codegen::KernelIsa;

namespace {

/// The register tile of one ISA.
struct TileShape {
  int64_t lanes;   ///< i32 lanes of a vector register
  int64_t group;   ///< K values packed in one 32-bit lane
  int64_t vectors; ///< vector registers per tile row (NR = vectors * lanes)
  int64_t rows;    ///< MR
  unsigned packedBits;
};

TileShape tileShapeFor(KernelIsa isa) {
  switch (isa) {
  case KernelIsa::AvxVnni:
    // 6 x 2 ymm accumulators + 2 weight vectors + 1 broadcast = 15 of 16.
    return {8, 4, 2, 6, 8};
  case KernelIsa::Avx512Vnni:
    // 6 x 4 zmm accumulators + 4 weight vectors + 1 broadcast = 29 of 32.
    return {16, 4, 4, 6, 8};
  case KernelIsa::Avx2:
    // 6 x 2 ymm accumulators + 2 weight vectors + 1 broadcast = 15 of 16.
    return {8, 2, 2, 6, 16};
  case KernelIsa::None:
    break;
  }
  llvm_unreachable("no tile for KernelIsa::None");
}

class GemmEmitter : KernelEmitter {
public:
  GemmEmitter(GemmProblem &p, KernelIsa isa, ImplicitLocOpBuilder &b,
              StringRef name, SymbolTable &symbols)
      : KernelEmitter(p, b, name, symbols), tile(tileShapeFor(isa)) {
    nr = tile.vectors * tile.lanes;
    nTiles = ceilDiv(p.n, nr);
    kGroups = ceilDiv(p.k, tile.group);
    kPadded = kGroups * tile.group;
    packed = b.getIntegerType(tile.packedBits);
    offset128 = tile.packedBits == 8 && p.signedSource();
  }

  func::FuncOp emit();

private:
  /// The weights as the register tile reads them.
  DenseElementsAttr packedWeights();

  // Activation packing.
  Value convertRun(Value v);
  void copyRun(Value src, ValueRange srcIndex, Value ap, Value m, int64_t k0);
  void fillRun(Value ap, Value m, int64_t k0, int64_t count, int64_t value);
  void packConv(Value src, Value ap, Value batch);
  void packRows(Value src, Value ap, Value rows);
  void packTail(Value ap, Value m);

  // The register tile.
  void emitTile(int64_t rows, Value m0, Value nt, Value bp, Value ap,
                ArrayRef<Value> init, ArrayRef<Value> channels,
                ArrayRef<Value> masks, ArrayRef<Value> actives, Value out);
  Value dot(Value acc, Value a, Value w);

  TileShape tile;
  int64_t nr, nTiles, kGroups, kPadded;
  IntegerType packed;
  bool offset128;
};

} // namespace

DenseElementsAttr GemmEmitter::packedWeights() {
  // [nTiles][kGroups][nr][group], zero outside K x N.
  int64_t size = nTiles * kGroups * nr * tile.group;
  SmallVector<APInt> values(size_t(size), APInt(tile.packedBits, 0));
  for (int64_t t = 0; t < nTiles; ++t)
    for (int64_t g = 0; g < kGroups; ++g)
      for (int64_t j = 0; j < nr; ++j)
        for (int64_t e = 0; e < tile.group; ++e) {
          int64_t row = g * tile.group + e, col = t * nr + j;
          if (row >= p.k || col >= p.n)
            continue;
          values[((t * kGroups + g) * nr + j) * tile.group + e] = APInt(
              tile.packedBits, uint64_t(int64_t(p.weights[row * p.n + col])),
              /*isSigned=*/true);
        }
  return DenseElementsAttr::get(RankedTensorType::get({size}, packed), values);
}

//===----------------------------------------------------------------------===//
// Activation packing
//===----------------------------------------------------------------------===//

/// Source codes (i8 or i16 storage) to the packed operand type.
Value GemmEmitter::convertRun(Value v) {
  auto type = cast<VectorType>(v.getType());
  auto to = VectorType::get(type.getShape(), packed);
  unsigned from = type.getElementType().getIntOrFloatBitWidth();
  if (from > tile.packedBits)
    v = arith::TruncIOp::create(b, to, v);
  else if (from < tile.packedBits)
    v = p.signedSource() ? Value(arith::ExtSIOp::create(b, to, v))
                         : Value(arith::ExtUIOp::create(b, to, v));
  if (offset128) // a + 128 in u8 is a ^ 0x80 on the i8 bits
    v = arith::XOrIOp::create(b, v, intConstant(b, to, -128));
  return v;
}

/// Copies `channels` codes starting at `srcIndex` into A[m][k0...].
void GemmEmitter::copyRun(Value src, ValueRange srcIndex, Value ap, Value m,
                          int64_t k0) {
  auto srcType = cast<MemRefType>(src.getType());
  const int64_t chunk = 16;
  int64_t whole = p.channels / chunk, rest = p.channels % chunk;
  auto srcVec = VectorType::get({chunk}, srcType.getElementType());
  SmallVector<Value> at(srcIndex.begin(), srcIndex.end());
  Value lastSrc = at.back();
  auto copyChunk = [&](Value c, Value mask) {
    at.back() = add(lastSrc, c);
    Value k = add(c, k0);
    if (!mask) {
      Value v = vector::LoadOp::create(b, srcVec, src, at);
      vector::StoreOp::create(b, convertRun(v), ap, ValueRange{m, k});
      return;
    }
    Value zero = arith::ConstantOp::create(
        b, DenseElementsAttr::get(srcVec,
                                  APInt(srcVec.getElementTypeBitWidth(), 0)));
    Value v = vector::MaskedLoadOp::create(b, srcVec, src, at, mask, zero);
    storeActiveLanes(convertRun(v), ap, ValueRange{m, k}, mask, idx(rest));
  };
  if (whole > 0) {
    auto loop = scf::ForOp::create(b, idx(0), idx(whole * chunk), idx(chunk));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    copyChunk(loop.getInductionVar(), Value());
  }
  if (rest > 0) {
    Value mask = vector::ConstantMaskOp::create(
        b, VectorType::get({chunk}, b.getI1Type()), ArrayRef<int64_t>{rest});
    copyChunk(idx(whole * chunk), mask);
  }
}

/// A[m][k0 .. k0 + count) = value (the packed zero code).
void GemmEmitter::fillRun(Value ap, Value m, int64_t k0, int64_t count,
                          int64_t value) {
  const int64_t chunk = 16;
  auto vec = VectorType::get({chunk}, packed);
  Value splat = intConstant(b, vec, value);
  for (int64_t c = 0; c < count; c += chunk) {
    int64_t n = std::min(chunk, count - c);
    Value k = idx(k0 + c);
    if (n == chunk) {
      vector::StoreOp::create(b, splat, ap, ValueRange{m, k});
      continue;
    }
    Value mask = vector::ConstantMaskOp::create(
        b, VectorType::get({chunk}, b.getI1Type()), ArrayRef<int64_t>{n});
    vector::MaskedStoreOp::create(b, ap, ValueRange{m, k}, mask, splat);
  }
}

/// Zero weights meet whatever A holds past K; write zeros anyway so that
/// the packed rows are fully defined.
void GemmEmitter::packTail(Value ap, Value m) {
  for (int64_t k = p.k; k < kPadded; ++k)
    memref::StoreOp::create(b, intConstant(b, packed, 0), ap,
                            ValueRange{m, idx(k)});
}

void GemmEmitter::packConv(Value src, Value ap, Value batch) {
  int64_t padCode = offset128 ? -128 : 0;
  forEachWindowTap(
      batch,
      [&](ValueRange at, Value m, int64_t k0) { copyRun(src, at, ap, m, k0); },
      [&](Value m, int64_t k0) { fillRun(ap, m, k0, p.channels, padCode); },
      [&](Value m) { packTail(ap, m); });
}

void GemmEmitter::packRows(Value src, Value ap, Value rows) {
  OpBuilder::InsertionGuard guard(b);
  Value m = parallelFor(idx(0), rows, 1);
  copyRun(src, ValueRange{idx(0), m, idx(0)}, ap, m, 0);
  packTail(ap, m);
}

//===----------------------------------------------------------------------===//
// The register tile
//===----------------------------------------------------------------------===//

Value GemmEmitter::dot(Value acc, Value a, Value w) {
  // vpdpbusd (u8 x s8, 4 per lane) or vpmaddwd + vpaddd (i16 pairs); both
  // exact, lowered by --tqt-lower-dot-steps after bufferization.
  return DotStepOp::create(b, acc.getType(), acc, a, w);
}

void GemmEmitter::emitTile(int64_t rows, Value m0, Value nt, Value bp, Value ap,
                           ArrayRef<Value> init, ArrayRef<Value> channels,
                           ArrayRef<Value> masks, ArrayRef<Value> actives,
                           Value out) {
  auto accType = VectorType::get({tile.lanes}, b.getI32Type());
  auto operandType = VectorType::get({tile.lanes * tile.group}, packed);
  auto groupType = VectorType::get({tile.group}, packed);
  SmallVector<Value> inits;
  for (int64_t r = 0; r < rows; ++r)
    llvm::append_range(inits, init);

  auto kLoop = scf::ForOp::create(b, idx(0), idx(kGroups), idx(1), inits);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(kLoop.getBody());
    Value g = kLoop.getInductionVar();
    ValueRange acc = kLoop.getRegionIterArgs();
    // Weights of this K group: NV vectors, contiguous.
    Value base = mul(add(mul(nt, kGroups), g), nr * tile.group);
    SmallVector<Value> w;
    for (int64_t j = 0; j < tile.vectors; ++j)
      w.push_back(vector::LoadOp::create(
          b, operandType, bp,
          ValueRange{add(base, j * tile.lanes * tile.group)}));
    Value kOffset = mul(g, tile.group);
    SmallVector<Value> next;
    for (int64_t r = 0; r < rows; ++r) {
      // G codes of row r as one i32, broadcast to every lane.
      Value group = vector::LoadOp::create(b, groupType, ap,
                                           ValueRange{add(m0, r), kOffset});
      Value asI32 = vector::BitCastOp::create(
          b, VectorType::get({1}, b.getI32Type()), group);
      Value scalar = vector::ExtractOp::create(b, asI32, ArrayRef<int64_t>{0});
      Value bcast = vector::BroadcastOp::create(b, accType, scalar);
      Value a = vector::BitCastOp::create(b, operandType, bcast);
      for (int64_t j = 0; j < tile.vectors; ++j)
        next.push_back(dot(acc[r * tile.vectors + j], a, w[j]));
    }
    scf::YieldOp::create(b, next);
  }

  Type storage = cast<MemRefType>(out.getType()).getElementType();
  auto storeType = VectorType::get({tile.lanes}, storage);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < tile.vectors; ++j) {
      SmallVector<Value> channelsOfJ;
      for (size_t s = 0; s < channels.size() / tile.vectors; ++s)
        channelsOfJ.push_back(channels[s * tile.vectors + j]);
      Value v = epilogue(kLoop.getResult(r * tile.vectors + j), channelsOfJ);
      if (storeType != accType)
        v = arith::TruncIOp::create(b, storeType, v);
      Value col = add(mul(nt, nr), j * tile.lanes);
      storeActiveLanes(v, out, ValueRange{add(m0, r), col}, masks[j],
                       actives[j]);
    }
}

func::FuncOp GemmEmitter::emit() {
  OpBuilder::InsertionGuard guard(b);
  // Constants: packed weights, initial accumulators, epilogue channels.
  SmallVector<int64_t> init;
  for (int64_t col = 0; col < p.n; ++col) {
    int64_t v = p.bias[col];
    if (offset128)
      for (int64_t row = 0; row < p.k; ++row)
        v -= 128 * int64_t(p.weights[row * p.n + col]);
    init.push_back(v);
  }
  memref::GlobalOp weightsGlobal = constantGlobal("weights", packedWeights());
  memref::GlobalOp initGlobal =
      constantGlobal("init", i32Values(init, nTiles * nr));
  SmallVector<memref::GlobalOp> channelGlobalOps = channelGlobals(nTiles * nr);

  Value src = beginFunction();
  Value rows = this->rows();
  auto apType = MemRefType::get({ShapedType::kDynamic, kPadded}, packed);
  Value ap = memref::AllocOp::create(b, apType, ValueRange{rows},
                                     b.getI64IntegerAttr(64));
  if (p.isConv)
    packConv(src, ap, batch());
  else
    packRows(src, ap, rows);

  Value out2d = result();
  Value bp = load(weightsGlobal);
  Value initBuf = load(initGlobal);
  SmallVector<Value> channelBufs;
  for (memref::GlobalOp g : channelGlobalOps)
    channelBufs.push_back(load(g));

  auto accType = VectorType::get({tile.lanes}, b.getI32Type());
  auto maskType = VectorType::get({tile.lanes}, b.getI1Type());
  Value mainRows = arith::SubIOp::create(
      b, rows, arith::RemUIOp::create(b, rows, idx(tile.rows)));
  // What a tile needs of its N tile's columns: initial accumulators, the
  // epilogue's channel constants, the store masks and their active lanes.
  auto columns = [&](Value nt, SmallVector<Value> &initVecs,
                     SmallVector<Value> &channels, SmallVector<Value> &masks,
                     SmallVector<Value> &actives) {
    for (int64_t j = 0; j < tile.vectors; ++j) {
      Value col = add(mul(nt, nr), j * tile.lanes);
      initVecs.push_back(
          vector::LoadOp::create(b, accType, initBuf, ValueRange{col}));
      // Columns left in this register: clamp(N - col, 0, lanes).
      Value left = arith::SubIOp::create(b, idx(p.n), col);
      left = arith::MaxSIOp::create(
          b, arith::MinSIOp::create(b, left, idx(tile.lanes)), idx(0));
      masks.push_back(
          vector::CreateMaskOp::create(b, maskType, ValueRange{left}));
      actives.push_back(left);
    }
    for (Value buf : channelBufs)
      for (int64_t j = 0; j < tile.vectors; ++j)
        channels.push_back(vector::LoadOp::create(
            b, accType, buf, ValueRange{add(mul(nt, nr), j * tile.lanes)}));
  };
  {
    OpBuilder::InsertionGuard g(b);
    auto [nt, m0] = parallelTiles(mainRows, tile.rows, nTiles);
    SmallVector<Value> initVecs, channels, masks, actives;
    columns(nt, initVecs, channels, masks, actives);
    emitTile(tile.rows, m0, nt, bp, ap, initVecs, channels, masks, actives,
             out2d);
  }
  // The rows left over (fewer than MR), one at a time; their N tiles in
  // parallel (serial, they capped the second thread's gain).
  {
    OpBuilder::InsertionGuard g(b);
    Value nt = parallelFor(idx(0), idx(nTiles), 1);
    SmallVector<Value> initVecs, channels, masks, actives;
    columns(nt, initVecs, channels, masks, actives);
    auto restLoop = scf::ForOp::create(b, mainRows, rows, idx(1));
    b.setInsertionPointToStart(restLoop.getBody());
    emitTile(1, restLoop.getInductionVar(), nt, bp, ap, initVecs, channels,
             masks, actives, out2d);
  }
  return finishFunction();
}

func::FuncOp mlir::tqt::codegen::emitGemmKernel(GemmProblem &p, KernelIsa isa,
                                                StringRef name,
                                                SymbolTable &symbols) {
  ImplicitLocOpBuilder b(p.root->getLoc(), p.root->getContext());
  return GemmEmitter(p, isa, b, name, symbols).emit();
}
