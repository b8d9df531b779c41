"""Tests for pinot.PartialShape: constructors and their errors, parsing, dynamic(), properties,
relations, min/max shapes, the sequence protocol, comparisons, copies and symbols. Expected
values were probed from openvino 2026.4; surprises are commented."""
import pinot as ov

import copy
import re

import numpy as np
import pytest

from conftest import ORACLE

INT64_MAX = 2**63 - 1
# Messages naming a class say "openvino.X" in OpenVINO and "pinot.X" in Pinot.
MODULE = r"(openvino|pinot)"


def last_line(error):
    # OpenVINO puts "Check '...' failed at <file>:<line>:" on a line of its own first.
    return str(error.value).strip().splitlines()[-1]


# constructor argument -> str(PartialShape(arg))
CONSTRUCT = [
    ([1, 2, 3], "[1,2,3]"),
    ((1, -1, 3), "[1,?,3]"),
    ([], "[]"),
    ((), "[]"),
    ([ov.Dimension(2, 5), "?", "1..3", (1, 4), [2, 6], -1], "[2..5,?,1..3,1..4,2..6,?]"),
    ([True], "[1]"),
    ([-2], "[0]"),
    ([(-1, 5)], "[..5]"),
    ([(3, -1)], "[3..]"),
    ([(5, 2)], "[?]"),  # an empty interval prints as "?"
    ([(True, 3)], "[1..3]"),
    ([[1, 3]], "[1..3]"),
    ([ov.Dimension()], "[?]"),
    (ov.Shape([1, 2]), "[1,2]"),
    (ov.PartialShape([1, -1]), "[1,?]"),
    ("[1,3,?,224]", "[1,3,?,224]"),
    ("1,3,?,224", "[1,3,?,224]"),
    ("[?, 3, ..224, 28..224]", "[?,3,..224,28..224]"),
    ("[...]", "[...]"),
    ("...", "[...]"),
    (" [...] ", "[...]"),
    ("[ ... ]", "[...]"),
    ("[]", "[]"),
    ("", "[]"),
    (" ", "[]"),
    ("[3, ,4]", "[3,0,4]"),  # a blank field reads as 0
    ("[1 ,2 ]", "[1,2]"),
    ("[-1,-2]", "[?,0]"),
    (b"[1,2]", "[1,2]"),
]


@pytest.mark.parametrize("arg,text", CONSTRUCT)
def test_construct(arg, text):
    ps = ov.PartialShape(arg)
    assert str(ps) == text
    assert ps.to_string() == text
    assert repr(ps) == f"<PartialShape: {text}>"


def test_construct_str_keyword():
    assert ov.PartialShape(shape="[1,2]") == [1, 2]


def test_construct_with_empty_keywords():
    assert ov.PartialShape([1], **{}) == [1]


def test_construct_from_list_subclass():
    class L(list):
        pass

    assert ov.PartialShape(L([1, 2])) == [1, 2]


ELEMENT_TYPE_ERRORS = [
    ([(1, 2, 3)], "Two elements are expected in tuple(lower, upper) for dynamic dimension, but 3 elements were given."),
    ([[1, 3, 4]], "Two elements are expected in tuple(lower, upper) for dynamic dimension, but 3 elements were given."),
    ([(1,)], "Two elements are expected in tuple(lower, upper) for dynamic dimension, but 1 elements were given."),
    ([()], "Two elements are expected in tuple(lower, upper) for dynamic dimension, but 0 elements were given."),
    ([("a", "b")], "Incorrect pair of types (<class 'str'>, <class 'str'>) for dynamic dimension, ints are expected."),
    ([(1, "b")], "Incorrect pair of types (<class 'int'>, <class 'str'>) for dynamic dimension, ints are expected."),
    (
        [(1.0, 2.0)],
        "Incorrect pair of types (<class 'float'>, <class 'float'>) for dynamic dimension, ints are expected.",
    ),
    (
        [(np.int64(1), np.int64(3))],
        "Incorrect pair of types (<class 'numpy.int64'>, <class 'numpy.int64'>) for dynamic dimension, "
        "ints are expected.",
    ),
]


@pytest.mark.parametrize("arg,message", ELEMENT_TYPE_ERRORS)
def test_construct_element_errors(arg, message):
    with pytest.raises(TypeError) as info:
        ov.PartialShape(arg)
    assert str(info.value) == message


