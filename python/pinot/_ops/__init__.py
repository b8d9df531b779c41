"""Op builder functions (the bodies of pinot.opset1 ... pinot.opset16), one
module per op family, registered per opset range in registry.py."""
