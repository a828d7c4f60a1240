//===- TQTOps.td - Operations of the tqt dialect -----------*- tablegen -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTOPS_TD
#define TQT_DIALECT_TQT_IR_TQTOPS_TD

include "tqt/Dialect/TQT/IR/TQTDialect.td"
include "tqt/Dialect/TQT/IR/TQTAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type and attribute constraints
//===----------------------------------------------------------------------===//

// Log2 thresholds: a 0-d f32 tensor (one threshold for the tensor), or a 1-d
// one with a threshold per channel along the op's `axis`. The assembly format
// never spells the type: it follows from `axis` and the quantized type
// (custom<ThresholdType>).
def TQT_Log2Threshold : Type<
    And<[TensorOf<[F32]>.predicate, HasAnyRankOfPred<[0, 1]>]>,
    "0-d or 1-d tensor of f32 (log2 thresholds)", "::mlir::TensorType">;

// The channel axis of per-channel parameters.
def TQT_ChannelAxis : OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>;

def TQT_FloatTensor : TensorOf<[F32]>;
def TQT_IntegerTensor : TensorOf<[AnySignlessInteger]>;

def TQT_RoundingDefault :
    DefaultValuedAttr<TQT_RoundingAttr, "::mlir::tqt::RoundingMode::HalfEven">;

// Attributes of a quantization grid (tqt-method 1.2).
defvar TQT_GridArgs = (ins
  I64Attr:$bits,
  BoolAttr:$is_signed,
  DefaultValuedAttr<BoolAttr, "false">:$narrow
);

defvar TQT_GridDoc = [{
    The integer grid is given by `bits` (2..32), `is_signed` and `narrow`:
    signed grids are the full two's-complement range
    `[-2^(bits-1), 2^(bits-1) - 1]` (`narrow` drops `-2^(bits-1)`), unsigned
    grids are `[0, 2^bits - 1]`. Integer storage is signless; unsigned codes
    are read with zero extension. `rounding` is the tie rule (`half_even`
    unless given). The numbers are those of `include/tqt/Support/FixedPoint.h`
    (see docs/Numerics.md).
}];

//===----------------------------------------------------------------------===//
// tqt.fake_quant
//===----------------------------------------------------------------------===//

def TQT_FakeQuantOp : TQT_Op<"fake_quant", [Pure,
    AllTypesMatch<["x", "output"]>]> {
  let summary = "TQT quantizer forward: clip(R(x/s), n, p) * s with s = 2^ceil(log2_t) / 2^(bits - is_signed)";
  let description = !strconcat([{
    The TQT quantizer in floating point (the simulation graph). With
    `e = ceil(log2_t) - (bits - is_signed)` (clamped to [-126, 127]) and
    `s = 2^e`, each element becomes `clip(R(x / s), n, p) * s`.
    `%log2_t` is a scalar SSA value: a trainable parameter, or a constant once
    frozen. Quantizers that must share a scale use the same `%log2_t` value.
    NaN inputs become 0; a NaN threshold makes the result NaN.

    Per channel: with `axis(a)`, `%log2_t` is a 1-d tensor with one threshold
    per index along dimension `a` of `%x` (its type, `tensor<Cxf32>`, follows
    from `%x` and is not spelled), and each element uses the threshold of its
    channel (docs/Numerics.md section 14).

    Example:

    ```mlir
    %q = tqt.fake_quant %x, %log2_t bits(8) unsigned : tensor<?x16xf32>
    %w = tqt.fake_quant %k, %t bits(4) signed narrow rounding<half_up> : tensor<3x3x8x16xf32>
    %c = tqt.fake_quant %k, %ts bits(8) signed axis(3) : tensor<3x3x8x16xf32>
    ```
  }], TQT_GridDoc);

  let arguments = !con((ins TQT_FloatTensor:$x, TQT_Log2Threshold:$log2_t),
                       TQT_GridArgs, (ins TQT_RoundingDefault:$rounding,
                                          TQT_ChannelAxis:$axis));
  let results = (outs TQT_FloatTensor:$output);
  let assemblyFormat = [{
    $x `,` $log2_t custom<Grid>($bits, $is_signed, $narrow)
    (`rounding` `` $rounding^)? (`axis` `(` $axis^ `)`)? attr-dict `:` type($x)
    `` custom<ThresholdType>(ref(type($x)), ref($axis), type($log2_t))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::mlir::tqt::numerics::QuantizerSpec getSpec();
  }];
}

