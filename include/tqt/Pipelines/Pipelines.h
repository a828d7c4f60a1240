//===- Pipelines.h - Named end-to-end pipelines -----------------*- C++ -*-===//

#ifndef TQT_PIPELINES_PIPELINES_H
#define TQT_PIPELINES_PIPELINES_H

#include "tqt/Codegen/KernelIsa.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::tqt {

/// Options of `--tqt-lower-to-llvm`.
struct LowerToLLVMOptions
    : public mlir::PassPipelineOptions<LowerToLLVMOptions> {
  Option<bool> emitCInterface{
      *this, "emit-c-interface",
      llvm::cl::desc("Emit _mlir_ciface_<name> wrappers for public functions "
                     "(memref descriptors by pointer; docs/CAPI.md)"),
      llvm::cl::init(true)};
  Option<codegen::KernelIsa> kernels{
      *this, "kernels",
      llvm::cl::desc("micro-kernels for convolutions and fully "
                     "connected layers, int8 (--tqt-int8-kernels) and f32 "
                     "(--tqt-float-kernels); the code then runs only on "
                     "CPUs with these instructions"),
      llvm::cl::init(codegen::KernelIsa::None),
      llvm::cl::values(
          clEnumValN(codegen::KernelIsa::None, "none",
                     "the reference loops only"),
          clEnumValN(codegen::KernelIsa::Avx2, "avx2", "AVX2 (vpmaddwd)"),
          clEnumValN(codegen::KernelIsa::AvxVnni, "avx-vnni",
                     "VNNI on ymm (vpdpbusd)"),
          clEnumValN(codegen::KernelIsa::Avx512Vnni, "avx512-vnni",
                     "AVX-512 VNNI (vpdpbusd)"))};
  Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("1: sequential loops. Otherwise the parallel loops of "
                     "every op (batch, rows, channels; the int8 kernels' "
                     "tiles) run on OpenMP threads, this many (0: the "
                     "runtime's choice, OMP_NUM_THREADS or one per core), "
                     "and the code needs the OpenMP runtime (libomp). "
                     "Results are the same for any thread count: no "
                     "reduction is split"),
      llvm::cl::init(1)};
};

/// Tensor-level func/tosa/linalg/tqt input to the LLVM dialect: TOSA to
/// linalg, tqt to linalg, one-shot bufferization with deallocation, loops,
/// LLVM. The module's public functions become callable from C.
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const LowerToLLVMOptions &options);

/// The quantization flow as pass pipelines (docs/Pipeline.md). Calibration
/// sits between the first two: tqt-calibrate, or calib::calibrate, or
/// quantizeStatic (tqt/Calibration/StaticFlow.h) for the whole flow in one
/// call. Their textual forms take the options of the pass named below, which
/// the pass itself parses (one declaration of each option, in TableGen).

/// `--tqt-build-simulation{<options of --tqt-insert-quantizers>}`: a float
/// TOSA model to the simulation graph (--tqt-prepare, then
/// --tqt-insert-quantizers).
void buildSimulationPipeline(
    mlir::OpPassManager &pm,
    const mlir::tqt::TQTInsertQuantizersOptions &options = {});

/// What the calibrated simulation graph becomes integer-only with.
struct IntegerPipelineOptions {
  mlir::tqt::TQTLegalizePow2Options legalize;
  mlir::tqt::TQTFuseIntegerOptions fuse;
};

/// `--tqt-build-integer{<options of --tqt-fuse-integer>}`: a calibrated (or
/// trained) simulation graph to the integer-only program
/// (--tqt-legalize-pow2, then --tqt-fuse-integer).
void buildIntegerPipeline(mlir::OpPassManager &pm,
                          const IntegerPipelineOptions &options = {});

/// `--tqt-build-training{<options of --tqt-expand-training>}`: the training
/// step, gradient and evaluation functions next to a simulation graph's
/// entry (docs/Training.md); what tqt-train compiles.
void buildTrainingPipeline(
    mlir::OpPassManager &pm,
    const mlir::tqt::TQTExpandTrainingOptions &options = {});

/// Registers the pipelines of this header under the names above and
/// `--tqt-lower-to-llvm`.
void registerPipelines();

} // namespace mlir::tqt

#endif // TQT_PIPELINES_PIPELINES_H