# Elements that are not int, str, Dimension or a pair: numpy ints are not accepted either.
@pytest.mark.parametrize(
    "element,type_repr",
    [
        (range(3), "<class 'range'>"),
        (3.5, "<class 'float'>"),
        (None, "<class 'NoneType'>"),
        (b"3", "<class 'bytes'>"),
        (np.int64(3), "<class 'numpy.int64'>"),
        (np.float32(3), "<class 'numpy.float32'>"),
    ],
)
def test_construct_element_type_error(element, type_repr):
    with pytest.raises(TypeError) as info:
        ov.PartialShape([1, element])
    expected = (
        rf"Incorrect type {type_repr} for dimension\. Expected types are: int, str, {MODULE}\.Dimension, "
        r"list/tuple with lower and upper values for dynamic dimension\."
    )
    assert re.fullmatch(expected, str(info.value))


@pytest.mark.parametrize("arg", [range(3), 3, None, np.array([1, 2, 3]), frozenset([3]), ov.Dimension(3)])
def test_construct_bad_argument(arg):
    with pytest.raises(TypeError, match=r"^__init__\(\): incompatible constructor arguments"):
        ov.PartialShape(arg)


def test_construct_needs_one_argument():
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        ov.PartialShape()
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        ov.PartialShape([1], [2])


def test_construct_overflowing_int():
    # pybind11 reports "Unable to cast Python instance of type <class 'int'> to C++ type '?' (...)".
    with pytest.raises(RuntimeError, match=r"^Unable to cast Python instance of type <class 'int'> to C\+\+ type"):
        ov.PartialShape([2**63])


PARSE_ERRORS = [
    ("[?,,3]", 'Cannot get vector of dimensions! "[?,,3]" is incorrect'),
    (" [?,,3] ", 'Cannot get vector of dimensions! " [?,,3] " is incorrect'),
    ("[,3]", 'Cannot get vector of dimensions! "[,3]" is incorrect'),
    ("[3,]", 'Cannot get vector of dimensions! "[3,]" is incorrect'),
    ("[3,,]", 'Cannot get vector of dimensions! "[3,,]" is incorrect'),
    (",", 'Cannot get vector of dimensions! "," is incorrect'),
    ("[", 'Cannot parse dimension: "["'),
    ("]", 'Cannot parse dimension: "]"'),
    ("[1", 'Cannot parse dimension: "[1"'),
    ("1]", 'Cannot parse dimension: "1]"'),
    ("[[1]]", 'Cannot parse dimension: "[1]"'),
    ("[1,C]", 'Cannot parse dimension: "C"'),
    ("(1,2)", 'Cannot parse dimension: "(1"'),
    ("1;2", 'Cannot parse dimension: "1;2"'),
    ("[1, 2..?]", 'Cannot parse max bound: "?"'),
    ("[?..3]", 'Cannot parse min bound: "?"'),
]


@pytest.mark.parametrize("text,message", PARSE_ERRORS)
def test_parse_errors(text, message):
    with pytest.raises(RuntimeError) as info:
        ov.PartialShape(text)
    assert last_line(info) == message


@pytest.mark.parametrize(
    "element,message",
    [
        ("C", 'Cannot parse dimension: "C"'),
        ("2..?", 'Cannot parse max bound: "?"'),
        ("1,2", 'Cannot parse dimension: "1,2"'),
    ],
)
def test_string_element_errors(element, message):
    with pytest.raises(RuntimeError) as info:
        ov.PartialShape([1, element])
    assert last_line(info) == message


# dynamic(arg) -> str
DYNAMIC = [
    ((), "[...]"),
    ((3,), "[?,?,?]"),
    ((0,), "[]"),
    ((-1,), "[...]"),
    ((-2,), "[]"),  # Dimension(-2) is 0
    ((np.int64(2),), "[?,?]"),
    ((INT64_MAX,), "[...]"),  # Dimension(INT64_MAX) is not static
    ((ov.Dimension(3),), "[?,?,?]"),
    ((ov.Dimension(),), "[...]"),
    ((ov.Dimension(2, 5),), "[...]"),
]


@pytest.mark.parametrize("args,text", DYNAMIC)
def test_dynamic(args, text):
    assert str(ov.PartialShape.dynamic(*args)) == text


