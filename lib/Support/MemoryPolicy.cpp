//===- MemoryPolicy.cpp - Heap behaviour for repeated calls ---------------===//

#include "tqt/Support/MemoryPolicy.h"

// Any C library header defines __GLIBC__ (through <features.h>).
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void mlir::tqt::retainFreedMemory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, kRetainedMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, kRetainedTrimThreshold);
#endif
}
