"""Small models shared by the Model / port / runtime API tests (test_model, test_ports, test_infer,
test_core, test_nogil), built only from parameter, result, relu, absolute and add.

``op(name)`` raises NotImplementedError while a builder is missing from pinot.opset13, and
``needs(*names)`` is the matching ``xfail`` mark: it disappears by itself once the ops exist
(and never applies when the tests run against OpenVINO).
"""
import numpy as np
import pytest

import pinot as ov
from pinot import opset13 as ops


# How to build each op the tests use on a [2, 2] f32 parameter, to probe that it is implemented.
_PROBES = {
    "relu": lambda p: ops.relu(p),
    "absolute": lambda p: ops.absolute(p),
    "add": lambda p: ops.add(p, p),
    "matmul": lambda p: ops.matmul(p, p, False, False),
    "split": lambda p: ops.split(p, 0, 2),
}
_implemented = {}


def implemented(name):
    """Whether pinot.opset13 has the builder `name` and its op can be built."""
    if name not in _implemented:
        try:
            _PROBES[name](ops.parameter([2, 2], np.float32))
            _implemented[name] = True
        except (AttributeError, NotImplementedError):
            _implemented[name] = False
    return _implemented[name]


def op(name):
    """The opset13 builder `name`; NotImplementedError while Pinot lacks it."""
    if not implemented(name):
        raise NotImplementedError(f"op {name} not implemented yet")
    return getattr(ops, name)


def needs(*names):
    """xfail mark for tests that use ops which are not implemented yet (no-op otherwise)."""
    missing = [n for n in names if not implemented(n)]
    if not missing:
        return pytest.mark.skipif(False, reason="all ops are implemented")
    return pytest.mark.xfail(reason=f"op {', '.join(missing)} not implemented yet",
                             raises=NotImplementedError, strict=False)


def relu_model(shape=(2, 2), dtype=np.float32, name="test_model", input_name="data"):
    """data -> Relu -> Result."""
    param = ops.parameter(list(shape) if not isinstance(shape, (str, ov.PartialShape)) else shape,
                          dtype, name=input_name)
    return ov.Model(op("relu")(param, name="relu"), [param], name)


def abs_model(shape=(8,), name="seed"):
    """The seed example: parameter([8]) -> absolute -> Model."""
    param = ops.parameter(list(shape), np.float32, name="data")
    return ov.Model(op("absolute")(param, name="abs"), [param], name)


def add_model(shape=(2,), dtype=np.float32, name="two_inputs"):
    """a + b with inputs named "a" and "b", output named "sum"."""
    a = ops.parameter(list(shape), dtype, name="a")
    b = ops.parameter(list(shape), dtype, name="b")
    add = op("add")(a, b, name="add")
    add.output(0).set_names({"sum"})
    return ov.Model([add], [a, b], name)


def relu_abs_model():
    """data -> Relu (tensor "t1", op "relu1") -> Abs ("t2", "abs2") -> Relu -> Result."""
    param = ops.parameter([2], np.float32, name="data")
    relu1 = op("relu")(param, name="relu1")
    relu1.output(0).set_names({"t1"})
    abs2 = op("absolute")(relu1, name="abs2")
    abs2.output(0).set_names({"t2"})
    relu3 = op("relu")(abs2, name="relu3")
    return ov.Model(relu3, [param], "chain"), relu1, abs2