def test_dynamic_keyword():
    assert str(ov.PartialShape.dynamic(rank=2)) == "[?,?]"
    assert str(ov.PartialShape.dynamic(rank=ov.Dimension(1))) == "[?]"


@pytest.mark.parametrize("arg", [None, "3", 2.0, [2]])
def test_dynamic_bad_argument(arg):
    with pytest.raises(TypeError, match=r"^dynamic\(\): incompatible function arguments"):
        ov.PartialShape.dynamic(arg)


# shape -> (is_static, rank as str, min shape, max shape)
PROPERTIES = [
    ("[1,2]", True, "2", [1, 2], [1, 2]),
    ("[]", True, "0", [], []),
    ("[1,?]", False, "2", [1, 0], [1, INT64_MAX]),
    ("[1,2..5]", False, "2", [1, 2], [1, 5]),
    ("[2..,..5]", False, "2", [2, 0], [INT64_MAX, 5]),
    ("[...]", False, "?", [], []),
]


@pytest.mark.parametrize("text,static,rank,min_shape,max_shape", PROPERTIES)
def test_properties(text, static, rank, min_shape, max_shape):
    ps = ov.PartialShape(text)
    assert ps.is_static is static
    assert ps.is_dynamic is (not static)
    assert isinstance(ps.rank, ov.Dimension)
    assert str(ps.rank) == rank
    assert ps.all_non_negative is True
    assert isinstance(ps.get_min_shape(), ov.Shape)
    assert list(ps.get_min_shape()) == min_shape
    assert list(ps.get_max_shape()) == max_shape


def test_empty_interval_min_max_shape():
    ps = ov.PartialShape([1, (5, 2)])
    assert list(ps.get_min_shape()) == [1, INT64_MAX]
    assert list(ps.get_max_shape()) == [1, INT64_MAX]


def test_rank_compares_with_int():
    assert ov.PartialShape([1, 2]).rank == 2
    assert ov.PartialShape.dynamic().rank == -1


def test_get_shape_and_to_shape():
    ps = ov.PartialShape([1, 2])
    assert isinstance(ps.get_shape(), ov.Shape)
    assert ps.get_shape() == [1, 2]
    assert ps.to_shape() == [1, 2]
    assert ov.PartialShape([]).to_shape() == []


@pytest.mark.parametrize("text", ["[1,?]", "[1,2..5]", "[...]"])
def test_get_shape_of_dynamic_shape(text):
    with pytest.raises(RuntimeError) as info:
        ov.PartialShape(text).get_shape()
    assert last_line(info) == "get_shape() must be called on a static shape"
    with pytest.raises(RuntimeError) as info:
        ov.PartialShape(text).to_shape()
    assert last_line(info) == "to_shape was called on a dynamic shape."


def test_get_shape_lets_the_empty_interval_through():
    # get_shape() checks min == max per dimension; to_shape() checks is_static.
    ps = ov.PartialShape([1, (5, 2)])
    assert ps.get_shape() == [1, INT64_MAX]
    with pytest.raises(RuntimeError):
        ps.to_shape()


# (a, b) -> (compatible, a.relaxes(b), a.refines(b), same_scheme, ==)
RELATIONS = [
    ("[...]", "[...]", (True, True, True, True, True)),
    ("[...]", "[1,2]", (True, True, False, False, False)),
    ("[1,2]", "[...]", (True, False, True, False, False)),
    ("[]", "[]", (True, True, True, True, True)),
    ("[1,2]", "[1,2]", (True, True, True, True, True)),
    ("[1,2]", "[?,2]", (True, False, True, False, False)),
    ("[?,2]", "[1,2]", (True, True, False, False, False)),
    ("[?,2]", "[1,?]", (True, False, False, False, False)),
    ("[1..3,2]", "[?,2]", (True, False, True, True, False)),
    ("[1,2]", "[1,2,3]", (False, False, False, False, False)),
    ("[?,?]", "[1..3,2]", (True, True, False, False, False)),
    ("[3]", "[1..2]", (False, False, False, False, False)),
]


@pytest.mark.parametrize("a,b,expected", RELATIONS)
def test_relations(a, b, expected):
    pa, pb = ov.PartialShape(a), ov.PartialShape(b)
    got = (pa.compatible(pb), pa.relaxes(pb), pa.refines(pb), pa.same_scheme(pb), pa == pb)
    assert got == expected


