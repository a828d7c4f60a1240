// f32 layers for test/Integration/float-kernels-*.mlir. Activations, weights
// and biases are fake-quantized (activations 8-bit with scale 1/2, weights
// and biases 8-bit with scale 1/8) as in a simulation graph, so every
// product and partial sum is exact in f32 and the kernels' FMA must give the
// reference loops' bits; tqt-run's random inputs include values beyond the
// thresholds (saturation). @conv_raw is not quantized: compared with a
// tolerance.

// 3x3, asymmetric padding, stride (1, 2): im2col with padding taps.
func.func @conv_pad_stride(%x: tensor<?x9x11x5xf32>, %w: tensor<20x3x3x5xf32>, %b: tensor<20xf32>) -> tensor<?x9x6x20xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x9x11x5xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<20x3x3x5xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<20xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 2, 0>, stride = array<i64: 1, 2>, dilation = array<i64: 1, 1>} : (tensor<?x9x11x5xf32>, tensor<20x3x3x5xf32>, tensor<20xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x9x6x20xf32>
  return %y : tensor<?x9x6x20xf32>
}

// Dilation 2, one bias value for every channel, 70 output channels (a
// whole zmm tile of 64 and a ragged one; three ymm tiles of 16 and 6).
func.func @conv_dilated_wide(%x: tensor<?x10x10x16xf32>, %w: tensor<70x3x3x16xf32>, %b: tensor<1xf32>) -> tensor<?x10x10x70xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x10x10x16xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<70x3x3x16xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<1xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 2, 2, 2, 2>, stride = array<i64: 1, 1>, dilation = array<i64: 2, 2>} : (tensor<?x10x10x16xf32>, tensor<70x3x3x16xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x10x10x70xf32>
  return %y : tensor<?x10x10x70xf32>
}

// 1x1, stride 1, no padding: the activations are read in place.
func.func @conv_1x1(%x: tensor<?x6x7x33xf32>, %w: tensor<17x1x1x33xf32>, %b: tensor<17xf32>) -> tensor<?x6x7x17xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x6x7x33xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<17x1x1x33xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<17xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x6x7x33xf32>, tensor<17x1x1x33xf32>, tensor<17xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x6x7x17xf32>
  return %y : tensor<?x6x7x17xf32>
}

// 1x1 with stride 2: packed.
func.func @conv_1x1_strided(%x: tensor<?x7x7x8xf32>, %w: tensor<8x1x1x8xf32>, %b: tensor<8xf32>) -> tensor<?x4x4x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x7x7x8xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<8x1x1x8xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<8xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<?x7x7x8xf32>, tensor<8x1x1x8xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x8xf32>
  return %y : tensor<?x4x4x8xf32>
}

// A fully connected layer: ragged N (masked weight loads), dynamic rows.
func.func @fc(%x: tensor<1x?x37xf32>, %w: tensor<1x37x21xf32>) -> tensor<1x?x21xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<1x?x37xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<1x37x21xf32>
  %y = tosa.matmul %xq, %wq, %zp, %zp : (tensor<1x?x37xf32>, tensor<1x37x21xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x21xf32>
  return %y : tensor<1x?x21xf32>
}

// A dynamic K (the shape of a weight gradient summed over the batch).
func.func @fc_dynamic_k(%x: tensor<1x5x?xf32>, %w: tensor<1x?x19xf32>) -> tensor<1x5x19xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<1x5x?xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<1x?x19xf32>
  %y = tosa.matmul %xq, %wq, %zp, %zp : (tensor<1x5x?xf32>, tensor<1x?x19xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x19xf32>
  return %y : tensor<1x5x19xf32>
}

// Constant weights (a float model's): packed at compile time, transposed.
func.func @conv_const_weights(%x: tensor<?x5x6x2xf32>, %b: tensor<3xf32>) -> tensor<?x5x6x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x5x6x2xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<3xf32>
  %w = "tosa.const"() <{values = dense<[[[[-0.75, 0.125], [-0.625, 0.25], [-0.5, 0.375]], [[-0.375, 0.5], [-0.25, 0.625], [-0.125, 0.75]], [[0.0, -0.75], [0.125, -0.625], [0.25, -0.5]]], [[[0.375, -0.375], [0.5, -0.25], [0.625, -0.125]], [[0.75, 0.0], [-0.75, 0.125], [-0.625, 0.25]], [[-0.5, 0.375], [-0.375, 0.5], [-0.25, 0.625]]], [[[-0.125, 0.75], [0.0, -0.75], [0.125, -0.625]], [[0.25, -0.5], [0.375, -0.375], [0.5, -0.25]], [[0.625, -0.125], [0.75, 0.0], [-0.75, 0.125]]]]> : tensor<3x3x3x2xf32>}> : () -> tensor<3x3x3x2xf32>
  %y = tosa.conv2d %xq, %w, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x5x6x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x5x6x3xf32>
  return %y : tensor<?x5x6x3xf32>
}

