"""Python 3.11's enum classes made quicker, member for member the same: PySide builds every Qt
class's enums as Python enum classes the first time Python meets the class (the editor's start
builds ~250 of them, ~3,800 members: the Qt namespace alone 92 classes), and on 3.11 each member
goes through two general-purpose Python steps that are most of the start's enum time —
``_EnumDict.__setitem__`` (is the name private, sunder, dunder, a descriptor, ``auto()``, a
nested class?) and ``_proto_member.__set_name__`` (the member made, then removed and set again
on the class through ``EnumType``'s guarded ``__delattr__``/``__setattr__``, the bases searched
for a property of its name).

``install()`` puts a short path in front of each for the one case PySide (and most functional-API
enums) gives: a public name with a plain ``int`` value, in a class of ``int`` or plain members
with Enum's own ``__init__``, no attribute of that name in a base.  The short path does exactly
what the general one does for that case (the same checks that can fail are made, the same
attributes set in the same order, aliases and Flag masks the same); anything else goes the
general way.  tests/test_quick_enums.py builds every enum class of QtCore, QtGui and QtWidgets
both ways and compares them member by member.

The class itself: PySide makes each enum class through the functional API (``IntEnum(name,
[(member, value), ...], boundary=KEEP)``), and for every class ``EnumType.__call__`` →
``_create_`` → ``__prepare__`` → ``__new__`` looks again for the same mixins, ``__new__`` and data
repr of the same base (Enum, IntEnum, Flag or IntFlag), fills an ``_EnumDict`` and turns each member
into a ``_proto_member`` whose ``__set_name__`` takes it off the class again: ~150 µs a class and
~12 µs a member even with the two short paths above.  ``_quick_call`` makes such a class directly —
the class dict the general path hands to ``type.__new__``, in its order, then the members as
``__set_name__`` makes them, then what ``__new__`` does after — for the one case PySide gives (one
of those four bases, a list of (public name, int) pairs, no name twice nor one a base defines);
anything else goes the general way.

Only where the general paths are the very code the short paths mirror: their bytecode, names and
constants are compared with a known Python's (``FLAVOURS``): CPython 3.11.7's (the venv's) and
Debian 12's 3.11.2 (the bundle's Python is built from its source package; its Flag masks are made
in ``EnumType.__new__``, so there ``_quick_call`` makes them as that does and ``__set_name__`` keeps
its general path).  Any other Python gets none (3.12 rewrote member creation); ``install()`` does
nothing there.  tests/test_quick_enums.py compares the classes in both where both are at hand.
Nothing here imports Qt.
"""

from __future__ import annotations

import builtins
import enum
import sys
import zlib
from types import CodeType, FunctionType
from typing import Any

_installed = False


# The general paths the short ones mirror, as CPython 3.11.7 has them (fingerprint()): the two
# member steps, and for _quick_call the functional API's whole way from the call to the class.
GENERAL = {
    "_EnumDict.__setitem__": 2397093839, "_proto_member.__set_name__": 605607995,
    "EnumType.__call__": 63303859, "EnumType._create_": 3678742084, "EnumType.__prepare__": 3236713177,
    "EnumType.__new__": 1458459361, "EnumType._get_mixins_": 2588575038, "EnumType._find_new_": 228633361,
    "EnumType._find_data_repr_": 583964153, "EnumType._find_data_type_": 1697349640,
    "EnumType._check_for_existing_members_": 3593012925, "EnumType.__setattr__": 2063355558,
    "EnumType.__delattr__": 2380331555, "EnumType.__iter__": 1812258710, "_EnumDict.__init__": 3277107162,
}
# Debian 12's 3.11.2 (the bundle's Python is built from its source package): Flag masks made in
# EnumType.__new__ (from every member's value, then the single bits once the members are made),
# no _singles_mask_, and __set_name__ touching no mask — so no short __set_name__ there.
DEBIAN_3_11_2 = dict(GENERAL, **{
    "_proto_member.__set_name__": 283264956, "EnumType._create_": 401450120, "EnumType.__new__": 881332049,
    "EnumType._get_mixins_": 3370309676, "EnumType._find_data_repr_": 1698818836,
    "EnumType._find_data_type_": 3540234321, "EnumType._check_for_existing_members_": 3663587185,
})
FLAVOURS = {"3.11.7": GENERAL, "debian-3.11.2": DEBIAN_3_11_2}


