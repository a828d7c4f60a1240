//===- OutputFile.h - Writing a tool's output whole or not at all -*- C++
//-*-===//
//
// Every file a tool writes goes through OutputFile, so that no tool leaves a
// half-written output, destroys something that is not a file, or dies with
// "LLVM ERROR: IO failure on output stream" on a full disk:
// - a path that does not exist or is a regular file is written through a
//   temporary file beside it, renamed over it only by commit();
// - a character device or a FIFO (/dev/null, /dev/stdout, a pipe) is written
//   in place: it is never replaced by a regular file;
// - "-" is standard output where the caller allows it;
// - anything else (a directory, a block device, a socket) is refused.
// Write errors are reported by commit() with the file's name and the reason.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_SUPPORT_OUTPUTFILE_H
#define TQT_SUPPORT_OUTPUTFILE_H

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir::tqt {

class OutputFile {
public:
  /// Opens `path` for writing as described above.
  static llvm::Expected<OutputFile> open(llvm::StringRef path,
                                         bool allowStdout = false);

  OutputFile(OutputFile &&other);
  OutputFile &operator=(OutputFile &&) = delete;
  /// Removes the temporary file unless commit() succeeded.
  ~OutputFile();

  llvm::StringRef getPath() const { return path; }
  llvm::raw_ostream &os();

  /// A file that another program (a C compiler, a linker) may write instead
  /// of os(); commit() then moves or copies its contents into place.
  llvm::Expected<std::string> getScratchPath();

  /// Flushes, checks for write errors and puts the output in place. On an
  /// error nothing was replaced and the temporary file is gone.
  llvm::Error commit();

private:
  enum class Kind { Stdout, Replace, InPlace };
  OutputFile(std::string path, Kind kind)
      : path(path), target(std::move(path)), kind(kind) {}
  llvm::Error writeError(std::error_code ec) const;

  /// As given (for messages), and the file actually replaced (a symbolic
  /// link's destination).
  std::string path, target;
  Kind kind;
  /// Replace: the temporary beside `path`. Other kinds: the scratch file.
  std::optional<llvm::sys::fs::TempFile> temp;
  std::unique_ptr<llvm::raw_fd_ostream> stream;
  bool scratchUsed = false;
};

/// `bytes` to `path` through an OutputFile.
llvm::Error writeOutputFile(llvm::StringRef path, llvm::StringRef bytes,
                            bool allowStdout = false);

/// Flushes standard output and reports a write error on it (a full disk, a
/// closed pipe) as an error instead of LLVM's fatal error at exit.
llvm::Error flushStandardOutput();

} // namespace mlir::tqt

#endif // TQT_SUPPORT_OUTPUTFILE_H
