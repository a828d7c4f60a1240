//===- RandomInputs.cpp - Deterministic inputs from a signature -----------===//

#include "tqt/Execution/RandomInputs.h"

#include <cmath>
#include <random>

using namespace mlir::tqt::exec;

llvm::Expected<std::vector<HostTensor>>
mlir::tqt::exec::makeRandomInputs(const EntrySignature &sig, uint64_t seed,
                                  int64_t dynamicSize) {
  std::mt19937_64 rng(seed);
  // Raw 64-bit draws only: std::uniform_*_distribution differ across
  // standard libraries.
  auto dyadic = [&]() {
    int64_t m = int64_t(rng() % 8193) - 4096;
    return std::ldexp(double(m), -6);
  };
  std::vector<HostTensor> out;
  for (const TensorSpec &spec : sig.inputs) {
    llvm::SmallVector<int64_t> shape;
    for (int64_t d : spec.shape)
      shape.push_back(d < 0 ? dynamicSize : d);
    auto created = HostTensor::create(spec.element, shape);
    if (!created)
      return created.takeError();
    HostTensor t = std::move(*created);
    int64_t n = t.getNumElements();
    for (int64_t i = 0; i < n; ++i) {
      uint64_t bits = rng();
      switch (t.getDType()) {
      case DType::F32:
        t.dataAs<float>()[i] = float(dyadic());
        break;
      case DType::F64:
        t.dataAs<double>()[i] = dyadic();
        break;
      case DType::I8:
      case DType::U8:
        t.dataAs<uint8_t>()[i] = uint8_t(bits);
        break;
      case DType::I16:
        t.dataAs<uint16_t>()[i] = uint16_t(bits);
        break;
      case DType::I32:
        t.dataAs<uint32_t>()[i] = uint32_t(bits);
        break;
      case DType::I64:
        t.dataAs<uint64_t>()[i] = bits;
        break;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}