//===----------------------------------------------------------------------===//
// tqt.fake_quant_grad
//===----------------------------------------------------------------------===//

def TQT_FakeQuantGradOp : TQT_Op<"fake_quant_grad", [Pure,
    AllTypesMatch<["x", "dy", "dx"]>]> {
  let summary = "vector-Jacobian product of tqt.fake_quant (TQT gradients)";
  let description = !strconcat([{
    Given the upstream gradient `%dy` of `tqt.fake_quant(%x, %log2_t)` with
    the same attributes, returns `%dx` and `%dlog2_t` (tqt-method 2.1-2.2).
    The region of each element is decided on the rounded value
    `r = R(x / s)`: below (`r < n`), inside, above (`r > p`).

    * `dx = dy` inside, `0` below and above (and for NaN inputs);
    * `dlog2_t = s * ln2 * sum_i dy_i * {n | r_i - x_i/s | p}`, a sum over the
      whole tensor (the ceil of the threshold is passed straight through);
      per channel (`axis`), one such sum per channel, over that channel's
      elements, with that channel's scale.

    Example:

    ```mlir
    %dx, %dt = tqt.fake_quant_grad %x, %log2_t, %dy bits(8) signed : tensor<4x8xf32>
    ```
  }], TQT_GridDoc);

  let arguments = !con((ins TQT_FloatTensor:$x, TQT_Log2Threshold:$log2_t,
                            TQT_FloatTensor:$dy),
                       TQT_GridArgs, (ins TQT_RoundingDefault:$rounding,
                                          TQT_ChannelAxis:$axis));
  let results = (outs TQT_FloatTensor:$dx, TQT_Log2Threshold:$dlog2_t);
  let assemblyFormat = [{
    $x `,` $log2_t `,` $dy custom<Grid>($bits, $is_signed, $narrow)
    (`rounding` `` $rounding^)? (`axis` `(` $axis^ `)`)? attr-dict `:` type($x)
    `` custom<ThresholdType>(ref(type($x)), ref($axis), type($log2_t))
    `` custom<ThresholdType>(ref(type($x)), ref($axis), type($dlog2_t))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::mlir::tqt::numerics::QuantizerSpec getSpec();
  }];
}

//===----------------------------------------------------------------------===//
// tqt.quantize
//===----------------------------------------------------------------------===//

def TQT_QuantizeOp : TQT_Op<"quantize", [Pure]> {
  let summary = "float to integer storage at scale 2^exp, with rounding and saturation";
  let description = !strconcat([{
    Each element becomes `clip(R(x / 2^exp), n, p)`, stored in the signless
    integer element type of the result (which must hold `bits` bits). NaN
    becomes 0, infinities saturate. `exp` is in [-126, 127].

    Per channel, `exps[e0, e1, ...] axis(a)` gives one exponent per index
    along dimension `a` of `%x` (`--tqt-legalize-pow2` of a per-channel
    `tqt.fake_quant`).

    Example:

    ```mlir
    %q = tqt.quantize %x exp(-7) bits(8) signed : tensor<?x28x28x1xf32> -> tensor<?x28x28x1xi8>
    %w = tqt.quantize %k exps[-7, -9] axis(0) bits(8) signed : tensor<2x3x3x8xf32> -> tensor<2x3x3x8xi8>
    ```
  }], TQT_GridDoc);

  let arguments = !con((ins TQT_FloatTensor:$x, OptionalAttr<I64Attr>:$exp),
                       TQT_GridArgs,
                       (ins TQT_RoundingDefault:$rounding,
                            OptionalAttr<DenseI64ArrayAttr>:$channel_exps,
                            TQT_ChannelAxis:$axis));
  let results = (outs TQT_IntegerTensor:$output);
  let assemblyFormat = [{
    $x custom<ChannelInts>("\"exp\"", $exp, $channel_exps, $axis)
    custom<Grid>($bits, $is_signed, $narrow)
    (`rounding` `` $rounding^)? attr-dict `:` type($x) `->` type($output)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::mlir::tqt::numerics::QuantizerSpec getSpec();
    /// The exponent of each channel (one entry when per tensor).
    ::mlir::tqt::ChannelInts getExponents();
  }];
}