@pytest.mark.parametrize("method", ["compatible", "refines", "relaxes", "same_scheme"])
@pytest.mark.parametrize("other", [[1, 2], ov.Shape([1, 2]), "[1,2]", None])
def test_relations_take_only_partial_shapes(method, other):
    with pytest.raises(TypeError, match=rf"^{method}\(\): incompatible function arguments"):
        getattr(ov.PartialShape([1, 2]), method)(other)


def test_relations_keyword():
    assert ov.PartialShape([1, 2]).compatible(shape=ov.PartialShape.dynamic())


# ---- sequence protocol ----

@pytest.mark.parametrize("index,text", [(0, "1"), (1, "?"), (3, "2..5"), (-1, "2..5"), (-4, "1"), (True, "?"),
                                        (np.int64(2), "3")])
def test_getitem(index, text):
    ps = ov.PartialShape([1, -1, 3, (2, 5)])
    d = ps[index]
    assert isinstance(d, ov.Dimension)
    assert str(d) == text


@pytest.mark.parametrize("text,index", [("[1,2]", 2), ("[1,2]", 5), ("[]", 0), ("[]", -1), ("[...]", 0)])
def test_getitem_out_of_range(text, index):
    with pytest.raises(RuntimeError) as info:
        ov.PartialShape(text)[index]
    assert last_line(info) == "Accessing out-of-range dimension"


@pytest.mark.parametrize("index", ["0", 1.0, 2**63])
def test_getitem_bad_index(index):
    with pytest.raises(TypeError, match=r"^__getitem__\(\): incompatible function arguments"):
        ov.PartialShape([1, 2])[index]


@pytest.mark.parametrize(
    "key,text",
    [
        (slice(None, None, -1), "[4,3,2,1]"),
        (slice(1, 3), "[2,3]"),
        (slice(None, None, 2), "[1,3]"),
        (slice(-1, 0, -2), "[4,2]"),
        (slice(5, None), "[]"),
        (slice(None), "[1,2,3,4]"),
        (slice(-2, None), "[3,4]"),
    ],
)
def test_slicing(key, text):
    ps = ov.PartialShape([1, 2, 3, 4])
    part = ps[key]
    assert isinstance(part, ov.PartialShape)
    assert str(part) == text


def test_slicing_keeps_intervals():
    assert str(ov.PartialShape([1, (2, 5), -1])[::-1]) == "[?,2..5,1]"


def test_slice_step_zero():
    with pytest.raises(ValueError, match="slice step cannot be zero"):
        ov.PartialShape([1, 2])[::0]


@pytest.mark.parametrize("op", [len, bool, list, lambda ps: ps[::-1], lambda ps: ps[-1]])
def test_dynamic_rank_has_no_length(op):
    with pytest.raises(RuntimeError, match=r"Check 'rank\(\).is_static\(\)' failed"):
        op(ov.PartialShape.dynamic())


def test_dynamic_rank_iterates_as_empty():
    # iter() works and yields nothing; only len() (and so list()) raises.
    assert [d for d in ov.PartialShape.dynamic()] == []


def test_len_iteration_contains():
    ps = ov.PartialShape([1, -1, 3])
    assert len(ps) == 3
    assert len(ov.PartialShape([])) == 0
    assert bool(ov.PartialShape([])) is False
    assert bool(ps) is True
    assert [str(d) for d in ps] == ["1", "?", "3"]
    assert all(isinstance(d, ov.Dimension) for d in ps)
    assert 3 in ps
    assert -1 in ps
    assert ov.Dimension(1) in ps
    assert 4 not in ps
    assert [str(d) for d in reversed(ps)] == ["3", "?", "1"]


def test_numpy_sees_a_sequence_of_dimensions():
    arr = np.array(ov.PartialShape([1, 2]))
    assert arr.shape == (2,) and arr.dtype == object
    assert list(np.array([1, 2]) == ov.PartialShape([1, 2])) == [True, True]


