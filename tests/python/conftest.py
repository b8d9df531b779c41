"""Shared pytest setup: the PINOT_TEST_ORACLE switch that runs these tests against real OpenVINO.

With ``PINOT_TEST_ORACLE=openvino`` in the environment, ``import pinot`` (and ``import pinot.X``)
resolves to the installed ``openvino`` package (``openvino.X``), so the very same test files check
OpenVINO's real behaviour. Without it, the tests import Pinot itself.
"""
import importlib
import importlib.abc
import importlib.util
import os
import sys

ORACLE = os.environ.get("PINOT_TEST_ORACLE", "")
TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(TESTS_DIR))


class _OracleAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolves ``pinot[.X]`` imports to the already-importable ``<oracle>[.X]`` module objects."""

    def __init__(self, target):
        self.target = target
        self._real_specs = {}

    def _real_name(self, fullname):
        return self.target + fullname[len("pinot"):]

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "pinot" and not fullname.startswith("pinot."):
            return None
        real = self._real_name(fullname)
        try:
            if importlib.util.find_spec(real) is None:
                return None
        except (ImportError, AttributeError, ValueError):
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        # Hand back the real module object itself (identity, no re-execution).
        module = importlib.import_module(self._real_name(spec.name))
        self._real_specs[spec.name] = module.__spec__
        return module

    def exec_module(self, module):
        # The import system has just overwritten module.__spec__ with our alias spec; restore the
        # real one so that e.g. importlib.reload() still re-executes the real module.
        module.__spec__ = self._real_specs.pop(module.__spec__.name)


def install_oracle_if_requested():
    """Alias ``pinot`` -> the oracle package when PINOT_TEST_ORACLE is set (idempotent)."""
    if not ORACLE:
        return
    if ORACLE != "openvino":
        raise RuntimeError(f"Unknown PINOT_TEST_ORACLE={ORACLE!r} (only 'openvino' is supported)")
    real = importlib.import_module(ORACLE)
    importlib.import_module(ORACLE + ".helpers")
    sys.modules["pinot"] = real
    # Alias every oracle sub-module that is already loaded...
    for name, mod in list(sys.modules.items()):
        if name.startswith(ORACLE + "."):
            sys.modules.setdefault("pinot" + name[len(ORACLE):], mod)
    # ...and the ones imported later (e.g. `import pinot.runtime` where it exists).
    if not any(isinstance(f, _OracleAliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _OracleAliasFinder(ORACLE))


def _make_pinot_importable():
    """Without the oracle, fall back to the in-tree package if pinot is not installed."""
    if ORACLE:
        return
    if importlib.util.find_spec("pinot") is None:
        in_tree = os.path.join(REPO_ROOT, "python")
        if os.path.isdir(os.path.join(in_tree, "pinot")) and in_tree not in sys.path:
            sys.path.insert(0, in_tree)


install_oracle_if_requested()
_make_pinot_importable()

# openvino crashes when the sanitizer runtime is preloaded (make test-asan): there
# the tests that use it as an oracle skip, as if it were not installed.
if os.environ.get("PINOT_TEST_WITHOUT_OPENVINO") and not ORACLE:
    sys.modules["openvino"] = None



# The ONNX frontend tests check Pinot's importer against onnx.reference,
# onnxruntime and numpy, not against openvino's own ONNX frontend (which lacks
# many of these ops and words its errors differently): in oracle mode only the
# exported-model comparison (frontends/test_torch_models.py) runs.
collect_ignore_glob = ["frontends/test_onnx_*.py"] if ORACLE else []