//===----------------------------------------------------------------------===//
// tqt.dequantize
//===----------------------------------------------------------------------===//

def TQT_DequantizeOp : TQT_Op<"dequantize", [Pure]> {
  let summary = "integer storage to float: q * 2^exp";
  let description = [{
    Reads each integer (sign extension if `is_signed`, zero extension
    otherwise) and returns the f32 nearest to `q * 2^exp` (exact whenever
    `|q| < 2^24`). `bits` and `is_signed` describe the grid the codes come
    from; `bits` must fit the input's storage type. `exp` is in [-126, 127];
    per channel, `exps[...] axis(a)` as for `tqt.quantize`.

    Example:

    ```mlir
    %y = tqt.dequantize %q exp(-8) bits(8) unsigned : tensor<10xi8> -> tensor<10xf32>
    %w = tqt.dequantize %k exps[-7, -9] axis(0) bits(8) signed : tensor<2x8xi8> -> tensor<2x8xf32>
    ```
  }];

  let arguments = (ins TQT_IntegerTensor:$input, OptionalAttr<I64Attr>:$exp,
                       I64Attr:$bits, BoolAttr:$is_signed,
                       OptionalAttr<DenseI64ArrayAttr>:$channel_exps,
                       TQT_ChannelAxis:$axis);
  let results = (outs TQT_FloatTensor:$output);
  let assemblyFormat = [{
    $input custom<ChannelInts>("\"exp\"", $exp, $channel_exps, $axis)
    custom<Grid>($bits, $is_signed)
    attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The exponent of each channel (one entry when per tensor).
    ::mlir::tqt::ChannelInts getExponents();
  }];
}

//===----------------------------------------------------------------------===//
// tqt.requantize
//===----------------------------------------------------------------------===//

def TQT_RequantizeOp : TQT_Op<"requantize", [Pure]> {
  let summary = "integer to integer: rounding shift, optional clamps, saturation";
  let description = !strconcat([{
    Reads each input integer (sign extension, or zero extension with
    `input_unsigned`), shifts it right by `shift` with the `rounding` tie rule
    when `shift > 0`, or left by `-shift` exactly when `shift < 0`, then
    saturates to the output grid intersected with `[clamp_min, clamp_max]`
    (in output integer units; used for fused ReLU/ReLU6). `shift` is in
    [-63, 63]; the input storage is at most 64 bits wide. Per channel,
    `shifts[k0, k1, ...] axis(a)` gives one shift per index along dimension
    `a` (the accumulators of a layer with per-channel weight exponents).

    Example:

    ```mlir
    %y = tqt.requantize %acc shift(9) bits(8) unsigned clamp_max(192) : tensor<?x10xi32> -> tensor<?x10xi8>
    %z = tqt.requantize %acc shifts[9, 11] axis(1) bits(8) signed : tensor<?x2xi32> -> tensor<?x2xi8>
    ```
  }], TQT_GridDoc);

  let arguments = !con((ins TQT_IntegerTensor:$input,
                            OptionalAttr<I64Attr>:$shift),
                       TQT_GridArgs,
                       (ins TQT_RoundingDefault:$rounding,
                            OptionalAttr<I64Attr>:$clamp_min,
                            OptionalAttr<I64Attr>:$clamp_max,
                            UnitAttr:$input_unsigned,
                            OptionalAttr<DenseI64ArrayAttr>:$channel_shifts,
                            TQT_ChannelAxis:$axis));
  let results = (outs TQT_IntegerTensor:$output);
  let assemblyFormat = [{
    $input custom<ChannelInts>("\"shift\"", $shift, $channel_shifts, $axis)
    custom<Grid>($bits, $is_signed, $narrow)
    (`clamp_min` `(` $clamp_min^ `)`)? (`clamp_max` `(` $clamp_max^ `)`)?
    (`rounding` `` $rounding^)? (`input_unsigned` $input_unsigned^)?
    attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::mlir::tqt::numerics::QuantizerSpec getSpec();
    /// The output grid intersected with the clamp bounds.
    ::mlir::tqt::numerics::Grid getClampedGrid();
    /// The shift of each channel (one entry when per tensor).
    ::mlir::tqt::ChannelInts getShifts();
  }];
}


