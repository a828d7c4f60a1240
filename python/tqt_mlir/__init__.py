"""tqt-mlir's Python side: a PyTorch front end (export), the quantizer
reference in numpy (reference), Fashion-MNIST loading (data) and plots of
training logs and results (plots).

Use Debian's /usr/bin/python3 (it sees python3-torch, python3-numpy and
python3-matplotlib) with PYTHONPATH=<repo>/python.
"""