// Not quantized: FMA rounds once where the reference rounds twice.
func.func @conv_raw(%x: tensor<?x9x11x5xf32>, %w: tensor<20x3x3x5xf32>, %b: tensor<20xf32>) -> tensor<?x9x6x20xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 2, 0>, stride = array<i64: 1, 2>, dilation = array<i64: 1, 1>} : (tensor<?x9x11x5xf32>, tensor<20x3x3x5xf32>, tensor<20xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x9x6x20xf32>
  return %y : tensor<?x9x6x20xf32>
}

// Depthwise 3x3, padding 1, stride (2, 1), 20 channels (a whole zmm block
// and 4 lanes of the next; ymm: two blocks and 4 lanes): output rows of 11
// pixels (one tile of 8 on zmm, then 3 one at a time).
func.func @dw_pad_stride(%x: tensor<?x9x11x20xf32>, %w: tensor<3x3x20x1xf32>, %b: tensor<20xf32>) -> tensor<?x5x11x20xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x9x11x20xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<3x3x20x1xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<20xf32>
  %y = tosa.depthwise_conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 1>, dilation = array<i64: 1, 1>} : (tensor<?x9x11x20xf32>, tensor<3x3x20x1xf32>, tensor<20xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x5x11x20xf32>
  return %y : tensor<?x5x11x20xf32>
}

// Depthwise with a channel multiplier of 3 (15 output channels), dilation
// 2, asymmetric padding, one bias value for every channel.
func.func @dw_multiplier(%x: tensor<?x6x7x5xf32>, %w: tensor<3x3x5x3xf32>, %b: tensor<1xf32>) -> tensor<?x5x6x15xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x6x7x5xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<3x3x5x3xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<1xf32>
  %y = tosa.depthwise_conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 2, 1, 1, 2>, stride = array<i64: 1, 1>, dilation = array<i64: 2, 2>} : (tensor<?x6x7x5xf32>, tensor<3x3x5x3xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x5x6x15xf32>
  return %y : tensor<?x5x6x15xf32>
}

// 3x3 without padding, stride (2, 1), dilation (1, 2), 5 input and 3 output
// channels (a training step's input gradient of a one-channel stem has this
// shape): the tiles read the activations through the windows, no im2col.
func.func @conv_unpadded(%x: tensor<?x9x11x5xf32>, %w: tensor<3x3x3x5xf32>, %b: tensor<3xf32>) -> tensor<?x4x7x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x9x11x5xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<3x3x3x5xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<3xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 1>, dilation = array<i64: 1, 2>} : (tensor<?x9x11x5xf32>, tensor<3x3x3x5xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x7x3xf32>
  return %y : tensor<?x4x7x3xf32>
}

// A ReLU6 after a convolution and a ReLU after a depthwise convolution: the
// clamps run in the kernels, before the stores.
func.func @conv_dw_clamped(%x: tensor<?x6x7x8xf32>, %w: tensor<24x3x3x8xf32>, %b: tensor<24xf32>, %wd: tensor<3x3x24x1xf32>) -> tensor<?x6x7x24xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x6x7x8xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<24x3x3x8xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<24xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x6x7x8xf32>, tensor<24x3x3x8xf32>, tensor<24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x6x7x24xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x6x7x24xf32>) -> tensor<?x6x7x24xf32>
  %rq = tqt.fake_quant %r, %ta bits(8) unsigned : tensor<?x6x7x24xf32>
  %wdq = tqt.fake_quant %wd, %tw bits(8) signed : tensor<3x3x24x1xf32>
  %z = tosa.depthwise_conv2d %rq, %wdq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x6x7x24xf32>, tensor<3x3x24x1xf32>, tensor<24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x6x7x24xf32>
  %s = tosa.clamp %z {max_val = 3.40282347E+38 : f32, min_val = 0.0 : f32} : (tensor<?x6x7x24xf32>) -> tensor<?x6x7x24xf32>
  return %s : tensor<?x6x7x24xf32>
}

// K = 3 x 3 x 256 = 2304: on zmm tiles a weights panel (K x 64 f32) would not
// stay in L2, so the K steps run in blocks of 512 (the last 256), the
// partial sums stored between blocks and the ReLU6 clamp applied after the
// last; 70 output channels (a ragged N tile), 25 pixels per image (row tiles
// of 6 and leftover rows).
func.func @conv_long_k(%x: tensor<?x5x5x256xf32>, %w: tensor<70x3x3x256xf32>, %b: tensor<70xf32>) -> tensor<?x5x5x70xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x5x5x256xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<70x3x3x256xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<70xf32>
  %y = tosa.conv2d %xq, %wq, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x5x5x256xf32>, tensor<70x3x3x256xf32>, tensor<70xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x5x5x70xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x5x5x70xf32>) -> tensor<?x5x5x70xf32>
  return %r : tensor<?x5x5x70xf32>
}

// Constant weights over several N tiles (70 output channels: two zmm panels
// of 64, five ymm panels of 16, the last ragged): each panel packed
// contiguously at compile time; 1x3 windows with padding, ReLU.
func.func @conv_const_wide(%x: tensor<?x4x5x2xf32>, %b: tensor<70xf32>) -> tensor<?x4x5x70xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %ta = arith.constant dense<6.0> : tensor<f32>
  %tw = arith.constant dense<4.0> : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x4x5x2xf32>
  %bq = tqt.fake_quant %b, %tw bits(8) signed : tensor<70xf32>
  %w = "tosa.const"() <{values = dense<[[[[-1.0, -0.625], [-0.25, 0.125], [0.5, 0.875]]], [[[-0.875, -0.5], [-0.125, 0.25], [0.625, 1.0]]], [[[-0.75, -0.375], [0.0, 0.375], [0.75, -1.0]]], [[[-0.625, -0.25], [0.125, 0.5], [0.875, -0.875]]], [[[-0.5, -0.125], [0.25, 0.625], [1.0, -0.75]]], [[[-0.375, 0.0], [0.375, 0.75], [-1.0, -0.625]]], [[[-0.25, 0.125], [0.5, 0.875], [-0.875, -0.5]]], [[[-0.125, 0.25], [0.625, 1.0], [-0.75, -0.375]]], [[[0.0, 0.375], [0.75, -1.0], [-0.625, -0.25]]], [[[0.125, 0.5], [0.875, -0.875], [-0.5, -0.125]]], [[[0.25, 0.625], [1.0, -0.75], [-0.375, 0.0]]], [[[0.375, 0.75], [-1.0, -0.625], [-0.25, 0.125]]], [[[0.5, 0.875], [-0.875, -0.5], [-0.125, 0.25]]], [[[0.625, 1.0], [-0.75, -0.375], [0.0, 0.375]]], [[[0.75, -1.0], [-0.625, -0.25], [0.125, 0.5]]], [[[0.875, -0.875], [-0.5, -0.125], [0.25, 0.625]]], [[[1.0, -0.75], [-0.375, 0.0], [0.375, 0.75]]], [[[-1.0, -0.625], [-0.25, 0.125], [0.5, 0.875]]], [[[-0.875, -0.5], [-0.125, 0.25], [0.625, 1.0]]], [[[-0.75, -0.375], [0.0, 0.375], [0.75, -1.0]]], [[[-0.625, -0.25], [0.125, 0.5], [0.875, -0.875]]], [[[-0.5, -0.125], [0.25, 0.625], [1.0, -0.75]]], [[[-0.375, 0.0], [0.375, 0.75], [-1.0, -0.625]]], [[[-0.25, 0.125], [0.5, 0.875], [-0.875, -0.5]]], [[[-0.125, 0.25], [0.625, 1.0], [-0.75, -0.375]]], [[[0.0, 0.375], [0.75, -1.0], [-0.625, -0.25]]], [[[0.125, 0.5], [0.875, -0.875], [-0.5, -0.125]]], [[[0.25, 0.625], [1.0, -0.75], [-0.375, 0.0]]], [[[0.375, 0.75], [-1.0, -0.625], [-0.25, 0.125]]], [[[0.5, 0.875], [-0.875, -0.5], [-0.125, 0.25]]], [[[0.625, 1.0], [-0.75, -0.375], [0.0, 0.375]]], [[[0.75, -1.0], [-0.625, -0.25], [0.125, 0.5]]], [[[0.875, -0.875], [-0.5, -0.125], [0.25, 0.625]]], [[[1.0, -0.75], [-0.375, 0.0], [0.375, 0.75]]], [[[-1.0, -0.625], [-0.25, 0.125], [0.5, 0.875]]], [[[-0.875, -0.5], [-0.125, 0.25], [0.625, 1.0]]], [[[-0.75, -0.375], [0.0, 0.375], [0.75, -1.0]]], [[[-0.625, -0.25], [0.125, 0.5], [0.875, -0.875]]], [[[-0.5, -0.125], [0.25, 0.625], [1.0, -0.75]]], [[[-0.375, 0.0], [0.375, 0.75], [-1.0, -0.625]]], [[[-0.25, 0.125], [0.5, 0.875], [-0.875, -0.5]]], [[[-0.125, 0.25], [0.625, 1.0], [-0.75, -0.375]]], [[[0.0, 0.375], [0.75, -1.0], [-0.625, -0.25]]], [[[0.125, 0.5], [0.875, -0.875], [-0.5, -0.125]]], [[[0.25, 0.625], [1.0, -0.75], [-0.375, 0.0]]], [[[0.375, 0.75], [-1.0, -0.625], [-0.25, 0.125]]], [[[0.5, 0.875], [-0.875, -0.5], [-0.125, 0.25]]], [[[0.625, 1.0], [-0.75, -0.375], [0.0, 0.375]]], [[[0.75, -1.0], [-0.625, -0.25], [0.125, 0.5]]], [[[0.875, -0.875], [-0.5, -0.125], [0.25, 0.625]]], [[[1.0, -0.75], [-0.375, 0.0], [0.375, 0.75]]], [[[-1.0, -0.625], [-0.25, 0.125], [0.5, 0.875]]], [[[-0.875, -0.5], [-0.125, 0.25], [0.625, 1.0]]], [[[-0.75, -0.375], [0.0, 0.375], [0.75, -1.0]]], [[[-0.625, -0.25], [0.125, 0.5], [0.875, -0.875]]], [[[-0.5, -0.125], [0.25, 0.625], [1.0, -0.75]]], [[[-0.375, 0.0], [0.375, 0.75], [-1.0, -0.625]]], [[[-0.25, 0.125], [0.5, 0.875], [-0.875, -0.5]]], [[[-0.125, 0.25], [0.625, 1.0], [-0.75, -0.375]]], [[[0.0, 0.375], [0.75, -1.0], [-0.625, -0.25]]], [[[0.125, 0.5], [0.875, -0.875], [-0.5, -0.125]]], [[[0.25, 0.625], [1.0, -0.75], [-0.375, 0.0]]], [[[0.375, 0.75], [-1.0, -0.625], [-0.25, 0.125]]], [[[0.5, 0.875], [-0.875, -0.5], [-0.125, 0.25]]], [[[0.625, 1.0], [-0.75, -0.375], [0.0, 0.375]]], [[[0.75, -1.0], [-0.625, -0.25], [0.125, 0.5]]], [[[0.875, -0.875], [-0.5, -0.125], [0.25, 0.625]]], [[[1.0, -0.75], [-0.375, 0.0], [0.375, 0.75]]], [[[-1.0, -0.625], [-0.25, 0.125], [0.5, 0.875]]], [[[-0.875, -0.5], [-0.125, 0.25], [0.625, 1.0]]]]> : tensor<70x1x3x2xf32>}> : () -> tensor<70x1x3x2xf32>
  %y = tosa.conv2d %xq, %w, %bq, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x4x5x2xf32>, tensor<70x1x3x2xf32>, tensor<70xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x5x70xf32>
  %r = tosa.clamp %y {max_val = 3.40282347E+38 : f32, min_val = 0.0 : f32} : (tensor<?x4x5x70xf32>) -> tensor<?x4x5x70xf32>
  return %r : tensor<?x4x5x70xf32>
}
