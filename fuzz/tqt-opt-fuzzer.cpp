//===- tqt-opt-fuzzer.cpp - libFuzzer target for the passes ---------------===//
//
// Parses the input as an MLIR module and runs each of the project's passes
// and pipelines on a copy of it, with the verifier on. Diagnostics are
// expected (most mutated inputs are invalid) and swallowed; what the fuzzer
// looks for is a crash, a sanitizer report, a hang or runaway memory.
// docs/Fuzzing.md says how to build and run it.
//
//===----------------------------------------------------------------------===//

#include "tqt/InitAll.h"
#include "tqt/Support/ParserGuards.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace mlir;

namespace {

/// Each runs on its own copy of the parsed module.
constexpr const char *kPipelines[] = {
    "builtin.module(canonicalize)",
    "builtin.module(tqt-prepare)",
    "builtin.module(tqt-insert-quantizers)",
    "builtin.module(tqt-insert-quantizers{layer-bits=0 weight-bits=4})",
    "builtin.module(tqt-legalize-pow2)",
    "builtin.module(tqt-fuse-integer)",
    "builtin.module(tqt-legalize-pow2,tqt-fuse-integer)",
    "builtin.module(tqt-expand-training)",
    "builtin.module(func.func(convert-tqt-to-linalg))",
    "builtin.module(func.func(convert-tqt-to-tosa))",
    "builtin.module(tqt-prepare-entry-points)",
    "builtin.module(tqt-lower-to-llvm)",
    "builtin.module(tqt-int8-kernels{isa=avx512-vnni})",
    "builtin.module(tqt-int8-kernels{isa=avx2},func.func(tqt-lower-dot-steps))",
    "builtin.module(tqt-lower-to-llvm{kernels=avx512-vnni})",
};

/// The dialects a model comes in (the front end's and the project's);
/// inputs that use another registered dialect (linalg, memref, llvm, ...)
/// are skipped: their custom parsers are upstream's, and crash on some
/// malformed inputs (docs/Fuzzing.md), which would hide our findings.
constexpr llvm::StringLiteral kInputDialects[] = {
    "builtin", "func", "arith", "math", "tensor", "tosa", "tqt", "ml_program"};

struct Fixture {
  Fixture() {
    mlir::tqt::registerAllDialects(registry);
    mlir::tqt::registerAllPasses();
    for (llvm::StringRef name : registry.getDialectNames())
      if (!llvm::is_contained(kInputDialects, name))
        otherDialects.push_back((name + ".").str());
  }
  bool usesOtherDialect(llvm::StringRef text) const {
    return llvm::any_of(otherDialects, [&](const std::string &prefix) {
      for (size_t at = text.find(prefix); at != llvm::StringRef::npos;
           at = text.find(prefix, at + 1))
        if (at == 0 || !(llvm::isAlnum(text[at - 1]) || text[at - 1] == '_' ||
                         text[at - 1] == '.'))
          return true;
      return false;
    });
  }
  DialectRegistry registry;
  std::vector<std::string> otherDialects;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Fixture fixture;
  // MLIR's lexer reads up to a terminating NUL, as every SourceMgr buffer
  // has one; libFuzzer's data has none.
  std::string text(reinterpret_cast<const char *>(data), size);
  // The tools refuse these before parsing (upstream parser crashes).
  if (mlir::tqt::findParserHazard(text) || fixture.usesOtherDialect(text))
    return 0;

  // A fresh context per input: no state (uniqued attributes, loaded
  // dialects) carries from one input to the next.
  MLIRContext context(fixture.registry, MLIRContext::Threading::DISABLED);
  context.allowUnregisteredDialects(false);
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  ParserConfig config(&context);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, config);
  if (!module)
    return 0;

  for (const char *pipeline : kPipelines) {
    PassManager pm(&context);
    if (failed(parsePassPipeline(pipeline, pm, llvm::nulls()))) {
      llvm::errs() << "tqt-opt-fuzzer: bad pipeline " << pipeline << "\n";
      std::abort();
    }
    OwningOpRef<ModuleOp> copy(cast<ModuleOp>((*module)->clone()));
    (void)pm.run(*copy);
  }
  return 0;
}
