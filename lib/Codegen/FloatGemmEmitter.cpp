//===- FloatGemmEmitter.cpp - Generated f32 GEMM micro-kernels ------------===//
//
// The float side of the code generator: the simulation graph's and the
// training step's f32 convolutions and matmuls, whose weights are computed
// at run time (fake-quantized, or updated by the optimizer). One private
// function per layer:
//
//   A: the activations as rows of K (read in place for a matmul and a 1x1
//      convolution with stride 1 and no padding; through each row's window
//      for another unpadded convolution; else im2col, zeros at padding
//      positions)
//   B: the weights as a K x N matrix (read in place for a matmul; a
//      convolution's [N][KH][KW][C] weights transposed into panels
//      [N/NR][K][NR], each N tile's K x NR contiguous, zero-padded to whole
//      tiles, at run time or, when constant, at compile time)
//   for each N tile of NR columns and each MR rows, in parallel:
//       acc[MR][NR] = bias (a convolution) or 0
//       for k in 0 .. K: acc[r] = fma(broadcast A[r][k], B[k], acc[r])
//       the following clamp (ReLU, ReLU6), if fused; masked store
//
// Each output element is the bias plus its K products accumulated in the
// reference order (kh, kw, c) with one rounding per step (FMA): equal to the
// reference loops (a multiply and an add, two roundings) wherever the
// products and partial sums are exact, which is the case for quantized
// operands whose accumulations stay within f32's 24 bits (docs/Numerics.md
// section 16), and independent of the tiling and the thread count always.
//
//===----------------------------------------------------------------------===//

#include "KernelEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tqt;
using namespace mlir::tqt::codegen;
using ::mlir::tqt::codegen::KernelIsa;

//===----------------------------------------------------------------------===//
// Matching
//===----------------------------------------------------------------------===//

static bool isF32(Value v) { return getElementTypeOrSelf(v.getType()).isF32(); }

/// Whether a clamp propagates NaN, its default when the attribute is absent
/// (the generated accessor does not supply the default).
static bool propagatesNaN(tosa::ClampOp clamp) {
  tosa::NanPropagationModeAttr mode = clamp.getNanModeAttr();
  return !mode || mode.getValue() == tosa::NanPropagationMode::PROPAGATE;
}

bool mlir::tqt::codegen::matchFloatGemmProblem(Operation *root, GemmProblem &p,
                                               std::string &why) {
  p = GemmProblem();
  p.root = root;
  p.last = root;
  if (!llvm::all_of(root->getOperands(), isF32) || !isF32(root->getResult(0))) {
    why = "not f32";
    return false;
  }
  if (auto conv = dyn_cast<tosa::Conv2DOp>(root)) {
    if (!matchConvWindow(conv, p, why))
      return false;
    readConvGeometry(conv, p);
    // TOSA's verifier allows N values or 1 (broadcast).
    if (!cast<RankedTensorType>(conv.getBias().getType()).hasStaticShape()) {
      why = "the bias's size is dynamic";
      return false;
    }
    p.runtimeOperands = {conv.getWeight(), conv.getBias()};
    if (matchPattern(conv.getWeight(), m_Constant(&p.floatWeights)))
      p.runtimeOperands = {conv.getBias()};
  } else if (auto dw = dyn_cast<tosa::DepthwiseConv2DOp>(root)) {
    if (!matchConvWindow(dw, p, why))
      return false;
    readDepthwiseGeometry(dw, p);
    if (!cast<RankedTensorType>(dw.getBias().getType()).hasStaticShape()) {
      why = "the bias's size is dynamic";
      return false;
    }
    p.runtimeOperands = {dw.getWeight(), dw.getBias()};
  } else {
    auto mm = cast<tosa::MatMulOp>(root);
    auto a = cast<RankedTensorType>(mm.getA().getType());
    auto w = cast<RankedTensorType>(mm.getB().getType());
    // TOSA's verifier requires float zero points of 0.
    // K may be dynamic (a weight gradient sums over the batch's pixels).
    if (w.getDimSize(0) != 1 || a.getDimSize(0) != 1 || w.isDynamicDim(2)) {
      why = "not a single matrix times a matrix with static columns";
      return false;
    }
    p.source = mm.getA();
    p.k = w.getDimSize(1);
    p.n = w.getDimSize(2);
    p.channels = p.k;
    p.runtimeOperands = {mm.getB()};
  }
  // A ReLU / ReLU6 after the layer (its only user) is applied before the
  // results are stored: the same min and max as TOSA's lowering.
  if (root->getResult(0).hasOneUse())
    if (auto clamp =
            dyn_cast<tosa::ClampOp>(*root->getResult(0).getUsers().begin()))
      if (propagatesNaN(clamp) && isF32(clamp.getOutput()))
        if (auto lo = dyn_cast<FloatAttr>(clamp.getMinValAttr()))
          if (auto hi = dyn_cast<FloatAttr>(clamp.getMaxValAttr())) {
            p.floatClamp = {lo.getValue(), hi.getValue()};
            p.last = clamp;
          }
  return true;
}

