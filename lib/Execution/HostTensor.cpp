//===- HostTensor.cpp - Dense host tensors --------------------------------===//

#include "tqt/Execution/HostTensor.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>

using namespace tqt::exec;

size_t tqt::exec::dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::I8:
  case DType::U8:
    return 1;
  case DType::I16:
    return 2;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  }
  llvm_unreachable("unknown dtype");
}

llvm::StringRef tqt::exec::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::I8:
    return "int8";
  case DType::U8:
    return "uint8";
  case DType::I16:
    return "int16";
  case DType::I32:
    return "int32";
  case DType::I64:
    return "int64";
  }
  llvm_unreachable("unknown dtype");
}

llvm::StringRef tqt::exec::dtypeDescr(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I8:
    return "|i1";
  case DType::U8:
    return "|u1";
  case DType::I16:
    return "<i2";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DType> tqt::exec::dtypeFromDescr(llvm::StringRef descr) {
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

std::string tqt::exec::shapeToString(llvm::ArrayRef<int64_t> shape) {
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
