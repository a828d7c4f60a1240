//===- MemoryPolicy.cpp - Heap behaviour for repeated calls ---------------===//

#include "tqt/Support/MemoryPolicy.h"

// Any C library header defines __GLIBC__ (through <features.h>).
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void tqt::retainFreedMemory() {
#if defined(__GLIBC__)
  // 32 MiB is the largest mmap threshold glibc accepts on 64-bit targets.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}
