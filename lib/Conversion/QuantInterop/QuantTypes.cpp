//===- QuantTypes.cpp - tqt codes as upstream quant types -----------------===//

#include "tqt/Conversion/QuantInterop.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tqt;
namespace num = mlir::tqt::numerics;

quant::QuantizedType mlir::tqt::getQuantType(const CodeType &codes) {
  num::Grid g = codes.grid.grid();
  MLIRContext *ctx = codes.storage.getContext();
  unsigned flags = codes.grid.isSigned ? quant::QuantizationFlags::Signed : 0;
  if (codes.exps.isPerChannel()) {
    SmallVector<double> scales;
    for (int64_t e : codes.exps.values)
      scales.push_back(std::ldexp(1.0, int(e)));
    SmallVector<int64_t> zeroPoints(scales.size(), 0);
    return quant::UniformQuantizedPerAxisType::get(
        flags, codes.storage, Float32Type::get(ctx), scales, zeroPoints,
        int32_t(*codes.exps.axis), g.lo, g.hi);
  }
  return quant::UniformQuantizedType::get(
      flags, codes.storage, Float32Type::get(ctx),
      std::ldexp(1.0, int(codes.exps.at(0))),
      /*zeroPoint=*/0, g.lo, g.hi);
}

/// The exponent of a power-of-2 scale in [2^-126, 2^127].
static std::optional<int64_t> scaleExponent(double scale) {
  int exp = 0;
  double mantissa = std::frexp(scale, &exp);
  // frexp gives [0.5, 1): a power of 2 has mantissa 0.5, and 2^(exp - 1).
  if (mantissa != 0.5 || exp - 1 < num::kMinExp || exp - 1 > num::kMaxExp)
    return std::nullopt;
  return exp - 1;
}

FailureOr<CodeType>
mlir::tqt::getCodeType(Type type,
                       function_ref<InFlightDiagnostic()> emitError) {
  auto quantized = dyn_cast<quant::QuantizedType>(type);
  auto uniform = dyn_cast<quant::UniformQuantizedType>(type);
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(type);
  if (!uniform && !perAxis) {
    if (quantized)
      return emitError() << type
                         << " has sub-channel scales; tqt codes have one "
                            "scale per tensor or per channel";
    return emitError() << type << " is not a !quant.uniform type";
  }
  if (!quantized.getExpressedType().isF32())
    return emitError() << type << " expresses " << quantized.getExpressedType()
                       << "; tqt codes express f32";
  ChannelInts exps;
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  if (uniform) {
    scales.push_back(uniform.getScale());
    zeroPoints.push_back(uniform.getZeroPoint());
  } else {
    scales.assign(perAxis.getScales().begin(), perAxis.getScales().end());
    zeroPoints.assign(perAxis.getZeroPoints().begin(),
                      perAxis.getZeroPoints().end());
    exps.axis = perAxis.getQuantizedDimension();
  }
  for (int64_t zp : zeroPoints)
    if (zp != 0)
      return emitError() << type << " has zero point " << zp
                         << "; tqt codes have zero point 0";
  for (double scale : scales) {
    std::optional<int64_t> e = scaleExponent(scale);
    if (!e)
      return emitError() << type << " has scale " << scale
                         << ", which is not a power of 2 in [2^" << num::kMinExp
                         << ", 2^" << num::kMaxExp << "]";
    exps.values.push_back(*e);
  }
  auto storage = dyn_cast<IntegerType>(quantized.getStorageType());
  if (!storage || storage.getWidth() > 32)
    return emitError() << type << " has storage " << quantized.getStorageType()
                       << "; tqt codes are stored in at most 32 bits";
  int64_t lo = quantized.getStorageTypeMin(),
          hi = quantized.getStorageTypeMax();
  bool isSigned = quantized.isSigned();
  for (unsigned bits = 2; bits <= storage.getWidth(); ++bits)
    for (bool narrow : {false, true}) {
      if (narrow && !isSigned)
        continue;
      num::QuantizerSpec spec{bits, isSigned, narrow};
      num::Grid g = spec.grid();
      if (g.lo == lo && g.hi == hi)
        return CodeType{IntegerType::get(type.getContext(), storage.getWidth()),
                        exps, spec};
    }
  return emitError() << type << " has storage range [" << lo << ", " << hi
                     << "], which is no tqt grid (signed [-2^(b-1), "
                        "2^(b-1)-1], narrow [-2^(b-1)+1, 2^(b-1)-1] or "
                        "unsigned [0, 2^b-1], b >= 2)";
}
