"""app/quick_enums.py: enum classes made through its short paths are the classes Python's own
enum machinery makes, member for member — every enum class of the Qt modules the editor uses
(built in two processes, one with the short paths installed, one without) and Python enums of
the odd kinds the short paths must leave to the general path (aliases, multi-bit flags, names a
base defines, ignored names, repeated names, values that are not plain ints).  A class is compared
whole: its dict in order with what each entry is, its members, their texts, lookups and masks."""

from __future__ import annotations

import contextlib
import enum
import json
import os
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app import quick_enums

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not quick_enums.supported(), reason="the short paths are for Python 3.11's enum")

# What an enum class is, as plain data: its class dict's names, its members (name, value,
# order, the class attribute being the member), aliases, lookup by value, iteration, the texts
# of each member, and a Flag's masks and operators.
DESCRIBE = r'''
import enum, functools

def entry(cls, value):
    # A class dict's entry as plain data: a member by name, a method by what it is, data by repr.
    if isinstance(value, enum.Enum):
        return ["member", value._name_, type(value) is cls]
    if isinstance(value, enum.property):  # a member named as a base's property: its redirect
        return ["property", value.name, getattr(getattr(value, "member", None), "_name_", None),
                getattr(value.fget, "__qualname__", None)]
    if isinstance(value, functools.partial):  # shiboken's _missing_
        return ["partial", getattr(value.func, "__qualname__", None), [a is cls for a in value.args]]
    if isinstance(value, (dict, list)):
        return [type(value).__name__, len(value)]
    if hasattr(value, "__self__") and hasattr(value, "__func__"):
        return ["bound", value.__func__.__qualname__, value.__self__ is cls]
    if hasattr(value, "__qualname__"):
        return [type(value).__name__, getattr(value, "__module__", None), value.__qualname__]
    return [type(value).__name__, repr(value)]

def describe(cls):
    members = cls._member_map_
    first = next(iter(members.values()), None)
    out = {
        "qualname": cls.__qualname__,
        "module": cls.__module__,
        "mro": [b.__qualname__ for b in cls.__mro__],
        "dict": [(k, entry(cls, v)) for k, v in cls.__dict__.items()],
        "names": list(cls._member_names_),
        "members": [(n, m._name_, repr(m._value_), type(m._value_).__name__, m._sort_order_,
                     m.__objclass__ is cls, cls.__dict__.get(n) is m, sorted(getattr(m, "__dict__", {})))
                    for n, m in members.items()],
        "by_value": sorted((repr(v), m._name_) for v, m in cls._value2member_map_.items()),
        "iter": [m._name_ for m in cls],
        "texts": [(str(m), repr(m), format(m)) for m in members.values()],
        "lookup": [cls(m._value_)._name_ for m in members.values()],
    }
    if issubclass(cls, enum.Flag):
        out["flag"] = [cls._flag_mask_, getattr(cls, "_singles_mask_", None), cls._all_bits_, str(cls._boundary_)]  # no _singles_mask_ in Debian 3.11.2
        if first is not None:
            last = list(members.values())[-1]
            out["ops"] = [repr(first | last), repr(first & last), repr(~first), repr(cls(0))]
    return out
'''

# Every enum class of QtCore, QtGui, QtWidgets and QtPrintSupport (each Qt class touched, so
# PySide builds its enums), described; the short paths installed or not by the argument.
QT_ENUMS = DESCRIBE + r'''
import json, sys
if sys.argv[1] == "quick":
    from app import quick_enums
    assert quick_enums.install()
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets, PySide6.QtPrintSupport
seen, found = set(), []
def walk(owner):
    for name in sorted(dir(owner)):
        value = getattr(owner, name, None)
        if isinstance(value, enum.EnumType) and value not in seen:
            seen.add(value)
            found.append(value)
        elif isinstance(value, type) and value.__module__.startswith("PySide6") and value not in seen:
            seen.add(value)
            walk(value)
for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets, PySide6.QtPrintSupport):
    walk(module)
print(json.dumps(sorted((describe(c) for c in found), key=lambda d: (d["module"], d["qualname"]))))
'''


