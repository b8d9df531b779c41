"""Tests for module aliases: warning-free `import pinot`, and the deprecated `pinot.runtime` alias (gone in 2026.4)."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ORACLE

import pinot as ov

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
# API.md §1.1 (openvino <= 2025.x); openvino 2026.4 has removed the `openvino.runtime` module entirely.
RUNTIME_WARNING = "module is deprecated and will be removed in the 2026.0 release."


def run_child(body):
    """Run `body` in a fresh interpreter (same pinot/oracle switch) and return its JSON output."""
    code = (
        "import sys, json, warnings, importlib\n"
        f"sys.path[:0] = {[TESTS_DIR] + sys.path!r}\n"
        "warnings.simplefilter('always')\n"
        "_rec = warnings.catch_warnings(record=True)\n"
        "W = _rec.__enter__()\n"
        "import conftest\n"  # installs the oracle alias when PINOT_TEST_ORACLE is set
        "def warns(cat=Warning):\n"
        "    return [str(x.message) for x in W if issubclass(x.category, cat)]\n"
    ) + textwrap.dedent(body)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=dict(os.environ)
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def runtime_present():
    out = run_child(
        """
        import pinot
        try:
            import pinot.runtime
            present = True
        except ModuleNotFoundError:
            present = False
        print(json.dumps(present))
        """
    )
    return out


def test_oracle_switch_is_active_when_requested():
    if os.environ.get("PINOT_TEST_ORACLE") != "openvino":
        pytest.skip("only meaningful under PINOT_TEST_ORACLE=openvino")
    import openvino
    import openvino.helpers

    import pinot.helpers

    assert ov is openvino
    assert pinot.helpers is openvino.helpers


def test_import_emits_no_warning():
    out = run_child(
        """
        import pinot
        from pinot import Type, Tensor, Shape
        from pinot.helpers import pack_data, unpack_data
        print(json.dumps(warns()))
        """
    )
    assert out == []


def test_top_level_objects():
    from pinot import Shape, Tensor, Type

    assert ov.Type is Type and ov.Tensor is Tensor and ov.Shape is Shape
    assert ov.helpers.pack_data is not None


# ------------------------------------------------------------------------------ openvino 2026.4: removed
def test_runtime_removed(runtime_present):
    if runtime_present:
        pytest.skip("this build still provides the deprecated runtime alias")
    out = run_child(
        """
        import pinot
        res = {}
        try:
            import pinot.runtime
        except ModuleNotFoundError as e:
            res["import"] = type(e).__name__
        try:
            from pinot import runtime
        except ImportError as e:
            res["from"] = type(e).__name__
        try:
            pinot.runtime
        except AttributeError as e:
            res["attr"] = type(e).__name__
        res["warnings"] = warns(DeprecationWarning)
        print(json.dumps(res))
        """
    )
    assert out == {"import": "ModuleNotFoundError", "from": "ImportError", "attr": "AttributeError", "warnings": []}


# ------------------------------------------------------------------------------ API.md §1.1: deprecated alias
# These run only if the implementation keeps the alias (openvino <= 2025.x behaviour); they are
# skipped against openvino 2026.4, where the module no longer exists.
def test_runtime_alias_warns_once_on_first_access(runtime_present):
    if not runtime_present:
        pytest.skip("runtime alias removed (openvino 2026.4 behaviour)")
    out = run_child(
        """
        import pinot
        before = warns(DeprecationWarning)
        import pinot.runtime
        first = warns(DeprecationWarning)
        T = pinot.runtime.Type
        from pinot.runtime import Tensor, Shape
        after = warns(DeprecationWarning)
        print(json.dumps([before, first, after]))
        """
    )
    before, first, after = out
    assert before == []
    assert len(first) == 1
    assert "runtime" in first[0] and RUNTIME_WARNING in first[0]
    assert after == first  # no second warning


def test_runtime_alias_reexports_same_objects(runtime_present):
    if not runtime_present:
        pytest.skip("runtime alias removed (openvino 2026.4 behaviour)")
    out = run_child(
        """
        import pinot
        import pinot.runtime as rt
        from pinot.runtime import Type, Tensor, Shape
        print(json.dumps([
            rt.Type is pinot.Type, rt.Tensor is pinot.Tensor, rt.Shape is pinot.Shape,
            Type is pinot.Type, Tensor is pinot.Tensor, Shape is pinot.Shape,
            rt.Type.f32 == pinot.Type.f32,
        ]))
        """
    )
    assert out == [True] * 7


def test_runtime_alias_reload_warns_again(runtime_present):
    if not runtime_present:
        pytest.skip("runtime alias removed (openvino 2026.4 behaviour)")
    out = run_child(
        """
        import pinot.runtime
        n1 = len(warns(DeprecationWarning))
        importlib.reload(pinot.runtime)
        n2 = len(warns(DeprecationWarning))
        print(json.dumps([n1, n2]))
        """
    )
    assert out == [1, 2]


@pytest.mark.skipif(bool(ORACLE), reason="openvino 2026.4 has no openvino.runtime")
def test_runtime_submodules_are_the_top_level_ones():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import pinot.runtime as rt
        import pinot.runtime.opset8 as o8
        from pinot.runtime import opset13
    import pinot

    assert opset13 is pinot.opset13 and o8 is pinot.opset8
    assert rt.Core is pinot.Core and rt.Model is pinot.Model and rt.op is pinot.op
