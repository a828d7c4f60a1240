//===- HostTensor.cpp - Dense host tensors --------------------------------===//

#include "tqt/Execution/HostTensor.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <unistd.h>

using namespace mlir::tqt::exec;

namespace {
/// Everything the tools need to know of a dtype, in one row per DType (in
/// enum order) so that the names and sizes cannot drift apart.
struct DTypeFacts {
  size_t size;
  const char *name;
  const char *descr;
  const char *element;
  const char *cType;
};
} // namespace

static constexpr DTypeFacts dtypeFacts[] = {
    {4, "f32", "<f4", "f32", "float"},
    {8, "f64", "<f8", "f64", "double"},
    {1, "int8", "|i1", "i8", "int8_t"},
    // Codes are signless in MLIR: uint8 data is an i8 tensor.
    {1, "uint8", "|u1", "i8", "int8_t"},
    {2, "int16", "<i2", "i16", "int16_t"},
    {4, "int32", "<i4", "i32", "int32_t"},
    {8, "int64", "<i8", "i64", "int64_t"},
};
static_assert(std::size(dtypeFacts) == size_t(DType::I64) + 1,
              "one row per DType");

static const DTypeFacts &facts(DType dtype) {
  return dtypeFacts[static_cast<size_t>(dtype)];
}

size_t mlir::tqt::exec::dtypeSize(DType dtype) { return facts(dtype).size; }
llvm::StringRef mlir::tqt::exec::dtypeName(DType dtype) {
  return facts(dtype).name;
}
llvm::StringRef mlir::tqt::exec::dtypeDescr(DType dtype) {
  return facts(dtype).descr;
}
llvm::StringRef mlir::tqt::exec::dtypeElementName(DType dtype) {
  return facts(dtype).element;
}
llvm::StringRef mlir::tqt::exec::dtypeCType(DType dtype) {
  return facts(dtype).cType;
}

std::optional<DType> mlir::tqt::exec::dtypeFromDescr(llvm::StringRef descr) {
  // One-byte types may be written with any byte-order mark.
  if (descr.size() == 3 && (descr[0] == '|' || descr[0] == '<' ||
                            descr[0] == '>' || descr[0] == '=')) {
    if (descr.substr(1) == "i1")
      return DType::I8;
    if (descr.substr(1) == "u1")
      return DType::U8;
  }
  for (DType d : {DType::F32, DType::F64, DType::I16, DType::I32, DType::I64})
    if (descr == dtypeDescr(d) || (descr.size() == 3 && descr[0] == '=' &&
                                   descr.substr(1) == dtypeDescr(d).substr(1)))
      return d;
  return std::nullopt;
}

std::string mlir::tqt::exec::shapeToString(llvm::ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "(";
  llvm::interleaveComma(shape, os);
  if (shape.size() == 1)
    os << ",";
  os << ")";
  return s;
}

void HostTensor::FreeDeleter::operator()(void *p) const { std::free(p); }

HostTensor::HostTensor(DType dtype, llvm::ArrayRef<int64_t> shape)
    : dtype(dtype), shape(shape) {
  numElements = 1;
  for (int64_t d : shape)
    numElements *= d;
  // Round up to the alignment, and never allocate zero bytes.
  size_t bytes = std::max<size_t>(getNumBytes(), 1);
  bytes = (bytes + 63) / 64 * 64;
  void *p = std::aligned_alloc(64, bytes);
  if (!p)
    llvm::report_fatal_error("out of memory allocating a host tensor");
  std::memset(p, 0, bytes);
  buffer.reset(p);
}

/// Physical memory in bytes (0 when unknown).
static uint64_t physicalMemory() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long pageSize = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : 0;
}

llvm::Expected<HostTensor> HostTensor::create(DType dtype,
                                              llvm::ArrayRef<int64_t> shape) {
  auto error = [&](const llvm::Twine &why) {
    return llvm::createStringError("cannot allocate a " + dtypeName(dtype) +
                                   " tensor of shape " + shapeToString(shape) +
                                   ": " + why);
  };
  uint64_t bytes = dtypeSize(dtype);
  bool overflow = false;
  for (int64_t d : shape) {
    if (d < 0)
      return error("negative dimension");
    if (d != 0 && bytes > std::numeric_limits<uint64_t>::max() / uint64_t(d))
      overflow = true;
    else
      bytes *= uint64_t(d);
  }
  if (overflow)
    return error("its size overflows 64 bits");
  // Half the machine: the program needs as much again for its results and
  // intermediates, and a larger request is almost always a typo.
  uint64_t memory = physicalMemory();
  if (memory != 0 && bytes > memory / 2)
    return error(llvm::formatv("it needs {0:F1} GiB, more than half of the "
                               "{1:F1} GiB of memory of this machine",
                               double(bytes) / double(1ull << 30),
                               double(memory) / double(1ull << 30))
                     .str());
  return HostTensor(dtype, shape);
}

llvm::SmallVector<int64_t> HostTensor::getStrides() const {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

bool HostTensor::bitwiseEquals(const HostTensor &other) const {
  return dtype == other.dtype && shape == other.shape &&
         std::memcmp(data(), other.data(), getNumBytes()) == 0;
}
