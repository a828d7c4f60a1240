//===- KernelIsa.h - Which micro-kernels the code generator emits *- C++
//-*-===//
//
// The instruction set the int8 kernels are generated for, and the one
// selection every tool makes from its target CPU (the host's features for the
// JIT, --mcpu for ahead-of-time compilation): an instruction the CPU lacks
// fails LLVM's instruction selection, so the choice is checked here first.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CODEGEN_KERNELISA_H
#define TQT_CODEGEN_KERNELISA_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace llvm {
class MCSubtargetInfo;
} // namespace llvm

namespace mlir::tqt::codegen {

enum class KernelIsa {
  /// No kernels: the naive linalg-to-loops lowering (the reference path).
  None,
  /// AVX2: 16-bit operands, vpmaddwd (exact; vpmaddubsw saturates).
  Avx2,
  /// VNNI on ymm registers: u8 x s8 vpdpbusd with AVX-VNNI (VEX, e.g.
  /// Alder Lake, Zen 5) or AVX512-VNNI + AVX512VL (EVEX).
  AvxVnni,
  /// AVX-512 with VNNI: u8 x s8 vpdpbusd on zmm registers.
  Avx512Vnni,
};

/// The option spelling: none, avx2, avx-vnni, avx512-vnni.
llvm::StringRef getKernelIsaName(KernelIsa isa);
std::optional<KernelIsa> parseKernelIsa(llvm::StringRef name);

/// The LLVM target features `isa` needs, comma-separated; alternatives
/// separated by " or ".
llvm::StringRef getKernelIsaFeatures(KernelIsa isa);

/// Whether a CPU with these subtarget features runs kernels of `isa`.
bool supportsKernelIsa(const llvm::MCSubtargetInfo &sti, KernelIsa isa);

/// The best kernels for the CPU: avx512-vnni, else avx-vnni, else avx2,
/// else none.
KernelIsa selectKernelIsa(const llvm::MCSubtargetInfo &sti);

/// The help text of the tools' --kernels option (parsed by
/// parseKernelRequest), one text for every tool.
inline constexpr const char *kKernelsOptionHelp =
    "micro-kernels for convolutions and fully connected layers, int8 and "
    "f32 (zmm registers with avx512-vnni, ymm with avx-vnni and avx2): auto "
    "(default: the best the target CPU has), none (the reference loops), "
    "avx2, avx-vnni or avx512-vnni";

/// A command-line choice: auto (std::nullopt), none, avx2, avx-vnni or
/// avx512-vnni.
llvm::Expected<std::optional<KernelIsa>> parseKernelRequest(llvm::StringRef);

/// `requested` (nullopt: automatic) checked against the CPU: an error names
/// the missing features.
llvm::Expected<KernelIsa> resolveKernelIsa(std::optional<KernelIsa> requested,
                                           const llvm::MCSubtargetInfo &sti);

} // namespace mlir::tqt::codegen

#endif // TQT_CODEGEN_KERNELISA_H
