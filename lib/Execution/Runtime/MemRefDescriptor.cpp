//===- MemRefDescriptor.cpp - The memref ABI of compiled functions --------===//

#include "tqt/Execution/MemRefDescriptor.h"

#include "llvm/ADT/SetVector.h"

#include <cstdlib>
#include <cstring>

using namespace mlir::tqt::exec;

std::vector<int64_t> mlir::tqt::exec::makeDescriptor(const HostTensor &tensor) {
  std::vector<int64_t> desc(descriptorWords(tensor.getRank()));
  auto ptr = reinterpret_cast<int64_t>(tensor.data());
  desc[0] = ptr;
  desc[1] = ptr;
  desc[2] = 0;
  llvm::SmallVector<int64_t> strides = tensor.getStrides();
  for (int64_t d = 0; d < tensor.getRank(); ++d) {
    desc[3 + d] = tensor.getShape()[d];
    desc[3 + tensor.getRank() + d] = strides[d];
  }
  return desc;
}

ResultDescriptors::ResultDescriptors(llvm::ArrayRef<TensorSpec> specs)
    : specs(specs.begin(), specs.end()) {
  size_t total = 0;
  for (const TensorSpec &s : specs) {
    offsets.push_back(total);
    total += descriptorWords(s.getRank());
  }
  words.assign(std::max<size_t>(total, 1), 0);
}

/// Copies a strided buffer into a contiguous row-major destination.
static void copyStrided(const char *src, char *dst, size_t elementSize,
                        llvm::ArrayRef<int64_t> sizes,
                        llvm::ArrayRef<int64_t> strides) {
  int64_t rank = sizes.size();
  int64_t count = 1;
  for (int64_t s : sizes)
    count *= s;
  if (count == 0)
    return;
  llvm::SmallVector<int64_t> index(rank, 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += index[d] * strides[d];
    std::memcpy(dst + n * elementSize, src + offset * elementSize, elementSize);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < sizes[d])
        break;
      index[d] = 0;
    }
  }
}

std::vector<HostTensor>
ResultDescriptors::takeAll(llvm::ArrayRef<const void *> inputBuffers) {
  std::vector<HostTensor> out;
  // Results may share a buffer (a function returning a value and a view of
  // it): freed once, after every result is copied out.
  llvm::SetVector<void *> owned;
  for (auto [k, spec] : llvm::enumerate(specs)) {
    const int64_t *d = words.data() + offsets[k];
    int64_t rank = spec.getRank();
    auto *allocated = reinterpret_cast<char *>(d[0]);
    auto *aligned = reinterpret_cast<const char *>(d[1]);
    int64_t offset = d[2];
    llvm::ArrayRef<int64_t> sizes(d + 3, rank);
    llvm::ArrayRef<int64_t> strides(d + 3 + rank, rank);
    HostTensor t(spec.element, sizes);
    size_t es = spec.getElementSize();
    const char *base = aligned + offset * int64_t(es);
    bool contiguous = true;
    int64_t expect = 1;
    for (int64_t i = rank - 1; i >= 0; --i) {
      if (sizes[i] != 1 && strides[i] != expect)
        contiguous = false;
      expect *= sizes[i];
    }
    if (contiguous)
      std::memcpy(t.data(), base, t.getNumBytes());
    else
      copyStrided(base, static_cast<char *>(t.data()), es, sizes, strides);
    out.push_back(std::move(t));
    if (allocated && !llvm::is_contained(inputBuffers, allocated))
      owned.insert(allocated);
  }
  for (void *allocated : owned)
    std::free(allocated);
  return out;
}
