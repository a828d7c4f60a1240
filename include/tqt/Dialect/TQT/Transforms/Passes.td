//===- Passes.td - tqt dialect passes ----------------------*- tablegen -*-===//

#ifndef TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD
#define TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TQTPrepareEntryPoints : Pass<"tqt-prepare-entry-points", "::mlir::ModuleOp"> {
  let summary = "Prepare public functions to be called from C and the tqt tools";
  let description = [{
    For every public `func.func` with a body:

    * marks each tensor argument `bufferization.writable = false`, so that
      one-shot bufferization never writes into a caller's input buffer (a
      compiled model can be called many times on the same inputs);
    * with `emit-c-interface` (the default), adds `llvm.emit_c_interface`, so
      that the lowering to LLVM emits the `_mlir_ciface_<name>` wrapper that
      takes memref descriptors by pointer (docs/CAPI.md).

    It also drops `tqt.*` argument and result attributes of every function
    (the training interface of docs/Training.md), which mean nothing after
    lowering. `tqt-lower-to-llvm` runs it first.
  }];
  let options = [
    Option<"emitCInterface", "emit-c-interface", "bool", /*default=*/"true",
           "Attach llvm.emit_c_interface to public functions">,
  ];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def TQTExpandStridedCopies : Pass<"tqt-expand-strided-copies"> {
  let summary = "Turn memref.copy of strided buffers into linalg.copy";
  let description = [{
    `memref.copy` between buffers without identity layouts (the strided views
    bufferization creates for concatenation, slicing, ...) lowers to a call of
    `memrefCopy` from MLIR's C runner library. This pass rewrites them into
    `linalg.copy`, which `--convert-linalg-to-loops` turns into loops, so
    compiled models need no runtime library (JIT and AOT alike). Copies of
    identity-layout buffers are left alone: they become `llvm.memcpy`.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def TQTLegalizePow2 : Pass<"tqt-legalize-pow2", "::mlir::ModuleOp"> {
  let summary = "Freeze constant log2 thresholds into power-of-2 quantize/dequantize pairs";
  let description = [{
    Replaces every `tqt.fake_quant %x, %log2_t` whose threshold is a constant
    by `tqt.dequantize(tqt.quantize(%x))` at the exponent
    `e = ceil(log2_t) - (bits - is_signed)` (clamped to [-126, 127]), with
    the same grid and rounding, so that the result is the same bit for bit
    (docs/Numerics.md section 6). The integer codes are stored in the
    smallest of i8, i16, i32 that holds `bits`.

    A threshold is constant when it is an `arith.constant`, an
    `ml_program.global_load` of a global with a dense initial value (how
    models carry their parameters, docs/Parameters.md; trained thresholds
    live in mutable globals), or `math.ceil` / `arith.addf` / `arith.subf`
    of constant thresholds (the derived bias threshold of `layer-bits=0`). Loads left without uses are erased, and so
    are private threshold globals nobody loads any more.

    A non-constant threshold (a function argument, a computed value), a NaN
    or infinite threshold, or a `tqt.fake_quant_grad` (a training graph) is
    an error naming the op.

    With `trace`, every `tqt.quantize` of the result is tagged
    `tqt.trace = N` (N in program order); `--tqt-fuse-integer` moves each tag
    to the op that computes the same codes, so that
    `tqt-run SIM.mlir --compare-layers --integer FUSED.mlir` can compare the
    two programs quantizer by quantizer (docs/Tools.md).
  }];
  let options = [
    Option<"trace", "trace", "bool", /*default=*/"false",
           "Tag every tqt.quantize with tqt.trace = N (program order) for "
           "the per-layer comparison with the fused program">,
  ];
  let dependentDialects = ["::mlir::tqt::TQTDialect",
                           "::mlir::ml_program::MLProgramDialect"];
}

def TQTExpandTraining : Pass<"tqt-expand-training", "::mlir::ModuleOp"> {
  let summary = "Build the training step of a model: forward, loss, backward, Adam";
  let description = [{
    From a model function (a simulation graph with `tqt.fake_quant`, or a
    float model) generates three functions whose parameters are arguments
    and results instead of globals (docs/Training.md has the full signature;
    every argument and result carries `tqt.train.role`):

    * `@<entry>_eval(params..., inputs...) -> outputs...`: the model;
    * `@<entry>_grad(params..., inputs..., labels) -> (loss, output,
      grads...)`: the loss and the gradient of every parameter;
    * `@<entry>_train_step(params..., adam_m..., adam_v..., step, frozen,
      inputs..., labels) -> (params..., adam_m..., adam_v..., loss, output,
      threshold_grads, lr_weights, lr_thresholds)`: one Adam step.

    Parameters are the float `ml_program.global`s the function loads:
    log2 thresholds (`tqt.log2_threshold`, group `thresholds`) and every
    other float global (group `weights`). With `promote-constants`, constant
    weights and biases of conv2d, depthwise_conv2d and matmul and constant
    bias operands of adds become globals first (marked `tqt.promoted`).

    The loss is softmax cross-entropy of the (only) result `[B, C]` against
    int32 labels `[B]`, averaged over the batch, or the mean squared error
    against a target of the result's type. Gradients flow backwards through
    every op the quantization pipeline supports; `tqt.fake_quant` uses
    `tqt.fake_quant_grad` (tqt-method 2). An op without a gradient rule is an
    error naming it.

    Adam (PyTorch's form: `p -= lr * m_hat / (sqrt(v_hat) + epsilon)`) runs
    with two parameter groups, each with its own learning rate and
    staircase exponential decay `lr * decay^floor((step - 1) / decay-steps)`
    (tqt-method 4); `step` counts from 1. A threshold whose `frozen` entry is
    nonzero keeps its value and both moments.
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"\"",
           "Model function (default: the module's only public function)">,
    Option<"loss", "loss", "::mlir::tqt::TrainingLoss",
           /*default=*/"::mlir::tqt::TrainingLoss::CrossEntropy",
           "Loss: cross-entropy (int32 labels) or mse (a target tensor)",
           [{::llvm::cl::values(
             clEnumValN(::mlir::tqt::TrainingLoss::CrossEntropy,
                        "cross-entropy",
                        "mean softmax cross-entropy against int32 labels"),
             clEnumValN(::mlir::tqt::TrainingLoss::MeanSquaredError, "mse",
                        "mean squared error against a target tensor"))}]>,
    Option<"trainWeights", "train-weights", "bool", /*default=*/"true",
           "Train weights and biases (group weights)">,
    Option<"trainThresholds", "train-thresholds", "bool", /*default=*/"true",
           "Train log2 thresholds (group thresholds)">,
    Option<"promoteConstants", "promote-constants", "bool", /*default=*/"true",
           "Turn constant weights and biases into parameter globals first">,
    Option<"lrWeights", "lr-weights", "double", /*default=*/"1e-6",
           "Initial learning rate of the weights">,
    Option<"lrThresholds", "lr-thresholds", "double", /*default=*/"1e-2",
           "Initial learning rate of the log2 thresholds">,
    Option<"weightsDecay", "weights-decay", "double", /*default=*/"0.94",
           "Staircase decay factor of the weights' learning rate">,
    Option<"weightsDecaySteps", "weights-decay-steps", "int64_t",
           /*default=*/"3000", "Steps between decays of the weights' rate">,
    Option<"thresholdsDecay", "thresholds-decay", "double", /*default=*/"0.5",
           "Staircase decay factor of the thresholds' learning rate">,
    Option<"thresholdsDecaySteps", "thresholds-decay-steps", "int64_t",
           /*default=*/"1000", "Steps between decays of the thresholds' rate">,
    Option<"beta1", "beta1", "double", /*default=*/"0.9", "Adam beta1">,
    Option<"beta2", "beta2", "double", /*default=*/"0.999", "Adam beta2">,
    Option<"epsilon", "epsilon", "double", /*default=*/"1e-8", "Adam epsilon">,
  ];
  let dependentDialects = ["::mlir::tqt::TQTDialect",
                           "::mlir::ml_program::MLProgramDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tosa::TosaDialect"];
}

def TQTPrepare : Pass<"tqt-prepare", "::mlir::ModuleOp"> {
  let summary = "Fold batch norm into layers and turn average pooling into a depthwise convolution";
  let description = [{
    Rewrites a float TOSA model into the form quantizers are placed on
    (tqt-method 5.1-5.2):

    * Batch norm in the per-channel form exporters emit after a
      `tosa.conv2d`, a `tosa.depthwise_conv2d` or a fully connected layer
      (`tosa.matmul`, reshapes, optional bias add) — `tosa.mul` by,
      `tosa.add` of, `tosa.sub` of per-channel constants, in any order — is
      folded into the layer's weights and bias: `w' = w * s`,
      `b' = b * s + t`. The layer's weights, bias and the per-channel values
      must be constants.
    * Such a chain that no layer absorbs (after a concat or an activation,
      as pre-activation networks place batch norm, or after a layer with
      other users) becomes a 1x1 `tosa.depthwise_conv2d` with the scale as
      weights and the shift as bias, and the rest of the chain folds into
      it: a layer the quantizers know. A leaky ReLU's `mul` stays.
    * A spatial mean, `tosa.mul(tosa.reduce_sum(tosa.reduce_sum(x, 1), 2),
      1 / (H * W))` on NHWC (either axis first), is global average pooling.
    * `tosa.avg_pool2d` without padding becomes a `tosa.depthwise_conv2d`
      with constant reciprocal weights `1 / (kh * kw)` and the `tqt.avgpool`
      attribute, which `--tqt-insert-quantizers` quantizes as Graffitist does
      (8-bit unsigned reciprocal, `floor` output rounding). Average pooling
      with padding divides border windows by the number of valid elements,
      which a constant reciprocal cannot express: it is reported.
    * `tosa.sigmoid` and `tosa.tanh` become `tqt.activation sigmoid / tanh`,
      whose exact sequence (docs/Numerics.md section 15) the integer
      program's lookup tables reproduce.

    Leaky ReLU is expected in the `tosa.maximum(tosa.mul(x, alpha), x)` form
    (the tqt exporter emits it so); it is quantized as such.
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect",
                           "::mlir::tqt::TQTDialect"];
}

def TQTFuseInteger : Pass<"tqt-fuse-integer", "::mlir::ModuleOp"> {
  let summary = "Turn a legalized simulation graph into the integer-only program";
  let description = [{
    Rewrites the output of `--tqt-legalize-pow2` (quantize/dequantize pairs
    around float TOSA ops) into the integer program of tqt-method 6.1, with
    the same results bit for bit:

    * weights become integer constants (int8, or int4 codes in i8);
    * convolutions and fully connected layers become integer TOSA
      `conv2d` / `depthwise_conv2d` / `matmul` with 32-bit accumulation
      (48-bit for unsigned 8-bit inputs, held in i16);
    * every quantizer becomes a `tqt.requantize` (rounding shift with the
      quantizer's rounding mode and saturation) to the quantizer's exponent;
      a ReLU/ReLU6 is fused into it as the unsigned grid and a `clamp_max`;
    * bias adds, residual adds, leaky ReLU's `mul` and `maximum` become
      integer TOSA ops on i32 at the shared exponents;
    * average pooling (prepared as a depthwise reciprocal) becomes window
      sums times the integer reciprocal, requantized with `floor`;
    * max pooling, reshape, transpose, slice and concat work on the codes;
    * a `tqt.activation` between an input quantizer of at most 8 bits and
      its output quantizer becomes a `tosa.table` of the 256 output codes,
      computed from the simulation's own numbers (docs/Numerics.md 15);
    * a product of two activations (squeeze-and-excitation, hard swish's
      gate) is an i32 multiply at the sum of the exponents, requantized by
      the output quantizer.

    Float remains only at the function boundary: `tqt.quantize` of the inputs
    and `tqt.dequantize` of the outputs. Storage: signed 8-bit codes in i8,
    unsigned 8-bit codes (ReLU outputs) in i16 so that every signed integer
    op reads them correctly, 16-bit and wider values in i32.

    Accumulator safety: from the shapes and grids, the largest sum a
    convolution or matmul can reach (products per output times the largest
    codes) must fit its accumulator (i32, or i48 for i16 inputs), or the
    layer is reported. Beyond 2^24 a warning says that the float simulation
    graph may round its sums there while the integer program is exact.

    Anything without an integer form (a float op that is not between
    quantizers, a weight held in a global, an unlegalized quantizer) is
    reported with the op's location.
  }];
  let options = [
    Option<"integerIO", "integer-io", "bool", /*default=*/"false",
           "No float at all: inputs and results become the integer codes "
           "(each with tqt.exp, tqt.bits and tqt.is_signed attributes saying "
           "how to read it)">,
  ];
  let dependentDialects = ["::mlir::tqt::TQTDialect",
                           "::mlir::tosa::TosaDialect"];
}

def TQTInsertQuantizers : Pass<"tqt-insert-quantizers", "::mlir::ModuleOp"> {
  let summary = "Insert TQT quantizers into a float TOSA model (Graffitist placement)";
  let description = [{
    Turns a float model (`func.func` on tensors with TOSA ops) into the
    simulation graph: `tqt.fake_quant` ops at the places Graffitist quantizes
    (tqt-method 5.3), with thresholds shared as 5.4 requires, each threshold
    an `ml_program.global` at 0.0 ready for `tqt-calibrate`
    (docs/Parameters.md).

    Per compute layer (`tosa.conv2d`, `tosa.depthwise_conv2d`, and
    `tosa.matmul` with the reshapes and bias add of a fully connected layer):
    the weights get a `weight-bits` signed quantizer (`tqt.role = "weight"`,
    `first-last-bits` for the first and last layer when `weight-bits` is
    lower); the bias is split off the convolution, and the accumulator and
    the bias get `layer-bits` signed quantizers sharing one threshold, so the
    bias add is an integer add; the layer output gets a `relu-bits` unsigned
    quantizer after a ReLU/ReLU6 (`tosa.clamp` with min 0), an `act-bits`
    signed one otherwise. Model inputs get `act-bits` signed quantizers.
    Residual adds share one threshold over both operands (an operand that is
    not already an `act-bits` signed layer output gets a rescale quantizer)
    and are followed by an `act-bits` quantizer, or the ReLU's. Concatenated
    tensors share one threshold. Max pooling, reshape, transpose and slice keep
    their input's scale and get no quantizer.

    With `layer-bits=0` there is no accumulator quantizer: the bias is
    quantized to 32 bits at the accumulator's scale `2^(e_x + e_w)`, its
    threshold computed from the input's and the weights' thresholds
    (`ceil(t_x) + ceil(t_w) + 31 - (b_x - s_x) - (b_w - 1)`), and added to the
    raw accumulator.

    With `per-channel-weights`, every conv2d, depthwise and matmul weight
    quantizer has one log2 threshold per output channel (a `tensor<Cxf32>`
    global, `tqt.fake_quant ... axis(a)`: axis 0 of conv2d's OHWI weights,
    axis 2 of depthwise HWCM weights, whose M multipliers of an input
    channel share its threshold, and axis 2 of matmul's [batch, K, N]);
    calibration, training, legalization and the integer program then carry
    one scale per channel (docs/Numerics.md section 14). It needs an
    accumulator quantizer (`layer-bits` > 0).

    Average pooling, batch norm and leaky ReLU are rewritten by
    `--tqt-prepare` first; any other op and quantized inputs of mixed grids
    are reported with the op's location.
  }];
  let options = [
    Option<"weightBits", "weight-bits", "unsigned", /*default=*/"8",
           "Bits of weight quantizers (4 gives the INT4 mode)">,
    Option<"actBits", "act-bits", "unsigned", /*default=*/"8",
           "Bits of signed activation quantizers (inputs, layer outputs without ReLU, residual adds)">,
    Option<"layerBits", "layer-bits", "unsigned", /*default=*/"16",
           "Bits of the accumulator and bias quantizers">,
    Option<"reluBits", "relu-bits", "unsigned", /*default=*/"8",
           "Bits of the unsigned quantizers after ReLU/ReLU6">,
    Option<"firstLastBits", "first-last-bits", "unsigned", /*default=*/"8",
           "Weight bits of the first and last compute layers when weight-bits is lower">,
    Option<"perChannelWeights", "per-channel-weights", "bool",
           /*default=*/"false",
           "One log2 threshold per output channel for conv2d, depthwise and "
           "matmul weights">,
    Option<"rounding", "rounding", "::mlir::tqt::RoundingMode",
           /*default=*/"::mlir::tqt::RoundingMode::HalfEven",
           "Rounding mode of every quantizer: half_even (default), half_up, half_away or floor",
           [{::llvm::cl::values(
             clEnumValN(::mlir::tqt::RoundingMode::HalfEven, "half_even",
                        "ties to even (the paper's reference)"),
             clEnumValN(::mlir::tqt::RoundingMode::HalfUp, "half_up",
                        "ties toward +inf (what tosa.rescale does)"),
             clEnumValN(::mlir::tqt::RoundingMode::HalfAway, "half_away",
                        "ties away from zero"),
             clEnumValN(::mlir::tqt::RoundingMode::Floor, "floor",
                        "toward -inf"))}]>,
  ];
  let dependentDialects = ["::mlir::tqt::TQTDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::ml_program::MLProgramDialect",
                           "::mlir::tosa::TosaDialect"];
}

#endif // TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD
