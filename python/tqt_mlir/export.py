"""PyTorch front end: a torch.nn.Module, traced with torch.fx, to a float
TOSA model in MLIR text (the input of --tqt-prepare, docs/Pipeline.md).

    from tqt_mlir.export import export
    text = export(model, (1, 28, 28))          # C, H, W of one sample
    open("model.mlir", "w").write(text)

The exported function `@forward` takes NHWC images `tensor<?xHxWxCxf32>`
(the dynamic batch first) and returns the module's output; PyTorch's NCHW
order is handled inside (weights are transposed, flattening goes through
NCHW order). Weights are `dense_resource` blobs. Supported: Conv2d
(including grouped and depthwise), BatchNorm2d (eval: sub/mul/add that --tqt-prepare
folds), ReLU, ReLU6 (also as Hardtanh(0, 6)), LeakyReLU, Linear, MaxPool2d (also
ceil_mode, and F.max_pool2d),
Sigmoid, Tanh, Hardsigmoid, Hardswish, SiLU (modules, functions and the
x.sigmoid()/x.tanh() methods: tqt.activation), products of two tensors
(`*`, torch.mul; squeeze-and-excitation gates broadcast over H and W),
torchvision's stochastic depth (the identity in evaluation),
AvgPool2d (padding counted, as PyTorch's default: an explicit tosa.pad),
AdaptiveAvgPool2d / AdaptiveMaxPool2d of any output size (module and
functional forms), the spatial mean
x.mean((2, 3)), Flatten / torch.flatten / x.flatten / x.view(x.size(0), -1),
Dropout/Identity (dropped, also functional), `+` and torch.cat; anything else
raises ExportError naming the node.

    python3 -m tqt_mlir.export MODULE:FACTORY STATE.pt C,H,W OUT.mlir
"""
import dis
import inspect
import operator
import re

import numpy as np
import torch
import torch.fx
import torch.nn as nn
import torch.nn.functional as F


class ExportError(Exception):
    pass


# Smooth activations: tqt.activation, one exact sequence for the simulation
# and the integer program's tables (docs/Numerics.md section 15).
_ACTIVATION_MODULES = [(nn.Sigmoid, "sigmoid"), (nn.Tanh, "tanh"), (nn.Hardsigmoid, "hardsigmoid"),
                       (nn.Hardswish, "hardswish"), (nn.SiLU, "silu")]
_ACTIVATION_FUNCTIONS = {torch.sigmoid: "sigmoid", F.sigmoid: "sigmoid", torch.tanh: "tanh", F.tanh: "tanh",
                         F.hardsigmoid: "hardsigmoid",
                         F.hardswish: "hardswish", F.silu: "silu"}


def _ttype(shape):
    dims = "x".join("?" if d is None else str(d) for d in shape)
    return f"tensor<{dims}xf32>" if shape else "tensor<f32>"


class _Proxy(torch.fx.Proxy):
    """torch.fx's Proxy, with tuple unpacking (`x1, x2 = x.chunk(2, 1)`,
    `n, c, h, w = x.size()`) on Python 3.11: PyTorch 1.13 finds the
    UNPACK_SEQUENCE instruction by an index that 3.11's inline caches
    shift."""

    def __iter__(self):
        frame = inspect.currentframe().f_back
        for inst in dis.get_instructions(frame.f_code):
            if inst.offset == frame.f_lasti and inst.opname == "UNPACK_SEQUENCE":
                return (self[i] for i in range(inst.argval))
        return super().__iter__()


class _Tracer(torch.fx.Tracer):
    def proxy(self, node):
        return _Proxy(node, self)


class _Emitter:
    def __init__(self):
        self.lines = []
        self.blobs = {}
        self.count = 0
        self.zp = None

    def fresh(self, hint="v"):
        self.count += 1
        return f"%{hint}{self.count}"

    def op(self, text):
        self.lines.append("  " + text)

    def const(self, array, name):
        array = np.ascontiguousarray(np.asarray(array, np.float32))
        key = "w_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
        while key in self.blobs:
            key += "_"
        self.blobs[key] = array
        v = self.fresh("c")
        t = _ttype(array.shape)
        self.op(f'{v} = "tosa.const"() <{{values = dense_resource<{key}> : {t}}}> : () -> {t}')
        return v

    def small_const(self, values, shape):
        v = self.fresh("c")
        t = _ttype(shape)
        flat = np.asarray(values, np.float32).reshape(-1)
        if flat.size == 1 or np.all(flat == flat[0]):
            body = f"{float(flat[0]):.9e}"
        else:
            body = "[" + ", ".join(f"{float(x):.9e}" for x in flat) + "]"
            if len(shape) > 1:
                raise ExportError("internal: nested small constants are not emitted")
        self.op(f'{v} = "tosa.const"() <{{values = dense<{body}> : {t}}}> : () -> {t}')
        return v

    def zero_point(self):
        if self.zp is None:
            self.zp = self.fresh("zp")
            self.op(f'{self.zp} = "tosa.const"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>')
        return self.zp

    def shape_const(self, values):
        v = self.fresh("s")
        n = len(values)
        self.op(f"{v} = tosa.const_shape {{values = dense<[{', '.join(map(str, values))}]> : tensor<{n}xindex>}} : () -> !tosa.shape<{n}>")
        return v

    def resources(self):
        if not self.blobs:
            return ""
        entries = ",\n".join(
            f'      {k}: "0x04000000{a.astype("<f4").tobytes().hex().upper()}"' for k, a in self.blobs.items())
        return "\n{-#\n  dialect_resources: {\n    builtin: {\n" + entries + "\n    }\n  }\n#-}\n"


def _torch_dims(shape):
    """PyTorch's sizes of a tensor held in our layout (NHWC for 4-d)."""
    if len(shape) == 4:
        n, h, w, c = shape
        return (n, c, h, w)
    if len(shape) == 5:  # a channel shuffle's [N, g, C/g, H, W]
        n, h, w, g, cg = shape
        return (n, g, cg, h, w)
    return tuple(shape)


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def _out_size(size, k, s, d, pt, pb):
    return (size + pt + pb - d * (k - 1) - 1) // s + 1


def _fit_pad(size, k, s, d, pt, pb):
    """TOSA needs (size - 1 + pt + pb - (k - 1) d) divisible by the stride;
    PyTorch floors. The rows PyTorch never reads are dropped: first from the
    end padding, then from the input (returned as the number to crop)."""
    extra = (size - 1 + pt + pb - (k - 1) * d) % s
    return pb - min(extra, pb), max(0, extra - pb)


def _call_args(node, params):
    """The values of a functional call's parameters after the tensor, from
    its positional or keyword arguments: `params` lists (name, default)."""
    values = []
    for i, (name, default) in enumerate(params):
        if i + 1 < len(node.args):
            values.append(node.args[i + 1])
        else:
            values.append(node.kwargs.get(name, default))
    return values


def _ceil_pad(size, k, s, p):
    """The end padding that makes a window of PyTorch's ceil_mode exact: one
    more output when the last window starts inside the input or the start
    padding (PyTorch's rule), padded at the end (max pooling pads with the
    lowest value, so the extra rows never win)."""
    out = -(-(size + 2 * p - k) // s) + 1
    if (out - 1) * s >= size + p:
        out -= 1
    return (out - 1) * s + k - size - p


class _Exporter:
    def __init__(self, module, sample_shape, name):
        self.module = module.eval()
        self.name = name
        self.e = _Emitter()
        c, h, w = sample_shape
        self.input_shape = (None, h, w, c)
        self.values = {}  # fx node -> (ssa value, NHWC or [N, F] shape)

    def error(self, node, what):
        target = getattr(node.target, "__name__", node.target)
        return ExportError(f"node '{node.name}' ({node.op} {target}): {what}")

    def run(self):
        try:
            tracer = _Tracer()
            graph = tracer.trace(self.module)
            gm = torch.fx.GraphModule(tracer.root, graph)
        except Exception as e:  # control flow on values, unsupported Python
            raise ExportError(f"torch.fx cannot trace the model: {e}") from e
        result = None
        for node in gm.graph.nodes:
            if node.op == "placeholder":
                if self.values:
                    raise self.error(node, "the model must take one input (the images)")
                self.values[node] = ("%x", self.input_shape)
            elif node.op == "call_module":
                sub = gm.get_submodule(node.target)
                self.values[node] = self.module_op(node, sub)
            elif node.op == "call_function":
                self.values[node] = self.function_op(node)
            elif node.op == "call_method":
                self.values[node] = self.method_op(node)
            elif node.op == "output":
                arg = node.args[0]
                if not isinstance(arg, torch.fx.Node):
                    raise self.error(node, "the model must return one tensor")
                result = self.values[arg]
            else:
                raise self.error(node, "unsupported graph node (get_attr: use modules for parameters)")
        value, shape = result
        sig = f"func.func @{self.name}(%x: {_ttype(self.input_shape)}) -> {_ttype(shape)} {{"
        return "\n".join([sig] + self.e.lines + [f"  return {value} : {_ttype(shape)}", "}"]) + "\n" + self.e.resources()

    def arg(self, node, i=0):
        a = node.args[i]
        v = self.values.get(a) if isinstance(a, torch.fx.Node) else None
        if not (isinstance(v, tuple) and len(v) == 2 and str(v[0]).startswith("%")):
            raise self.error(node, "expected a tensor operand")
        return v

    # Modules ---------------------------------------------------------------
    def module_op(self, node, m):
        x, shape = self.arg(node)
        if isinstance(m, (nn.Dropout, nn.Identity)):
            return x, shape
        if isinstance(m, nn.Hardtanh):
            if (m.min_val, m.max_val) != (0.0, 6.0):
                raise self.error(node, "only Hardtanh(0, 6) (ReLU6) is supported")
            return self.clamp(x, shape, 0.0, 6.0)
        if isinstance(m, nn.Conv2d):
            return self.conv(node, m, x, shape)
        if isinstance(m, nn.BatchNorm2d):
            return self.batchnorm(node, m, x, shape)
        if isinstance(m, nn.ReLU):
            return self.clamp(x, shape, 0.0, 3.4028234663852886e38)
        if isinstance(m, nn.ReLU6):
            return self.clamp(x, shape, 0.0, 6.0)
        if isinstance(m, nn.LeakyReLU):
            return self.leaky(x, shape, m.negative_slope)
        for cls, kind in _ACTIVATION_MODULES:
            if isinstance(m, cls):
                return self.activation(x, shape, kind)
        if isinstance(m, nn.Linear):
            return self.linear(node, m, x, shape)
        if isinstance(m, nn.MaxPool2d):
            return self.max_pool(node, x, shape, m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode)
        if isinstance(m, nn.AvgPool2d):
            return self.avg_pool(node, x, shape, m.kernel_size, m.stride, m.padding, m.ceil_mode,
                                 m.count_include_pad, m.divisor_override)
        if isinstance(m, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
            kind = "avg" if isinstance(m, nn.AdaptiveAvgPool2d) else "max"
            return self.adaptive_pool(node, x, shape, kind, m.output_size)
        if isinstance(m, nn.Flatten):
            if m.start_dim != 1 or m.end_dim != -1:
                raise self.error(node, "only Flatten(1, -1) is supported")
            return self.flatten(x, shape)
        raise self.error(node, f"unsupported module {type(m).__name__}")

    def function_op(self, node):
        t = node.target
        if t is operator.getitem:
            return self.getitem(node)
        if t in (operator.floordiv, operator.mul, operator.add) and all(
                isinstance(self.scalar(a), int) for a in node.args[:2]):
            a, b = (self.scalar(a) for a in node.args[:2])
            return {operator.floordiv: a // b, operator.mul: a * b, operator.add: a + b}[t]
        if t is torch.transpose:
            return self.transpose(node)
        if t in (operator.add, torch.add):
            (a, sa), (b, sb) = self.arg(node, 0), self.arg(node, 1)
            if sa != sb:
                raise self.error(node, f"adds of different shapes {sa} and {sb} are not supported")
            v = self.e.fresh()
            self.e.op(f"{v} = tosa.add {a}, {b} : ({_ttype(sa)}, {_ttype(sb)}) -> {_ttype(sa)}")
            return v, sa
        if t in (operator.mul, torch.mul):
            return self.product(node)
        if t in _ACTIVATION_FUNCTIONS:
            x, shape = self.arg(node)
            return self.activation(x, shape, _ACTIVATION_FUNCTIONS[t])
        if getattr(t, "__name__", "") == "stochastic_depth":
            # torchvision.ops.stochastic_depth: the identity in evaluation.
            training = node.args[3] if len(node.args) > 3 else node.kwargs.get("training", True)
            if training:
                raise self.error(node, "stochastic depth in training mode is not supported")
            return self.arg(node)
        if t is torch.cat:
            tensors = node.args[0]
            dim = node.args[1] if len(node.args) > 1 else node.kwargs.get("dim", 0)
            vals = [self.values[n] for n in tensors]
            rank = len(vals[0][1])
            if dim < 0:
                dim += rank
            if dim != 1:
                raise self.error(node, "only concatenation along channels (dim=1) is supported")
            axis = 3 if rank == 4 else 1
            shape = list(vals[0][1])
            shape[axis] = sum(s[axis] for _, s in vals)
            v = self.e.fresh()
            self.e.op(f"{v} = tosa.concat {', '.join(a for a, _ in vals)} {{axis = {axis} : i32}} : "
                      f"({', '.join(_ttype(s) for _, s in vals)}) -> {_ttype(shape)}")
            return v, tuple(shape)
        if t in (torch.relu, F.relu):
            x, shape = self.arg(node)
            return self.clamp(x, shape, 0.0, 3.4028234663852886e38)
        if t is F.relu6:
            x, shape = self.arg(node)
            return self.clamp(x, shape, 0.0, 6.0)
        if t is torch.flatten:
            x, shape = self.arg(node)
            start = node.args[1] if len(node.args) > 1 else node.kwargs.get("start_dim", 0)
            if start != 1:
                raise self.error(node, "only torch.flatten(x, 1) is supported")
            return self.flatten(x, shape)
        if t in (F.adaptive_avg_pool2d, F.adaptive_max_pool2d):
            x, shape = self.arg(node)
            size = node.args[1] if len(node.args) > 1 else node.kwargs["output_size"]
            kind = "avg" if t is F.adaptive_avg_pool2d else "max"
            return self.adaptive_pool(node, x, shape, kind, size)
        if t is F.dropout:
            return self.arg(node)
        if t is F.avg_pool2d:
            x, shape = self.arg(node)
            kernel, stride, padding, ceil, count_pad, divisor = _call_args(
                node, [("kernel_size", None), ("stride", None), ("padding", 0), ("ceil_mode", False),
                       ("count_include_pad", True), ("divisor_override", None)])
            return self.avg_pool(node, x, shape, kernel, stride, padding, ceil, count_pad, divisor)
        if t is F.max_pool2d:
            x, shape = self.arg(node)
            kernel, stride, padding, dilation, ceil = _call_args(
                node, [("kernel_size", None), ("stride", None), ("padding", 0), ("dilation", 1),
                       ("ceil_mode", False)])
            return self.max_pool(node, x, shape, kernel, stride, padding, dilation, ceil)
        if t is F.hardtanh:
            x, shape = self.arg(node)
            lo = node.args[1] if len(node.args) > 1 else node.kwargs.get("min_val", -1.0)
            hi = node.args[2] if len(node.args) > 2 else node.kwargs.get("max_val", 1.0)
            if (lo, hi) != (0.0, 6.0):
                raise self.error(node, "only hardtanh(x, 0, 6) (ReLU6) is supported")
            return self.clamp(x, shape, 0.0, 6.0)
        if t is torch.mean:
            return self.spatial_mean(node)
        raise self.error(node, f"unsupported function {getattr(t, '__name__', t)}")

    def method_op(self, node):
        if node.target == "size":
            # The batch size (a marker) or a static extent; all of them for
            # x.size() (NCHW order, as PyTorch sees the tensor).
            dim = node.args[1] if len(node.args) > 1 else node.kwargs.get("dim")
            x, shape = self.arg(node)
            dims = _torch_dims(shape)
            if dim is None:
                return ("sizes", dims)
            return ("size", 0) if dim in (0, -len(dims)) else dims[dim]
        if node.target in ("view", "reshape"):
            return self.view(node)
        if node.target == "contiguous":
            return self.arg(node)
        if node.target == "transpose":
            return self.transpose(node)
        if node.target == "chunk":
            x, shape = self.arg(node)
            n = node.args[1] if len(node.args) > 1 else node.kwargs["chunks"]
            dim = node.args[2] if len(node.args) > 2 else node.kwargs.get("dim", 0)
            if dim not in (1, -3) or len(shape) != 4 or shape[3] % n:
                raise self.error(node, "only chunks of channels (dim=1) that divide them evenly are supported")
            return ("chunks", x, shape, n)
        if node.target == "mean":
            return self.spatial_mean(node)
        if node.target in ("sigmoid", "tanh"):
            x, shape = self.arg(node)
            return self.activation(x, shape, node.target)
        if node.target == "mul":
            return self.product(node)
        if node.target == "flatten":
            x, shape = self.arg(node)
            start = node.args[1] if len(node.args) > 1 else node.kwargs.get("start_dim", 0)
            if start != 1:
                raise self.error(node, "only x.flatten(1) is supported")
            return self.flatten(x, shape)
        raise self.error(node, f"unsupported method {node.target}")

    # Shapes ----------------------------------------------------------------
    def scalar(self, a):
        """An integer argument: a number, a static extent, or the batch
        marker ("size", 0)."""
        if isinstance(a, torch.fx.Node):
            return self.values.get(a)
        return a

    def getitem(self, node):
        src, i = node.args
        v = self.values.get(src)
        if isinstance(v, tuple) and v and v[0] == "sizes":
            return ("size", 0) if i == 0 else v[1][i]
        if isinstance(v, tuple) and v and v[0] == "chunks":
            _, x, shape, n = v
            c = shape[3] // n
            return self.channel_slice(x, shape, i * c, c)
        raise self.error(node, "indexing is supported only on x.size() and x.chunk(...)")

    def view(self, node):
        """x.view(x.size(0), -1) flattens; a channel shuffle's views (NCHW
        [N, g, C/g, H, W] and back to [N, C, H, W]) become reshapes of the
        NHWC tensor to [N, H, W, g, C/g] and back."""
        x, shape = self.arg(node)
        dims = node.args[1:]
        if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
            dims = tuple(dims[0])
        dims = tuple(self.scalar(d) for d in dims)
        if not dims or dims[0] != ("size", 0):
            raise self.error(node, f"x.{node.target} must keep the batch size x.size(0) first")
        if len(dims) == 2 and dims[1] == -1:
            return self.flatten(x, shape)
        n, h, w = shape[:3] if len(shape) >= 4 else (None, None, None)
        if len(shape) == 4 and len(dims) == 5 and dims[3:] == (h, w):
            g, cg = dims[1], dims[2]
            if -1 in (g, cg):
                g, cg = (shape[3] // cg, cg) if g == -1 else (g, shape[3] // g)
            if g * cg == shape[3]:
                return self.reshape(x, shape, (n, h, w, g, cg))
        if len(shape) == 5 and len(dims) == 4 and dims[2:] == (h, w) and dims[1] in (-1, shape[3] * shape[4]):
            return self.reshape(x, shape, (n, h, w, shape[3] * shape[4]))
        raise self.error(node, f"only x.{node.target}(x.size(0), -1) and the views of a channel shuffle "
                               "are supported")

    def transpose(self, node):
        """The transpose of a channel shuffle: the two group dimensions of
        the NCHW [N, g, C/g, H, W] view."""
        x, shape = self.arg(node)
        dims = sorted(d % 5 for d in node.args[1:3]) if len(shape) == 5 else None
        if dims != [1, 2]:
            raise self.error(node, "only the transpose of a channel shuffle (dims 1 and 2 of its 5-d view) "
                                   "is supported")
        out = shape[:3] + (shape[4], shape[3])
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.transpose {x} {{perms = array<i32: 0, 1, 2, 4, 3>}} : "
                  f"({_ttype(shape)}) -> {_ttype(out)}")
        return v, out

    def reshape(self, x, shape, out):
        dims = self.e.shape_const([-1] + list(out[1:]))
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.reshape {x}, {dims} : ({_ttype(shape)}, !tosa.shape<{len(out)}>) -> {_ttype(out)}")
        return v, out

    def channel_slice(self, x, shape, start, count):
        n, h, w, c = shape
        out = (n, h, w, count)
        begin = self.e.shape_const([0, 0, 0, start])
        size = self.e.shape_const([-1, h, w, count])
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.slice {x}, {begin}, {size} : ({_ttype(shape)}, !tosa.shape<4>, !tosa.shape<4>) "
                  f"-> {_ttype(out)}")
        return v, out

    # Ops -------------------------------------------------------------------
    def conv(self, node, m, x, shape):
        if m.padding_mode != "zeros" or isinstance(m.padding, str):
            raise self.error(node, "only numeric zero padding is supported")
        n, h, w, c = shape
        kh, kw = _pair(m.kernel_size)
        sh, sw = _pair(m.stride)
        dh, dw = _pair(m.dilation)
        ph, pw = _pair(m.padding)
        weight = m.weight.detach().numpy()
        out_c = m.out_channels
        pb, crop_h = _fit_pad(h, kh, sh, dh, ph, ph)
        pr, crop_w = _fit_pad(w, kw, sw, dw, pw, pw)
        x, shape = self.crop(x, shape, crop_h, crop_w)
        n, h, w, c = shape
        oh, ow = _out_size(h, kh, sh, dh, ph, pb), _out_size(w, kw, sw, dw, pw, pr)
        bias = m.bias.detach().numpy() if m.bias is not None else np.zeros(out_c, np.float32)
        attrs = (f"{{acc_type = f32, dilation = array<i64: {dh}, {dw}>, pad = array<i64: {ph}, {pb}, {pw}, {pr}>, "
                 f"stride = array<i64: {sh}, {sw}>}}")
        name = node.target

        def emit(op, xv, xshape, wv, bv, suffix, cout):
            wc = self.e.const(wv, name + ".weight" + suffix)
            bc = self.e.const(bv, name + ".bias" + suffix)
            zp = self.e.zero_point()
            out = (n, oh, ow, cout)
            v = self.e.fresh()
            self.e.op(f"{v} = tosa.{op} {xv}, {wc}, {bc}, {zp}, {zp} {attrs} : ({_ttype(xshape)}, "
                      f"{_ttype(wv.shape)}, {_ttype(bv.shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype(out)}")
            return v, out

        g = m.groups
        if g == 1:
            return emit("conv2d", x, shape, weight.transpose(0, 2, 3, 1), bias, "", out_c)  # OHWI
        if g == c:
            # [C*M, 1, KH, KW] -> [KH, KW, C, M]; output channel c*M + m.
            wv = weight.reshape(c, out_c // c, kh, kw).transpose(2, 3, 0, 1)
            return emit("depthwise_conv2d", x, shape, wv, bias, "", out_c)
        # Grouped: TOSA has no groups; one conv2d per group on its slice of
        # the input channels, concatenated along the channels.
        cin, cout = c // g, out_c // g
        parts = []
        for i in range(g):
            start = self.e.shape_const([0, 0, 0, i * cin])
            size = self.e.shape_const([-1, h, w, cin])
            xs = self.e.fresh()
            sshape = (n, h, w, cin)
            self.e.op(f"{xs} = tosa.slice {x}, {start}, {size} : ({_ttype(shape)}, !tosa.shape<4>, "
                      f"!tosa.shape<4>) -> {_ttype(sshape)}")
            wv = weight[i * cout:(i + 1) * cout].transpose(0, 2, 3, 1)
            parts.append(emit("conv2d", xs, sshape, wv, bias[i * cout:(i + 1) * cout], f".g{i}", cout))
        out = (n, oh, ow, out_c)
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.concat {', '.join(p for p, _ in parts)} {{axis = 3 : i32}} : "
                  f"({', '.join(_ttype(s) for _, s in parts)}) -> {_ttype(out)}")
        return v, out

    def batchnorm(self, node, m, x, shape):
        if len(shape) != 4 or not m.track_running_stats:
            raise self.error(node, "BatchNorm2d needs running statistics and a 4-d input")
        c = shape[3]
        mean = m.running_mean.detach().numpy().reshape(1, 1, 1, c)
        scale = 1.0 / np.sqrt(m.running_var.detach().numpy() + m.eps)
        if m.affine:
            scale = scale * m.weight.detach().numpy()
            beta = m.bias.detach().numpy()
        else:
            beta = np.zeros(c, np.float32)
        mc = self.e.const(mean, node.target + ".mean")
        sc = self.e.const(scale.reshape(1, 1, 1, c), node.target + ".scale")
        bc = self.e.const(beta.reshape(1, 1, 1, c), node.target + ".beta")
        shift = self.e.fresh("shift")
        self.e.op(f'{shift} = "tosa.const"() <{{values = dense<0> : tensor<1xi8>}}> : () -> tensor<1xi8>')
        t, ct = _ttype(shape), _ttype((1, 1, 1, c))
        a, b, y = self.e.fresh(), self.e.fresh(), self.e.fresh()
        self.e.op(f"{a} = tosa.sub {x}, {mc} : ({t}, {ct}) -> {t}")
        self.e.op(f"{b} = tosa.mul {a}, {sc}, {shift} : ({t}, {ct}, tensor<1xi8>) -> {t}")
        self.e.op(f"{y} = tosa.add {b}, {bc} : ({t}, {ct}) -> {t}")
        return y, shape

    def clamp(self, x, shape, lo, hi):
        v = self.e.fresh()
        t = _ttype(shape)
        self.e.op(f"{v} = tosa.clamp {x} {{max_val = {hi:.9e} : f32, min_val = {lo:.9e} : f32}} : ({t}) -> {t}")
        return v, shape

    def activation(self, x, shape, kind):
        v = self.e.fresh()
        self.e.op(f"{v} = tqt.activation {kind} {x} : {_ttype(shape)}")
        return v, shape

    def product(self, node):
        """An elementwise product of two tensors (squeeze-and-excitation:
        a [N, 1, 1, C] gate times [N, H, W, C] features), broadcasting
        dimensions of size 1."""
        scalars = [i for i in (0, 1) if isinstance(node.args[i], (int, float))]
        if scalars:
            # A tensor times a number: a constant of one element (batch
            # norm's form; --tqt-prepare makes it a layer).
            (a, sa) = self.arg(node, 1 - scalars[0])
            c = self.e.small_const([float(node.args[scalars[0]])], (1,) * len(sa))
            (b, sb) = c, (1,) * len(sa)
        else:
            (a, sa), (b, sb) = self.arg(node, 0), self.arg(node, 1)
        if len(sa) != len(sb):
            raise self.error(node, f"products of ranks {len(sa)} and {len(sb)} are not supported")
        shape = []
        for da, db in zip(sa, sb):
            if da == db or db == 1:
                shape.append(da)
            elif da == 1:
                shape.append(db)
            else:
                raise self.error(node, f"shapes {sa} and {sb} do not broadcast")
        shift = self.e.fresh("shift")
        self.e.op(f'{shift} = "tosa.const"() <{{values = dense<0> : tensor<1xi8>}}> : () -> tensor<1xi8>')
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.mul {a}, {b}, {shift} : ({_ttype(sa)}, {_ttype(sb)}, tensor<1xi8>) -> "
                  f"{_ttype(tuple(shape))}")
        return v, tuple(shape)

    def leaky(self, x, shape, alpha):
        ones = (1,) * len(shape)
        a = self.e.small_const([alpha], ones)
        shift = self.e.fresh("shift")
        self.e.op(f'{shift} = "tosa.const"() <{{values = dense<0> : tensor<1xi8>}}> : () -> tensor<1xi8>')
        t = _ttype(shape)
        ay, y = self.e.fresh(), self.e.fresh()
        self.e.op(f"{ay} = tosa.mul {a}, {x}, {shift} : ({_ttype(ones)}, {t}, tensor<1xi8>) -> {t}")
        self.e.op(f"{y} = tosa.maximum {ay}, {x} : ({t}, {t}) -> {t}")
        return y, shape

    def linear(self, node, m, x, shape):
        if len(shape) != 2:
            raise self.error(node, "Linear needs a flattened [N, F] input")
        n, f = shape
        o = m.out_features
        s1 = self.e.shape_const([1, -1, f])
        r = self.e.fresh()
        self.e.op(f"{r} = tosa.reshape {x}, {s1} : ({_ttype(shape)}, !tosa.shape<3>) -> {_ttype((1, None, f))}")
        wc = self.e.const(m.weight.detach().numpy().T.reshape(1, f, o), node.target + ".weight")
        zp = self.e.zero_point()
        mm = self.e.fresh()
        self.e.op(f"{mm} = tosa.matmul {r}, {wc}, {zp}, {zp} : ({_ttype((1, None, f))}, {_ttype((1, f, o))}, "
                  f"tensor<1xf32>, tensor<1xf32>) -> {_ttype((1, None, o))}")
        s2 = self.e.shape_const([-1, o])
        y = self.e.fresh()
        self.e.op(f"{y} = tosa.reshape {mm}, {s2} : ({_ttype((1, None, o))}, !tosa.shape<2>) -> {_ttype((None, o))}")
        if m.bias is None:
            return y, (None, o)
        bc = self.e.const(m.bias.detach().numpy().reshape(1, o), node.target + ".bias")
        z = self.e.fresh()
        self.e.op(f"{z} = tosa.add {y}, {bc} : ({_ttype((None, o))}, {_ttype((1, o))}) -> {_ttype((None, o))}")
        return z, (None, o)

    def pool(self, node, x, shape, kind, kernel, stride, padding, end_padding=None):
        """`end_padding` (bottom, right) when it differs from `padding`
        (ceil_mode); it is then exact already."""
        n, h, w, c = shape
        (kh, kw), (sh, sw), (ph, pw) = kernel, stride, padding
        if end_padding is not None:
            (pb, pr), crop_h, crop_w = end_padding, 0, 0
        else:
            pb, crop_h = _fit_pad(h, kh, sh, 1, ph, ph)
            pr, crop_w = _fit_pad(w, kw, sw, 1, pw, pw)
        x, shape = self.crop(x, shape, crop_h, crop_w)
        n, h, w, c = shape
        out = (n, _out_size(h, kh, sh, 1, ph, pb), _out_size(w, kw, sw, 1, pw, pr), c)
        attrs = f"kernel = array<i64: {kh}, {kw}>, pad = array<i64: {ph}, {pb}, {pw}, {pr}>, stride = array<i64: {sh}, {sw}>"
        v = self.e.fresh()
        if kind == "max":
            self.e.op(f"{v} = tosa.max_pool2d {x} {{{attrs}}} : ({_ttype(shape)}) -> {_ttype(out)}")
        else:
            zp = self.e.zero_point()
            self.e.op(f"{v} = tosa.avg_pool2d {x}, {zp}, {zp} {{acc_type = f32, {attrs}}} : "
                      f"({_ttype(shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype(out)}")
        return v, out

    def avg_pool(self, node, x, shape, kernel, stride, padding, ceil_mode, count_include_pad, divisor):
        """Average pooling. With padding that counts (PyTorch's default,
        count_include_pad=True): zeros padded explicitly (tosa.pad), then an
        unpadded pool, whose divisor is the whole window as PyTorch's is.
        TOSA's padded average pool divides by the non-padding elements only,
        and quantization needs one divisor per layer, so the other forms are
        refused."""
        k, s, p = _pair(kernel), _pair(stride or kernel), _pair(padding)
        if divisor is not None:
            raise self.error(node, "average pooling with divisor_override is not supported")
        if ceil_mode:
            raise self.error(node, "average pooling with ceil_mode is not supported (the windows "
                             "past the input have their own divisors)")
        if p == (0, 0):
            return self.pool(node, x, shape, "avg", k, s, p)
        if not count_include_pad:
            raise self.error(node, "average pooling with padding and count_include_pad=False is not "
                             "supported (the divisor varies at the borders)")
        n, h, w, c = shape
        (ph, pw) = p
        padded = (n, h + 2 * ph, w + 2 * pw, c)
        pads = self.e.shape_const([0, 0, ph, ph, pw, pw, 0, 0])
        zero = self.e.zero_point()
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.pad {x}, {pads}, {zero} : ({_ttype(shape)}, !tosa.shape<8>, tensor<1xf32>) "
                  f"-> {_ttype(padded)}")
        return self.pool(node, v, padded, "avg", k, s, (0, 0))

    def max_pool(self, node, x, shape, kernel, stride, padding, dilation, ceil_mode):
        if _pair(dilation) != (1, 1):
            raise self.error(node, "max pooling with dilation is not supported")
        k, s, p = _pair(kernel), _pair(stride or kernel), _pair(padding)
        if not ceil_mode:
            return self.pool(node, x, shape, "max", k, s, p)
        end = (_ceil_pad(shape[1], k[0], s[0], p[0]), _ceil_pad(shape[2], k[1], s[1], p[1]))
        return self.pool(node, x, shape, "max", k, s, p, end)

    def adaptive_pool(self, node, x, shape, kind, output_size):
        """Adaptive pooling. An output size that divides the input size is
        one pool with kernel = stride = in / out. Any other size (bins that
        overlap, or repeat when the output is larger, as VGG's 7x7 pooling of
        a small map) pools PyTorch's bins [floor(i H / O), ceil((i + 1) H /
        O)) one dimension at a time: a slice and a pool per distinct row bin,
        concatenated, then the same over the columns (the mean of row means
        of equal length is the bin's mean; the max of maxima its max)."""
        n, h, w, c = shape
        oh, ow = _pair(output_size)
        oh, ow = oh or h, ow or w  # None keeps the input size
        if h % oh == 0 and w % ow == 0:
            k = (h // oh, w // ow)
            return self.pool(node, x, shape, kind, k, k, (0, 0))
        x, shape = self.adaptive_axis(x, shape, kind, 1, oh)
        return self.adaptive_axis(x, shape, kind, 2, ow)

    def adaptive_axis(self, x, shape, kind, axis, out):
        """Adaptive pooling of dimension `axis` (1: rows, 2: columns) to
        `out` bins."""
        size = shape[axis]
        if size == out:
            return x, shape
        bins = [((i * size) // out, -((-(i + 1) * size) // out)) for i in range(out)]
        pooled = {}
        for start, end in bins:
            if (start, end) in pooled:
                continue
            lo = [0, 0, 0, 0]
            lo[axis] = start
            extent = [-1, shape[1], shape[2], shape[3]]
            extent[axis] = end - start
            part = list(shape)
            part[axis] = end - start
            v = self.e.fresh()
            self.e.op(f"{v} = tosa.slice {x}, {self.e.shape_const(lo)}, {self.e.shape_const(extent)} : "
                      f"({_ttype(shape)}, !tosa.shape<4>, !tosa.shape<4>) -> {_ttype(tuple(part))}")
            kernel = (end - start, 1) if axis == 1 else (1, end - start)
            pooled[(start, end)] = self.pool(None, v, tuple(part), kind, kernel, (1, 1), (0, 0))
        parts = [pooled[b] for b in bins]
        result = list(shape)
        result[axis] = out
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.concat {', '.join(p for p, _ in parts)} {{axis = {axis} : i32}} : "
                  f"({', '.join(_ttype(s) for _, s in parts)}) -> {_ttype(tuple(result))}")
        return v, tuple(result)

    def spatial_mean(self, node):
        """x.mean((2, 3)) / torch.mean(x, (2, 3), keepdim): global average
        pooling, flattened to [N, C] without keepdim."""
        x, shape = self.arg(node)
        dims = node.args[1] if len(node.args) > 1 else node.kwargs.get("dim")
        keepdim = node.args[2] if len(node.args) > 2 else node.kwargs.get("keepdim", False)
        if isinstance(dims, int):
            dims = (dims,)
        if dims is None or len(shape) != 4 or sorted(d % 4 for d in dims) != [2, 3]:
            raise self.error(node, "only the spatial mean x.mean((2, 3)) is supported")
        v, pooled = self.pool(node, x, shape, "avg", (shape[1], shape[2]), (1, 1), (0, 0))
        return (v, pooled) if keepdim else self.flatten(v, pooled)

    def crop(self, x, shape, rows, cols):
        """Drops the last `rows` rows and `cols` columns (unused by a
        strided window)."""
        if not rows and not cols:
            return x, shape
        n, h, w, c = shape
        out = (n, h - rows, w - cols, c)
        start = self.e.shape_const([0, 0, 0, 0])
        size = self.e.shape_const([-1, h - rows, w - cols, c])
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.slice {x}, {start}, {size} : ({_ttype(shape)}, !tosa.shape<4>, !tosa.shape<4>) "
                  f"-> {_ttype(out)}")
        return v, out

    def flatten(self, x, shape):
        if len(shape) == 2:
            return x, shape
        n, h, w, c = shape
        if h * w != 1:  # PyTorch flattens in C, H, W order.
            t = self.e.fresh()
            self.e.op(f"{t} = tosa.transpose {x} {{perms = array<i32: 0, 3, 1, 2>}} : "
                      f"({_ttype(shape)}) -> {_ttype((n, c, h, w))}")
            x, shape = t, (n, c, h, w)
        s = self.e.shape_const([-1, h * w * c])
        v = self.e.fresh()
        self.e.op(f"{v} = tosa.reshape {x}, {s} : ({_ttype(shape)}, !tosa.shape<2>) -> {_ttype((None, h * w * c))}")
        return v, (None, h * w * c)


def export(module, sample_shape, name="forward"):
    """MLIR text of `module` (eval mode) for inputs of `sample_shape` =
    (C, H, W) per sample; the function takes NHWC with a dynamic batch."""
    if not list(module.children()) and type(module).__module__.startswith("torch.nn"):
        # torch.fx traces a bare library module into its functional form;
        # as the only child of a Sequential it stays a module call.
        module = nn.Sequential(module)
    with torch.no_grad():
        return _Exporter(module, tuple(sample_shape), name).run()


def main(argv):
    import importlib
    if len(argv) != 5:
        raise SystemExit(__doc__)
    mod_name, factory = argv[1].split(":")
    model = getattr(importlib.import_module(mod_name), factory)()
    model.load_state_dict(torch.load(argv[2]))
    shape = tuple(int(d) for d in argv[3].split(","))
    write_output(argv[4], export(model, shape))


def write_output(path, text):
    """Writes `text` to `path` whole or not at all, as the C++ tools do
    (docs/Tools.md): a regular or new file through a temporary beside it and
    a rename, a character device or FIFO in place, anything else refused."""
    import os
    import stat
    import tempfile
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    try:
        if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            with open(path, "w") as f:
                f.write(text)
            return
        if mode is not None and not stat.S_ISREG(mode):
            raise SystemExit(f"cannot write {path}: not a regular file, a "
                             "character device or a FIFO")
        target = os.path.realpath(path)
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(target) + ".tmp-",
                                   dir=os.path.dirname(target) or ".")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(text)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as e:
        raise SystemExit(f"cannot write {path}: {e.strerror}")


def _umask():
    import os
    mask = os.umask(0)
    os.umask(mask)
    return mask


if __name__ == "__main__":
    import sys
    main(sys.argv)
