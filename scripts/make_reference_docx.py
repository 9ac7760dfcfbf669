"""Regenerate resources/reference.docx, the template every report is written into, from
app/page.py (via app/docx/template.py).  Run after changing the page or type declaration:

    .venv/bin/python scripts/make_reference_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.docx import template  # noqa: E402


def main() -> None:
    out = ROOT / "resources" / "reference.docx"
    out.write_bytes(template.build())
    print(out)


if __name__ == "__main__":
    main()
