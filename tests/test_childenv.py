"""LibreOffice is started in the user's environment, not the frozen bundle's (app/childenv.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import childenv

BUNDLE = "/opt/nianbao/_internal"
ROOT = Path(__file__).resolve().parent.parent


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


@pytest.mark.skipif(os.name != "posix", reason="LC_* variables are POSIX")
def test_the_variable_that_decides_the_character_type_is_the_one_made_utf8() -> None:
    """POSIX: LC_ALL, then LC_CTYPE, then LANG — the first set and not empty decides.  In a
    process whose own character type is C, LC_ALL naming a locale the machine lacks left
    LibreOffice in the C locale however LC_CTYPE was set (review15 M3)."""
    def fixed(**env: str) -> dict[str, str]:
        return childenv.for_other_program(env, bundle=None, legacy_locale=True)

    assert fixed(LC_ALL="zh_CN.UTF-8", LANG="zh_CN.UTF-8") == {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}
    assert fixed(LC_ALL="zh_CN.GBK", LC_CTYPE="C.UTF-8") == {"LC_ALL": "C.UTF-8", "LC_CTYPE": "C.UTF-8"}
    assert fixed(LC_CTYPE="zh_CN.UTF-8", LANG="en_US.UTF-8") == {"LC_CTYPE": "C.UTF-8", "LANG": "en_US.UTF-8"}
    assert fixed(LC_ALL="", LANG="zh_CN.UTF-8") == {"LC_ALL": "", "LANG": "zh_CN.UTF-8", "LC_CTYPE": "C.UTF-8"}, \
        "an empty LC_ALL is no LC_ALL"
    assert fixed() == {"LC_CTYPE": "C.UTF-8"}
    for named in ("C", "POSIX"):
        assert fixed(LC_ALL=named) == {"LC_ALL": named}, "the C locale named on purpose is the user's word"
    assert childenv.for_other_program({"LC_ALL": "zh_CN.UTF-8"}, bundle=None, legacy_locale=False) == {
        "LC_ALL": "zh_CN.UTF-8"}, "a locale that exists (the process's own is not C) is left alone"


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


@pytest.mark.skipif(os.name != "posix", reason="LC_* variables are POSIX")
def test_lc_all_naming_a_locale_that_does_not_exist_is_found_legacy() -> None:
    """Python coerces no locale when LC_ALL is set (PEP 538): run from source too, the process's
    character type is C, and LibreOffice's LC_ALL is the one to change."""
    code = "from app import childenv; print(childenv.for_other_program(bundle=None).get('LC_ALL'))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.update(LC_ALL="xx_NOWHERE.UTF-8", PYTHONUTF8="1")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    assert done.stdout.strip() == "C.UTF-8"


def _missing_locale() -> str | None:
    """A Chinese locale this machine lacks (None when it has them all)."""
    import locale

    for name in ("zh_CN.UTF-8", "zh_CN.GB18030", "zh_TW.UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
        except locale.Error:
            return name
        finally:
            locale.setlocale(locale.LC_CTYPE, "")
    return None


@pytest.mark.libreoffice
@pytest.mark.skipif(os.name != "posix" or shutil.which("soffice") is None, reason="soffice not installed (POSIX)")
def test_a_doc_with_a_chinese_name_converts_with_lc_all_naming_a_missing_locale(tmp_path: Path) -> None:
    """The user's case: LC_ALL=zh_CN.UTF-8 on a machine without that locale, 中文年报.doc opened
    (read through LibreOffice): read, not 转换失败."""
    missing = _missing_locale()
    if missing is None:
        pytest.skip("every Chinese locale tried is installed here")
    made = tmp_path / "made"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(made), str(ROOT / "tests" / "data" / "xiaogang-2021.docx")],
                   check=True, timeout=180, capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    doc = tmp_path / "中文年报.doc"
    (made / "xiaogang-2021.doc").rename(doc)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env["LC_ALL"] = missing
    done = subprocess.run([sys.executable, "-m", "app", "dump", str(doc)], env=env, capture_output=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    dumped = json.loads(done.stdout.decode("utf-8"))
    assert "2021" in json.dumps(dumped, ensure_ascii=False), "the report's own text read"


def test_the_editors_own_settings_are_not_passed_on_but_the_users_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """ui/main.py keeps Qt's raster fills on the painting thread (QT_NO_GUI_THREADPOOL): the
    editor's own choice, not given to a file manager or LibreOffice started from it; the same
    variable set by the user is theirs, kept for the editor and passed on."""
    monkeypatch.setattr(childenv, "_own", {})
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    childenv.set_own("QT_NO_GUI_THREADPOOL", "1")
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"
    env = childenv.for_other_program(bundle=None, legacy_locale=False)
    assert "QT_NO_GUI_THREADPOOL" not in env and env.get("PATH") == os.environ.get("PATH")
    monkeypatch.setattr(childenv, "_own", {})
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "yes")  # the user's
    childenv.set_own("QT_NO_GUI_THREADPOOL", "1")
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "yes"
    assert childenv.for_other_program(bundle=None, legacy_locale=False)["QT_NO_GUI_THREADPOOL"] == "yes"