//===----------------------------------------------------------------------===//
// The kernel
//===----------------------------------------------------------------------===//

namespace {

/// The register tile for one layer: `vectors` registers of `lanes` f32 per
/// row (no more than the columns need), and as many rows as the registers
/// hold with one weight register per column vector and one broadcast.
struct FloatTile {
  int64_t lanes, vectors, rows;
};

FloatTile floatTileFor(KernelIsa isa, int64_t n) {
  bool zmm = isa == KernelIsa::Avx512Vnni;
  // AVX-VNNI's VEX encoding and AVX2 address 16 vector registers.
  int64_t lanes = zmm ? 16 : 8, registers = zmm ? 32 : 16;
  int64_t vectors = std::min<int64_t>(zmm ? 4 : 2, ceilDiv(n, lanes));
  int64_t rows = std::min<int64_t>(8, (registers - vectors - 1) / vectors);
  return {lanes, vectors, rows};
}

class FloatGemmEmitter : KernelEmitter {
public:
  FloatGemmEmitter(GemmProblem &p, KernelIsa isa, ImplicitLocOpBuilder &b,
                   StringRef name, SymbolTable &symbols)
      : KernelEmitter(p, b, name, symbols), tile(floatTileFor(isa, p.n)) {
    nr = tile.vectors * tile.lanes;
    nTiles = ceilDiv(p.n, nr);
    vecType = VectorType::get({tile.lanes}, b.getF32Type());
    maskType = VectorType::get({tile.lanes}, b.getI1Type());
  }

  func::FuncOp emit();

private:
  Value zeros() {
    return arith::ConstantOp::create(
        b, DenseElementsAttr::get(vecType, APFloat(0.0f)));
  }
  /// A matrix view [rows][cols] of a contiguous memref.
  Value asMatrix(Value memref, ArrayRef<ReassociationIndices> groups) {
    return memref::CollapseShapeOp::create(b, memref, groups);
  }
  Value rowsOperand(Value src, Value rows);
  Value packedWeights(Value weights);
  void packConv(Value src, Value ap, Value batch);

  /// One register tile: `rows` rows from m0, N tile nt.
  void emitTile(int64_t rows, Value m0, Value nt, Value a, Value bm,
                ArrayRef<Value> init, ArrayRef<Value> masks,
                ArrayRef<Value> actives, Value out);

  FloatTile tile;
  int64_t nr, nTiles;
  VectorType vecType, maskType;
  /// B is the matmul's own [K][N] (masked loads past N) rather than the
  /// packed panels [N/NR * K][NR].
  bool maskedB = false;
  /// A is an unpadded convolution's activations, read through the windows
  /// rather than as packed rows.
  bool windowed = false;
  /// K (a matmul's may be dynamic).
  Value kBound;
  /// K blocking (kBlocked): the tiles run over K in blocks of kBlockSize,
  /// [kBegin, kEnd); the first block starts from the initial accumulators,
  /// the others from the partial sums the one before stored, and the last
  /// applies the clamp.
  bool kBlocked = false;
  Value kBegin, kEnd, firstBlock, lastBlock;
};

/// The K steps of one block: its weights panel (kBlockSize x NR f32, 128
/// KiB) stays in L2 across the row tiles of its N tile, where a whole panel
/// of a long K (4608 x 64 f32, 1.2 MiB) does not. Each output's FMAs keep
/// their order: a partial sum stored and loaded back is the same f32.
constexpr int64_t kBlockSize = 512;
/// Blocking pays when an N tile's whole weights panel (K x NR f32) would not
/// stay in half of a 1 MiB L2 (K > 2048 with zmm tiles).
constexpr int64_t kBlockedPanelBytes = 512 << 10;

} // namespace