def _qt_enums(mode: str, python: str = sys.executable) -> list[dict[str, object]]:
    # Another Python (Debian's) finds PySide in this venv: its wheels are for any CPython 3.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join((str(ROOT), sysconfig.get_paths()["purelib"])))
    done = subprocess.run([python, "-c", QT_ENUMS, mode], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_every_qt_enum_class_is_made_the_same() -> None:
    plain, quick = _qt_enums("plain"), _qt_enums("quick")
    assert len(plain) > 500, "the walk reached the Qt classes' enums"
    assert [d["qualname"] for d in quick] == [d["qualname"] for d in plain]
    different = [p["qualname"] for p, q in zip(plain, quick, strict=True) if p != q]
    assert different == []
    assert sum(len(d["members"]) for d in plain) > 5000  # type: ignore[arg-type]


# Where each short path goes, and what makes it from the general one.
_PATHS = ((enum._EnumDict, "__setitem__", quick_enums._quick_setitem),  # type: ignore[attr-defined]
          (enum._proto_member, "__set_name__", quick_enums._quick_set_name),  # type: ignore[attr-defined]
          (enum.EnumType, "__call__", quick_enums._quick_call))


@contextmanager
def _paths(quick: bool) -> Iterator[None]:
    """The short paths in front of this process's enum machinery (or Python's own paths,
    whatever an earlier import installed), for the block only."""
    saved = [getattr(owner, name) for owner, name, _ in _PATHS]
    for (owner, name, make), now in zip(_PATHS, saved, strict=True):
        general = getattr(now, "general", now)
        setattr(owner, name, make(general) if quick else general)
    try:
        yield
    finally:
        for (owner, name, _), now in zip(_PATHS, saved, strict=True):
            setattr(owner, name, now)


def _quick() -> contextlib.AbstractContextManager[None]:
    return _paths(True)


def _general() -> contextlib.AbstractContextManager[None]:
    return _paths(False)


def _classes() -> list[Callable[[], type[enum.Enum]]]:
    """Enum classes of the kinds the short paths take and of those they leave alone."""

    class WithInit(enum.IntEnum):
        A = 1
        B = 2

        def __init__(self, *args: object) -> None:
            self.seen = args

    class Ignoring(enum.IntEnum):
        _ignore_ = "SKIP"
        SKIP = 5
        A = 1

    class Named(enum.IntEnum):  # a member named as an Enum property
        value = 1  # type: ignore[assignment]
        name = 2  # type: ignore[assignment]
        real = 3  # int's own attribute

    class WithNew(enum.IntEnum):  # its own __new__ sets the value
        A = 1
        B = 2

        def __new__(cls, value: int) -> WithNew:
            made = int.__new__(cls, value * 10)
            made._value_ = value * 10
            return made

    class Mixed(enum.Enum):
        A = 1
        B = "b"
        C = (1, 2)
        D = True
        E = 1  # an alias

    return [
        lambda: enum.IntEnum("Plain", [("A", 1), ("B", 2), ("C", 2), ("D", 0)], module="m", qualname="Q.Plain"),
        lambda: enum.Enum("Objects", [("A", 1), ("B", 1), ("C", 3)], module="m", qualname="Q.Objects"),
        lambda: enum.IntFlag("Bits", [("A", 1), ("B", 2), ("AB", 3), ("C", 4), ("NONE", 0), ("ALL", 7)],
                             module="m", qualname="Q.Bits", boundary=enum.KEEP),
        lambda: enum.Flag("Flags", [("A", 1), ("B", 2), ("BOTH", 3), ("HIGH", 1 << 40)], module="m", qualname="Q.Flags"),
        lambda: enum.IntFlag("Strict", [("A", 1), ("B", 4)], module="m", qualname="Q.Strict", boundary=enum.STRICT),
        lambda: enum.IntEnum("Large", [(f"K{i}", i * 3 % 500) for i in range(600)], module="m", qualname="Q.Large"),
        # As PySide makes them: boundary=KEEP, no module (the caller's) nor qualname.
        lambda: enum.Enum("Shiboken", [("A", 0), ("B", 7), ("C", 0)], boundary=enum.KEEP),
        lambda: enum.Flag("Unsorted", [("HIGH", 8), ("LOW", 1), ("NONE", 0), ("BOTH", 9)], boundary=enum.KEEP),
        lambda: enum.IntFlag("IntUnsorted", [("B", 2), ("A", 1), ("AB", 3), ("BIG", 1 << 70)], boundary=enum.KEEP),
        lambda: enum.IntEnum("Empty", [], boundary=enum.KEEP),
        lambda: enum.Flag("EmptyFlag", [], module="m"),
        lambda: enum.IntEnum("BaseNames", [("real", 1), ("name", 2), ("A", 3)], module="m"),
        lambda: enum.Enum("Tuples", (("A", 1), ("B", 2)), module="m"),
        lambda: enum.IntEnum("Listed", [["A", 1], ("B", 2)], module="m"),
        lambda: enum.IntEnum("Bools", [("A", True), ("B", 2)], module="m"),
        lambda: enum.Enum("Auto", ["A", "B"], module="m"),
        lambda: enum.Enum("Spaced", "A B C", module="m"),
        lambda: enum.Enum("Mapped", {"A": 1, "B": 2}, module="m"),
        lambda: enum.Enum("Typed", [("A", 1)], module="m", type=int),
        lambda: enum.StrEnum("Strings", [("A", "a"), ("B", "b")], module="m"),
        lambda: enum.IntEnum("FromClass", [("A", 1)], qualname="X.FromClass"),
        lambda: enum.IntEnum("Dunder", [("__dunder__", 1), ("A", 2)], module="m"),
        lambda: WithInit,
        lambda: Ignoring,
        lambda: Named,
        lambda: Mixed,
        lambda: WithNew,
    ]


def _described(made: type[enum.Enum]) -> dict[str, object]:
    scope: dict[str, object] = {}
    exec(DESCRIBE, scope)  # the description the subprocesses use, here in-process
    return scope["describe"](made)  # type: ignore[operator,no-any-return]


@pytest.mark.parametrize("which", range(len(_classes())))
def test_python_enums_of_every_kind_are_made_the_same(which: int) -> None:
    with _general():
        plain = _described(_classes()[which]())  # class statements run here, under these paths
    with _quick():
        quick = _described(_classes()[which]())
    assert quick == plain


@pytest.mark.parametrize("members", [[("A", 1), ("A", 2)], [("_sunder_", 1)], [("mro", 1)], [("", 1)],
                                     [("A", 1, 2)], [(1, 2)]])
def test_what_the_general_path_refuses_is_refused_the_same(members: list[tuple[str, int]]) -> None:
    errors = []
    for paths in (_general, _quick):
        with paths():
            try:
                enum.IntEnum("Bad", members)
            except Exception as e:  # the kind and text are what is compared
                errors.append((type(e), str(e)))
            else:
                errors.append(None)
    assert errors[0] is not None and errors[0] == errors[1]


def test_install_is_once() -> None:
    assert quick_enums.install() and quick_enums.install()
    assert not hasattr(enum._proto_member.__set_name__.general, "general")  # type: ignore[attr-defined]
    assert quick_enums.supported(), "still the general paths' code behind the short ones"


def test_a_python_whose_general_path_is_other_code_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another 3.11 (the bundle's is Debian's) whose enum code differs gets no short paths."""
    general = quick_enums._general("_proto_member.__set_name__")

    def changed(self: object, enum_class: type, member_name: str) -> None:
        general(self, enum_class, member_name)

    monkeypatch.setattr(enum._proto_member, "__set_name__", changed)  # type: ignore[attr-defined]
    monkeypatch.setattr(quick_enums, "_installed", False)
    assert not quick_enums.supported()
    assert not quick_enums.install()
    assert enum._proto_member.__set_name__ is changed  # type: ignore[attr-defined]
    assert enum.IntEnum("Made", [("A", 1)]).A.value == 1


# Debian 12's own Python 3.11.2, whose enum code the bundle's Python is built from: the short
# path for the functional API in its flavour ("debian-3.11.2"), the same classes there too.
DEBIAN = Path("/usr/bin/python3.11")
FUNCTIONAL = [
    'enum.IntEnum("Plain", [("A", 1), ("B", 2), ("C", 2), ("D", 0)], module="m", qualname="Q.Plain")',
    'enum.Enum("Shiboken", [("A", 0), ("B", 7), ("C", 0)], boundary=enum.KEEP)',
    'enum.Flag("Unsorted", [("HIGH", 8), ("LOW", 1), ("NONE", 0), ("BOTH", 9)], boundary=enum.KEEP)',
    'enum.IntFlag("IntUnsorted", [("B", 2), ("A", 1), ("AB", 3), ("BIG", 1 << 70)], boundary=enum.KEEP)',
    'enum.Flag("Flags", [("A", 1), ("B", 2), ("BOTH", 3), ("HIGH", 1 << 40)], module="m")',
    'enum.IntFlag("Bits", [("A", 1), ("B", 2), ("AB", 3), ("C", 4), ("NONE", 0), ("ALL", 7)], boundary=enum.KEEP)',
    'enum.IntEnum("Empty", [], boundary=enum.KEEP)',
    'enum.Flag("EmptyFlag", [], module="m")',
    'enum.IntEnum("BaseNames", [("real", 1), ("name", 2), ("A", 3)], module="m")',
    'enum.IntEnum("Large", [(f"K{i}", i * 3 % 500) for i in range(600)], module="m")',
    'enum.IntEnum("Bad", [("A", 1), ("A", 2)])',
    'enum.IntEnum("Bad", [("mro", 1)])',
]
DEBIAN_KINDS = DESCRIBE + r'''
import enum, json, sys
from app import quick_enums
assert quick_enums.flavour() == "debian-3.11.2", quick_enums.flavour()
general = enum.EnumType.__call__
quick = quick_enums._quick_call(general, legacy=True)
same = []
for expr in json.loads(sys.argv[1]):
    got = []
    for call in (general, quick):
        enum.EnumType.__call__ = call
        try:
            got.append(describe(eval(expr)))
        except Exception as e:
            got.append([type(e).__name__, str(e)])
        finally:
            enum.EnumType.__call__ = general
    same.append(got[0] == got[1])
print(json.dumps(same))
'''


def _debian_flavour() -> bool:
    if not DEBIAN.exists():
        return False
    done = subprocess.run([str(DEBIAN), "-c", "from app import quick_enums; print(quick_enums.flavour())"],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    return done.stdout.strip() == "debian-3.11.2"


@pytest.mark.skipif(not _debian_flavour(), reason="Debian 12's python3.11 (3.11.2) is not on this machine")
def test_debian_3_11_2_makes_the_same_classes() -> None:
    plain, quick = _qt_enums("plain", str(DEBIAN)), _qt_enums("quick", str(DEBIAN))
    assert len(plain) > 500
    assert [p["qualname"] for p, q in zip(plain, quick, strict=True) if p != q] == []
    done = subprocess.run([str(DEBIAN), "-c", DEBIAN_KINDS, json.dumps(FUNCTIONAL)], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [True] * len(FUNCTIONAL)
