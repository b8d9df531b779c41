# The two commands README.md promises: `make demo` and `make test`.
# Everything builds into build/ and installs into .venv/, created on demand.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
BUILD := build

.PHONY: demo test test-c test-python test-asan build-c install clean

$(VENV)/.stamp: requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements-test.txt
	touch $@

# The Python package, built incrementally in build/py.
install: $(VENV)/.stamp
	$(VPY) -m pip install --quiet --no-build-isolation --no-deps -Cbuild-dir=$(BUILD)/py .

demo: install
	$(VPY) examples/demo.py

# The C library alone (no Python), with its unit tests.
build-c: $(VENV)/.stamp
	@test -f $(BUILD)/c/build.ninja || $(VENV)/bin/meson setup $(BUILD)/c -Dbuildtype=debugoptimized
	$(VENV)/bin/meson compile -C $(BUILD)/c

test-c: build-c
	$(VENV)/bin/meson test -C $(BUILD)/c --print-errorlogs

test-python: install
	$(VPY) -m pytest tests/python tests/onnx -q

test: test-c test-python

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer: the C
# tests directly, pytest with the sanitizer runtime preloaded into Python.
ASAN_LIB = $(shell $(CC) -print-file-name=libasan.so)
UBSAN_LIB = $(shell $(CC) -print-file-name=libubsan.so)
test-asan: $(VENV)/.stamp
	@test -f $(BUILD)/asan-c/build.ninja || $(VENV)/bin/meson setup $(BUILD)/asan-c -Dbuildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false
	ASAN_OPTIONS=allocator_may_return_null=1 $(VENV)/bin/meson test -C $(BUILD)/asan-c --print-errorlogs
	$(VPY) -m pip install --quiet --no-build-isolation --no-deps -Cbuild-dir=$(BUILD)/asan-py \
		-Csetup-args=-Dbuildtype=debug -Csetup-args=-Db_sanitize=address,undefined -Csetup-args=-Db_lundef=false .
	LD_PRELOAD="$(ASAN_LIB) $(UBSAN_LIB)" ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 PINOT_TEST_WITHOUT_OPENVINO=1 PINOT_TEST_SANITIZER=1 \
		$(VPY) -m pytest tests/python tests/onnx -q -p no:cacheprovider
	@echo "note: .venv now holds the sanitizer build; 'make install' restores the release build"
	$(VPY) -m pip install --quiet --no-build-isolation --no-deps -Cbuild-dir=$(BUILD)/py .

clean:
	rm -rf $(BUILD) $(VENV)