/// Copies C floats from `at` to A[m][k0 ...], in vectors.
void FloatGemmEmitter::packConv(Value src, Value ap, Value batch) {
  int64_t c = p.channels, whole = c / tile.lanes, rest = c % tile.lanes;
  auto copy = [&](ValueRange at, Value m, int64_t k0) {
    SmallVector<Value> from(at.begin(), at.end());
    for (int64_t v = 0; v <= whole; ++v) {
      if (v == whole && rest == 0)
        break;
      from.back() = idx(v * tile.lanes);
      Value k = idx(k0 + v * tile.lanes);
      if (v < whole) {
        Value x = vector::LoadOp::create(b, vecType, src, from);
        vector::StoreOp::create(b, x, ap, ValueRange{m, k});
        continue;
      }
      Value mask =
          vector::ConstantMaskOp::create(b, maskType, ArrayRef<int64_t>{rest});
      Value x =
          vector::MaskedLoadOp::create(b, vecType, src, from, mask, zeros());
      vector::MaskedStoreOp::create(b, ap, ValueRange{m, k}, mask, x);
    }
  };
  auto fill = [&](Value m, int64_t k0) {
    for (int64_t v = 0; v * tile.lanes < c; ++v) {
      Value k = idx(k0 + v * tile.lanes);
      int64_t n = std::min(tile.lanes, c - v * tile.lanes);
      if (n == tile.lanes) {
        vector::StoreOp::create(b, zeros(), ap, ValueRange{m, k});
        continue;
      }
      Value mask =
          vector::ConstantMaskOp::create(b, maskType, ArrayRef<int64_t>{n});
      vector::MaskedStoreOp::create(b, ap, ValueRange{m, k}, mask, zeros());
    }
  };
  forEachWindowTap(batch, copy, fill, nullptr);
}

/// The activations as [rows][K]: in place where they already are rows of K
/// values, else packed.
Value FloatGemmEmitter::rowsOperand(Value src, Value rows) {
  if (!p.isConv)
    return asMatrix(src, {{0, 1}, {2}});
  bool unpadded =
      p.padTop == 0 && p.padBottom == 0 && p.padLeft == 0 && p.padRight == 0;
  if (unpadded && p.kh == 1 && p.kw == 1 && p.strideH == 1 && p.strideW == 1)
    return asMatrix(src, {{0, 1, 2}, {3}});
  // Without padding every window lies inside the activations: the tiles
  // read them through the windows (no im2col copy: a training step's input
  // gradients are unpadded convolutions, some with a single output channel,
  // whose packed rows cost more than their products).
  if (unpadded) {
    windowed = true;
    return src;
  }
  auto apType = MemRefType::get({ShapedType::kDynamic, p.k}, b.getF32Type());
  Value ap = memref::AllocOp::create(b, apType, ValueRange{rows},
                                     b.getI64IntegerAttr(64));
  packConv(src, ap, batch());
  return ap;
}

