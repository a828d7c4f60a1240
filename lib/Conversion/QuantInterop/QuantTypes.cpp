//===- QuantTypes.cpp - tqt codes as upstream quant types -----------------===//

#include "tqt/Conversion/QuantInterop.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tqt;
namespace num = mlir::tqt::numerics;

quant::UniformQuantizedType mlir::tqt::getQuantType(const CodeType &codes) {
  num::Grid g = codes.grid.grid();
  MLIRContext *ctx = codes.storage.getContext();
  return quant::UniformQuantizedType::get(
      codes.grid.isSigned ? quant::QuantizationFlags::Signed : 0, codes.storage,
      Float32Type::get(ctx), std::ldexp(1.0, int(codes.exp)),
      /*zeroPoint=*/0, g.lo, g.hi);
}

FailureOr<CodeType>
mlir::tqt::getCodeType(Type type,
                       function_ref<InFlightDiagnostic()> emitError) {
  auto uniform = dyn_cast<quant::UniformQuantizedType>(type);
  if (!uniform) {
    if (isa<quant::QuantizedType>(type))
      return emitError() << type
                         << " has per-axis or sub-channel scales; tqt codes "
                            "have one scale per tensor";
    return emitError() << type << " is not a !quant.uniform type";
  }
  if (!uniform.getExpressedType().isF32())
    return emitError() << type << " expresses " << uniform.getExpressedType()
                       << "; tqt codes express f32";
  if (uniform.getZeroPoint() != 0)
    return emitError() << type << " has zero point " << uniform.getZeroPoint()
                       << "; tqt codes have zero point 0";
  int exp = 0;
  double mantissa = std::frexp(uniform.getScale(), &exp);
  // frexp gives [0.5, 1): a power of 2 has mantissa 0.5, and 2^(exp - 1).
  if (mantissa != 0.5 || exp - 1 < num::kMinExp || exp - 1 > num::kMaxExp)
    return emitError() << type << " has scale " << uniform.getScale()
                       << ", which is not a power of 2 in [2^" << num::kMinExp
                       << ", 2^" << num::kMaxExp << "]";
  auto storage = dyn_cast<IntegerType>(uniform.getStorageType());
  if (!storage || storage.getWidth() > 32)
    return emitError() << type << " has storage " << uniform.getStorageType()
                       << "; tqt codes are stored in at most 32 bits";
  int64_t lo = uniform.getStorageTypeMin(), hi = uniform.getStorageTypeMax();
  bool isSigned = uniform.isSigned();
  for (unsigned bits = 2; bits <= storage.getWidth(); ++bits)
    for (bool narrow : {false, true}) {
      if (narrow && !isSigned)
        continue;
      num::QuantizerSpec spec{bits, isSigned, narrow};
      num::Grid g = spec.grid();
      if (g.lo == lo && g.hi == hi)
        return CodeType{IntegerType::get(type.getContext(), storage.getWidth()),
                        int64_t(exp - 1), spec};
    }
  return emitError() << type << " has storage range [" << lo << ", " << hi
                     << "], which is no tqt grid (signed [-2^(b-1), "
                        "2^(b-1)-1], narrow [-2^(b-1)+1, 2^(b-1)-1] or "
                        "unsigned [0, 2^b-1], b >= 2)";
}
