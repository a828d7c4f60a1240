//===- Dataset.cpp - Real data for calibration, training, evaluation ------===//

#include "tqt/Execution/Dataset.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <zlib.h>

using namespace mlir::tqt::exec;

llvm::Expected<HostTensor> mlir::tqt::exec::readIdx(llvm::StringRef path) {
  std::string p = path.str();
  gzFile f = gzopen(p.c_str(), "rb"); // reads plain files too
  if (!f)
    return llvm::createStringError(path +
                                   ": cannot read: " + std::strerror(errno));
  auto close = [&] { gzclose(f); };
  unsigned char magic[4];
  if (gzread(f, magic, 4) != 4) {
    close();
    return llvm::createStringError(path +
                                   ": not an IDX file (truncated header)");
  }
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0 ||
      magic[3] > 8) {
    close();
    return llvm::createStringError(path +
                                   ": not an unsigned-byte IDX file (magic " +
                                   llvm::Twine(unsigned(magic[2])) + "/" +
                                   llvm::Twine(unsigned(magic[3])) + ")");
  }
  llvm::SmallVector<int64_t> shape;
  uint64_t count = 1;
  for (unsigned d = 0; d < magic[3]; ++d) {
    unsigned char b[4];
    if (gzread(f, b, 4) != 4) {
      close();
      return llvm::createStringError(path + ": truncated IDX header");
    }
    int64_t size = (int64_t(b[0]) << 24) | (int64_t(b[1]) << 16) |
                   (int64_t(b[2]) << 8) | int64_t(b[3]);
    shape.push_back(size);
    count *= uint64_t(size);
    if (count > (uint64_t(1) << 34)) {
      close();
      return llvm::createStringError(path + ": IDX dimensions are too large");
    }
  }
  HostTensor t(DType::U8, shape);
  int64_t read = 0;
  while (uint64_t(read) < count) {
    int chunk = int(std::min<uint64_t>(count - read, 1 << 30));
    int got = gzread(f, static_cast<char *>(t.data()) + read, chunk);
    if (got <= 0)
      break;
    read += got;
  }
  char extra;
  bool trailing = gzread(f, &extra, 1) == 1;
  close();
  if (uint64_t(read) != count)
    return llvm::createStringError(path + ": holds " + llvm::Twine(read) +
                                   " data bytes, " + shapeToString(shape) +
                                   " needs " + llvm::Twine(count));
  if (trailing)
    return llvm::createStringError(path + ": has data past the " +
                                   shapeToString(shape) + " array");
  return t;
}

