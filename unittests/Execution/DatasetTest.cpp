//===- DatasetTest.cpp - IDX files and Fashion-MNIST ----------------------===//

#include "tqt/Execution/Dataset.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <zlib.h>

using namespace mlir::tqt::exec;

namespace {

std::string tempPath(const char *name) {
  llvm::SmallString<128> p;
  llvm::sys::fs::createUniquePath(std::string("tqt-%%%%%%-") + name, p, true);
  return std::string(p);
}

void writeBytes(const std::string &path, const std::string &bytes, bool gzip) {
  if (gzip) {
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, bytes.data(), unsigned(bytes.size()));
    gzclose(f);
    return;
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  os << bytes;
}

std::string idx3(int n, int h, int w) {
  std::string s = {0, 0, 8, 3};
  for (int d : {n, h, w}) {
    s.push_back(char(d >> 24));
    s.push_back(char(d >> 16));
    s.push_back(char(d >> 8));
    s.push_back(char(d));
  }
  for (int i = 0; i < n * h * w; ++i)
    s.push_back(char(i * 7));
  return s;
}

TEST(Idx, ReadsPlainAndGzip) {
  for (bool gz : {false, true}) {
    std::string path = tempPath(gz ? "a.gz" : "a");
    writeBytes(path, idx3(2, 3, 4), gz);
    auto t = readIdx(path);
    ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
    EXPECT_EQ(t->getDType(), DType::U8);
    EXPECT_EQ(t->getShape(), llvm::ArrayRef<int64_t>({2, 3, 4}));
    EXPECT_EQ(t->dataAs<uint8_t>()[5], uint8_t(35));
    llvm::sys::fs::remove(path);
  }
}

TEST(Idx, PreciseErrors) {
  std::string path = tempPath("bad");
  writeBytes(path, std::string("\x00\x00\x0d\x01", 4), false);
  auto t = readIdx(path);
  ASSERT_FALSE(bool(t));
  EXPECT_EQ(llvm::toString(t.takeError()),
            path + ": not an unsigned-byte IDX file (magic 13/1)");
  std::string truncated = idx3(2, 3, 4);
  truncated.resize(truncated.size() - 5);
  writeBytes(path, truncated, true);
  t = readIdx(path);
  ASSERT_FALSE(bool(t));
  EXPECT_EQ(llvm::toString(t.takeError()),
            path + ": holds 19 data bytes, (2, 3, 4) needs 24");
  writeBytes(path, idx3(1, 1, 1) + "x", false);
  t = readIdx(path);
  ASSERT_FALSE(bool(t));
  EXPECT_EQ(llvm::toString(t.takeError()),
            path + ": has data past the (1, 1, 1) array");
  llvm::sys::fs::remove(path);
  auto missing = readIdx("/nonexistent/x-idx3-ubyte.gz");
  ASSERT_FALSE(bool(missing));
  llvm::consumeError(missing.takeError());
}

TEST(Dataset, Specs) {
  auto bad = loadDataset("mnist", "train");
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "unknown dataset 'mnist' (supported: fashion-mnist)");
  auto split = loadDataset("fashion-mnist:valid", "train");
  ASSERT_FALSE(bool(split));
  EXPECT_EQ(llvm::toString(split.takeError()),
            "unknown split 'valid' of fashion-mnist (train or test)");
  auto nodir = loadDataset("fashion-mnist", "test", "/nonexistent");
  ASSERT_FALSE(bool(nodir));
  EXPECT_NE(llvm::toString(nodir.takeError())
                .find("install Debian's dataset-fashion-mnist package"),
            std::string::npos);
}

TEST(Dataset, FashionMnistTestSplit) {
  if (!llvm::sys::fs::exists(std::string(kFashionMnistDir) +
                             "/t10k-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  auto ds = loadDataset("fashion-mnist:test", "train");
  ASSERT_TRUE(bool(ds)) << llvm::toString(ds.takeError());
  EXPECT_EQ(ds->images.getShape(), llvm::ArrayRef<int64_t>({10000, 28, 28, 1}));
  EXPECT_EQ(ds->labels.getShape(), llvm::ArrayRef<int64_t>({10000}));
  // Pixels are normalised to [0, 1]; the classes are balanced (1000 each).
  float lo = 1, hi = 0;
  for (int64_t i = 0; i < ds->images.getNumElements(); ++i) {
    lo = std::min(lo, ds->images.dataAs<float>()[i]);
    hi = std::max(hi, ds->images.dataAs<float>()[i]);
  }
  EXPECT_EQ(lo, 0.0f);
  EXPECT_EQ(hi, 1.0f);
  int counts[10] = {0};
  for (int64_t i = 0; i < 10000; ++i)
    ++counts[ds->labels.dataAs<int32_t>()[i]];
  for (int c : counts)
    EXPECT_EQ(c, 1000);
  // The first test image is an ankle boot (class 9).
  EXPECT_EQ(ds->labels.dataAs<int32_t>()[0], 9);
  HostTensor first = takeFirst(ds->images, 50);
  EXPECT_EQ(first.getShape()[0], 50);
}

} // namespace