@pytest.mark.parametrize(
    "index,value,text",
    [
        (0, 5, "[5,2,3]"),
        (2, ov.Dimension(2, 5), "[1,2,2..5]"),
        (0, -1, "[?,2,3]"),
        (1, -2, "[1,0,3]"),
        (True, 5, "[1,5,3]"),
        (np.int64(1), np.int64(5), "[1,5,3]"),
        (1, np.float32(3), "[1,3,3]"),
        (0, True, "[1,2,3]"),
    ],
)
def test_setitem(index, value, text):
    ps = ov.PartialShape([1, 2, 3])
    ps[index] = value
    assert str(ps) == text


# OpenVINO's index is a size_t: negative indices and slices are TypeErrors, not wrapped.
@pytest.mark.parametrize("index,value", [(-1, 5), (-1, ov.Dimension(2, 5)), (0, "?"), (0, (1, 2)), (0, 1.5), (0, None),
                                         (slice(0, 1), [4]), (1, 2**63)])
def test_setitem_bad_arguments(index, value):
    ps = ov.PartialShape([1, 2, 3])
    with pytest.raises(TypeError, match=r"^__setitem__\(\): incompatible function arguments"):
        ps[index] = value
    assert ps == [1, 2, 3]


@pytest.mark.parametrize("text", ["[1,2,3]", "[...]"])
def test_setitem_out_of_range(text):
    ps = ov.PartialShape(text)
    with pytest.raises(RuntimeError) as info:
        ps[3] = 7
    assert last_line(info) == "Accessing out-of-range dimension"


def test_no_delitem():
    ps = ov.PartialShape([1, 2])
    with pytest.raises(AttributeError):
        del ps[0]


@pytest.mark.parametrize("index,text", [(0, "1"), (1, "2..5")])
def test_get_dimension(index, text):
    ps = ov.PartialShape([1, (2, 5)])
    assert str(ps.get_dimension(index)) == text
    assert str(ps.get_dimension(index=index)) == text


def test_get_dimension_errors():
    ps = ov.PartialShape([1, 2])
    with pytest.raises(TypeError, match=r"^get_dimension\(\): incompatible function arguments"):
        ps.get_dimension(-1)  # a size_t in OpenVINO
    for index in (2, 5):
        with pytest.raises(RuntimeError) as info:
            ps.get_dimension(index)
        assert last_line(info) == "Accessing out-of-range dimension"


def test_items_are_copies():
    ps = ov.PartialShape([1, 2])
    d = ps[0]
    assert d is not ps[0]
    d.set_symbol(ov.Symbol())
    assert not ps[0].has_symbol()


# ---- comparisons ----

# (shape, other) -> ==
EQUALITY = [
    ([1, 2], [1, 2], True),
    ([1, 2], (1, 2), True),
    ([1, 2], [1, 3], False),
    ([1, 2], [1, 2, 3], False),
    ([1, 2], ov.Shape([1, 2]), True),
    ([1, 2], ov.Shape([1, 3]), False),
    ([1, 2], ov.PartialShape([1, 2]), True),
    ([0], [-2], True),  # -2 reads as Dimension(-2) == 0
    ([1, 2], [1, -2], False),
    ([1, 2], [True, 2], True),
    ([1, 2], [np.int64(1), np.float32(2)], True),
    ([1, 2], [5, "x"], False),  # stops at the first difference before converting "x"
    ([1, 2], [1, 2, "x"], False),  # lengths differ
    ([1, 2], [(2, 5)], False),
    ([1, 2], "[1,2]", False),
    ([1, 2], None, False),
    ([1, 2], 3, False),
    ([1, 2], ov.Dimension(2), False),
    ([1, -1], ov.Shape([1, 2]), False),
    ([1, -1], ov.PartialShape([1, -1]), True),
    ("[...]", ov.PartialShape.dynamic(), True),
    ("[...]", ov.Shape([]), False),
    ("[...]", ov.PartialShape([]), False),
    ([1, (2, 5)], ov.PartialShape([1, (2, 5)]), True),
]


@pytest.mark.parametrize("shape,other,equal", EQUALITY)
def test_equality(shape, other, equal):
    ps = ov.PartialShape(shape)
    assert (ps == other) is equal
    assert (ps != other) is (not equal)


def test_reflected_equality():
    assert [1, 2] == ov.PartialShape([1, 2])
    assert (1, 2) == ov.PartialShape([1, 2])
    assert ov.Shape([1, 2]) == ov.PartialShape([1, 2])
    assert ov.Shape([1, 2]) != ov.PartialShape([1, -1])


