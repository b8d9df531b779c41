"""Tests for pinot.Dimension and pinot.Symbol: constructors, parsing, lengths, relations,
equality, str/repr, symbols. Expected values were probed from openvino 2026.4; surprises
are commented."""
import pinot as ov

import copy

import numpy as np
import pytest

from conftest import ORACLE

INT64_MAX = 2**63 - 1


def dim_repr(text):
    return f"<Dimension: {text}>"


# constructor args -> str(Dimension(*args))
CONSTRUCT = [
    ((), "?"),
    ((3,), "3"),
    ((0,), "0"),
    ((-1,), "?"),
    ((-2,), "0"),  # any other negative clips to 0
    ((True,), "1"),
    ((np.int64(7),), "7"),
    ((np.float32(2.7),), "2"),  # int() of a non-float number, as pybind11 converts
    ((2**62,), str(2**62)),
    ((-(2**63),), "0"),
    ((2, 5), "2..5"),
    ((-1, 5), "..5"),
    ((0, 5), "..5"),
    ((2, -1), "2.."),
    ((1, -1), "1.."),
    ((-1, -1), "?"),
    ((0, -1), "?"),
    ((-5, 2), "..2"),
    ((3, 3), "3"),
    ((0, 0), "0"),
    ((0, 2**63 - 2), f"..{2**63 - 2}"),
    ((0, INT64_MAX), "?"),
    # An empty interval: prints "?" but is not the dynamic dimension (see test_empty_interval).
    ((5, 2), "?"),
    ((2, -5), "?"),
]


@pytest.mark.parametrize("args,text", CONSTRUCT)
def test_construct(args, text):
    d = ov.Dimension(*args)
    assert str(d) == text
    assert d.to_string() == text
    assert repr(d) == dim_repr(text)


@pytest.mark.parametrize(
    "kwargs,text",
    [
        ({"dimension": 3}, "3"),
        ({"min_dimension": 1, "max_dimension": 3}, "1..3"),
        ({"str": "2..5"}, "2..5"),
    ],
)
def test_construct_keywords(kwargs, text):
    assert str(ov.Dimension(**kwargs)) == text


def test_construct_positional_and_keyword():
    assert str(ov.Dimension(1, max_dimension=3)) == "1..3"


@pytest.mark.parametrize(
    "args",
    [(3.5,), (np.float64(3),), (None,), (2**63,), (1, 2, 3), ([1],), ((1, 2),), (1, "2")],
)
def test_construct_bad_arguments(args):
    with pytest.raises(TypeError, match=r"^__init__\(\): incompatible constructor arguments"):
        ov.Dimension(*args)


def test_construct_bad_keyword():
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        ov.Dimension(dimension="3")


# str -> (min_length, max_length, str) of Dimension(str)
PARSE = [
    ("?", 0, -1, "?"),
    ("-1", 0, -1, "?"),
    (" ? ", 0, -1, "?"),
    ("3", 3, 3, "3"),
    (" 3 ", 3, 3, "3"),
    ("\t3\n", 3, 3, "3"),
    ("03", 3, 3, "3"),
    ("-2", 0, 0, "0"),
    ("-01", 0, 0, "0"),  # a number other than "-1" itself goes through clipping
    ("", 0, 0, "0"),
    (" ", 0, 0, "0"),
    ("-", 0, 0, "0"),  # digits-or-minus that do not read as a number are 0
    ("--2", 0, 0, "0"),
    ("2-", 2, 2, "2"),
    ("1-2", 1, 1, "1"),
    ("99999999999999999999", 0, 0, "0"),  # overflow reads as 0
    ("9223372036854775806", 2**63 - 2, 2**63 - 2, str(2**63 - 2)),
    ("2..5", 2, 5, "2..5"),
    ("..5", 0, 5, "..5"),
    ("2..", 2, -1, "2.."),
    ("..", 0, -1, "?"),
    ("3..3", 3, 3, "3"),
    ("..0", 0, 0, "0"),
    ("-1..5", 0, 5, "..5"),
    ("-3..5", 0, 5, "..5"),
    ("-1..", 0, -1, "?"),
    ("-5..-1", 0, 0, "0"),
    ("1..9223372036854775807", 1, -1, "1.."),
    # Empty intervals: max < min after parsing.
    ("5..2", -1, -1, "?"),
    ("2..-1", -1, -1, "?"),
    ("..-1", -1, -1, "?"),
    ("9223372036854775807", -1, -1, "?"),
]


@pytest.mark.parametrize("text,lo,hi,printed", PARSE)
def test_parse(text, lo, hi, printed):
    d = ov.Dimension(text)
    assert d.get_min_length() == lo
    assert d.get_max_length() == hi
    assert str(d) == printed


def test_parse_bytes():
    assert str(ov.Dimension(b"2..5")) == "2..5"