def _code_text(code: CodeType) -> bytes:
    # Nested code (comprehensions) included: __new__'s are part of what it does.
    consts = [_code_text(c) if isinstance(c, CodeType) else c for c in code.co_consts]
    return code.co_code + repr((code.co_names, code.co_varnames, consts)).encode()


def fingerprint(function: Any) -> int:
    """A function's code without its file and line numbers: bytecode, names, constants."""
    return zlib.crc32(_code_text(function.__code__))


def _general(where: str) -> Any:
    owner, _, name = where.partition(".")
    function = getattr(getattr(enum, owner, None), name, None)
    function = getattr(function, "__func__", function)  # a classmethod's function
    return getattr(function, "general", function)  # installed already: the one it stands in for


def flavour() -> str | None:
    """Which known enum code this Python has (a key of FLAVOURS), or None."""
    if sys.version_info[:2] != (3, 11) or not callable(getattr(enum, "_is_single_bit", None)):
        return None
    for name, known in FLAVOURS.items():
        if all(_is(where, crc) for where, crc in known.items()):
            return name
    return None


def _is(where: str, known: int) -> bool:
    function = _general(where)
    return isinstance(function, FunctionType) and fingerprint(function) == known


def supported() -> bool:
    """Whether this Python's enum internals are ones the short paths mirror."""
    return flavour() is not None


def install() -> bool:
    """The short paths in place (once); False where this Python's enum code is not known."""
    global _installed
    if _installed:
        return True
    found = flavour()
    if found is None:
        return False
    enum._EnumDict.__setitem__ = _quick_setitem(enum._EnumDict.__setitem__)  # type: ignore[attr-defined,method-assign]
    if found == "3.11.7":  # Debian's __set_name__ is other code (its Flag masks are made elsewhere)
        enum._proto_member.__set_name__ = _quick_set_name(enum._proto_member.__set_name__)  # type: ignore[attr-defined]
    enum.EnumType.__call__ = _quick_call(enum.EnumType.__call__, legacy=found != "3.11.7")  # type: ignore[method-assign]
    _installed = True
    return True


def _quick_setitem(general: Any) -> Any:
    store = dict.__setitem__

    def __setitem__(self: Any, key: Any, value: Any) -> None:
        # A public name (not private, sunder nor dunder: those start with "_") and an int (no
        # descriptor, auto(), member() or nonmember(), nor a class): a new member, as the
        # general path makes it; a name seen before or ignored goes there (and fails there).
        if (type(value) is int and type(key) is str and key[:1] != "_" and key
                and key not in self._member_names and key not in self._ignore and key not in self):
            self._member_names[key] = None
            self._last_values.append(value)
            store(self, key, value)
            return
        general(self, key, value)

    __setitem__.general = general  # type: ignore[attr-defined]
    return __setitem__


def _quick_set_name(general: Any) -> Any:
    set_on_class, delete_from_class = type.__setattr__, type.__delattr__
    enum_init = enum.Enum.__init__
    plain_new = (int.__new__, object.__new__)
    single_bit = enum._is_single_bit  # type: ignore[attr-defined]
    flag = enum.Flag
    # The names the class's bases define, for the class whose members are being made: they are
    # made one after another (type.__new__ calls this for each), and with the plain __new__ and
    # __init__ required below no other code runs meanwhile to change a base.
    # One (class, names) pair, read and replaced whole: two threads making enum classes at once
    # must never see one class with another's names.
    last: list[tuple[Any, frozenset[str]]] = [(None, frozenset())]

    def __set_name__(self: Any, enum_class: Any, member_name: str) -> None:
        value = self.value
        member_type = enum_class._member_type_
        if (type(value) is not int or (member_type is not int and member_type is not object)
                or enum_class.__init__ is not enum_init or enum_class._new_member_ not in plain_new):
            general(self, enum_class, member_name)
            return
        made_for, base_names = last[0]
        if made_for is not enum_class:
            base_names = frozenset().union(*map(vars, enum_class.__mro__[1:]))
            last[0] = (enum_class, base_names)
        if member_name in base_names:  # maybe a property the member must not hide
            general(self, enum_class, member_name)
            return
        # EnumType's __delattr__/__setattr__ refuse only a name already a member: while the
        # class is made each name comes once (_EnumDict refused repeats), so type's own.
        delete_from_class(enum_class, member_name)
        if enum_class._use_args_:
            member = enum_class._new_member_(enum_class, value)
        else:
            member = enum_class._new_member_(enum_class)
        # int's and object's __new__ set no _value_: made as the general path makes it.
        member._value_ = value if member_type is object else int(value)
        value = member._value_
        member._name_ = member_name
        member.__objclass__ = enum_class
        names = enum_class._member_names_
        member._sort_order_ = len(names)
        is_flag = issubclass(enum_class, flag)
        if is_flag:  # set as EnumType.__setattr__ sets them: a _sunder_ name is never a member
            mask = enum_class._flag_mask_ | value
            set_on_class(enum_class, "_flag_mask_", mask)
            if single_bit(value):
                set_on_class(enum_class, "_singles_mask_", enum_class._singles_mask_ | value)
            set_on_class(enum_class, "_all_bits_", 2 ** mask.bit_length() - 1)
        by_value = enum_class._value2member_map_
        canonical = by_value.get(value)
        if canonical is not None:  # another name of a member made before: an alias of it
            member = canonical
        elif not is_flag or single_bit(value):
            names.append(member_name)
        set_on_class(enum_class, member_name, member)
        enum_class._member_map_[member_name] = member
        by_value.setdefault(value, member)

    __set_name__.general = general  # type: ignore[attr-defined]
    return __set_name__


