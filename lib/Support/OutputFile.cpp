//===- OutputFile.cpp - Writing a tool's output whole or not at all -------===//

#include "tqt/Support/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace mlir::tqt;

Expected<OutputFile> OutputFile::open(StringRef path, bool allowStdout) {
  if (path.empty())
    return llvm::createStringError("empty output file name");
  if (path == "-") {
    if (!allowStdout)
      return llvm::createStringError(
          "this output cannot go to standard output ('-'); give a "
          "file name");
    return OutputFile(path.str(), Kind::Stdout);
  }

  sys::fs::file_status status;
  std::error_code statusError = sys::fs::status(path, status);
  if (!statusError) {
    switch (status.type()) {
    case sys::fs::file_type::regular_file:
      break;
    case sys::fs::file_type::character_file:
    case sys::fs::file_type::fifo_file: {
      OutputFile out(path.str(), Kind::InPlace);
      std::error_code ec;
      out.stream = std::make_unique<raw_fd_ostream>(path, ec, sys::fs::OF_None);
      if (ec)
        return llvm::createStringError("cannot open " + path + ": " +
                                       ec.message());
      return std::move(out);
    }
    case sys::fs::file_type::directory_file:
      return llvm::createStringError("cannot write " + path +
                                     ": it is a directory");
    default:
      return llvm::createStringError(
          "refusing to write " + path +
          ": it is not a regular file, a character device or a "
          "FIFO");
    }
  } else if (statusError != std::errc::no_such_file_or_directory) {
    return llvm::createStringError("cannot write " + path + ": " +
                                   statusError.message());
  }

  // A regular file or a new one: a temporary beside the target (the same
  // file system, so the final rename is atomic), beside the file a symbolic
  // link points to rather than replacing the link.
  OutputFile out(path.str(), Kind::Replace);
  if (!statusError) {
    SmallString<256> real;
    if (!sys::fs::real_path(path, real))
      out.target = std::string(real);
  }
  auto temp = sys::fs::TempFile::create(out.target + ".tmp-%%%%%%");
  if (!temp)
    return llvm::createStringError("cannot write " + path + ": " +
                                   toString(temp.takeError()));
  out.temp.emplace(std::move(*temp));
  out.stream = std::make_unique<raw_fd_ostream>(out.temp->FD,
                                                /*shouldClose=*/false);
  return std::move(out);
}

OutputFile::OutputFile(OutputFile &&other)
    : path(std::move(other.path)), target(std::move(other.target)),
      kind(other.kind), stream(std::move(other.stream)),
      scratchUsed(other.scratchUsed) {
  if (other.temp) {
    temp.emplace(std::move(*other.temp));
    other.temp.reset();
  }
}

OutputFile::~OutputFile() {
  if (stream) {
    // A write error seen only now must not become a fatal error.
    stream->flush();
    stream->clear_error();
    stream.reset();
  }
  if (kind == Kind::Stdout) {
    outs().flush();
    outs().clear_error();
  }
  if (temp)
    consumeError(temp->discard());
}

raw_ostream &OutputFile::os() {
  if (kind == Kind::Stdout)
    return outs();
  return *stream;
}

Error OutputFile::writeError(std::error_code ec) const {
  return llvm::createStringError(
      "cannot write " +
      (kind == Kind::Stdout ? "to standard output" : StringRef(path)) + ": " +
      ec.message());
}

Expected<std::string> OutputFile::getScratchPath() {
  if (!temp) {
    SmallString<256> model;
    sys::path::system_temp_directory(/*erasedOnReboot=*/true, model);
    sys::path::append(model, "tqt-output-%%%%%%");
    auto scratch = sys::fs::TempFile::create(model);
    if (!scratch)
      return llvm::createStringError("cannot create a temporary file: " +
                                     toString(scratch.takeError()));
    temp.emplace(std::move(*scratch));
  }
  scratchUsed = true;
  return temp->TmpName;
}

Error OutputFile::commit() {
  // Another program's output into the stream, for the kinds that write in
  // place.
  if (scratchUsed && kind != Kind::Replace) {
    auto contents = MemoryBuffer::getFile(temp->TmpName, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
    if (!contents)
      return llvm::createStringError("cannot read " + temp->TmpName + ": " +
                                     contents.getError().message());
    os() << (*contents)->getBuffer();
    if (Error err = temp->discard())
      return err;
    temp.reset();
  }
  if (kind == Kind::Stdout)
    return flushStandardOutput();

  stream->flush();
  std::error_code ec = stream->error();
  stream->clear_error();
  stream.reset();
  if (ec) {
    if (temp)
      consumeError(temp->discard());
    temp.reset();
    return writeError(ec);
  }
  if (kind == Kind::Replace) {
    Error err = temp->keep(target);
    temp.reset();
    if (err)
      return llvm::createStringError("cannot write " + path + ": " +
                                     toString(std::move(err)));
  }
  return Error::success();
}

Error mlir::tqt::writeOutputFile(StringRef path, StringRef bytes,
                                 bool allowStdout) {
  auto out = OutputFile::open(path, allowStdout);
  if (!out)
    return out.takeError();
  out->os() << bytes;
  return out->commit();
}

Error mlir::tqt::flushStandardOutput() {
  outs().flush();
  if (std::error_code ec = outs().error()) {
    outs().clear_error();
    return llvm::createStringError("cannot write to standard output: " +
                                   ec.message());
  }
  return Error::success();
}
