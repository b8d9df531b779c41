"""ONNX string ops (StringConcat, StringSplit, StringNormalizer, RegexFullMatch)
through Pinot's own string ops, against Python's str methods and re module
(which the ONNX reference implementation uses)."""
import re
import unicodedata

import numpy as np
import pytest

from conftest import ORACLE

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402

import pinot as ov  # noqa: E402

# OpenVINO's ONNX frontend has no string ops: these are Pinot's own.
pytestmark = pytest.mark.skipif(bool(ORACLE), reason="Pinot's own string ops")


def string_model(op, inputs, outputs, opset, out_types=None, **attrs):
    """A one-node model: inputs {name: shape}, outputs names (string unless out_types says)."""
    out_types = out_types or {}
    graph = helper.make_graph(
        [helper.make_node(op, list(inputs), list(outputs), **attrs)],
        "strings",
        [helper.make_tensor_value_info(n, TensorProto.STRING, s) for n, s in inputs.items()],
        [helper.make_tensor_value_info(n, out_types.get(n, TensorProto.STRING), None) for n in outputs],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    return ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")


def run(compiled, *arrays):
    result = compiled([np.asarray(a, dtype=str) for a in arrays])
    return [np.asarray(result[i]) for i in range(len(compiled.outputs))]


# ------------------------------------------------------------------------------ StringConcat
@pytest.mark.parametrize(
    "x, y",
    [
        (["abc", "def"], [".com", ".net"]),
        (["cat", "dog", "snake"], ["s"]),
        ([["a", ""], ["żółw", "日本"]], ["1", "ß"]),
        ("cat", "s"),
        ([["x"], ["y"]], ["1", "2", "3"]),
        (np.zeros((0, 2), str), ["a", "b"]),
    ],
)
def test_string_concat(x, y):
    x, y = np.array(x, dtype=str), np.array(y, dtype=str)
    compiled = string_model("StringConcat", {"x": None, "y": None}, ["z"], 20)
    (z,) = run(compiled, x, y)
    expected = np.char.add(x, y)
    assert z.shape == expected.shape
    assert z.tolist() == expected.tolist()


def test_string_concat_shapes_must_broadcast():
    compiled = string_model("StringConcat", {"x": None, "y": None}, ["z"], 20)
    with pytest.raises(RuntimeError, match="broadcast"):
        run(compiled, ["a", "b"], ["a", "b", "c"])


def test_string_concat_needs_strings():
    graph = helper.make_graph(
        [helper.make_node("StringConcat", ["x", "y"], ["z"])],
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2]),
         helper.make_tensor_value_info("y", TensorProto.STRING, [2])],
        [helper.make_tensor_value_info("z", TensorProto.STRING, [2])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    with pytest.raises(RuntimeError, match="must be a string tensor"):
        ov.Core().read_model(model.SerializeToString())


# ------------------------------------------------------------------------------ StringSplit
SPLIT_INPUTS = [
    "hello world !",
    "  hello   world !",
    " hello world   ! ",
    "",
    "   ",
    "o-n-n--x-",
    "a.b.c",
    "tab\tand\nnewline\u3000ideographic\xa0nbsp",
    "żółw.日本..x",
    "abab-ab",
]


def python_split(strings, delimiter, maxsplit):
    parts = [s.split(delimiter or None, -1 if maxsplit is None else maxsplit) for s in strings]
    width = max((len(p) for p in parts), default=0)
    return [p + [""] * (width - len(p)) for p in parts], [len(p) for p in parts]


@pytest.mark.parametrize("delimiter", [None, "", ".", "-", "ab", "日本"])
@pytest.mark.parametrize("maxsplit", [None, 0, 1, 2, 100])
def test_string_split(delimiter, maxsplit):
    attrs = {}
    if delimiter is not None:
        attrs["delimiter"] = delimiter
    if maxsplit is not None:
        attrs["maxsplit"] = maxsplit
    compiled = string_model("StringSplit", {"x": None}, ["y", "n"], 20, {"n": TensorProto.INT64}, **attrs)
    x = np.array(SPLIT_INPUTS).reshape(2, 5)
    y, n = run(compiled, x)
    parts, counts = python_split(SPLIT_INPUTS, delimiter, maxsplit)
    assert n.dtype == np.int64 and n.tolist() == np.array(counts).reshape(2, 5).tolist()
    assert y.shape == (2, 5, len(parts[0]))
    assert y.reshape(10, -1).tolist() == parts


def test_string_split_reused_request_pads_with_empty_strings():
    """A second, narrower run must not show the first run's strings in its padding."""
    compiled = string_model("StringSplit", {"x": [2]}, ["y", "n"], 20, {"n": TensorProto.INT64}, delimiter=",")
    request = compiled.create_infer_request()
    request.infer([np.array(["a,b,c,d", "e"])])
    result = request.infer([np.array(["x,y", "z"])])
    assert np.asarray(result[0]).tolist() == [["x", "y"], ["z", ""]]
    assert np.asarray(result[1]).tolist() == [2, 1]


def test_string_split_empty_and_scalar():
    compiled = string_model("StringSplit", {"x": None}, ["y", "n"], 20, {"n": TensorProto.INT64}, delimiter=" ")
    y, n = run(compiled, np.zeros((0, 3), str))
    assert y.shape == (0, 3, 0) and n.shape == (0, 3)
    y, n = run(compiled, np.array("a b"))
    assert y.tolist() == ["a", "b"] and n.tolist() == 2


# ------------------------------------------------------------------------------ StringNormalizer
def strip_accents(s):
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def python_normalize(x, action, case_sensitive, stopwords):
    """onnx/reference/ops/op_string_normalizer.py, restated."""
    change = {"LOWER": str.lower, "UPPER": str.upper, "NONE": lambda s: s}[action]
    stops = set(stopwords) if case_sensitive else {change(w) for w in stopwords}

    def remove(s):
        return " ".join(w for w in s.split(" ") if w not in stops) if stops else s

    def one(s):
        s = strip_accents(s)
        if case_sensitive:
            s = remove(s)
        s = change(s)
        return s if case_sensitive else remove(s)

    out = np.array([one(s) for s in x.reshape(-1)], dtype=object).reshape(x.shape)
    if x.ndim == 1 or x.shape[0] == 1:
        kept = [s for s in out.reshape(-1) if s]
        out = np.array(kept or [""], dtype=object)
        if x.ndim == 2:
            out = out.reshape(1, -1)
    return out


NORMALIZER_INPUT = [
    "Monday", "tuesday", "Émile Zola", "STRASSE straße", "Ça va", "Привет МИР", "ǅemal ǈ", "x ﬁ ²",
    "monday and MONDAY", "", "Ångström", "İstanbul", "naïve café", "Ⅻ", "a  b",
    "한국어 ＡＢＣ①", "e\u0301té ǰ", "ŉ ﬀ …",
]


@pytest.mark.parametrize("action", ["NONE", "LOWER", "UPPER"])
@pytest.mark.parametrize("case_sensitive", [0, 1])
@pytest.mark.parametrize("stopwords", [[], ["monday", "and"], ["Monday", "ÇA", "b"]])
@pytest.mark.parametrize("shape", [(18,), (1, 18), (3, 6)])
def test_string_normalizer(action, case_sensitive, stopwords, shape):
    attrs = {"case_change_action": action, "is_case_sensitive": case_sensitive}
    if stopwords:
        attrs["stopwords"] = stopwords
    compiled = string_model("StringNormalizer", {"x": list(shape)}, ["y"], 10, **attrs)
    x = np.array(NORMALIZER_INPUT).reshape(shape)
    (y,) = run(compiled, x)
    expected = python_normalize(x, action, case_sensitive, stopwords)
    assert y.shape == expected.shape
    assert y.tolist() == expected.tolist()


def test_string_normalizer_all_removed_gives_one_empty_string():
    compiled = string_model("StringNormalizer", {"x": [1, 2]}, ["y"], 10, stopwords=["a"], is_case_sensitive=1)
    (y,) = run(compiled, np.array([["a", "a"]]))
    assert y.shape == (1, 1) and y.tolist() == [[""]]


def test_string_normalizer_many_stopwords():
    words = [f"w{i}" for i in range(300)]
    compiled = string_model("StringNormalizer", {"x": [4]}, ["y"], 10, stopwords=words, case_change_action="UPPER")
    (y,) = run(compiled, np.array(["w1 keep W299", "w300", "W7", "x"]))
    assert y.tolist() == ["KEEP", "W300", "X"]


def test_string_normalizer_bad_action():
    with pytest.raises(RuntimeError, match="case_change_action"):
        string_model("StringNormalizer", {"x": [2]}, ["y"], 10, case_change_action="TITLE")


# ------------------------------------------------------------------------------ RegexFullMatch
REGEX_CASES = [
    (r"www\.[\w.-]+\.\bcom\b", ["www.google.com", "www.facebook.com", "www.bbc.co.uk", "www..com"]),
    (r"(\W|^)[\w.\-]{0,25}@(yahoo|gmail)\.com(\W|$)",
     ["account@gmail.com", "account@hotmail.com", "not email", "account2@yahoo.com", " a@gmail.com!"]),
    (r"a+?b*", ["", "a", "aaab", "b", "ab c"]),
    (r"(?:ab|cd){2,3}", ["abab", "abcdab", "ab", "abababab", "cdcd"]),
    (r"\d{3}-\d{4}", ["555-1234", "5551234", "55-51234", "555-12345"]),
    (r"[^\s]+\s[A-Z]\w*", ["hello World", "hello world", "hi  There", "x Y"]),
    (r"[]a-]+", ["]", "a-]", "b", "-"]),
    (r"[\^x]+|\$\.", ["^x^", "$.", "x", "y"]),
    (r"a{,2}b{2,}c{x", ["a{,2}", "aabbbc{x", "bbc{x", "abc{x"]),
    (r"(?P<word>[a-z]+) \x41\t", ["abc A\t", "abc A ", "ABC A\t"]),
    (r"..", ["ab", "日本", "a\n", "abc"]),
    (r"", ["", "a"]),
]


@pytest.mark.parametrize("pattern, strings", REGEX_CASES)
def test_regex_full_match(pattern, strings):
    compiled = string_model("RegexFullMatch", {"x": None}, ["y"], 20, {"y": TensorProto.BOOL}, pattern=pattern)
    (y,) = run(compiled, np.array(strings))
    expected = [re.fullmatch(pattern, s) is not None for s in strings]
    assert y.dtype == np.bool_ and y.tolist() == expected


@pytest.mark.parametrize(
    "pattern, strings, expected",
    [  # RE2 syntax that Python's re lacks
        (r"[[:alpha:]]+[[:digit:]]", ["abc1", "1", "ab", "a:1"], [True, False, False, False]),
        (r"\x{42}\x{263A}", ["B\u263a", "B"], [True, False]),
        (r"(?<w>a)+", ["aa", "b"], [True, False]),
    ],
)
def test_regex_full_match_re2_only(pattern, strings, expected):
    compiled = string_model("RegexFullMatch", {"x": None}, ["y"], 20, {"y": TensorProto.BOOL}, pattern=pattern)
    (y,) = run(compiled, np.array(strings))
    assert y.tolist() == expected


def test_regex_full_match_empty_and_shape():
    compiled = string_model("RegexFullMatch", {"x": None}, ["y"], 20, {"y": TensorProto.BOOL}, pattern="a")
    (y,) = run(compiled, np.zeros((2, 0), str))
    assert y.shape == (2, 0)
    (y,) = run(compiled, np.array([["a", "b"]]))
    assert y.tolist() == [[True, False]]


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("(ab", "invalid regular expression"),
        ("a[b", "missing"),
        (r"(?i)abc", "unsupported"),
        (r"\p{Greek}", "unsupported escape"),
        ("abc\\", "trailing"),
        (r"(a)\1", "unsupported escape"),
        ("a**", "repetition"),
        ("(*a)", "repetition"),
        ("^*", "repetition"),
        (r"[\d-z]", "bad character class range"),
    ],
)
def test_regex_full_match_bad_pattern(pattern, message):
    with pytest.raises(RuntimeError, match=message):
        string_model("RegexFullMatch", {"x": None}, ["y"], 20, {"y": TensorProto.BOOL}, pattern=pattern)
