//===- GemmProblem.h - An int8 layer as a GEMM with an epilogue -*- C++ -*-===//
//
// What the int8 kernel generator needs to know about one layer of the
// integer program: the activation source and its code grid, the geometry
// (a convolution's im2col rows, or a matmul's), the constant weights as a
// K x N matrix, and the requantization chain that follows the accumulator.
// GemmMatch.cpp reads it off the IR; GemmEmitter.cpp writes the kernel.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_LIB_CODEGEN_GEMMPROBLEM_H
#define TQT_LIB_CODEGEN_GEMMPROBLEM_H

#include "tqt/Codegen/KernelIsa.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace mlir::tqt::codegen {

/// One step applied to the accumulator, in order.
struct EpilogueStep {
  enum class Kind {
    /// tqt.requantize: rounding/saturating shift onto a grid.
    Requantize,
    /// tosa.add of a constant per output channel (i32, wrapping).
    AddChannel,
  };
  Kind kind;
  int shift = 0;
  ::mlir::tqt::numerics::Rounding rounding =
      ::mlir::tqt::numerics::Rounding::HalfEven;
  ::mlir::tqt::numerics::Grid grid{0, 0};
  /// AddChannel: N values (already in i32).
  llvm::SmallVector<int32_t> channel;
  /// Requantize with one shift per output channel (a layer with
  /// per-channel weight exponents): N shifts; empty when `shift` is every
  /// channel's.
  llvm::SmallVector<int32_t> channelShifts;

  /// The distinct shifts of a Requantize step.
  llvm::SmallVector<int> distinctShifts() const {
    if (channelShifts.empty())
      return {shift};
    llvm::SmallVector<int> shifts(channelShifts.begin(), channelShifts.end());
    llvm::sort(shifts);
    shifts.erase(llvm::unique(shifts), shifts.end());
    return shifts;
  }
  /// Whether the step reads one vector per output channel register.
  bool readsChannels() const {
    return kind == Kind::AddChannel || !channelShifts.empty();
  }
};

struct GemmProblem {
  /// The tosa.conv2d or tosa.matmul.
  Operation *root = nullptr;
  /// The last op of the requantization chain: its result is replaced.
  Operation *last = nullptr;
  /// Activations: NHWC for a convolution, [1, M, K] for a matmul.
  Value source;
  /// Every activation code lies in this grid (8-bit, signed or unsigned).
  ::mlir::tqt::numerics::Grid sourceGrid{0, 0};
  bool isConv = false;
  /// A depthwise convolution: K = KH * KW taps per output channel,
  /// N = C * multiplier (output channel c * multiplier + m reads input
  /// channel c), weights[tap][n]; not a GEMM, its own kernel.
  bool isDepthwise = false;
  int64_t multiplier = 1;
  // Convolution geometry (a matmul: 1x1, no padding).
  int64_t kh = 1, kw = 1, channels = 0, height = 1, width = 1;
  int64_t outHeight = 1, outWidth = 1;
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int64_t padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
  /// Output channels (GEMM N) and reduction length (GEMM K).
  int64_t n = 0, k = 0;
  /// K x N row-major; k = (kh * KW + kw) * C + c for a convolution.
  llvm::SmallVector<int8_t> weights;
  /// Per output channel, added to the accumulator (the op's own bias).
  llvm::SmallVector<int32_t> bias;
  llvm::SmallVector<EpilogueStep> epilogue;
  /// Every accumulator lies in this range (over all channels and every
  /// activation of the grid): the matcher's i32 proof.
  ::mlir::tqt::numerics::Grid accumulatorBounds{0, 0};
  /// Passed to the kernel after the activations: the float kernels' run-time
  /// weights and bias (the int8 kernels' weights are constants).
  llvm::SmallVector<Value> runtimeOperands;
  /// The kernel's constants (packed weights, epilogue channels), passed
  /// after the run-time operands: filled in by the emitter.
  llvm::SmallVector<memref::GlobalOp> constants;
  /// A float convolution's weights when they are constant (a float model's):
  /// packed at compile time instead of at run time.
  DenseElementsAttr floatWeights;
  /// An f32 layer's tosa.clamp (its single user; NaN propagating), applied
  /// to the results before they are stored: min(max) bounds.
  std::optional<std::pair<APFloat, APFloat>> floatClamp;

