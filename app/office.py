"""LibreOffice, where it is installed: converting old or foreign formats, with a private
profile so that a running LibreOffice (or another conversion) does not get in the way, and
locked down so that converting a stranger's file never reaches the network nor runs its
macros: linked pictures and other untrusted links blocked, links never updated, macros off at
the highest security level, no proxy lookup, no update check."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

CANCEL_POLL_S = 0.1  # how often a conversion looks whether it was cancelled

# (configuration path, property, value): written into the private profile's
# registrymodifications.xcu before every conversion (names from LibreOffice's main.xcd).
LOCKDOWN: tuple[tuple[str, str, str], ...] = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "CheckDocumentEvents", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # 0: never update links
    ("/org.openoffice.Office.Writer/Content/Update", "Field", "false"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "0"),
    # Anything that still tries the network goes to a proxy that is never there (port 9, the
    # discard port, on this machine), local addresses included.
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
     "AutoCheckEnabled", "false"),
)


_DEAD = "http://127.0.0.1:9"
# The same dead proxy for whatever reads the environment rather than the profile.
DEAD_PROXY_ENV = {name: _DEAD for name in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy",
                                           "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY")}
DEAD_PROXY_ENV.update(no_proxy="", NO_PROXY="")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def private_profile(folder: Path) -> Path:
    """A fresh LibreOffice user profile in ``folder`` carrying LOCKDOWN; returns the folder."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in LOCKDOWN
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n{items}\n</oor:items>\n',
        encoding="utf-8",
    )
    return folder


def convert(src: Path, to: str, outdir: Path, timeout: float = 180,
            cancelled: Callable[[], bool] | None = None) -> Path | None:
    """``src`` converted to format ``to`` (docx, pdf, …) in ``outdir``; None when LibreOffice
    is missing, fails, takes too long, or ``cancelled()`` turns true (LibreOffice is stopped
    then: the user who pressed 取消 is not kept waiting for it, nor is a second conversion)."""
    program = soffice()
    if program is None:
        return None
    profile = private_profile(outdir / "lo-profile")
    # A file URI, not "file://" + path: Windows paths and user names with spaces or Chinese.
    cmd = [program, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", to, "--outdir", str(outdir), str(src)]
    try:
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, **DEAD_PROXY_ENV})
    except OSError:
        return None
    deadline = time.monotonic() + timeout
    while True:
        try:
            process.wait(timeout=CANCEL_POLL_S)
            break
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline or (cancelled is not None and cancelled()):
                process.kill()
                process.wait()
                return None
    out = outdir / f"{src.stem}.{to}"
    return out if out.exists() else None
