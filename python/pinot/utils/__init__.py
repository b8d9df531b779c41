"""pinot.utils (as openvino.utils): data_helpers (OVDict) loads on first access."""


def __getattr__(name):
    if name == "data_helpers":
        import importlib  # noqa: PLC0415

        return importlib.import_module("pinot.utils.data_helpers")
    raise AttributeError(f"module 'pinot.utils' has no attribute '{name}'")
