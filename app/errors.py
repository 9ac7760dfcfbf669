"""The two errors every reader and writer raises: one line of Chinese for the user.

A module of its own so that readers, limits and writers share them without importing app.io
(which dispatches to the readers)."""


class ReadError(Exception):
    """A file could not be read.  str(err) is one line of Chinese naming the file and why."""


class WriteError(Exception):
    """A file could not be written.  str(err) is one line of Chinese naming the file and why."""
