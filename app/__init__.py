"""年报编辑器 — the domain: the statutory format, the report, checks, .docx/.xlsx I/O.

Plain Python: nothing under app/ imports Qt (tests/test_layering.py enforces it).
"""

__version__ = "0.1.0"
