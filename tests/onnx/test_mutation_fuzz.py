"""A seeded, structured mutation fuzz of the ONNX node-test models: each
mutant gets a random integer attribute value (negative, zero, huge), a changed
input dimension, or two node inputs swapped, then is read, compiled and run
on small inputs. Any outcome is fine except a crash or a hang: Pinot must
raise a Python exception or compute something. Bounded: every 3rd model, three
mutants each (about 1,800 runs, a few seconds)."""
import os

import numpy as np
import pytest

from node_tests import list_tests, node_test_root

ROOT = node_test_root()
VALUES = [-(2**40), -3, -2, -1, 0, 1, 2, 3, 7, 64, 2**31 - 1, 2**40]
MODELS = list_tests(ROOT)[::3] if ROOT else []


def mutate(model, rng):
    import onnx

    g = model.graph
    for _ in range(int(rng.integers(1, 3))):
        choice = int(rng.integers(0, 3))
        if choice == 0 and g.node:
            node = g.node[int(rng.integers(0, len(g.node)))]
            ints = [a for a in node.attribute if a.type in (onnx.AttributeProto.INT, onnx.AttributeProto.INTS)]
            if ints:
                a = ints[int(rng.integers(0, len(ints)))]
                if a.type == onnx.AttributeProto.INT:
                    a.i = int(rng.choice(VALUES))
                elif len(a.ints):
                    a.ints[int(rng.integers(0, len(a.ints)))] = int(rng.choice(VALUES))
        elif choice == 1 and g.input:
            info = g.input[int(rng.integers(0, len(g.input)))]
            if info.type.HasField("tensor_type") and info.type.tensor_type.shape.dim:
                dims = info.type.tensor_type.shape.dim
                dims[int(rng.integers(0, len(dims)))].dim_value = int(rng.choice([0, 1, 2, 3, 5]))
        elif choice == 2 and g.node:
            node = g.node[int(rng.integers(0, len(g.node)))]
            if len(node.input) > 1:
                i, j = (int(v) for v in rng.integers(0, len(node.input), 2))
                node.input[i], node.input[j] = node.input[j], node.input[i]


def small_inputs(compiled):
    rng = np.random.default_rng(0)
    feeds = []
    for port in compiled.inputs:
        ps = port.get_partial_shape()
        shape = [d.get_length() if d.is_static else 2 for d in ps] if ps.rank.is_static else [2]
        if np.prod(shape) > 1e6:
            return None
        dtype = port.get_element_type().to_dtype()
        if dtype.kind in "fc":
            feeds.append(rng.standard_normal(shape).astype(dtype))
        elif dtype.kind in "iub":
            feeds.append(rng.integers(0, 3, shape).astype(dtype))
        else:
            feeds.append(np.zeros(shape, dtype=dtype))
    return feeds


@pytest.mark.skipif(ROOT is None, reason="the onnx package with backend test data is not installed")
@pytest.mark.parametrize("name", MODELS)
def test_mutants_raise_or_run(name):
    import onnx

    import pinot as ov

    base = onnx.load(os.path.join(ROOT, name, "model.onnx"))
    core = ov.Core()
    for k in range(3):
        rng = np.random.default_rng([2026, MODELS.index(name), k])
        model = onnx.ModelProto()
        model.CopyFrom(base)
        mutate(model, rng)
        try:
            compiled = core.compile_model(core.read_model(model.SerializeToString()), "CPU")
            feeds = small_inputs(compiled)
            if feeds is not None:
                compiled(feeds)
        except (RuntimeError, ValueError, TypeError, NotImplementedError, OverflowError, MemoryError):
            pass  # a clear Python exception is a fine outcome
