//===- LowerToLLVM.cpp - The --tqt-lower-to-llvm pipeline -----------------===//
//
// The verified lowering recipe of MLIR 22 (docs/Building.md): TOSA first
// (with tosa.apply_scale expanded to arith), then tqt, then one-shot
// bufferization across function boundaries with identity layouts, ownership
// based deallocation, loops and the conversions to LLVM. The naive loop
// lowering is the correctness baseline; with `kernels` set, the int8
// convolutions and fully connected layers, and the f32 convolutions and
// matmuls, get generated micro-kernels first.
// With `threads` other than 1, linalg's parallel dimensions and the kernels'
// tiles become scf.parallel loops run by OpenMP (reductions stay sequential
// inside one thread, so the numbers do not depend on the thread count).
//
//===----------------------------------------------------------------------===//

#include "tqt/Pipelines/Pipelines.h"

#include "tqt/Codegen/Passes.h"
#include "tqt/Conversion/Passes.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void ::mlir::tqt::buildLowerToLLVMPipeline(OpPassManager &pm,
                                           const LowerToLLVMOptions &options) {
  mlir::tqt::TQTPrepareEntryPointsOptions entryOptions;
  entryOptions.emitCInterface = options.emitCInterface;
  pm.addPass(mlir::tqt::createTQTPrepareEntryPoints(entryOptions));
  if (options.kernels != codegen::KernelIsa::None) {
    mlir::tqt::TQTInt8KernelsOptions kernelOptions;
    kernelOptions.isa = options.kernels;
    pm.addPass(mlir::tqt::createTQTInt8Kernels(kernelOptions));
    mlir::tqt::TQTFloatKernelsOptions floatOptions;
    floatOptions.isa = options.kernels;
    pm.addPass(mlir::tqt::createTQTFloatKernels(floatOptions));
  }

  OpPassManager &fpm = pm.nest<func::FuncOp>();
  fpm.addPass(tosa::createTosaToLinalgNamed());
  fpm.addPass(tosa::createTosaToLinalg());
  TosaToArithPassOptions arithOptions;
  arithOptions.includeApplyRescale = true;
  fpm.addPass(createTosaToArithPass(arithOptions));
  fpm.addPass(createTosaToTensorPass());
  fpm.addPass(mlir::tqt::createConvertTQTToLinalg());
  // arith/math on tensors (written by hand or by front ends) to linalg.
  fpm.addPass(createConvertElementwiseToLinalgPass());

  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  bufferization::buildBufferDeallocationPipeline(pm);
  // bufferization.clone (inserted for returned buffers the callee does not
  // own) becomes memref.alloc + memref.copy.
  pm.addPass(createConvertBufferizationToMemRefPass());
  // The kernels' dot steps become x86 intrinsics only now: buffer
  // deallocation refuses ops with unknown memory effects.
  if (options.kernels != codegen::KernelIsa::None)
    pm.addPass(mlir::tqt::createTQTLowerDotSteps());
  // Strided copies as loops: no memrefCopy runtime call.
  pm.addPass(mlir::tqt::createTQTExpandStridedCopies());

  bool parallel = options.threads != 1;
  if (parallel) {
    pm.addPass(createConvertLinalgToParallelLoopsPass());
    pm.addPass(mlir::tqt::createTQTOuterParallelLoops());
  } else
    pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(mlir::tqt::createTQTOutlineLoopNests());
  pm.addPass(createConvertVectorToSCFPass());
  if (parallel) {
    ConvertSCFToOpenMPPassOptions ompOptions;
    ompOptions.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(ompOptions));
    pm.addPass(mlir::tqt::createTQTLowerAllocaScopes());
  }
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(mlir::tqt::createTQTApplyNoAlias());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}
