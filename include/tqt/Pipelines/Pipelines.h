//===- Pipelines.h - Named end-to-end pipelines -----------------*- C++ -*-===//

#ifndef TQT_PIPELINES_PIPELINES_H
#define TQT_PIPELINES_PIPELINES_H

#include "tqt/Codegen/KernelIsa.h"

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace tqt {

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
      llvm::cl::desc("int8 micro-kernels for convolutions and fully "
                     "connected layers (--tqt-int8-kernels); the code then "
                     "runs only on CPUs with these instructions"),
      llvm::cl::init(codegen::KernelIsa::None),
      llvm::cl::values(
          clEnumValN(codegen::KernelIsa::None, "none",
                     "the reference loops only"),
          clEnumValN(codegen::KernelIsa::Avx2, "avx2", "AVX2 (vpmaddwd)"),
          clEnumValN(codegen::KernelIsa::AvxVnni, "avx-vnni",
                     "VNNI on ymm (vpdpbusd)"),
          clEnumValN(codegen::KernelIsa::Avx512Vnni, "avx512-vnni",
                     "AVX-512 VNNI (vpdpbusd)"))};
};

/// Tensor-level func/tosa/linalg/tqt input to the LLVM dialect: TOSA to
/// linalg, tqt to linalg, one-shot bufferization with deallocation, loops,
/// LLVM. The module's public functions become callable from C.
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const LowerToLLVMOptions &options);

/// Registers `--tqt-lower-to-llvm`.
void registerPipelines();

} // namespace tqt

#endif // TQT_PIPELINES_PIPELINES_H
