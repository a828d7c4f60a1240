//===- MemoryPolicy.h - Heap behaviour for repeated calls -------*- C++ -*-===//
//
// Compiled programs allocate their intermediate buffers (memref.alloc) on
// every call and free them before returning. With glibc's defaults, buffers
// of a few hundred KiB go back to the kernel when freed (mmap'd chunks, or
// heap top trimmed past the dynamic trim threshold), so every call pays page
// faults and page clearing for all of them: measured on a 56x56x128
// depthwise layer, 375 faults and 3/4 of the time per call. Tools that call
// compiled code repeatedly keep freed memory in the heap instead (the same
// as MALLOC_MMAP_THRESHOLD_=32MiB MALLOC_TRIM_THRESHOLD_=128MiB).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_SUPPORT_MEMORYPOLICY_H
#define TQT_SUPPORT_MEMORYPOLICY_H

namespace mlir::tqt {

/// Allocations below this many bytes come from the heap (32 MiB is the
/// largest mmap threshold glibc accepts on 64-bit targets) ...
inline constexpr int kRetainedMmapThreshold = 32 << 20;
/// ... and up to this many freed bytes stay there.
inline constexpr int kRetainedTrimThreshold = 128 << 20;

/// Serves allocations below 32 MiB from the heap and keeps up to 128 MiB of
/// freed memory there (no-op where the C library has no such control).
void retainFreedMemory();

} // namespace mlir::tqt

#endif // TQT_SUPPORT_MEMORYPOLICY_H