# The bases PySide's enum classes have (and most functional-API enums): Python's own, never
# changed by the program, without members.
PLAIN_BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
FLAG_OPERATORS = ("__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__", "__invert__")


def _base_facts(base: Any) -> tuple[Any, ...]:
    """What EnumType.__prepare__ and __new__ find for a class of this one base and no __new__ of
    its own — the same for every such class — found by the general code itself."""
    meta = enum.EnumType
    member_type, first_enum = meta._get_mixins_(base.__name__, (base,))  # type: ignore[attr-defined]
    new_member, _save_new, use_args = meta._find_new_({}, member_type, first_enum)  # type: ignore[attr-defined]
    return (member_type, getattr(first_enum, "_generate_next_value_", None), new_member, use_args,
            meta._find_data_repr_(base.__name__, (base,)),  # type: ignore[attr-defined]
            getattr(first_enum, "_boundary_", None), issubclass(base, enum.Flag),
            tuple(vars(b) for b in base.__mro__))


def _quick_call(general: Any, legacy: bool = False) -> Any:
    """``legacy``: Debian 3.11.2's EnumType.__new__ (Flag masks made there, no _singles_mask_)."""
    kind_of = builtins.type  # the functional API has an argument called type
    new_class = builtins.type.__new__
    set_on_class = builtins.type.__setattr__
    meta, flag, enum_new = enum.EnumType, enum.Flag, enum.Enum.__new__
    single_bit = enum._is_single_bit  # type: ignore[attr-defined]
    facts = {base: _base_facts(base) for base in PLAIN_BASES}

    def plain(names: Any, base_dicts: tuple[Any, ...]) -> bool:
        # (public name, int) pairs, each name once, none a base's attribute (a property such as
        # "value" the member must not hide): what the short path makes exactly as the general one.
        if kind_of(names) is not list:
            return False
        seen = set()
        for item in names:
            if kind_of(item) is not tuple or len(item) != 2:
                return False
            name, value = item
            if (kind_of(name) is not str or kind_of(value) is not int or not name or name[:1] == "_"
                    or name == "mro" or name in seen):
                return False
            seen.add(name)
        # Once for all names, in C over the smaller side of each (not a Python loop per name).
        return all(not own.keys() & seen for own in base_dicts)

    def __call__(cls: Any, value: Any, names: Any = None, *, module: Any = None, qualname: Any = None,
                 type: Any = None, start: Any = 1, boundary: Any = None) -> Any:
        if names is None:  # a member looked up by value, as the general path does
            return cls.__new__(cls, value)
        known = facts.get(cls)
        if known is None or type is not None or kind_of(value) is not str or not plain(names, known[-1]):
            return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start,
                                boundary=boundary)
        if module is None:  # as _create_ finds it: the caller's module (its frame is 2 up there)
            try:
                module = sys._getframe(1).f_globals["__name__"]
            except (AttributeError, ValueError, KeyError):
                module = None
            if module is None:  # made unpicklable there
                return cls._create_(value, names, module=None, qualname=qualname, type=None, start=start,
                                    boundary=boundary)
        member_type, next_value, new_member, use_args, value_repr, first_boundary, is_flag, _ = known
        # The class dict as __new__ hands it to type.__new__, in its order, the members left out:
        # __set_name__ takes each off the class and puts it back at the end anyway.
        member_names: list[str] = []
        member_map: dict[str, Any] = {}
        by_value: dict[Any, Any] = {}
        classdict: dict[str, Any] = {"_generate_next_value_": next_value, "__module__": module}
        if qualname is not None:
            classdict["__qualname__"] = qualname
        classdict.update(_new_member_=new_member, _use_args_=use_args, _member_names_=member_names,
                         _member_map_=member_map, _value2member_map_=by_value, _unhashable_values_=[],
                         _member_type_=member_type, _value_repr_=value_repr)
        # A Flag's structure; an Enum's the general path puts here too and deletes at the end of
        # __new__, which leaves the rest in the same order as never putting it: so it never is.
        if is_flag:
            classdict["_boundary_"] = boundary or first_boundary
            if legacy:  # every member's value in the mask, single bit or not
                every = 0
                for _name, number in names:
                    every |= number
                classdict.update(_flag_mask_=every, _all_bits_=2 ** every.bit_length() - 1, _inverted_=None)
            else:
                classdict.update(_flag_mask_=0, _singles_mask_=0, _all_bits_=0, _inverted_=None)
        enum_class: Any = new_class(meta, value, (cls,), classdict)
        # The members, one after another, as _proto_member.__set_name__ makes them (the quick one
        # above, without taking them off the class first: they were never put on it).
        flag_mask = singles_mask = 0
        # Put on the class after all are made, in the same order: each type.__setattr__ empties
        # the class's attribute cache, and every member's own attributes are looked up there
        # first (by name, through its bases: ~1/4 of a member's cost when the two alternated).
        placed: list[tuple[str, Any]] = []
        for name, number in names:
            member = new_member(enum_class, number) if use_args else new_member(enum_class)
            member._value_ = number  # an int already (plain()): int(number) is number itself
            member._name_ = name
            member.__objclass__ = enum_class
            member._sort_order_ = len(member_names)
            if is_flag and not legacy:
                flag_mask |= number
                if single_bit(number):
                    singles_mask |= number
            canonical = by_value.get(number)
            if canonical is not None:  # another name of a member made before: an alias of it
                member = canonical
            elif not is_flag or single_bit(number):
                member_names.append(name)
            placed.append((name, member))
            member_map[name] = member
            by_value.setdefault(number, member)
        for name, member in placed:
            set_on_class(enum_class, name, member)
        if is_flag and not legacy:  # as __set_name__ leaves them after the last member
            set_on_class(enum_class, "_flag_mask_", flag_mask)
            set_on_class(enum_class, "_singles_mask_", singles_mask)
            set_on_class(enum_class, "_all_bits_", 2 ** flag_mask.bit_length() - 1)
        # The rest of __new__ (no _order_, no __new__ of the class's own; ReprEnum is not among the
        # bases: its subclasses are).  None of these names is a member's, so EnumType's guarded
        # __setattr__ is type's own.
        own = enum_class.__dict__
        for attr in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
            if attr not in own:
                # What the class finds is its base's: not in its own dict, and its bases are the
                # base's own and its bases (looked up once: the class's cache was just emptied).
                enum_method = found_method = getattr(cls, attr)
                if found_method in (getattr(member_type, attr), getattr(object, attr)):
                    set_on_class(enum_class, attr, enum_method)
        if is_flag:
            for attr in FLAG_OPERATORS:
                if attr not in own:
                    set_on_class(enum_class, attr, getattr(flag, attr))
        set_on_class(enum_class, "__new__", enum_new)
        if is_flag:
            if legacy:  # the mask of the single bits among the members, as __new__ makes it there
                singles = 0
                for member in member_map.values():
                    if single_bit(member._value_):
                        singles |= member._value_
                set_on_class(enum_class, "_flag_mask_", singles)
            values = [member_map[n]._value_ for n in member_names]  # EnumType.__iter__'s order
            if values != sorted(values):
                set_on_class(enum_class, "_iter_member_", enum_class._iter_member_by_def_)
        return enum_class

    __call__.general = general  # type: ignore[attr-defined]
    return __call__
