"""Windows: every process the editor spawns (the batch's workers, a window's check and read
processes, run_apart's: app.batch_pool.spawn_pool) and whatever those start (LibreOffice) in one
job object that ends them all when the editor's last handle to it closes — the editor killed from
the Task Manager, crashed, logged off.  Their own watch on the parent (app.batch_pool's
``_leave_with_parent``) is a Python thread: a worker stuck in C holding the GIL (a hostile file's
parse) never ran it, and the workers and their LibreOffice outlived the editor.

The job is made once per editor process, with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, named, and its
handle kept until the process ends.  Each child joins it by name first thing (before it reads or
starts anything, so whatever it starts is in the job too) and closes its own handle at once: the
editor's is the last, and its close is the end of them all.  A system that refuses (a job the
editor runs in that allows no nested job, Windows 7) leaves the children to their watch, as
before.  Elsewhere nothing: POSIX has the workers' process groups and the parent's sentinel.

The calls go through ``kernel32`` (ctypes' on Windows, a stand-in in the tests, which run on
Linux: what is decided and what is called is tested everywhere).
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Any

KILL_ON_JOB_CLOSE = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
ASSIGN_PROCESS = 0x0001  # JOB_OBJECT_ASSIGN_PROCESS: the right AssignProcessToJobObject needs
EXTENDED_LIMITS = 9  # JobObjectExtendedLimitInformation
NAME_PREFIX = "Local\\nianbao-job-"  # this logon session's namespace


class BasicLimits(ctypes.Structure):
    """JOBOBJECT_BASIC_LIMIT_INFORMATION (LARGE_INTEGER, DWORD, SIZE_T, ULONG_PTR as Windows has them)."""

    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", ctypes.c_uint32), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", ctypes.c_uint32),
                ("Affinity", ctypes.c_size_t), ("PriorityClass", ctypes.c_uint32), ("SchedulingClass", ctypes.c_uint32)]


class IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in ("ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                                                     "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class ExtendedLimits(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION: 144 bytes on 64-bit Windows, 112 on 32-bit."""

    _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


_held: list[tuple[str, Any]] = []  # (name, handle) of this process's job: never closed (its close ends the children)


def windows() -> bool:
    return sys.platform == "win32"


def kernel32() -> Any:
    """kernel32 with the types of the calls made (a HANDLE is pointer-sized: the default int
    return type would cut a 64-bit one)."""
    from ctypes import wintypes

    k = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    k.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    k.CreateJobObjectW.restype = wintypes.HANDLE
    k.OpenJobObjectW.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.LPCWSTR)
    k.OpenJobObjectW.restype = wintypes.HANDLE
    k.SetInformationJobObject.argtypes = (wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD)
    k.SetInformationJobObject.restype = wintypes.BOOL
    k.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    k.AssignProcessToJobObject.restype = wintypes.BOOL
    k.GetCurrentProcess.restype = wintypes.HANDLE
    k.CloseHandle.argtypes = (wintypes.HANDLE,)
    return k


def for_children(k: Any = None) -> str | None:
    """The name of this process's kill-on-close job, made at the first call, for the processes
    it spawns to join (``join``); None where not on Windows or where the system refused."""
    if not windows():
        return None
    if _held:
        return str(_held[0][0])
    try:
        k = k or kernel32()
        name = f"{NAME_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
        handle = k.CreateJobObjectW(None, name)
        if not handle:
            return None
        limits = ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = KILL_ON_JOB_CLOSE
        if not k.SetInformationJobObject(handle, EXTENDED_LIMITS, ctypes.byref(limits), ctypes.sizeof(limits)):
            k.CloseHandle(handle)  # a job that would not end them: none
            return None
    except (OSError, AttributeError, ValueError):
        return None
    _held.append((name, handle))
    return name


def join(name: str | None, k: Any = None) -> bool:
    """In a spawned child, first thing: this process into the job ``name`` (what it starts from
    now on is in it too), its own handle to the job closed at once.  False where there is none
    to join (not Windows, no name) or the system refused; never raises."""
    if not name or not windows():
        return False
    try:
        k = k or kernel32()
        handle = k.OpenJobObjectW(ASSIGN_PROCESS, False, name)
        if not handle:
            return False
        try:
            return bool(k.AssignProcessToJobObject(handle, k.GetCurrentProcess()))
        finally:
            k.CloseHandle(handle)  # the parent's handle the last one: its close ends this process
    except (OSError, AttributeError, ValueError):
        return False