llvm::Expected<Dataset>
mlir::tqt::exec::loadDataset(llvm::StringRef spec, llvm::StringRef defaultSplit,
                             llvm::StringRef dir) {
  auto [name, split] = spec.split(':');
  // An optional row range: "train[55000:]", "test[:1000]", "train[10:20]".
  llvm::StringRef range;
  if (size_t open = split.find('['); open != llvm::StringRef::npos) {
    range = split.substr(open);
    split = split.substr(0, open);
    if (!range.consume_front("[") || !range.consume_back("]") ||
        !range.contains(':'))
      return llvm::createStringError(
          "malformed row range in '" + spec +
          "' (expected SPLIT[BEGIN:END], either bound optional)");
  }
  if (split.empty())
    split = defaultSplit;
  if (name != "fashion-mnist")
    return llvm::createStringError("unknown dataset '" + name +
                                   "' (supported: fashion-mnist)");
  if (split != "train" && split != "test")
    return llvm::createStringError("unknown split '" + split +
                                   "' of fashion-mnist (train or test)");
  std::string prefix = split == "train" ? "train" : "t10k";
  llvm::SmallString<256> imagesPath(dir), labelsPath(dir);
  llvm::sys::path::append(imagesPath, prefix + "-images-idx3-ubyte.gz");
  llvm::sys::path::append(labelsPath, prefix + "-labels-idx1-ubyte.gz");
  auto images = readIdx(imagesPath);
  if (!images)
    return llvm::createStringError(
        toString(images.takeError()) +
        " (install Debian's dataset-fashion-mnist package)");
  auto labels = readIdx(labelsPath);
  if (!labels)
    return labels.takeError();
  if (images->getRank() != 3 || labels->getRank() != 1 ||
      images->getShape()[0] != labels->getShape()[0])
    return llvm::createStringError(imagesPath + " and " + labelsPath +
                                   " do not form an image/label pair (shapes " +
                                   shapeToString(images->getShape()) + ", " +
                                   shapeToString(labels->getShape()) + ")");
  int64_t n = images->getShape()[0], h = images->getShape()[1],
          w = images->getShape()[2];
  Dataset ds{HostTensor(DType::F32, {n, h, w, 1}), HostTensor(DType::I32, {n})};
  const uint8_t *px = images->dataAs<uint8_t>();
  float *out = ds.images.dataAs<float>();
  for (int64_t i = 0; i < n * h * w; ++i)
    out[i] = float(px[i]) / 255.0f;
  const uint8_t *lb = labels->dataAs<uint8_t>();
  for (int64_t i = 0; i < n; ++i) {
    if (lb[i] > 9)
      return llvm::createStringError(
          labelsPath + ": label " + llvm::Twine(unsigned(lb[i])) +
          " at index " + llvm::Twine(i) + " is outside 0..9");
    ds.labels.dataAs<int32_t>()[i] = lb[i];
  }
  if (range.empty())
    return ds;
  auto [first, last] = range.split(':');
  int64_t begin = 0, end = n;
  if ((!first.empty() && first.getAsInteger(10, begin)) ||
      (!last.empty() && last.getAsInteger(10, end)) || begin < 0 || end > n ||
      begin >= end)
    return llvm::createStringError(
        "row range [" + range + "] of fashion-mnist:" + split +
        " must satisfy 0 <= BEGIN < END <= " + llvm::Twine(n));
  return Dataset{sliceRows(ds.images, begin, end),
                 sliceRows(ds.labels, begin, end)};
}

HostTensor mlir::tqt::exec::takeFirst(const HostTensor &t, int64_t count) {
  if (t.getRank() == 0) // a scalar has no samples: copy it whole
    return copyTensor(t);
  return sliceRows(t, 0, std::min(count, t.getShape()[0]));
}

HostTensor mlir::tqt::exec::sliceRows(const HostTensor &t, int64_t begin,
                                      int64_t end) {
  llvm::SmallVector<int64_t> shape(t.getShape());
  int64_t rowBytes = shape[0] ? int64_t(t.getNumBytes()) / shape[0] : 0;
  shape[0] = end - begin;
  HostTensor out(t.getDType(), shape);
  std::memcpy(out.data(),
              static_cast<const char *>(t.data()) + begin * rowBytes,
              size_t((end - begin) * rowBytes));
  return out;
}

HostTensor mlir::tqt::exec::gatherRows(const HostTensor &t,
                                       llvm::ArrayRef<int64_t> rows) {
  llvm::SmallVector<int64_t> shape(t.getShape());
  int64_t rowBytes = shape[0] ? int64_t(t.getNumBytes()) / shape[0] : 0;
  shape[0] = rows.size();
  HostTensor out(t.getDType(), shape);
  char *dst = static_cast<char *>(out.data());
  const char *src = static_cast<const char *>(t.data());
  for (int64_t r : rows) {
    std::memcpy(dst, src + r * rowBytes, size_t(rowBytes));
    dst += rowBytes;
  }
  return out;
}

HostTensor mlir::tqt::exec::copyTensor(const HostTensor &t) {
  HostTensor out(t.getDType(), t.getShape());
  std::memcpy(out.data(), t.data(), t.getNumBytes());
  return out;
}
