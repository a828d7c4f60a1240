//===- Target.cpp - The CPU compiled code targets -------------------------===//

#include "tqt/Execution/Target.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace llvm;

std::string mlir::tqt::exec::hostMicroArchitecture() {
  StringMap<bool> f = sys::getHostCPUFeatures();
  auto has = [&](const char *name) { return f.lookup(name); };
  if (has("avx512f") && has("avx512bw") && has("avx512cd") && has("avx512dq") &&
      has("avx512vl"))
    return "x86-64-v4";
  if (has("avx2") && has("fma") && has("bmi2") && has("movbe"))
    return "x86-64-v3";
  if (has("sse4.2") && has("popcnt"))
    return "x86-64-v2";
  return "x86-64";
}

Expected<std::unique_ptr<TargetMachine>>
mlir::tqt::exec::createHostTargetMachine(StringRef cpu, CodeGenOptLevel level,
                                         bool pic, bool jit) {
  static std::once_flag init;
  std::call_once(init, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
  });
  Triple triple(sys::getProcessTriple());
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return createStringError("no target for " + triple.str() + ": " + error);
  std::string cpuName = cpu.str();
  std::string features;
  if (cpu == "host" || cpu == "native") {
    cpuName =
        cpu == "host" ? hostMicroArchitecture() : sys::getHostCPUName().str();
    SubtargetFeatures sf;
    for (auto &feature : sys::getHostCPUFeatures())
      sf.AddFeature(feature.first(), feature.second);
    features = sf.getString();
  }
  // Refuse unknown CPU names instead of LLVM's warning-and-generic fallback.
  std::unique_ptr<MCSubtargetInfo> sti(
      target->createMCSubtargetInfo(triple, "", ""));
  if (sti && !sti->isCPUStringValid(cpuName))
    return createStringError("unknown CPU '" + cpuName + "' for " +
                             triple.str() +
                             " (use host, native or an LLVM CPU name "
                             "such as x86-64-v3)");
  TargetOptions options;
  std::unique_ptr<TargetMachine> tm(target->createTargetMachine(
      triple, cpuName, features, options,
      pic ? std::optional<Reloc::Model>(Reloc::PIC_) : std::nullopt,
      std::nullopt, level, jit));
  if (!tm)
    return createStringError("cannot create a target machine for CPU '" +
                             cpuName + "'");
  return tm;
}

llvm::StringRef mlir::tqt::exec::getOpenMPRuntimePath() {
  return TQT_OPENMP_RUNTIME;
}
