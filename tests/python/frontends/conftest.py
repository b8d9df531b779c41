"""The ONNX frontend tests check Pinot's importer against onnx.reference,
onnxruntime and numpy, not against openvino's own ONNX frontend (which lacks
many of these ops and words its errors differently): with PINOT_TEST_ORACLE
set, only the exported-model comparison runs, which openvino also passes."""
import os

collect_ignore_glob = ["test_onnx_*.py"] if os.environ.get("PINOT_TEST_ORACLE", "") else []
