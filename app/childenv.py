"""The environment another program is started in (LibreOffice for a conversion): the user's own,
not the frozen bundle's.

The one-folder program's bootloader points LD_LIBRARY_PATH at the bundle's libraries (keeping the
user's value as LD_LIBRARY_PATH_ORIG) and its Qt start-up hook (build/rth_qt.py) sets
QT_PLUGIN_PATH into the bundle: a program started with them inherits them, and may load the
bundle's copies (its ICU data cut down to Chinese and English, its Qt) in place of its own.  And
unlike `python`, the frozen program does not turn a legacy C locale (LANG naming a locale the
machine lacks, or none) into C.UTF-8 as PEP 538 does: LibreOffice started so could not open a
file with a Chinese name (GUI tester, session 14: 转换失败 for 中文.doc, in the frozen program only).
Nor does any Python when LC_ALL is set: LC_ALL naming a missing locale failed from source too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

_LIBRARY_PATH = "LD_LIBRARY_PATH"
_UTF8_CTYPE = "C.UTF-8"


_own: dict[str, str] = {}  # variables this process set for itself (set_own): not passed on


def set_own(name: str, value: str) -> None:
    """``name`` set to ``value`` in this process's environment for its own libraries (Qt reads
    some settings only from there), unless the user set it: a value of theirs is kept, and passed
    on; ours is not passed to the programs started from here (``for_other_program``)."""
    if name not in os.environ:
        os.environ[name] = value
        _own[name] = value


def for_other_program(environ: Mapping[str, str] | None = None, bundle: str | None = None,
                      legacy_locale: bool | None = None) -> dict[str, str]:
    """A copy of ``environ`` (the process's) to start another program with.  ``bundle``: the
    frozen program's folder (sys._MEIPASS; None when run from source); ``legacy_locale``: the
    process's character type is the C locale's (found out when None)."""
    env = dict(os.environ if environ is None else environ)
    for name, value in _own.items():  # the editor's own settings, where still as it set them
        if env.get(name) == value:
            del env[name]
    if bundle is None:
        bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        original = env.pop(_LIBRARY_PATH + "_ORIG", None)
        if original is not None:
            env[_LIBRARY_PATH] = original
        else:
            env.pop(_LIBRARY_PATH, None)
        for name in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH"):
            if env.get(name, "").startswith(bundle):
                del env[name]
    if os.name == "posix":
        if legacy_locale is None:
            import locale  # here: the editor's start imports this module (set_own), not locale

            legacy_locale = locale.setlocale(locale.LC_CTYPE) in ("C", "POSIX")
        if legacy_locale:
            _utf8_ctype(env)
    return env


def _utf8_ctype(env: dict[str, str]) -> None:
    """The character type LibreOffice would take from ``env`` made C.UTF-8, in a process whose
    own is the C locale.  POSIX: the first of LC_ALL, LC_CTYPE, LANG that is set and not empty
    decides it.  LC_ALL=zh_CN.UTF-8 (the commonest way a Chinese desktop sets its locale) on a
    machine without that locale left LibreOffice in the C locale, unable to open 中文年报.doc,
    and LC_CTYPE set beside it is overridden by it: LC_ALL itself is changed.  Every category it
    names falls back to C anyway (the locale does not exist), so only the character type differs.
    LC_ALL=C or POSIX named on purpose is the user's word and is kept."""
    deciding = next((name for name in ("LC_ALL", "LC_CTYPE", "LANG") if env.get(name)), None)
    if deciding == "LC_ALL":
        if env["LC_ALL"] not in ("C", "POSIX"):
            env["LC_ALL"] = _UTF8_CTYPE
        return
    env["LC_CTYPE"] = _UTF8_CTYPE
