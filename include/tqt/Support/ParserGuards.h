//===- ParserGuards.h - Inputs that crash MLIR 22's parser ------*- C++ -*-===//
//
// A few inputs crash Debian's MLIR 22 parser itself (upstream bugs, listed
// with reproducers in docs/Fuzzing.md). The tools scan their input text for
// them before parsing and refuse it with a located error instead of a
// segmentation fault; the fuzz target skips them.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_SUPPORT_PARSERGUARDS_H
#define TQT_SUPPORT_PARSERGUARDS_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <optional>
#include <string>

namespace mlir::tqt {

/// Deeper nesting of `{`, `[` and `(` than this is refused: the recursive
/// parser, verifier and printer overflow an 8 MiB stack at a few thousand
/// levels (regions: ~3,000; attribute arrays: ~10,000).
constexpr unsigned kMaxNestingDepth = 1000;

struct ParserHazard {
  /// 1-based, as in MLIR's diagnostics.
  unsigned line = 0;
  unsigned column = 0;
  std::string message;
};

/// The first known parser crash in `text` (outside comments and string
/// literals), or nullopt:
/// - `array<index: ...>` (parseDenseArrayAttr reads an index element type as
///   a float type);
/// - nesting deeper than kMaxNestingDepth.
std::optional<ParserHazard> findParserHazard(llvm::StringRef text);

/// Prints "name:line:col: error: message" to stderr when `text` has a
/// hazard; returns whether it had one.
bool reportParserHazard(llvm::StringRef name, llvm::StringRef text);

} // namespace mlir::tqt

#endif // TQT_SUPPORT_PARSERGUARDS_H
