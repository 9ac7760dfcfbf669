"""LibreOffice is started in the user's environment, not the frozen bundle's (app/childenv.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app import childenv

BUNDLE = "/opt/nianbao/_internal"


def test_the_bundles_library_path_is_the_users_again() -> None:
    env = childenv.for_other_program({"LD_LIBRARY_PATH": BUNDLE, "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
                                      "QT_PLUGIN_PATH": BUNDLE + "/PySide6/Qt/plugins", "LANG": "zh_CN.UTF-8",
                                      "PATH": "/usr/bin"}, bundle=BUNDLE, legacy_locale=False)
    assert env == {"LD_LIBRARY_PATH": "/usr/local/lib", "LANG": "zh_CN.UTF-8", "PATH": "/usr/bin"}
    env = childenv.for_other_program({"LD_LIBRARY_PATH": BUNDLE, "QT_PLUGIN_PATH": "/usr/lib/qt/plugins"},
                                     bundle=BUNDLE, legacy_locale=False)
    assert env == {"QT_PLUGIN_PATH": "/usr/lib/qt/plugins"}, "none of the user's own; a plugin path of theirs kept"


def test_from_source_nothing_of_the_users_changes() -> None:
    given = {"LD_LIBRARY_PATH": "/usr/local/lib", "QT_PLUGIN_PATH": "/x", "LANG": "zh_CN.UTF-8"}
    assert childenv.for_other_program(given, bundle=None, legacy_locale=False) == given


@pytest.mark.skipif(os.name != "posix", reason="LC_* variables are POSIX")
def test_a_legacy_c_locale_becomes_utf8_as_python_makes_it() -> None:
    assert childenv.for_other_program({"LANG": "zh_CN.UTF-8"}, bundle=None, legacy_locale=True) == {
        "LANG": "zh_CN.UTF-8", "LC_CTYPE": "C.UTF-8"}
    assert childenv.for_other_program({"LC_ALL": "zh_CN.GBK"}, bundle=None, legacy_locale=True) == {
        "LC_ALL": "zh_CN.GBK"}, "LC_ALL is the user's word, as PEP 538 leaves it"


@pytest.mark.skipif(os.name != "posix", reason="LC_* variables are POSIX")
def test_a_process_whose_locale_does_not_exist_is_found_legacy() -> None:
    """As the frozen program runs with LANG naming a locale the machine lacks (python itself
    coerces it away first, so the locale is tried with coercion off)."""
    code = "from app import childenv; print(childenv.for_other_program(bundle=None).get('LC_CTYPE'))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="xx_NOWHERE.UTF-8", PYTHONCOERCECLOCALE="0", PYTHONUTF8="1")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    assert done.stdout.strip() == "C.UTF-8"
