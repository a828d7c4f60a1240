//===- PopulatePatternsTest.cpp - The conversions as public patterns ------===//
//
// Another compiler mixes populateTQTToLinalgConversionPatterns and
// populateTQTToTosaConversionPatterns into its own drivers: the patterns work
// outside the passes, and the TOSA ones leave what tosa.rescale cannot
// express instead of failing.
//
//===----------------------------------------------------------------------===//

#include "tqt/Conversion/Passes.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

constexpr const char *kModule = R"mlir(
func.func @f(%acc: tensor<4xi32>, %x: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>) {
  %a = tqt.requantize %acc shift(3) bits(8) signed rounding<half_up> : tensor<4xi32> -> tensor<4xi8>
  %b = tqt.requantize %acc shift(3) bits(8) signed : tensor<4xi32> -> tensor<4xi8>
  %c = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  return %a, %b, %c : tensor<4xi8>, tensor<4xi8>, tensor<4xi8>
}
)mlir";

class PopulatePatterns : public ::testing::Test {
protected:
  void SetUp() override {
    context.loadDialect<mlir::tqt::TQTDialect, func::FuncDialect,
                        tosa::TosaDialect, arith::ArithDialect,
                        linalg::LinalgDialect, math::MathDialect,
                        tensor::TensorDialect>();
    module = parseSourceString<ModuleOp>(kModule, &context);
    ASSERT_TRUE(module);
  }
  template <typename OpTy> int count() {
    int n = 0;
    module->walk([&](OpTy) { ++n; });
    return n;
  }
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(PopulatePatterns, TosaPatternsConvertHalfUpAndLeaveTheRest) {
  RewritePatternSet patterns(&context);
  mlir::tqt::populateTQTToTosaConversionPatterns(patterns);
  ASSERT_TRUE(succeeded(applyPatternsGreedily(*module, std::move(patterns))));
  EXPECT_EQ(count<tosa::RescaleOp>(), 1);
  // half_even has no tosa.rescale form: left for another lowering.
  EXPECT_EQ(count<mlir::tqt::RequantizeOp>(), 1);
  EXPECT_EQ(count<mlir::tqt::QuantizeOp>(), 1);
}

TEST_F(PopulatePatterns, LinalgPatternsConvertEveryTQTOp) {
  ConversionTarget target(context);
  mlir::tqt::configureTQTToLinalgLegality(target);
  target.addLegalDialect<func::FuncDialect>();
  RewritePatternSet patterns(&context);
  mlir::tqt::populateTQTToLinalgConversionPatterns(patterns);
  ASSERT_TRUE(succeeded(applyPartialConversion(module->getOperation(), target,
                                               std::move(patterns))));
  EXPECT_EQ(count<mlir::tqt::RequantizeOp>(), 0);
  EXPECT_EQ(count<mlir::tqt::QuantizeOp>(), 0);
  EXPECT_EQ(count<linalg::GenericOp>(), 3);
}

} // namespace
