//===- JitModuleTest.cpp - One compiled module, many calls ----------------===//

#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/Interpreter.h"
#include "tqt/InitAll.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace mlir::tqt::exec;
namespace num = mlir::tqt::numerics;

namespace {

constexpr const char *kModule = R"mlir(
func.func @fq(%x: tensor<?xf32>, %t: tensor<f32>) -> tensor<?xf32> {
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?xf32>
  return %0 : tensor<?xf32>
}
func.func @twice(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %x : tensor<3xf32>, tensor<3xf32>
}
func.func @viewed(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<6xf32>) {
  %y = arith.addf %x, %x : tensor<2x3xf32>
  %v = tensor.collapse_shape %y [[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
  return %y, %v : tensor<2x3xf32>, tensor<6xf32>
}
func.func @konst() -> tensor<2x2xi16> {
  %c = arith.constant dense<[[1, -2], [3, -4]]> : tensor<2x2xi16>
  return %c : tensor<2x2xi16>
}
func.func @none(%x: tensor<3xf32>) {
  return
}
)mlir";

class JitModuleTest : public ::testing::Test {
protected:
  void SetUp() override {
    mlir::DialectRegistry registry;
    mlir::tqt::registerAllDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->loadAllAvailableDialects();
    module = mlir::parseSourceString<mlir::ModuleOp>(kModule, context.get());
    ASSERT_TRUE(module);
    auto jit = JitModule::create(*module);
    ASSERT_TRUE(bool(jit)) << llvm::toString(jit.takeError());
    this->jit = std::move(*jit);
  }
  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<JitModule> jit;
};

TEST_F(JitModuleTest, ManyCallsOnOneCompiledModule) {
  HostTensor theta(DType::F32, {});
  theta.dataAs<float>()[0] = 3.0f;
  num::QuantizerSpec spec{8, true};
  for (int call = 0; call < 2000; ++call) {
    int64_t n = 1 + call % 17;
    HostTensor x(DType::F32, {n});
    for (int64_t i = 0; i < n; ++i)
      x.dataAs<float>()[i] =
          std::ldexp(float((call * 31 + i * 7) % 4001 - 2000), -5);
    auto r = jit->invoke("fq", {&x, &theta});
    ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
    ASSERT_EQ(r->size(), 1u);
    ASSERT_EQ((*r)[0].getShape()[0], n);
    for (int64_t i = 0; i < n; ++i) {
      float want = num::fakeQuant(x.dataAs<float>()[i], 3.0f, spec);
      ASSERT_EQ(std::memcmp(&(*r)[0].dataAs<float>()[i], &want, 4), 0);
    }
  }
}

TEST_F(JitModuleTest, InputsAreNotWritten) {
  HostTensor x(DType::F32, {3});
  x.dataAs<float>()[0] = 1.5f;
  HostTensor copy(DType::F32, {3});
  std::memcpy(copy.data(), x.data(), 12);
  auto r = jit->invoke("twice", {&x});
  ASSERT_TRUE(bool(r));
  EXPECT_TRUE(x.bitwiseEquals(copy));
  EXPECT_TRUE((*r)[0].bitwiseEquals(x));
  EXPECT_TRUE((*r)[1].bitwiseEquals(x));
  // The results are copies, not the input buffer.
  EXPECT_NE((*r)[0].data(), x.data());
}

// Two results in one buffer (a value and a view of it): both are read
// before the buffer is freed, once (ASan reports the use after free this
// once was).
TEST_F(JitModuleTest, ResultsSharingABuffer) {
  HostTensor x(DType::F32, {2, 3});
  for (int i = 0; i < 6; ++i)
    x.dataAs<float>()[i] = float(i) - 2.5f;
  for (int call = 0; call < 3; ++call) {
    auto out = jit->invoke("viewed", {&x});
    ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
    ASSERT_EQ(out->size(), 2u);
    for (int i = 0; i < 6; ++i) {
      EXPECT_EQ((*out)[0].dataAs<float>()[i], 2 * (float(i) - 2.5f));
      EXPECT_EQ((*out)[1].dataAs<float>()[i], 2 * (float(i) - 2.5f));
    }
  }
}

TEST_F(JitModuleTest, ConstantResultsAndNoResults) {
  for (int i = 0; i < 3; ++i) {
    auto r = jit->invoke("konst", {});
    ASSERT_TRUE(bool(r));
    EXPECT_EQ((*r)[0].getDType(), DType::I16);
    EXPECT_EQ((*r)[0].dataAs<int16_t>()[3], -4);
  }
  HostTensor x(DType::F32, {3});
  auto none = jit->invoke("none", {&x});
  ASSERT_TRUE(bool(none));
  EXPECT_TRUE(none->empty());
}

TEST_F(JitModuleTest, SignatureErrors) {
  HostTensor x(DType::F32, {4});
  auto wrongShape = jit->invoke("twice", {&x});
  ASSERT_FALSE(bool(wrongShape));
  EXPECT_EQ(llvm::toString(wrongShape.takeError()),
            "input #0: expected tensor<3xf32>, got shape (4,) (dimension 0 "
            "must be 3)");
  auto missing = jit->invoke("nope", {});
  ASSERT_FALSE(bool(missing));
  EXPECT_EQ(llvm::toString(missing.takeError()),
            "no public function @nope in the module (public functions: "
            "@fq, @konst, @none, @twice, @viewed)");
  HostTensor i(DType::I32, {3});
  auto dtype = jit->invoke("twice", {&i}, {"a.npy"});
  ASSERT_FALSE(bool(dtype));
  EXPECT_EQ(llvm::toString(dtype.takeError()),
            "input #0 (a.npy): expected tensor<3xf32>, got dtype int32");
}

TEST_F(JitModuleTest, InterpreterAgreesWithJit) {
  HostTensor theta(DType::F32, {});
  theta.dataAs<float>()[0] = -1.5f;
  HostTensor x(DType::F32, {64});
  for (int i = 0; i < 64; ++i)
    x.dataAs<float>()[i] = std::ldexp(float(i - 32), -7);
  auto a = jit->invoke("fq", {&x, &theta});
  auto b = interpretWithReference(*module, "fq", {&x, &theta});
  ASSERT_TRUE(bool(a));
  ASSERT_TRUE(bool(b));
  EXPECT_TRUE((*a)[0].bitwiseEquals((*b)[0]));
}

TEST(JitModuleCreate, EntryPointsRestrictCompilation) {
  mlir::DialectRegistry registry;
  mlir::tqt::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  JitOptions options;
  options.entryPoints = {"konst"};
  auto jit = JitModule::create(*module, options);
  ASSERT_TRUE(bool(jit)) << llvm::toString(jit.takeError());
  EXPECT_TRUE(bool((*jit)->invoke("konst", {})));
  auto other = (*jit)->getSignature("fq");
  ASSERT_FALSE(bool(other));
  llvm::consumeError(other.takeError());
}

} // namespace
