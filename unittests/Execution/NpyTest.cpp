//===- NpyTest.cpp - .npy reading and writing -----------------------------===//

#include "tqt/Execution/Npy.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace mlir::tqt::exec;

namespace {

std::string header(const std::string &dict) {
  std::string h = dict;
  size_t total = 10 + h.size() + 1;
  h.append((total + 63) / 64 * 64 - total, ' ');
  h.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(char(h.size() & 0xff));
  out.push_back(char(h.size() >> 8));
  return out + h;
}

std::string errorOf(llvm::Expected<HostTensor> t) {
  if (t)
    return "";
  return llvm::toString(t.takeError());
}

TEST(Npy, RoundTripEveryDType) {
  for (DType d : {DType::F32, DType::F64, DType::I8, DType::U8, DType::I16,
                  DType::I32, DType::I64}) {
    HostTensor t(d, {2, 3});
    auto *bytes = static_cast<unsigned char *>(t.data());
    for (size_t i = 0; i < t.getNumBytes(); ++i)
      bytes[i] = static_cast<unsigned char>(i * 37 + 1);
    std::string image = serializeNpy(t);
    EXPECT_EQ((image.size() - t.getNumBytes()) % 64, 0u);
    auto back = parseNpy(image, "mem");
    ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
    EXPECT_TRUE(back->bitwiseEquals(t)) << dtypeName(d).str();
  }
}

TEST(Npy, ScalarsAndEmptyTensors) {
  HostTensor scalar(DType::F32, {});
  scalar.dataAs<float>()[0] = 3.0f;
  auto back = parseNpy(serializeNpy(scalar), "mem");
  ASSERT_TRUE(bool(back));
  EXPECT_EQ(back->getRank(), 0);
  EXPECT_EQ(back->dataAs<float>()[0], 3.0f);
  HostTensor empty(DType::I32, {0, 4});
  auto e = parseNpy(serializeNpy(empty), "mem");
  ASSERT_TRUE(bool(e));
  EXPECT_EQ(e->getNumElements(), 0);
  EXPECT_EQ(e->getShape()[1], 4);
}

TEST(Npy, HeaderMatchesNumpy) {
  HostTensor t(DType::F32, {3});
  std::string image = serializeNpy(t);
  EXPECT_EQ(image.substr(10, 57),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
  // magic + version + length + header is padded to a multiple of 64.
  EXPECT_EQ(image.size(), 128u + 12u);
  EXPECT_EQ(image[127], '\n');
}

TEST(Npy, AcceptsOtherWritersHeaders) {
  // Key order, spacing, a trailing comma and version 2.0 all vary in files
  // written by other tools.
  std::string body(8, '\0');
  std::string h = header("{'shape': (2,),'fortran_order':False,'descr':'<i4'}");
  auto t = parseNpy(h + body, "mem");
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ(t->getDType(), DType::I32);
  std::string v2 = h;
  v2[6] = 2;
  v2.insert(10, 2, '\0'); // 4-byte length: low bytes stay, high bytes 0
  auto t2 = parseNpy(v2 + body, "mem");
  ASSERT_TRUE(bool(t2)) << llvm::toString(t2.takeError());
  auto u8 = parseNpy(header("{'descr': '|u1', 'fortran_order': False, "
                            "'shape': (1, 1), }") +
                         std::string(1, '\xff'),
                     "mem");
  ASSERT_TRUE(bool(u8));
  EXPECT_EQ(u8->getDType(), DType::U8);
}

TEST(Npy, PreciseErrors) {
  EXPECT_EQ(errorOf(parseNpy("hello", "f.npy")),
            "f.npy: not a .npy file (bad magic)");
  EXPECT_EQ(errorOf(parseNpy(header("{'descr': '<c8', 'fortran_order': "
                                    "False, 'shape': (1,), }") +
                                 std::string(8, '\0'),
                             "f.npy")),
            "f.npy: unsupported dtype '<c8' (supported: <f4, <f8, |i1, |u1, "
            "<i2, <i4, <i8)");
  EXPECT_EQ(errorOf(parseNpy(header("{'descr': '>f4', 'fortran_order': "
                                    "False, 'shape': (1,), }") +
                                 std::string(4, '\0'),
                             "f.npy")),
            "f.npy: unsupported dtype '>f4' (supported: <f4, <f8, |i1, |u1, "
            "<i2, <i4, <i8)");
  EXPECT_EQ(errorOf(parseNpy(header("{'descr': '<f4', 'fortran_order': "
                                    "True, 'shape': (1,), }") +
                                 std::string(4, '\0'),
                             "f.npy")),
            "f.npy: Fortran-order arrays are not supported (save a "
            "C-contiguous array)");
  EXPECT_EQ(errorOf(parseNpy(header("{'descr': '<f4', 'fortran_order': "
                                    "False, 'shape': (2,), }") +
                                 std::string(4, '\0'),
                             "f.npy")),
            "f.npy: holds 4 data bytes, but <f4 with shape (2,) needs 8");
  EXPECT_EQ(errorOf(parseNpy(header("{'descr': '<f4', 'fortran_order': "
                                    "False, 'shape': (-2,), }"),
                             "f.npy")),
            "f.npy: malformed .npy header: 'shape' is not a tuple of "
            "non-negative integers");
  EXPECT_EQ(
      errorOf(parseNpy(header("{'descr': '<f4', 'shape': (2,), }"), "f.npy")),
      "f.npy: malformed .npy header: the header lacks 'descr', "
      "'fortran_order' or 'shape'");
  EXPECT_EQ(errorOf(parseNpy(header("{'descr': '<f4', 'fortran_order': "
                                    "False, 'shape': (1000000000, "
                                    "1000000000), }"),
                             "f.npy")),
            "f.npy: shape (1000000000, 1000000000) is too large");
  EXPECT_EQ(errorOf(readNpy("/nonexistent/x.npy"))
                .rfind("/nonexistent/x.npy: cannot read: ", 0),
            0u);
}

} // namespace