/// B: a matmul's weights in place as [K][N] (masked loads past N); a
/// convolution's [N][K] transposed into panels [N/NR * K][NR] (row
/// nt * K + k holds B[k][nt * NR ...]) with zero columns past N. A panel
/// is one contiguous block: with [K][NP] rows an N tile's K x NR values lie
/// NP apart, in a quarter of L2's sets when NP = 256.
Value FloatGemmEmitter::packedWeights(Value weights) {
  if (!p.isConv) {
    maskedB = p.n % nr != 0;
    return asMatrix(weights, {{0, 1}, {2}});
  }
  int64_t np = nTiles * nr;
  if (p.floatWeights) {
    // [N][K] -> panels at compile time.
    SmallVector<float> packed(size_t(p.k * np), 0.0f);
    for (auto [i, v] : llvm::enumerate(p.floatWeights.getValues<float>())) {
      int64_t col = int64_t(i) / p.k, k = int64_t(i) % p.k;
      packed[((col / nr) * p.k + k) * nr + col % nr] = v;
    }
    return load(constantGlobal(
        "weights",
        DenseElementsAttr::get(
            RankedTensorType::get({nTiles * p.k, nr}, b.getF32Type()),
            ArrayRef<float>(packed))));
  }
  Value w = asMatrix(weights, {{0}, {1, 2, 3}});
  auto bpType = MemRefType::get({nTiles * p.k, nr}, b.getF32Type());
  Value bp =
      memref::AllocOp::create(b, bpType, ValueRange{}, b.getI64IntegerAttr(64));
  OpBuilder::InsertionGuard guard(b);
  {
    OpBuilder::InsertionGuard g(b);
    // One output channel per iteration: reads its K weights in order.
    Value col = parallelFor(idx(0), idx(p.n), 1);
    Value row0 = mul(arith::DivUIOp::create(b, col, idx(nr)), p.k);
    Value lane = arith::RemUIOp::create(b, col, idx(nr));
    auto kLoop = scf::ForOp::create(b, idx(0), idx(p.k), idx(1));
    b.setInsertionPointToStart(kLoop.getBody());
    Value k = kLoop.getInductionVar();
    Value x = memref::LoadOp::create(b, w, ValueRange{col, k});
    memref::StoreOp::create(b, x, bp, ValueRange{add(row0, k), lane});
  }
  if (np > p.n) {
    // The last panel's columns past N.
    Value zero = arith::ConstantOp::create(b, b.getF32FloatAttr(0.0f));
    int64_t row0 = (nTiles - 1) * p.k;
    auto kLoop = scf::ForOp::create(b, idx(row0), idx(row0 + p.k), idx(1));
    b.setInsertionPointToStart(kLoop.getBody());
    auto cLoop =
        scf::ForOp::create(b, idx(p.n - (nTiles - 1) * nr), idx(nr), idx(1));
    b.setInsertionPointToStart(cLoop.getBody());
    memref::StoreOp::create(
        b, zero, bp,
        ValueRange{kLoop.getInductionVar(), cLoop.getInductionVar()});
  }
  return bp;
}

