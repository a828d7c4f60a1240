//===- KernelIsa.cpp - Which micro-kernels the code generator emits -------===//

#include "tqt/Codegen/KernelIsa.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"

using namespace llvm;
using namespace mlir::tqt::codegen;

StringRef mlir::tqt::codegen::getKernelIsaName(KernelIsa isa) {
  switch (isa) {
  case KernelIsa::None:
    return "none";
  case KernelIsa::Avx2:
    return "avx2";
  case KernelIsa::AvxVnni:
    return "avx-vnni";
  case KernelIsa::Avx512Vnni:
    return "avx512-vnni";
  }
  llvm_unreachable("unknown kernel ISA");
}

std::optional<KernelIsa> mlir::tqt::codegen::parseKernelIsa(StringRef name) {
  for (KernelIsa isa : {KernelIsa::None, KernelIsa::Avx2, KernelIsa::AvxVnni,
                        KernelIsa::Avx512Vnni})
    if (name == getKernelIsaName(isa))
      return isa;
  return std::nullopt;
}

Expected<std::optional<KernelIsa>>
mlir::tqt::codegen::parseKernelRequest(StringRef name) {
  if (name == "auto")
    return std::optional<KernelIsa>();
  if (std::optional<KernelIsa> isa = parseKernelIsa(name))
    return isa;
  return createStringError(
      "unknown --kernels value '" + name +
      "' (expected auto, none, avx2, avx-vnni or avx512-vnni)");
}

StringRef mlir::tqt::codegen::getKernelIsaFeatures(KernelIsa isa) {
  switch (isa) {
  case KernelIsa::None:
    return "";
  case KernelIsa::Avx2:
    return "avx2";
  case KernelIsa::AvxVnni:
    return "avxvnni or avx512vnni,avx512vl";
  case KernelIsa::Avx512Vnni:
    return "avx512f,avx512bw,avx512vnni";
  }
  llvm_unreachable("unknown kernel ISA");
}

/// The features of `isa` the CPU lacks: none if one alternative is
/// complete, else those the first alternative lacks.
static SmallVector<StringRef> missingFeatures(const MCSubtargetInfo &sti,
                                              KernelIsa isa) {
  StringRef list = getKernelIsaFeatures(isa);
  if (list.empty())
    return {};
  SmallVector<StringRef> alternatives;
  list.split(alternatives, " or ");
  SmallVector<StringRef> firstMissing;
  for (auto [i, alternative] : llvm::enumerate(alternatives)) {
    SmallVector<StringRef> features, missing;
    SplitString(alternative, features, ",");
    for (StringRef f : features)
      if (!sti.checkFeatures(("+" + f).str()))
        missing.push_back(f);
    if (missing.empty())
      return {};
    if (i == 0)
      firstMissing = missing;
  }
  return firstMissing;
}

bool mlir::tqt::codegen::supportsKernelIsa(const MCSubtargetInfo &sti,
                                           KernelIsa isa) {
  return missingFeatures(sti, isa).empty();
}

KernelIsa mlir::tqt::codegen::selectKernelIsa(const MCSubtargetInfo &sti) {
  if (sti.getTargetTriple().getArch() != Triple::x86_64)
    return KernelIsa::None;
  for (KernelIsa isa :
       {KernelIsa::Avx512Vnni, KernelIsa::AvxVnni, KernelIsa::Avx2})
    if (supportsKernelIsa(sti, isa))
      return isa;
  return KernelIsa::None;
}

Expected<KernelIsa>
mlir::tqt::codegen::resolveKernelIsa(std::optional<KernelIsa> requested,
                                     const MCSubtargetInfo &sti) {
  if (!requested)
    return selectKernelIsa(sti);
  if (*requested == KernelIsa::None)
    return KernelIsa::None;
  bool x86 = sti.getTargetTriple().getArch() == Triple::x86_64;
  SmallVector<StringRef> missing = missingFeatures(sti, *requested);
  if (x86 && missing.empty())
    return *requested;
  std::string why = x86 ? "lacks " + join(missing, ", ")
                        : "is not x86-64 (" + sti.getTargetTriple().str() + ")";
  return createStringError("--kernels=" + getKernelIsaName(*requested) +
                           " needs a CPU with " +
                           getKernelIsaFeatures(*requested) +
                           "; the target CPU '" + sti.getCPU() + "' " + why +
                           " (use --kernels=auto or a --mcpu that "
                           "has them)");
}
