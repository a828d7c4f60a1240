//===- Passes.td - tqt code generator passes ---------------*- tablegen -*-===//

#ifndef TQT_CODEGEN_PASSES_TD
#define TQT_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def TQTInt8Kernels : Pass<"tqt-int8-kernels", "::mlir::ModuleOp"> {
  let summary = "Generate int8 micro-kernels for the integer program's "
                "convolutions, depthwise convolutions and fully connected "
                "layers";
  let description = [{
    Replaces each `tosa.conv2d` (any stride, padding, dilation) and
    `tosa.matmul` of the integer program (the output of `--tqt-fuse-integer`)
    whose activations are 8-bit codes, whose weights are constant 8-bit codes
    and whose zero points are 0, together with the chain of ops that
    requantizes its accumulator (`tqt.requantize`, `tosa.add` of a constant
    per-channel bias, `tosa.reshape` keeping the channel dimension), by a call
    to a generated private function:

    * the weights are packed at compile time into a `memref.global` in the
      layout the register tile reads (`[N/NR][K/G][NR][G]`: G = 4 bytes per
      32-bit lane for VNNI, 2 16-bit values for AVX2), zero-padded to whole
      tiles;
    * the activations are packed at run time into rows of K (im2col for
      convolutions; padding positions hold the zero code);
    * a register tile of MR rows x NR columns of i32 accumulators runs over K
      with the target's exact integer dot product: `vpdpbusd` (u8 x s8, via
      `tqt.dot_step`, lowered by `--tqt-lower-dot-steps`); signed 8-bit
      activations are offset by 128 and the weight sums folded into the
      accumulators' initial values) or `vpmaddwd` + `vpaddd` on 16-bit
      operands (AVX2);
    * the requantization chain runs on the accumulator registers (the same
      arithmetic as `--convert-tqt-to-linalg`, `tqt/Conversion/RequantizeArith.h`)
      and only the final codes are stored.

    Each `tosa.depthwise_conv2d` with channel multiplier 1, constant 8-bit
    weights and codes that fit i16 gets a depthwise kernel instead (it is
    memory-bound): the activations are copied once into a zero-padded i16
    buffer, the weights are widened to i32 per tap, and each register holds
    16 (AVX-512) or 8 (AVX2) channels of 4 output pixels; multiply-adds in
    i32, the same epilogue.

    A kernel takes its constants (packed weights, initial accumulators,
    epilogue channels: private globals of the layer) as arguments, so layers
    whose kernels are the same code (equal shapes, shifts and grids) call one
    kernel with their own constants: a network compiles each distinct kernel
    once.

    The result is the same integer program bit for bit. A layer is left to
    the reference lowering when its accumulator could overflow i32 for some
    input of its activation grid (checked with the actual weights), when an
    epilogue step needs 64-bit arithmetic, or when its shapes are dynamic
    beyond the batch; `remarks=true` reports every layer's outcome as a
    remark at its location.

    The kernels are only valid on a CPU with the chosen instructions: the
    tools select `isa` from their target CPU (tqt-run and tqt-train: the
    host; tqt-compile: `--mcpu`) and refuse an explicit choice the CPU lacks.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Report, for every candidate layer, the kernel it got or why none">,
    Option<"isa", "isa", "::mlir::tqt::codegen::KernelIsa",
           /*default=*/"::mlir::tqt::codegen::KernelIsa::Avx512Vnni",
           "Instruction set of the micro-kernels",
           [{::llvm::cl::values(
             clEnumValN(::mlir::tqt::codegen::KernelIsa::None, "none",
                        "no kernels (leave every layer to the reference lowering)"),
             clEnumValN(::mlir::tqt::codegen::KernelIsa::Avx2, "avx2",
                        "AVX2: vpmaddwd on 16-bit operands"),
             clEnumValN(::mlir::tqt::codegen::KernelIsa::AvxVnni, "avx-vnni",
                        "VNNI on ymm registers: vpdpbusd (AVX-VNNI or AVX512-VNNI with AVX512VL)"),
             clEnumValN(::mlir::tqt::codegen::KernelIsa::Avx512Vnni, "avx512-vnni",
                        "AVX-512 VNNI: vpdpbusd on zmm registers"))}]>,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::tqt::TQTDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def TQTFloatKernels : Pass<"tqt-float-kernels", "::mlir::ModuleOp"> {
  let summary = "Generate f32 micro-kernels for the simulation graph's and "
                "the training step's convolutions, depthwise convolutions "
                "and matmuls";
  let description = [{
    Replaces each f32 `tosa.conv2d` (any stride, padding, dilation; static
    sizes except the batch) and each f32 `tosa.matmul` of one matrix by one
    matrix by a call to a generated private function that takes the
    activations, the weights and the bias as they are computed at run time
    (fake-quantized, or trained):

    * the activations are read in place as rows of K values (a matmul, a 1x1
      convolution with stride 1 and no padding), through each row's window
      (any other convolution without padding), or packed into im2col rows
      (zeros at padding positions);
    * a convolution's `[N][KH][KW][C]` weights are transposed into a
      `[K][NP]` panel zero-padded to whole tiles; a matmul's `[K][N]` are
      read in place;
    * a register tile of MR rows x NR columns of f32 accumulators starts at
      the bias and runs over K in order with `vector.fma` (vfmadd on zmm
      with `isa=avx512-vnni`, on ymm otherwise: the float tile needs
      AVX-512F or AVX2 with FMA, which every CPU with those integer
      instructions has); NR = up to 4 (zmm) or 2 (ymm) registers, no more
      than the layer's columns need; MR up to 8.

    Every output is the bias plus its products summed in the reference
    order (kh, kw, c), one rounding per step: the same bits as the
    reference loops wherever products and partial sums are exact (quantized
    operands: docs/Numerics.md section 16), the same for any tiling and
    thread count always. The training graph's transposed convolutions and
    weight gradients are `tosa.conv2d` and `tosa.matmul` too
    (`--tqt-expand-training`), so they get the kernels.

    Each f32 `tosa.depthwise_conv2d` (any channel multiplier) gets the int8
    depthwise kernel's structure in f32: the activations copied into a
    zero-padded buffer, one vector of channels per output pixel, 8 (zmm) or
    4 (ymm) pixels per tile, the tap vectors read in place from the
    `[KH][KW][C][M]` weights; products summed from 0 in the reference's tap
    order with `vector.fma`, the bias added last (as TOSA's lowering does).
    A `tosa.clamp` (ReLU, ReLU6; NaN-propagating) that is a layer's only
    user runs in its kernel before the stores, with TOSA's lowering's
    `minimumf` then `maximumf`, and is replaced with the layer.
    `remarks=true` reports each candidate's outcome at its location.

    Each kernel is a private function, called at its layer in
    destination-passing style (the caller allocates the result, so buffer
    deallocation sees every allocation); layers of equal operand types and
    window share one function unless their weights are constants packed into
    it.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Report, for every candidate layer, the kernel it got or why none">,
    Option<"isa", "isa", "::mlir::tqt::codegen::KernelIsa",
           /*default=*/"::mlir::tqt::codegen::KernelIsa::Avx512Vnni",
           "Instruction set of the tools' kernel selection: avx512-vnni "
           "gives zmm tiles, avx-vnni and avx2 ymm tiles, none no kernels",
           [{::llvm::cl::values(
             clEnumValN(::mlir::tqt::codegen::KernelIsa::None, "none",
                        "no kernels (leave every layer to the reference lowering)"),
             clEnumValN(::mlir::tqt::codegen::KernelIsa::Avx2, "avx2",
                        "ymm registers (AVX2 and FMA)"),
             clEnumValN(::mlir::tqt::codegen::KernelIsa::AvxVnni, "avx-vnni",
                        "ymm registers"),
             clEnumValN(::mlir::tqt::codegen::KernelIsa::Avx512Vnni, "avx512-vnni",
                        "zmm registers (AVX-512F)"))}]>,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def TQTLowerDotSteps : Pass<"tqt-lower-dot-steps"> {
  let summary = "Lower tqt.dot_step to the x86 integer dot-product intrinsics";
  let description = [{
    Rewrites each `tqt.dot_step` into `llvm.call_intrinsic` of the x86
    instruction with the same exact arithmetic: `vpdpbusd` (i8 operands,
    `llvm.x86.avx512.vpdpbusd.512` or `.256`), or `vpmaddwd` then an i32 add
    (i16 operands, `llvm.x86.avx2.pmadd.wd` or
    `llvm.x86.avx512.pmaddw.d.512`). Other shapes are reported. The
    `--tqt-lower-to-llvm` pipeline runs it after buffer deallocation.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
  ];
}

def TQTLowerAllocaScopes : Pass<"tqt-lower-alloca-scopes"> {
  let summary = "Inline memref.alloca_scope, saving and restoring the stack "
                "where the scope allocates";
  let description = [{
    `--convert-scf-to-openmp` wraps each parallel loop body in a
    `memref.alloca_scope`, whose region must stay one block; lowering the
    loops inside it to control flow would break that. This pass runs right
    after it: each scope's body is inlined in place, between
    `llvm.intr.stacksave` and `llvm.intr.stackrestore` when it contains a
    `memref.alloca` (so the stack is freed per iteration, as the scope
    says), or plainly when it does not. The `--tqt-lower-to-llvm` pipeline
    runs it when it emits threads.
  }];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect",
  ];
}

def TQTOuterParallelLoops : Pass<"tqt-outer-parallel-loops"> {
  let summary = "Outer parallel dimensions only: the inner ones of each "
                "scf.parallel become sequential loops";
  let description = [{
    `--convert-linalg-to-parallel-loops` makes every parallel dimension of an
    op one `scf.parallel`; OpenMP would then collapse them into one loop whose
    iterations recompute every index by division, which also keeps LLVM from
    vectorizing the innermost dimension. This pass keeps up to two outer
    dimensions whose trip counts are not statically 1 (the batch and the
    rows: a dynamic batch may be 1 at run time) parallel, never the
    innermost, and makes the others sequential `scf.for` loops inside, in
    their order. A parallel loop inside another loop (linalg puts an op's
    reduction dimensions outside its parallel ones when they come first, as
    in the weight gradient of a convolution) becomes sequential entirely:
    it would fork threads once per outer iteration. Loops without reductions
    only (linalg's lowering puts reductions in sequential loops); a
    single-dimension loop at the top is left as it is.
  }];
  let dependentDialects = [
    "::mlir::scf::SCFDialect",
  ];
}

def TQTOutlineLoopNests : Pass<"tqt-outline-loop-nests", "::mlir::ModuleOp"> {
  let summary = "Move each top-level loop nest of a public function into a "
                "private function of its own";
  let description = [{
    A model's function holds one loop nest per op: hundreds to thousands in
    a real network, a calibration graph or a training step. LLVM's function
    passes cost more than linearly in the size of the function they run on
    (loop rotation and vectorization, instruction scheduling), so compile
    time grew with the square of the depth (a 100-layer simulation graph:
    25 s). This pass moves every `scf.for` and `scf.parallel` without results
    at the top level of a public function into a private function (internal
    linkage) of the values the nest uses from outside, constants cloned in,
    and calls it in its place. Nests whose code is the same (equal layers, or
    the stages of a calibration) share one function, so a network compiles
    each distinct nest once. At each call it also records which memref
    arguments are views of their own allocation in the caller (nothing else
    the nest reaches aliases them) as `tqt.noalias_pointers`, which
    `--tqt-apply-noalias` turns into `llvm.noalias`. The `--tqt-lower-to-llvm`
    pipeline runs it right after the loops are made, before vector and
    control-flow lowering.
  }];
  let dependentDialects = [
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
  ];
}

def TQTApplyNoAlias : Pass<"tqt-apply-noalias", "::mlir::ModuleOp"> {
  let summary = "Mark the pointer parameters a function lists in "
                "tqt.noalias_pointers llvm.noalias";
  let description = [{
    `--tqt-outline-loop-nests` knows, at each call of a nest it outlines,
    which memref arguments are views of their own allocation: nothing else
    the nest reads or writes can alias them. It lists their aligned
    pointers' positions in the LLVM calling convention in
    `tqt.noalias_pointers`, because `--convert-func-to-llvm` drops the
    `llvm.noalias` of a memref parameter that expands to several. This pass,
    run after it, sets `llvm.noalias` on those parameters of the `llvm.func`
    and removes the list. With it LLVM keeps a reduction's accumulator in a
    register instead of storing and reloading it per element (the TQT
    threshold gradient's sum) and vectorizes loops that store into one
    buffer while reading others (a depthwise weight gradient). A position
    past the parameters or on a parameter that is not a pointer is an error.
  }];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect",
  ];
}

#endif // TQT_CODEGEN_PASSES_TD
