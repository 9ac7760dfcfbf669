"""Run-time hook of the frozen program: PyInstaller's own hooks for modules that `check` and
`dump` never import, run when the module is first imported instead of at every start.

PyInstaller runs its multiprocessing, pkgutil and inspect hooks before the program, and each
imports its module (multiprocessing with subprocess and socket, ~15 ms): the command line would pay
for a pool it starts only for `check DIR`. build/nianbao.spec takes those hooks out of the start-up
list and appends to this file a call of _install with their code, exactly as PyInstaller ships
them (compiled by the Python that builds the bundle, which is the one it carries), each keyed by
the module it patches. build/entry.py imports multiprocessing only in a worker.

`check` and `dump` do import inspect (dataclasses does), but never call inspect.getsourcefile, the
one function PyInstaller's inspect hook replaces; the hook lists base_library.zip's members to do
it (zipfile, a code page, ~1.5 ms). So that hook waits for the first call of getsourcefile.

PyInstaller's bootstrap itself imports ctypes at every start (~17 M instructions, 2% of a `check`,
which never uses ctypes), only to wrap its library loaders so that they look in the program's folder
(pyimod03_ctypes.install). The spec ships the bootstrap without that call (BOOTSTRAP_FIX) and
CTYPES_HOOK makes it when ctypes is first imported, before the importer gets the module.
"""

import marshal
import sys

BOOTSTRAP_FIX = ("    import pyimod03_ctypes  # noqa: E402\n    pyimod03_ctypes.install()\n",
                 "    pass  # nianbao: pyimod03_ctypes.install() runs when ctypes is first imported (rth_deferred)\n")
CTYPES_HOOK = "import pyimod03_ctypes\npyimod03_ctypes.install()\n"


def _run(name: str, hook: str | bytes) -> None:
    """A hook's source, or its code as marshal.dumps gave it at build time."""
    code = marshal.loads(hook) if isinstance(hook, bytes) else compile(hook, f"<{name} hook>", "exec")
    exec(code, {"__name__": f"pyi_rth_{name}"})


def _on_first_call(module: object, attr: str, name: str, hook: str | bytes) -> None:
    """module.attr runs the hook when first called, then whatever the hook made of it."""
    original = getattr(module, attr)
    done: list[object] = []

    def first_call(*args: object, **kwargs: object) -> object:
        if not done:
            setattr(module, attr, original)  # the hook wraps the original function, not this one
            _run(name, hook)
            done.append(getattr(module, attr))
        return done[0](*args, **kwargs)  # type: ignore[operator]

    for key in ("__name__", "__qualname__", "__doc__", "__module__"):
        setattr(first_call, key, getattr(original, key, None))
    setattr(module, attr, first_call)


def _install(hooks: dict[str, str | bytes], on_first_call: dict[str, str] | None = None) -> None:
    """hooks: {top-level module name: the hook (source or marshalled code) to run right after that
    module has loaded} (a submodule is bound to its package only after it has loaded: a hook would
    not see it there). on_first_call: {module name: function name} for hooks that only replace
    that function of their module: those run when it is first called."""
    pending = dict(hooks)
    later = dict(on_first_call or {})

    class AfterFirstImport:
        """A meta-path finder that lets the real finders find a pending module, then runs its hook
        once the module has loaded; it steps aside when nothing is pending."""

        def find_spec(self, name: str, path: object = None, target: object = None) -> object:
            hook = pending.pop(name, None)  # popped first: the look-up below re-enters here
            if hook is None:
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
                if name in later:
                    _on_first_call(module, later[name], name, hook)
                else:
                    _run(name, hook)

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, AfterFirstImport())
