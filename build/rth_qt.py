"""Run-time hook of the frozen program, in place of PyInstaller's own PySide6 hook.

PyInstaller's hook imports PySide6.QtCore when the program starts, whatever the command: Qt's
libraries (and ICU's data) are loaded for `check` and `dump` too. Here only the plugin folder is
named at start-up (an environment variable, nothing loaded); the embedded qt.conf that PyInstaller's
hook registers is registered the moment PySide6.QtCore is first imported, by the editor or by
`export --to .pdf`. The command line's other commands never import Qt (app/ never does).
"""

import os
import sys


def _install() -> None:
    qt_dir = os.path.join(sys._MEIPASS, "PySide6")  # type: ignore[attr-defined]
    if not sys.platform.startswith("win"):
        qt_dir = os.path.join(qt_dir, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_dir, "plugins")

    class QtCoreFirstImport:
        """A meta-path finder that lets the real one find PySide6.QtCore, then registers qt.conf
        right after the module has loaded, and steps aside."""

        def find_spec(self, name: str, path: object = None, target: object = None) -> object:
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)
            import importlib.util

            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None:
                return spec
            load = spec.loader.exec_module

            def exec_module(module: object) -> None:
                load(module)  # type: ignore[arg-type]
                from _pyi_rth_utils import qt

                qt.create_embedded_qt_conf("PySide6", qt_dir)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, QtCoreFirstImport())


_install()
del _install
