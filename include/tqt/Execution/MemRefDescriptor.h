//===- MemRefDescriptor.h - The memref ABI ----------------------*- C++ -*-===//
//
// A ranked memref crosses the C interface as
//   { T *allocated; T *aligned; int64_t offset; int64_t sizes[R];
//     int64_t strides[R]; }
// (docs/CAPI.md). These helpers build descriptors for host tensors and turn
// returned descriptors back into host tensors, freeing the buffers the
// compiled code malloc'ed.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_MEMREFDESCRIPTOR_H
#define TQT_EXECUTION_MEMREFDESCRIPTOR_H

#include "tqt/Execution/HostTensor.h"
#include "tqt/Execution/Signature.h"

#include <vector>

namespace mlir::tqt::exec {

/// Number of int64 words of a rank-R descriptor.
inline size_t descriptorWords(int64_t rank) { return 3 + 2 * size_t(rank); }

/// The descriptor of a contiguous host tensor (offset 0, row-major strides).
std::vector<int64_t> makeDescriptor(const HostTensor &tensor);

/// Storage for the descriptors a function returns, laid out as the C
/// interface's result struct.
class ResultDescriptors {
public:
  explicit ResultDescriptors(llvm::ArrayRef<TensorSpec> specs);
  void *data() { return words.data(); }

  /// Copies every result into a host tensor (honouring offsets and strides)
  /// and frees each returned allocation once. Buffers equal to one of
  /// `inputBuffers` are never freed.
  std::vector<HostTensor> takeAll(llvm::ArrayRef<const void *> inputBuffers);

private:
  std::vector<TensorSpec> specs;
  std::vector<size_t> offsets;
  std::vector<int64_t> words;
};

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_MEMREFDESCRIPTOR_H