//===----------------------------------------------------------------------===//
// tqt.activation
//===----------------------------------------------------------------------===//

def TQT_ActivationOp : TQT_Op<"activation", [Pure,
    AllTypesMatch<["x", "output"]>]> {
  let summary = "a smooth activation with one exact result on every machine";
  let description = [{
    Sigmoid, tanh, hard sigmoid, hard swish or SiLU of each element, computed
    by the fixed sequence of single-precision operations of
    `include/tqt/Support/Activations.h` (docs/Numerics.md section 15): exp
    by Cody-Waite reduction and a polynomial, saturating at e^88 and e^-87,
    no library call. The simulation graph, the folder and the lookup tables
    of the integer program evaluate the same sequence, so an activation
    between two quantizers becomes an exact table of codes
    (`--tqt-fuse-integer`). `--tqt-prepare` turns `tosa.sigmoid` and
    `tosa.tanh` into this op; the PyTorch exporter emits it for
    `Sigmoid`, `Tanh`, `Hardsigmoid`, `Hardswish` and `SiLU`. NaN stays NaN.

    Example:

    ```mlir
    %y = tqt.activation hardswish %x : tensor<?x8x8x16xf32>
    ```
  }];
  let arguments = (ins TQT_FloatTensor:$x, TQT_ActivationKind:$kind);
  let results = (outs TQT_FloatTensor:$output);
  let assemblyFormat = "$kind $x attr-dict `:` type($x)";
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The activation in the numerics reference.
    ::mlir::tqt::numerics::Activation getActivation() {
      return static_cast<::mlir::tqt::numerics::Activation>(getKind());
    }
  }];
}


def TQT_DotStepOp : TQT_Op<"dot_step", [Pure, AllTypesMatch<["acc", "result"]>,
                                        AllTypesMatch<["a", "b"]>]> {
  let summary = "one exact integer dot-product step of an int8 micro-kernel";
  let description = [{
    Each i32 lane of `acc` adds the dot product of the G elements of `a` and
    `b` packed in the same 32 bits: G = 4 for i8 operands, whose `a` elements
    are read as unsigned and `b` elements as signed (`vpdpbusd`), and G = 2
    for i16 operands, both signed (`vpmaddwd` and `vpaddd`). The sum wraps
    modulo 2^32; no step saturates.

    `--tqt-int8-kernels` emits it and `--tqt-lower-dot-steps` turns it into
    the x86 intrinsic (after bufferization, which cannot see through
    `llvm.call_intrinsic`): vector<16xi32> with vector<64xi8> (AVX512-VNNI)
    or vector<8xi32> / vector<16xi32> with vector<16xi16> / vector<32xi16>
    (AVX2 / AVX512BW).

    Example:

    ```mlir
    %acc2 = tqt.dot_step %acc, %a, %b : vector<16xi32>, vector<64xi8>
    ```
  }];
  let arguments = (ins VectorOfRankAndType<[1], [I32]>:$acc,
                       VectorOfRankAndType<[1], [I8, I16]>:$a,
                       VectorOfRankAndType<[1], [I8, I16]>:$b);
  let results = (outs VectorOfRankAndType<[1], [I32]>:$result);
  let assemblyFormat = [{
    $acc `,` $a `,` $b attr-dict `:` type($acc) `,` type($a)
  }];
  let hasVerifier = 1;
}

#endif // TQT_DIALECT_TQT_IR_TQTOPS_TD