void FloatGemmEmitter::emitTile(int64_t rows, Value m0, Value nt, Value a,
                                Value bm, ArrayRef<Value> init,
                                ArrayRef<Value> masks, ArrayRef<Value> actives,
                                Value out) {
  SmallVector<Value> inits;
  for (int64_t r = 0; r < rows; ++r)
    llvm::append_range(inits, init);
  if (kBlocked) {
    // After the first block, the partial sums the block before stored.
    SmallVector<Type> types(inits.size(), vecType);
    auto from = scf::IfOp::create(b, types, firstBlock, /*withElse=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(from.thenBlock());
      scf::YieldOp::create(b, inits);
      b.setInsertionPointToStart(from.elseBlock());
      SmallVector<Value> partial;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < tile.vectors; ++j) {
          Value col = add(mul(nt, nr), j * tile.lanes);
          partial.push_back(vector::MaskedLoadOp::create(
              b, vecType, out, ValueRange{add(m0, r), col}, masks[j], zeros()));
        }
      scf::YieldOp::create(b, partial);
    }
    inits.assign(from.getResults().begin(), from.getResults().end());
  }
  // One step k: the accumulators `acc` plus A[r][k] (`aAt(r)`) times B[k].
  auto step = [&](Value k, ValueRange acc,
                  function_ref<Value(int64_t)> aAt) -> SmallVector<Value> {
    SmallVector<Value> w;
    for (int64_t j = 0; j < tile.vectors; ++j) {
      if (!p.isConv) {
        // The matmul's own [K][N].
        Value col = add(mul(nt, nr), j * tile.lanes);
        w.push_back(maskedB
                        ? Value(vector::MaskedLoadOp::create(b, vecType, bm,
                                                             ValueRange{k, col},
                                                             masks[j], zeros()))
                        : Value(vector::LoadOp::create(b, vecType, bm,
                                                       ValueRange{k, col})));
        continue;
      }
      // Panel nt, row k.
      w.push_back(vector::LoadOp::create(
          b, vecType, bm,
          ValueRange{add(mul(nt, p.k), k), idx(j * tile.lanes)}));
    }
    SmallVector<Value> next;
    for (int64_t r = 0; r < rows; ++r) {
      Value bcast = vector::BroadcastOp::create(b, vecType, aAt(r));
      for (int64_t j = 0; j < tile.vectors; ++j)
        next.push_back(
            vector::FMAOp::create(b, bcast, w[j], acc[r * tile.vectors + j]));
    }
    return next;
  };
  scf::ForOp outer;
  if (!windowed) {
    outer = kBlocked ? scf::ForOp::create(b, kBegin, kEnd, idx(1), inits)
                     : scf::ForOp::create(b, idx(0), kBound, idx(1), inits);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(outer.getBody());
    Value k = outer.getInductionVar();
    scf::YieldOp::create(
        b, step(k, outer.getRegionIterArgs(), [&](int64_t r) -> Value {
          return memref::LoadOp::create(b, a, ValueRange{add(m0, r), k});
        }));
  } else {
    // A read off the activations `a` through each row's window: row m is
    // pixel (n, oh, ow), its k = (kh * KW + kw) * C + c reads
    // a[n][oh * SH + kh * DH][ow * SW + kw * DW][c]; k runs in the same
    // order as over packed rows.
    SmallVector<Value> images, tops, lefts;
    for (int64_t r = 0; r < rows; ++r) {
      Value m = add(m0, r);
      Value pixels = idx(p.outHeight * p.outWidth);
      Value pixel = arith::RemUIOp::create(b, m, pixels);
      images.push_back(arith::DivUIOp::create(b, m, pixels));
      tops.push_back(
          mul(arith::DivUIOp::create(b, pixel, idx(p.outWidth)), p.strideH));
      lefts.push_back(
          mul(arith::RemUIOp::create(b, pixel, idx(p.outWidth)), p.strideW));
    }
    outer = scf::ForOp::create(b, idx(0), idx(p.kh), idx(1), inits);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(outer.getBody());
    auto wLoop = scf::ForOp::create(b, idx(0), idx(p.kw), idx(1),
                                    outer.getRegionIterArgs());
    b.setInsertionPointToStart(wLoop.getBody());
    auto cLoop = scf::ForOp::create(b, idx(0), idx(p.channels), idx(1),
                                    wLoop.getRegionIterArgs());
    b.setInsertionPointToStart(cLoop.getBody());
    Value kh = outer.getInductionVar(), kw = wLoop.getInductionVar(),
          c = cLoop.getInductionVar();
    Value k = add(mul(add(mul(kh, p.kw), kw), p.channels), c);
    Value dh = mul(kh, p.dilationH), dw = mul(kw, p.dilationW);
    scf::YieldOp::create(
        b, step(k, cLoop.getRegionIterArgs(), [&](int64_t r) -> Value {
          return memref::LoadOp::create(
              b, a,
              ValueRange{images[r], add(tops[r], dh), add(lefts[r], dw), c});
        }));
    b.setInsertionPointAfter(cLoop);
    scf::YieldOp::create(b, cLoop.getResults());
    b.setInsertionPointAfter(wLoop);
    scf::YieldOp::create(b, wLoop.getResults());
  }
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < tile.vectors; ++j) {
      Value col = add(mul(nt, nr), j * tile.lanes);
      Value v = outer.getResult(r * tile.vectors + j);
      // Blocked: the clamp applies to the last block's sums only.
      Value stored = clampFloat(v);
      if (kBlocked && stored != v)
        stored = arith::SelectOp::create(b, lastBlock, stored, v);
      storeActiveLanes(stored, out, ValueRange{add(m0, r), col}, masks[j],
                       actives[j]);
    }
}

func::FuncOp FloatGemmEmitter::emit() {
  OpBuilder::InsertionGuard guard(b);
  Value src = beginFunction();
  // Arguments: activations, then the run-time weights (unless constant),
  // then a convolution's bias.
  Value weights = p.floatWeights ? Value() : argument(1);
  Value bias = p.isConv ? argument(p.floatWeights ? 1 : 2) : Value();
  Value rows = this->rows();
  Value a = rowsOperand(src, rows);
  Value bm = packedWeights(weights);
  kBound = ShapedType::isDynamic(p.k) ? Value(memref::DimOp::create(b, bm, 0))
                                      : idx(p.k);
  Value out2d = result();
  bool biasPerChannel =
      bias && cast<MemRefType>(bias.getType()).getDimSize(0) == p.n;

  // What a tile needs of its N tile's columns: the initial accumulators
  // (the bias), the store masks and their active lanes.
  auto columns = [&](Value nt, SmallVector<Value> &initVecs,
                     SmallVector<Value> &masks, SmallVector<Value> &actives) {
    for (int64_t j = 0; j < tile.vectors; ++j) {
      Value col = add(mul(nt, nr), j * tile.lanes);
      // Columns left in this register: clamp(N - col, 0, lanes).
      Value left = arith::SubIOp::create(b, idx(p.n), col);
      left = arith::MaxSIOp::create(
          b, arith::MinSIOp::create(b, left, idx(tile.lanes)), idx(0));
      Value mask = vector::CreateMaskOp::create(b, maskType, ValueRange{left});
      masks.push_back(mask);
      actives.push_back(left);
      if (!bias)
        initVecs.push_back(zeros());
      else if (biasPerChannel)
        initVecs.push_back(vector::MaskedLoadOp::create(
            b, vecType, bias, ValueRange{col}, mask, zeros()));
      else
        initVecs.push_back(vector::BroadcastOp::create(
            b, vecType, memref::LoadOp::create(b, bias, ValueRange{idx(0)})));
    }
  };
  Value mainRows = arith::SubIOp::create(
      b, rows, arith::RemUIOp::create(b, rows, idx(tile.rows)));
  // A long K: each N tile (in parallel) runs the K blocks in order, each
  // block over all its rows.
  kBlocked = !windowed && !ShapedType::isDynamic(p.k) &&
             p.k * nr * 4 > kBlockedPanelBytes;
  if (kBlocked) {
    {
      OpBuilder::InsertionGuard g(b);
      Value nt = parallelFor(idx(0), idx(nTiles), 1);
      SmallVector<Value> initVecs, masks, actives;
      columns(nt, initVecs, masks, actives);
      int64_t numBlocks = ceilDiv(p.k, kBlockSize);
      auto kbLoop = scf::ForOp::create(b, idx(0), idx(numBlocks), idx(1));
      b.setInsertionPointToStart(kbLoop.getBody());
      Value kb = kbLoop.getInductionVar();
      kBegin = mul(kb, kBlockSize);
      kEnd = arith::MinUIOp::create(b, add(kBegin, kBlockSize), idx(p.k));
      firstBlock =
          arith::CmpIOp::create(b, arith::CmpIPredicate::eq, kb, idx(0));
      lastBlock = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, kb,
                                        idx(numBlocks - 1));
      auto mainLoop = scf::ForOp::create(b, idx(0), mainRows, idx(tile.rows));
      {
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(mainLoop.getBody());
        emitTile(tile.rows, mainLoop.getInductionVar(), nt, a, bm, initVecs,
                 masks, actives, out2d);
      }
      auto restLoop = scf::ForOp::create(b, mainRows, rows, idx(1));
      b.setInsertionPointToStart(restLoop.getBody());
      emitTile(1, restLoop.getInductionVar(), nt, a, bm, initVecs, masks,
               actives, out2d);
    }
    return finishFunction();
  }
  {
    OpBuilder::InsertionGuard g(b);
    auto [nt, m0] = parallelTiles(mainRows, tile.rows, nTiles);
    SmallVector<Value> initVecs, masks, actives;
    columns(nt, initVecs, masks, actives);
    emitTile(tile.rows, m0, nt, a, bm, initVecs, masks, actives, out2d);
  }
  // The rows left over (fewer than MR), one at a time; their N tiles in
  // parallel (a fully connected layer at batch 1 is all leftover).
  {
    OpBuilder::InsertionGuard g(b);
    Value nt = parallelFor(idx(0), idx(nTiles), 1);
    SmallVector<Value> initVecs, masks, actives;
    columns(nt, initVecs, masks, actives);
    auto restLoop = scf::ForOp::create(b, mainRows, rows, idx(1));
    b.setInsertionPointToStart(restLoop.getBody());
    emitTile(1, restLoop.getInductionVar(), nt, a, bm, initVecs, masks, actives,
             out2d);
  }
  return finishFunction();
}

func::FuncOp mlir::tqt::codegen::emitFloatGemmKernel(GemmProblem &p,
                                                     KernelIsa isa,
                                                     StringRef name,
                                                     SymbolTable &symbols) {
  ImplicitLocOpBuilder b(p.root->getLoc(), p.root->getContext());
  return FloatGemmEmitter(p, isa, b, name, symbols).emit();
}
