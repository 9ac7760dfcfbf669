"""LibreOffice conversions never reach the network: a .odt, .doc and .rtf that link a picture
by URL are converted while a local HTTP listener on 127.0.0.1 counts requests.  The control
case (the same conversion without the lockdown) shows the listener does see LibreOffice's
requests, so the test can fail."""

from __future__ import annotations

import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from app import office

pytestmark = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice is not installed")


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    hits: ClassVar[list[str]] = []
    handler = type("Handler", (_Listener,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/picture.png", hits
    finally:
        server.shutdown()
        server.server_close()


def linked_odt(path: Path, url: str) -> Path:
    """A text document whose only picture is linked (not embedded) from ``url``."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">'
        "<office:body><office:text><text:p>某局2023年政府信息公开工作年度报告</text:p><text:p>"
        '<draw:frame draw:name="g1" text:anchor-type="paragraph" svg:width="2cm" svg:height="2cm">'
        f'<draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p></office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def linked_rtf(path: Path, url: str) -> Path:
    path.write_text(
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\pard Report\\par"
        f'{{\\field{{\\*\\fldinst INCLUDEPICTURE "{url}" \\\\d}}{{\\fldrslt }}}}\\par}}',
        encoding="ascii",
    )
    return path


def test_the_profile_carries_the_lockdown(tmp_path: Path) -> None:
    xcu = (office.private_profile(tmp_path / "p") / "user" / "registrymodifications.xcu").read_text("utf-8")
    for needle in ('"BlockUntrustedRefererLinks"><value>true', '"MacroSecurityLevel"><value>3',
                   '"DisableMacrosExecution"><value>true', '"ooInetProxyType"><value>1'):
        assert needle.replace(">", ' oor:op="fuse">', 1) in xcu, needle


@pytest.mark.parametrize("layer", ["profile", "environment", "both"])
def test_converting_linked_pictures_makes_no_request(tmp_path: Path, listener: tuple[str, list[str]],
                                                     monkeypatch: pytest.MonkeyPatch, layer: str) -> None:
    """Each layer holds on its own: the profile's settings, and the dead proxy in the environment."""
    url, hits = listener
    if layer == "profile":
        monkeypatch.setattr(office, "DEAD_PROXY_ENV", {})
    elif layer == "environment":
        monkeypatch.setattr(office, "LOCKDOWN", ())
    odt = linked_odt(tmp_path / "linked.odt", url)
    doc = office.convert(odt, "doc", tmp_path / "made")  # Word 97 keeps the picture as a link
    assert doc is not None
    sources = [odt, doc, linked_rtf(tmp_path / "linked.rtf", url)]
    for src in sources:
        out = office.convert(src, "docx", tmp_path / f"out-{src.suffix[1:]}")
        assert out is not None and out.stat().st_size > 0, src
    assert hits == [], f"LibreOffice fetched {hits}"


def test_without_the_lockdown_the_listener_would_see_it(tmp_path: Path, listener: tuple[str, list[str]],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url, hits = listener
    odt = linked_odt(tmp_path / "linked.odt", url)
    monkeypatch.setattr(office, "LOCKDOWN", ())
    monkeypatch.setattr(office, "DEAD_PROXY_ENV", {})
    for name in list(office.DEAD_PROXY_ENV):
        monkeypatch.delenv(name, raising=False)
    office.convert(odt, "docx", tmp_path / "out")
    assert hits, "the control: an unlocked LibreOffice does fetch the linked picture"
