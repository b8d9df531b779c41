"""Pinot-only: `import pinot` stays cheap (no numpy until needed), lazy submodules,
version. Skipped when the tests run against the openvino oracle."""
import subprocess
import sys

import pytest

from conftest import ORACLE

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="Pinot-specific behaviour")


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_import_does_not_load_numpy():
    out = run_python("import sys, pinot; print('numpy' in sys.modules)")
    assert out == "False"


def test_numpy_loads_on_first_tensor():
    code = (
        "import sys, pinot\n"
        "t = pinot.Tensor(pinot.Type.f32, [2, 3])\n"
        "print('numpy' in sys.modules, t.data.shape)\n"
    )
    assert run_python(code) == "True (2, 3)"


def test_type_to_dtype_without_numpy_imported_first():
    code = "import pinot\nprint(pinot.Type.f16.to_dtype())\n"
    assert run_python(code) == "float16"


def test_tensor_from_array_before_pinot_touched_numpy():
    # numpy imported by the user first; pinot's numpy API must still be loaded lazily.
    code = "import numpy as np, pinot\nprint(pinot.Tensor(np.ones(3)).element_type)\n"
    assert run_python(code) == "<Type: 'double64'>"


def test_lazy_submodules():
    code = "import sys, pinot\nprint('pinot.helpers' in sys.modules, pinot.helpers.pack_data.__name__)\n"
    assert run_python(code) == "False pack_data"


def test_version():
    import pinot

    assert pinot.__version__ == pinot.get_version()
    assert pinot.__version__.count(".") == 2
