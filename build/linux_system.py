"""What the Linux bundle takes from the office PC rather than carrying: declared once, read by
the PyInstaller spec (these are not shipped), build/glibc_floor.py (a need for one of these is
met) and build/deb.sh (the .deb depends on their packages).

Chosen so that the 统信UOS 20 / 麒麟 V10 desktop (Debian 10 era, glibc 2.28) has them: glibc
itself, the C++ runtime, and the desktop's X11/Wayland/GL/font/print libraries, which must match
the running desktop anyway. Package names are Debian's; "a | b" where Debian 10 and 12 differ.
Anything PyInstaller collects that is not listed here is shipped, and must pass the floor.
"""

from __future__ import annotations

# Parts of glibc: always there, at the version the floor check guards.
GLIBC_SONAMES = frozenset({
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
    "libresolv.so.2", "libcrypt.so.1", "ld-linux-x86-64.so.2", "libnsl.so.1", "libanl.so.1",
})

# soname -> Debian package that provides it on the target.
SYSTEM_LIBS: dict[str, str] = {
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1 | libgcc1",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1 | libwayland-egl1-mesa",
    "libcups.so.2": "libcups2",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}
# Not listed on purpose, so they are shipped: libxcb-util.so.1 (Debian 10 has only .so.0, and
# Qt's xcb platform plugin needs .so.1; the build machine's copy needs only old GLIBC symbols).


def depends() -> str:
    """The .deb's Depends field: each package once, in a stable order."""
    seen: list[str] = []
    for pkg in SYSTEM_LIBS.values():
        if pkg not in seen:
            seen.append(pkg)
    return ", ".join(["libc6 (>= 2.28)", *seen])


if __name__ == "__main__":
    print(depends())
