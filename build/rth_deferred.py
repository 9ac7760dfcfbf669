"""Run-time hook of the frozen program: PyInstaller's own hooks for modules that `check` and
`dump` never import, run when the module is first imported instead of at every start.

PyInstaller runs its multiprocessing, pkgutil and inspect hooks before the program, and each
imports its module (multiprocessing with subprocess and socket, ~15 ms): the command line would pay
for a pool it starts only for `check DIR`. build/nianbao.spec takes those hooks out of the start-up
list and appends to this file a call of _install with their sources, exactly as PyInstaller ships
them, each keyed by the module it patches. build/entry.py imports multiprocessing only in a worker.
"""

import sys


def _install(hooks: dict[str, str]) -> None:
    """hooks: {top-level module name: source of the hook to run right after that module has loaded}
    (a submodule is bound to its package only after it has loaded: a hook would not see it there)."""
    pending = dict(hooks)

    class AfterFirstImport:
        """A meta-path finder that lets the real finders find a pending module, then runs its hook
        once the module has loaded; it steps aside when nothing is pending."""

        def find_spec(self, name: str, path: object = None, target: object = None) -> object:
            source = pending.pop(name, None)  # popped first: the look-up below re-enters here
            if source is None:
                return None
            if not pending:
                sys.meta_path.remove(self)
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
            else:
                return None
            loader = spec.loader
            if loader is None:
                return spec
            load = loader.exec_module

            def exec_module(module: object) -> None:
                del loader.exec_module  # the loader is the module's own: back to its class's method
                load(module)
                exec(compile(source, f"<{name} hook>", "exec"), {"__name__": f"pyi_rth_{name}"})

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, AfterFirstImport())
