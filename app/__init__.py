"""年报编辑器 — the domain: the statutory format, the report, checks, .docx/.xlsx I/O.

Plain Python: nothing under app/ imports Qt (tests/test_layering.py enforces it).
"""

import logging

__version__ = "0.1.0"

# A library's logger: silent unless a program gives it a handler (the editor's log file,
# app/logs.py). Without this, logging's last resort would print tracebacks on stderr.
logging.getLogger("nianbao").addHandler(logging.NullHandler())