PARSE_ERRORS = [
    ("C", 'Cannot parse dimension: "C"'),
    (" 3C ", 'Cannot parse dimension: "3C"'),
    ("+3", 'Cannot parse dimension: "+3"'),
    ("0x3", 'Cannot parse dimension: "0x3"'),
    ("3.5", 'Cannot parse dimension: "3.5"'),
    ("?3", 'Cannot parse dimension: "?3"'),
    ("1,2", 'Cannot parse dimension: "1,2"'),
    ("?..5", 'Cannot parse min bound: "?"'),
    ("?..", 'Cannot parse min bound: "?"'),
    (" 2 .. 5 ", 'Cannot parse min bound: "2 "'),
    ("2..?", 'Cannot parse max bound: "?"'),
    ("..?", 'Cannot parse max bound: "?"'),
    ("2.. 5", 'Cannot parse max bound: " 5"'),
    ("2...5", 'Cannot parse max bound: ".5"'),
    ("2..5..7", 'Cannot parse max bound: "5..7"'),
]


@pytest.mark.parametrize("text,message", PARSE_ERRORS)
def test_parse_errors(text, message):
    with pytest.raises(RuntimeError) as info:
        ov.Dimension(text)
    # OpenVINO prefixes "Check '...' failed at <file>:<line>:" on a line of its own.
    assert str(info.value).strip().splitlines()[-1] == message


# Dimension -> (is_static, min_length, max_length, get_length() or None)
LENGTHS = [
    (ov.Dimension(3), True, 3, 3, 3),
    (ov.Dimension(0), True, 0, 0, 0),
    (ov.Dimension(), False, 0, -1, None),
    (ov.Dimension(2, 5), False, 2, 5, None),
    (ov.Dimension(2, -1), False, 2, -1, None),
    (ov.Dimension(-1, 5), False, 0, 5, None),
    (ov.Dimension(5, 2), False, -1, -1, None),
    (ov.Dimension(INT64_MAX), False, -1, -1, None),  # INT64_MAX is the empty interval too
]


@pytest.mark.parametrize("d,static,lo,hi,length", LENGTHS)
def test_lengths(d, static, lo, hi, length):
    assert d.is_static is static
    assert d.is_dynamic is (not static)
    assert d.get_min_length() == lo
    assert d.min_length == lo
    assert d.get_max_length() == hi
    assert d.max_length == hi
    if length is None:
        with pytest.raises(RuntimeError, match="Cannot get length of dynamic dimension"):
            d.get_length()
        with pytest.raises(RuntimeError, match="Cannot get length of dynamic dimension"):
            len(d)
        with pytest.raises(RuntimeError, match="Cannot get length of dynamic dimension"):
            bool(d)
    else:
        assert d.get_length() == length
        assert len(d) == length
        assert bool(d) is (length != 0)


def test_is_dynamic_and_is_static_are_properties():
    # Properties here, unlike PartialShape.get_shape() and friends.
    assert ov.Dimension(3).is_static is True
    assert ov.Dimension.dynamic().is_dynamic is True


def test_dynamic_factory():
    assert str(ov.Dimension.dynamic()) == "?"
    assert ov.Dimension.dynamic() == ov.Dimension()
    assert str(ov.Dimension(3).dynamic()) == "?"  # a static method, callable on instances


# (a, b) -> (a.compatible(b), a.relaxes(b), a.refines(b), a.same_scheme(b), a == b)
RELATIONS = [
    ((), (4,), (True, True, False, False, False)),
    ((4,), (), (True, False, True, False, False)),
    ((3,), (), (True, False, True, False, False)),
    ((), (), (True, True, True, True, True)),
    ((3,), (3,), (True, True, True, True, True)),
    ((3,), (4,), (False, False, False, False, False)),
    ((), (2, 5), (True, True, False, True, False)),
    ((2, 5), (6, 7), (False, False, False, True, False)),
    ((2, 5), (5, 7), (True, False, False, True, False)),
    ((2, 5), (3, 4), (True, True, False, True, False)),
    ((3, 4), (2, 5), (True, False, True, True, False)),
    ((2, 5), (3,), (True, True, False, False, False)),
    ((2, -1), (7,), (True, True, False, False, False)),
    ((-1, 5), (7,), (False, False, False, False, False)),
    # The empty interval is compatible with nothing, but contained in everything that is unbounded.
    ((5, 2), (5, 2), (False, True, True, True, True)),
    ((), (5, 2), (False, True, False, False, False)),
    ((3,), (5, 2), (False, False, False, False, False)),
    ((5, 2), (INT64_MAX,), (False, True, True, True, True)),
]


@pytest.mark.parametrize("a,b,expected", RELATIONS)
def test_relations(a, b, expected):
    da, db = ov.Dimension(*a), ov.Dimension(*b)
    assert (da.compatible(db), da.relaxes(db), da.refines(db), da.same_scheme(db), da == db) == expected


@pytest.mark.parametrize("method", ["compatible", "relaxes", "refines", "same_scheme"])
@pytest.mark.parametrize("other", [4, "3", None, ov.PartialShape([3])])
def test_relations_take_only_dimensions(method, other):
    with pytest.raises(TypeError, match=rf"^{method}\(\): incompatible function arguments"):
        getattr(ov.Dimension(3), method)(other)


