//===- HostTensor.h - Dense host tensors for the tools ----------*- C++ -*-===//
//
// A contiguous, row-major, 64-byte aligned host buffer with a dtype and a
// shape: what the tools read from .npy files and datasets, pass to compiled
// models and write back. No MLIR dependency.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_HOSTTENSOR_H
#define TQT_EXECUTION_HOSTTENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mlir::tqt::exec {

/// Element types the tools exchange (the .npy dtypes they read and write).
enum class DType { F32, F64, I8, U8, I16, I32, I64 };

size_t dtypeSize(DType dtype);
/// Short name: f32, f64, int8, uint8, int16, int32, int64.
llvm::StringRef dtypeName(DType dtype);
/// The .npy descriptor ('<f4', '|i1', ...).
llvm::StringRef dtypeDescr(DType dtype);
/// The MLIR element type name: f32, f64, i8 (int8 and uint8: codes are
/// signless), i16, i32, i64.
llvm::StringRef dtypeElementName(DType dtype);
/// The C type of the elements in the generated C interface: float, double,
/// int8_t (also for uint8), int16_t, int32_t, int64_t.
llvm::StringRef dtypeCType(DType dtype);
std::optional<DType> dtypeFromDescr(llvm::StringRef descr);

/// "(3, 4)" style, as numpy prints shapes.
std::string shapeToString(llvm::ArrayRef<int64_t> shape);

class HostTensor {
public:
  HostTensor() = default;
  /// A zero-initialized tensor. For sizes that are known to fit; sizes that
  /// come from a user go through create().
  HostTensor(DType dtype, llvm::ArrayRef<int64_t> shape);

  /// A zero-initialized tensor, or an error that gives the size when the
  /// shape is negative, overflows, or needs more than half the machine's
  /// physical memory (checked before allocating, so an impossible request is
  /// an error message rather than an abort or the out-of-memory killer).
  static llvm::Expected<HostTensor> create(DType dtype,
                                           llvm::ArrayRef<int64_t> shape);

  DType getDType() const { return dtype; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getNumElements() const { return numElements; }
  size_t getNumBytes() const { return numElements * dtypeSize(dtype); }

  void *data() { return buffer.get(); }
  const void *data() const { return buffer.get(); }
  template <typename T> T *dataAs() { return static_cast<T *>(data()); }
  template <typename T> const T *dataAs() const {
    return static_cast<const T *>(data());
  }

  /// Row-major strides in elements.
  llvm::SmallVector<int64_t> getStrides() const;

  /// Bytewise equality of dtype, shape and contents.
  bool bitwiseEquals(const HostTensor &other) const;

private:
  struct FreeDeleter {
    void operator()(void *p) const;
  };
  DType dtype = DType::F32;
  llvm::SmallVector<int64_t> shape;
  int64_t numElements = 0;
  std::unique_ptr<void, FreeDeleter> buffer;
};

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_HOSTTENSOR_H