@pytest.mark.parametrize("shape", [[1, -1], [(2, 5)], "[...]"])
@pytest.mark.parametrize("other,type_repr", [([1, -1], "<class 'list'>"), ((1, -1), "<class 'tuple'>"),
                                             ([], "<class 'list'>")])
def test_dynamic_shape_vs_list_or_tuple(shape, other, type_repr):
    ps = ov.PartialShape(shape)
    with pytest.raises(TypeError) as info:
        ps == other
    assert str(info.value) == f"Cannot compare dynamic shape with {type_repr}"
    with pytest.raises(TypeError):
        ps != other


@pytest.mark.parametrize("element,type_repr", [(ov.Dimension(2), r"<class '(openvino\._pyopenvino|pinot)\.Dimension'>"),
                                               ("2", "<class 'str'>"), (2.0, "<class 'float'>"),
                                               (None, "<class 'NoneType'>"), (2**63, "<class 'int'>"),
                                               ((1, 2), "<class 'tuple'>")])
def test_compare_with_unconvertible_elements(element, type_repr):
    with pytest.raises(RuntimeError, match=rf"^Unable to cast Python instance of type {type_repr} to C\+\+ type"):
        ov.PartialShape([1, 2]) == [1, element]


def test_unhashable_and_unordered():
    with pytest.raises(TypeError, match="unhashable type"):
        hash(ov.PartialShape([1, 2]))
    with pytest.raises(TypeError, match="not supported between instances"):
        ov.PartialShape([1, 2]) < [1, 2]


# ---- copies ----

@pytest.mark.parametrize("text", ["[1,?,2..5]", "[...]", "[]"])
@pytest.mark.parametrize("op", [copy.copy, copy.deepcopy, lambda ps: ps.__deepcopy__({}), ov.PartialShape])
def test_copies_are_independent(text, op):
    ps = ov.PartialShape(text)
    other = op(ps)
    assert other is not ps
    assert other == ps
    assert str(other) == text
    if ps.rank.is_static and len(ps) > 0:
        other[0] = 9
        assert str(ps) == text


@pytest.mark.parametrize("memo", [None, 3, []])
def test_deepcopy_memo_must_be_a_dict(memo):
    with pytest.raises(TypeError, match=r"^__deepcopy__\(\): incompatible function arguments"):
        ov.PartialShape([1]).__deepcopy__(memo)


# ---- symbols ----

def symbolic(value=2):
    d = ov.Dimension(value)
    s = ov.Symbol()
    d.set_symbol(s)
    return d, s


def test_symbols_ride_along():
    d, s = symbolic()
    ps = ov.PartialShape([1, d, 3])
    assert ps[1].get_symbol() is s
    assert ps.get_dimension(1).get_symbol() is s
    assert list(ps)[1].get_symbol() is s
    assert not ps[0].has_symbol()
    assert ps[::-1][1].get_symbol() is s
    assert ps[1:][0].get_symbol() is s
    assert copy.copy(ps)[1].get_symbol() is s
    assert copy.deepcopy(ps)[1].get_symbol() is s  # the same symbol, not a copy
    assert ov.PartialShape(ps)[1].get_symbol() is s
    # ...and do not change printing or equality.
    assert str(ps) == "[1,2,3]"
    assert ps == ov.PartialShape([1, 2, 3])


def test_setitem_sets_and_clears_symbols():
    d, s = symbolic(7)
    ps = ov.PartialShape([1, 2])
    ps[0] = d
    assert ps[0].get_symbol() is s and str(ps) == "[7,2]"
    copied = ov.PartialShape(ps)
    ps[0] = 5
    assert not ps[0].has_symbol()
    assert copied[0].get_symbol() is s  # copies keep theirs


@pytest.mark.skipif(bool(ORACLE), reason="Pinot's rank limit")
def test_rank_limit():
    assert len(ov.PartialShape([1] * 32)) == 32
    with pytest.raises(RuntimeError, match="exceeds the maximum rank 32"):
        ov.PartialShape([1] * 33)
    with pytest.raises(RuntimeError, match="more than 32 dimensions"):
        ov.PartialShape(",".join(["1"] * 33))
    with pytest.raises(RuntimeError, match="exceeds the maximum rank 32"):
        ov.PartialShape.dynamic(33)
