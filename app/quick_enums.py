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

Only where the general paths are the very code the short paths mirror (CPython 3.11.7's, the
venv's): their bytecode, names and constants are compared with it (``GENERAL``), so another 3.11
(the bundle's is Debian's) gets them only if its two functions are the same, and 3.12, which
rewrote member creation, never; elsewhere ``install()`` does nothing.  Nothing here imports Qt.
"""

from __future__ import annotations

import enum
import sys
import zlib
from types import FunctionType
from typing import Any

_installed = False


# The general paths the short ones mirror, as CPython 3.11.7 has them (fingerprint()).
GENERAL = {"_EnumDict.__setitem__": 940641658, "_proto_member.__set_name__": 605607995}


def fingerprint(function: Any) -> int:
    """A function's code without its file and line numbers: bytecode, names, constants."""
    code = function.__code__
    consts = [c for c in code.co_consts if not hasattr(c, "co_code")]
    return zlib.crc32(code.co_code + repr((code.co_names, code.co_varnames, consts)).encode())


def _general(where: str) -> Any:
    owner, _, name = where.partition(".")
    function = getattr(getattr(enum, owner, None), name, None)
    return getattr(function, "general", function)  # installed already: the one it stands in for


def supported() -> bool:
    """Whether this Python's enum internals are the ones the short paths mirror."""
    if sys.version_info[:2] != (3, 11) or not callable(getattr(enum, "_is_single_bit", None)):
        return False
    for where, known in GENERAL.items():
        function = _general(where)
        if not isinstance(function, FunctionType) or fingerprint(function) != known:
            return False
    return True


def install() -> bool:
    """The short paths in place (once); False where this Python is not 3.11."""
    global _installed
    if _installed:
        return True
    if not supported():
        return False
    enum._EnumDict.__setitem__ = _quick_setitem(enum._EnumDict.__setitem__)  # type: ignore[attr-defined,method-assign]
    enum._proto_member.__set_name__ = _quick_set_name(enum._proto_member.__set_name__)  # type: ignore[attr-defined]
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
    last: list[Any] = [None, frozenset()]

    def __set_name__(self: Any, enum_class: Any, member_name: str) -> None:
        value = self.value
        member_type = enum_class._member_type_
        if (type(value) is not int or (member_type is not int and member_type is not object)
                or enum_class.__init__ is not enum_init or enum_class._new_member_ not in plain_new):
            general(self, enum_class, member_name)
            return
        if last[0] is not enum_class:
            last[:] = enum_class, frozenset().union(*map(vars, enum_class.__mro__[1:]))
        if member_name in last[1]:  # maybe a property the member must not hide
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
