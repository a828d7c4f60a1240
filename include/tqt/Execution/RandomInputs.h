//===- RandomInputs.h - Deterministic inputs from a signature ---*- C++ -*-===//

#ifndef TQT_EXECUTION_RANDOMINPUTS_H
#define TQT_EXECUTION_RANDOMINPUTS_H

#include "tqt/Execution/HostTensor.h"
#include "tqt/Execution/Signature.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace mlir::tqt::exec {

/// One tensor per input of `sig`, dynamic dimensions set to `dynamicSize`.
/// Floats are dyadic values m * 2^-6 with m uniform in [-4096, 4096] (so
/// rounding ties and saturation are frequent at the usual scales); integers
/// are uniform over their type. The same seed gives the same bytes on every
/// machine (a fixed mt19937_64 stream, no library distributions). An error
/// when a tensor cannot be allocated (HostTensor::create).
llvm::Expected<std::vector<HostTensor>>
makeRandomInputs(const EntrySignature &sig, uint64_t seed, int64_t dynamicSize);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_RANDOMINPUTS_H