  bool signedSource() const { return sourceGrid.lo < 0; }
};

/// The grid of the activation codes a convolution or matmul reads,
/// proved from the ops that produced them. Computed for every layer before
/// any is rewritten: a kernel call hides its codes' grid.
std::optional<::mlir::tqt::numerics::Grid> activationGrid(Operation *root);

/// Reads a layer rooted at a tosa.conv2d, tosa.depthwise_conv2d or
/// tosa.matmul whose activations lie
/// in `grid`; on failure `why` says what keeps it from the kernels.
bool matchGemmProblem(Operation *root,
                      std::optional<::mlir::tqt::numerics::Grid> grid,
                      GemmProblem &problem, std::string &why);

/// Reads the window of a tosa.conv2d or tosa.depthwise_conv2d (padding,
/// stride, dilation, input and output sizes) and the activations it reads
/// with zero point 0 (or the unsigned codes' view); false with `why` when
/// spatial or channel sizes are dynamic or zero points are not 0.
bool matchConvWindow(Operation *conv, GemmProblem &problem, std::string &why);

/// The GEMM geometry of a convolution's weights [N][KH][KW][C]: N, KH, KW,
/// C and K = KH x KW x C.
void readConvGeometry(tosa::Conv2DOp conv, GemmProblem &problem);
/// A depthwise convolution's weights [KH][KW][C][M]: K = KH x KW taps per
/// output channel, N = C x M (isDepthwise).
void readDepthwiseGeometry(tosa::DepthwiseConv2DOp dw, GemmProblem &problem);

/// Reads an f32 tosa.conv2d (weights and bias computed at run time) or an
/// f32 tosa.matmul of one matrix by one matrix as a GEMM for the float
/// kernels: M rows (batch x output pixels, or the matmul's rows) by N
/// output channels over K = KH x KW x C; no epilogue. An f32
/// tosa.depthwise_conv2d is read as for the int8 kernels (isDepthwise), its
/// weights and bias as run-time operands. `root` must be one of the three.
bool matchFloatGemmProblem(Operation *root, GemmProblem &problem,
                           std::string &why);

/// Writes the kernel function for `problem` into the module (with its packed
/// constants as globals); the caller replaces the chain by its call
/// (replaceChainWithCall). Names start with `name` and are made unique in
/// `symbols`, the module's table (built once per pass).
func::FuncOp emitGemmKernel(GemmProblem &problem,
                            ::mlir::tqt::codegen::KernelIsa isa,
                            llvm::StringRef name, SymbolTable &symbols);
/// Writes the float kernel's function; another layer with the same operand
/// types and attributes can call it too (replaceChainWithCall).
func::FuncOp emitFloatGemmKernel(GemmProblem &problem,
                                 ::mlir::tqt::codegen::KernelIsa isa,
                                 llvm::StringRef name, SymbolTable &symbols);
/// Replaces the problem's chain (root to last) by a call of `kernel` on the
/// buffers of the activations, the run-time operands and the constants, and
/// a result buffer allocated before the call.
void replaceChainWithCall(GemmProblem &p, func::FuncOp kernel);
/// Writes the depthwise kernel's function (int8 with constant weights, or
/// f32 with the weights and bias as arguments); the caller replaces the
/// chain by its call.
func::FuncOp emitDepthwiseKernel(GemmProblem &problem,
                                 ::mlir::tqt::codegen::KernelIsa isa,
                                 llvm::StringRef name, SymbolTable &symbols);

} // namespace mlir::tqt::codegen

#endif // TQT_LIB_CODEGEN_GEMMPROBLEM_H
