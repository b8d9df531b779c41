"""pytest entry for the ONNX backend node tests (see node_tests.py): a test in
expected_failures.txt must fail (strict xfail, so a fix that makes it pass
fails CI until the line is removed); every other test must pass."""
import os

import pytest

from node_tests import list_tests, load_expected_failures, node_test_root, run_test

ROOT = node_test_root()
HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = load_expected_failures(os.path.join(HERE, "expected_failures.txt"))
TESTS = list_tests(ROOT) if ROOT else []


def _param(name):
    if name in EXPECTED:
        return pytest.param(name, marks=pytest.mark.xfail(reason=EXPECTED[name] or "expected failure", strict=True))
    return name


@pytest.mark.skipif(ROOT is None, reason="the onnx package with backend test data is not installed")
@pytest.mark.parametrize("name", [_param(n) for n in TESTS])
def test_node(name):
    outcome = run_test(ROOT, name)
    assert outcome.passed, outcome.reason
