//===- Npy.cpp - Reading and writing .npy files ---------------------------===//

#include "tqt/Execution/Npy.h"

#include "tqt/Support/OutputFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir::tqt::exec;
using llvm::StringRef;

namespace {

llvm::Error npyError(StringRef name, const llvm::Twine &msg) {
  return llvm::createStringError(name + ": " + msg);
}

/// A minimal reader of the Python dict literal in a .npy header:
/// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text) {}

  bool parse(std::string &descr, bool &fortran,
             llvm::SmallVectorImpl<int64_t> &shape, std::string &why) {
    bool haveDescr = false, haveFortran = false, haveShape = false;
    skipSpace();
    if (!consume('{'))
      return fail(why, "expected '{'");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key))
        return fail(why, "expected a quoted key");
      skipSpace();
      if (!consume(':'))
        return fail(why, "expected ':' after '" + key + "'");
      skipSpace();
      if (key == "descr") {
        if (!parseString(descr))
          return fail(why, "'descr' is not a string");
        haveDescr = true;
      } else if (key == "fortran_order") {
        if (text.consume_front("True"))
          fortran = true;
        else if (text.consume_front("False"))
          fortran = false;
        else
          return fail(why, "'fortran_order' is not True or False");
        haveFortran = true;
      } else if (key == "shape") {
        if (!parseShape(shape))
          return fail(why, "'shape' is not a tuple of non-negative integers");
        haveShape = true;
      } else {
        return fail(why, "unexpected key '" + key + "'");
      }
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume('}'))
        break;
      return fail(why, "expected ',' or '}'");
    }
    if (!haveDescr || !haveFortran || !haveShape)
      return fail(why, "the header lacks 'descr', 'fortran_order' or 'shape'");
    return true;
  }

private:
  static bool fail(std::string &why, const std::string &msg) {
    why = msg;
    return false;
  }
  void skipSpace() { text = text.ltrim(" \t\n\r"); }
  bool consume(char c) { return text.consume_front(StringRef(&c, 1)); }
  bool parseString(std::string &out) {
    if (text.empty() || (text[0] != '\'' && text[0] != '"'))
      return false;
    char quote = text[0];
    size_t end = text.find(quote, 1);
    if (end == StringRef::npos)
      return false;
    out = text.substr(1, end - 1).str();
    text = text.drop_front(end + 1);
    return true;
  }
  bool parseShape(llvm::SmallVectorImpl<int64_t> &shape) {
    if (!consume('('))
      return false;
    while (true) {
      skipSpace();
      if (consume(')'))
        return true;
      size_t digits = 0;
      while (digits < text.size() && llvm::isDigit(text[digits]))
        ++digits;
      if (digits == 0 || digits > 18)
        return false;
      int64_t v = 0;
      if (text.substr(0, digits).getAsInteger(10, v))
        return false;
      shape.push_back(v);
      text = text.drop_front(digits);
      skipSpace();
      if (text.consume_front("L")) // Python 2 longs
        skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume(')'))
        return true;
      return false;
    }
  }
  StringRef text;
};

} // namespace

llvm::Expected<HostTensor> mlir::tqt::exec::parseNpy(StringRef bytes,
                                                     StringRef name) {
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || !bytes.starts_with(StringRef(kMagic, 6)))
    return npyError(name, "not a .npy file (bad magic)");
  unsigned major = uint8_t(bytes[6]);
  size_t headerLen, offset;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | (size_t(uint8_t(bytes[9])) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return npyError(name, "truncated .npy header");
    headerLen = uint8_t(bytes[8]) | (size_t(uint8_t(bytes[9])) << 8) |
                (size_t(uint8_t(bytes[10])) << 16) |
                (size_t(uint8_t(bytes[11])) << 24);
    offset = 12;
  } else {
    return npyError(name,
                    "unsupported .npy format version " + llvm::Twine(major));
  }
  if (bytes.size() < offset + headerLen)
    return npyError(name, "truncated .npy header");
  StringRef header = bytes.substr(offset, headerLen);

  std::string descr, why;
  bool fortran = false;
  llvm::SmallVector<int64_t> shape;
  if (!HeaderParser(header).parse(descr, fortran, shape, why))
    return npyError(name, "malformed .npy header: " + why);
  std::optional<DType> dtype = dtypeFromDescr(descr);
  if (!dtype)
    return npyError(name, "unsupported dtype '" + descr +
                              "' (supported: <f4, <f8, |i1, |u1, <i2, <i4, "
                              "<i8)");
  if (fortran)
    return npyError(name, "Fortran-order arrays are not supported (save a "
                          "C-contiguous array)");
  uint64_t count = 1;
  for (int64_t d : shape) {
    if (d != 0 && count > (uint64_t(1) << 40) / uint64_t(d))
      return npyError(name, "shape " + shapeToString(shape) + " is too large");
    count *= uint64_t(d);
  }
  StringRef payload = bytes.drop_front(offset + headerLen);
  uint64_t expected = count * dtypeSize(*dtype);
  if (payload.size() != expected)
    return npyError(name, "holds " + llvm::Twine(payload.size()) +
                              " data bytes, but " + descr + " with shape " +
                              shapeToString(shape) + " needs " +
                              llvm::Twine(expected));
  HostTensor tensor(*dtype, shape);
  std::memcpy(tensor.data(), payload.data(), expected);
  return tensor;
}

llvm::Expected<HostTensor> mlir::tqt::exec::readNpy(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return npyError(path, "cannot read: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

std::string mlir::tqt::exec::serializeNpy(const HostTensor &tensor) {
  std::string header = "{'descr': '" + dtypeDescr(tensor.getDType()).str() +
                       "', 'fortran_order': False, 'shape': " +
                       shapeToString(tensor.getShape()) + ", }";
  // magic(6) + version(2) + length(2) + header + '\n', padded to 64 bytes.
  size_t total = 10 + header.size() + 1;
  size_t padded = (total + 63) / 64 * 64;
  header.append(padded - total, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(char(header.size() & 0xff));
  out.push_back(char(header.size() >> 8));
  out += header;
  out.append(static_cast<const char *>(tensor.data()), tensor.getNumBytes());
  return out;
}

llvm::Error mlir::tqt::exec::writeNpy(StringRef path,
                                      const HostTensor &tensor) {
  return ::mlir::tqt::writeOutputFile(path, serializeNpy(tensor));
}