def test_relations_keyword():
    assert ov.Dimension().compatible(dim=ov.Dimension(3)) is True


# (dimension, other) -> ==
EQUALITY = [
    (ov.Dimension(3), 3, True),
    (ov.Dimension(3), 4, False),
    (ov.Dimension(), -1, True),
    (ov.Dimension(0), -2, True),  # -2 converts to Dimension(-2) == 0
    (ov.Dimension(1), True, True),
    (ov.Dimension(3), np.int64(3), True),
    (ov.Dimension(3), 3.0, False),
    (ov.Dimension(3), "3", False),
    (ov.Dimension(3), None, False),
    (ov.Dimension(3), 2**63, False),
    (ov.Dimension(2, 5), 2, False),
    (ov.Dimension(2, 5), ov.Dimension(2, 5), True),
    (ov.Dimension(0, -1), ov.Dimension(), True),
    (ov.Dimension(3), ov.Dimension(3, 3), True),
    (ov.Dimension(5, 2), ov.Dimension(), False),
    (ov.Dimension(5, 2), -1, False),
    (ov.Dimension(5, 2), INT64_MAX, True),
    (ov.Dimension(3), ov.Shape([3]), False),
    (ov.Dimension(3), ov.PartialShape([3]), False),
]


@pytest.mark.parametrize("d,other,equal", EQUALITY)
def test_equality(d, other, equal):
    assert (d == other) is equal
    assert (d != other) is (not equal)


def test_reflected_equality_with_int():
    assert 3 == ov.Dimension(3)
    assert -1 == ov.Dimension.dynamic()


def test_unhashable_and_unordered():
    with pytest.raises(TypeError, match="unhashable type"):
        hash(ov.Dimension(3))
    with pytest.raises(TypeError, match="not supported between instances"):
        ov.Dimension(3) < ov.Dimension(4)


def test_not_an_int():
    with pytest.raises(TypeError):
        int(ov.Dimension(3))


@pytest.mark.parametrize("op", [copy.copy, copy.deepcopy])
def test_not_copyable(op):
    with pytest.raises(TypeError, match="cannot pickle"):
        op(ov.Dimension(3))


def test_interval_sides_are_independent():
    d = ov.Dimension(2, -1)
    assert d.get_min_length() == 2 and d.get_max_length() == -1
    assert d.relaxes(ov.Dimension(10**12))


# ---- symbols ----


def test_symbol_defaults():
    d = ov.Dimension(3)
    assert d.has_symbol() is False
    assert d.get_symbol() is None


def test_symbol_set_and_get():
    d = ov.Dimension(3)
    s = ov.Symbol()
    d.set_symbol(s)
    assert d.has_symbol() is True
    assert d.get_symbol() is s
    assert d.get_symbol() == s
    # Symbols do not take part in equality or printing.
    assert d == ov.Dimension(3)
    assert str(d) == "3" and repr(d) == "<Dimension: 3>"


def test_symbol_keyword_and_none():
    d = ov.Dimension(3)
    d.set_symbol(symbol=ov.Symbol())
    assert d.has_symbol()
    d.set_symbol(None)
    assert d.has_symbol() is False
    assert d.get_symbol() is None


@pytest.mark.parametrize("bad", [1, "s", ov.Dimension(3)])
def test_symbol_set_rejects_non_symbols(bad):
    with pytest.raises(TypeError, match=r"^set_symbol\(\): incompatible function arguments"):
        ov.Dimension(3).set_symbol(bad)


def test_symbol_identity_semantics():
    a, b = ov.Symbol(), ov.Symbol()
    assert a == a and not (a != a)
    assert a != b and not (a == b)
    assert a != 1 and not (a == None)  # noqa: E711
    assert hash(a) == hash(a)
    assert hash(a) != hash(b)
    assert bool(a) is True
    assert len({a, b, a}) == 2
    with pytest.raises(TypeError):
        a < b


def test_symbol_takes_no_arguments():
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        ov.Symbol(1)


def test_distinct_symbols_on_equal_dimensions():
    d, e = ov.Dimension(3), ov.Dimension(3)
    d.set_symbol(ov.Symbol())
    e.set_symbol(ov.Symbol())
    assert d == e
    assert d.get_symbol() != e.get_symbol()


@pytest.mark.skipif(bool(ORACLE), reason="Pinot type name")
def test_type_names():
    assert ov.Dimension.__name__ == "Dimension"
    assert ov.Symbol.__name__ == "Symbol"
    assert "Dimension(" in ov.Dimension.__doc__


@pytest.mark.parametrize("op", [copy.copy, copy.deepcopy])
def test_symbols_are_not_copyable(op):
    # A copy would be another symbol.
    with pytest.raises(TypeError, match="cannot pickle"):
        op(ov.Symbol())


def test_empty_keyword_arguments():
    assert str(ov.Dimension(3, **{})) == "3"
