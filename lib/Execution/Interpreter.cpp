//===- Interpreter.cpp - Reference evaluation of tqt functions ------------===//

#include "tqt/Execution/Interpreter.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Signature.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir::tqt::exec;
using namespace mlir;

static Type elementTypeOf(MLIRContext *ctx, DType dtype) {
  switch (dtype) {
  case DType::F32:
    return Float32Type::get(ctx);
  case DType::F64:
    return Float64Type::get(ctx);
  case DType::I8:
  case DType::U8:
    return IntegerType::get(ctx, 8);
  case DType::I16:
    return IntegerType::get(ctx, 16);
  case DType::I32:
    return IntegerType::get(ctx, 32);
  case DType::I64:
    return IntegerType::get(ctx, 64);
  }
  llvm_unreachable("unknown dtype");
}

static HostTensor toHost(DenseElementsAttr attr, const TensorSpec &spec) {
  HostTensor t(spec.element, attr.getType().getShape());
  size_t es = spec.getElementSize();
  ArrayRef<char> raw = attr.getRawData();
  if (attr.isSplat()) {
    for (int64_t i = 0; i < t.getNumElements(); ++i)
      std::memcpy(static_cast<char *>(t.data()) + i * es, raw.data(), es);
  } else {
    std::memcpy(t.data(), raw.data(), t.getNumBytes());
  }
  return t;
}

namespace mlir::tqt::exec {
llvm::Expected<std::vector<HostTensor>>
interpretWithReference(ModuleOp module, llvm::StringRef name,
                       llvm::ArrayRef<const HostTensor *> inputs,
                       llvm::ArrayRef<std::string> inputNames) {
  auto sig = getEntrySignature(module, name);
  if (!sig)
    return sig.takeError();
  if (llvm::Error err = checkInputs(*sig, inputs, inputNames))
    return std::move(err);
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func.getBody().hasOneBlock())
    return llvm::createStringError("@" + name +
                                   " has more than one block; the reference "
                                   "interpreter evaluates straight-line code");
  MLIRContext *ctx = module.getContext();

  DenseMap<Value, Attribute> values;
  for (auto [arg, input, spec] :
       llvm::zip(func.getArguments(), inputs, sig->inputs)) {
    auto type = RankedTensorType::get(input->getShape(),
                                      elementTypeOf(ctx, spec.element));
    ArrayRef<char> raw(static_cast<const char *>(input->data()),
                       input->getNumBytes());
    values[arg] = DenseElementsAttr::getFromRawBuffer(type, raw);
  }

  for (Operation &op : func.getBody().front()) {
    std::string where = formatLocation(op.getLoc());
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<HostTensor> results;
      for (auto [v, spec] : llvm::zip(ret.getOperands(), sig->results))
        results.push_back(toHost(cast<DenseElementsAttr>(values[v]), spec));
      return results;
    }
    SmallVector<Attribute> results;
    if (auto cst = dyn_cast<arith::ConstantOp>(op)) {
      if (!isa<DenseElementsAttr>(cst.getValue()))
        return llvm::createStringError(
            where + ": the reference interpreter needs dense tensor "
                    "constants");
      results.push_back(cst.getValue());
    } else if (isa<mlir::tqt::TQTDialect>(op.getDialect())) {
      SmallVector<Attribute> operands;
      for (Value v : op.getOperands())
        operands.push_back(values.lookup(v));
      if (failed(mlir::tqt::evaluate(&op, operands, results)))
        return llvm::createStringError(
            where + ": cannot evaluate '" + op.getName().getStringRef() +
            "' on these operands (mismatched shapes?)");
    } else {
      return llvm::createStringError(
          where +
          ": the reference interpreter evaluates tqt ops, "
          "arith.constant and func.return only, not '" +
          op.getName().getStringRef() + "'");
    }
    for (auto [res, attr] : llvm::zip(op.getResults(), results))
      values[res] = attr;
  }
  return llvm::createStringError("@" + name + " has no func.return");
}
} // namespace mlir::tqt::exec
