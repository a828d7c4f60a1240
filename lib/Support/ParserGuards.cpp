//===- ParserGuards.cpp - Inputs that crash MLIR 22's parser --------------===//

#include "tqt/Support/ParserGuards.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cctype>

using namespace llvm;

/// What MLIR's lexer skips between tokens: whitespace, NUL characters and
/// `//` comments.
static StringRef skipTrivia(StringRef text) {
  while (true) {
    text = text.ltrim(StringRef(" \t\r\n\0", 5));
    if (!text.starts_with("//"))
      return text;
    size_t end = text.find('\n');
    if (end == StringRef::npos)
      return StringRef();
    text = text.drop_front(end);
  }
}

std::optional<mlir::tqt::ParserHazard>
mlir::tqt::findParserHazard(StringRef text) {
  unsigned line = 1, column = 1, depth = 0;
  auto hazard = [&](std::string message) {
    return ParserHazard{line, column, std::move(message)};
  };
  for (size_t i = 0, e = text.size(); i < e; ++i, ++column) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      column = 0;
      continue;
    }
    // Comments run to the end of the line.
    if (c == '/' && i + 1 < e && text[i + 1] == '/') {
      size_t end = text.find('\n', i);
      if (end == StringRef::npos)
        break;
      column += end - i - 1;
      i = end - 1;
      continue;
    }
    // String literals, with backslash escapes.
    if (c == '"') {
      for (++i, ++column; i < e && text[i] != '"' && text[i] != '\n';
           ++i, ++column)
        if (text[i] == '\\' && i + 1 < e && text[i + 1] != '\n') {
          ++i;
          ++column;
        }
      if (i < e && text[i] == '\n') {
        ++line;
        column = 0;
      }
      continue;
    }
    if (c == '{' || c == '[' || c == '(') {
      if (++depth > kMaxNestingDepth)
        return hazard("nesting deeper than " +
                      std::to_string(kMaxNestingDepth) +
                      " levels is not supported: MLIR 22's recursive parser "
                      "overflows the stack on deep inputs");
      continue;
    }
    if (c == '}' || c == ']' || c == ')') {
      if (depth > 0)
        --depth;
      continue;
    }
    if (c == 'a' && text.substr(i).starts_with("array<") &&
        (i == 0 || !(std::isalnum(uint8_t(text[i - 1])) || text[i - 1] == '_' ||
                     text[i - 1] == '.'))) {
      StringRef rest = skipTrivia(text.substr(i + 6));
      if (rest.starts_with("index") &&
          (rest.size() == 5 ||
           !(std::isalnum(uint8_t(rest[5])) || rest[5] == '_')))
        return hazard("array<index: ...> crashes MLIR 22's parser (an upstream "
                      "bug); use an integer element type such as "
                      "array<i64: ...>");
    }
  }
  return std::nullopt;
}

bool mlir::tqt::reportParserHazard(StringRef name, StringRef text) {
  std::optional<ParserHazard> h = findParserHazard(text);
  if (!h)
    return false;
  errs() << name << ":" << h->line << ":" << h->column << ": ";
  WithColor::error(errs(), "") << h->message << "\n";
  return true;
}
