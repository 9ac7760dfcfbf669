"""The two errors every reader and writer raises: one line of Chinese for the user.

A module of its own so that readers, limits and writers share them without importing app.io
(which dispatches to the readers)."""


class ReadError(Exception):
    """A file could not be read.  str(err) is one line of Chinese naming the file and why."""


class NotAReport(ReadError):
    """The file was read, and by its content is no report at all (a note, slides, a list of
    names): a batch passes it over instead of counting it unreadable."""


class WriteError(Exception):
    """A file could not be written.  str(err) is one line of Chinese naming the file and why."""


class FileInUse(WriteError):
    """The file could not be replaced because another program (Word, WPS, a PDF reader) holds
    it open: closing it there, or 另存为, is the way out (not a read-only file)."""


# A damaged or cut-short package, in the same words whichever check finds it (the zip's
# directory, a missing or broken main part): the GUI test got two wordings for one cause.
DAMAGED_DOCX = "文件已损坏或不完整，无法作为 Word 文档（.docx）读取；可在 Word 或 WPS 中打开后另存为 .docx 再试"
DAMAGED_XLSX = "文件已损坏或不完整，无法作为 Excel 工作簿（.xlsx）读取；可在 Excel 或 WPS 中打开后另存为 .xlsx 再试"


# Windows' sharing violation and lock violation: another program (Word, WPS, Excel, a PDF
# reader) has the file open and lets nobody else read or write it.
IN_USE_WINERRORS = (32, 33)
FILENAME_TOO_LONG_WINERROR = 206


def in_use(e: OSError) -> bool:
    """Windows refused because another program holds the file open (not a read-only file)."""
    return getattr(e, "winerror", None) in IN_USE_WINERRORS


# What a read stopped by the user (批量检查's 取消) says, should anything show it.
CANCELLED = "已取消读取"


def unwritable(e: OSError) -> str:
    """Why a working file (a temporary copy, an unpacked package) could not be written, in
    Chinese: the system's own words are English, and not every failure is a full disk."""
    import errno

    if e.errno == errno.ENOSPC:
        return "磁盘空间不足，请清理磁盘后再试"
    if e.errno == errno.ENAMETOOLONG or getattr(e, "winerror", None) == FILENAME_TOO_LONG_WINERROR:
        return "文件名或路径过长"
    if isinstance(e, PermissionError):
        return "没有写入权限"
    if e.errno == errno.EIO:
        return "写入磁盘时出错"
    return "无法写入，请检查磁盘空间和权限后再试"


def unreadable(e: OSError) -> str:
    """Why a file could not be read, in Chinese (the system's own words are English)."""
    import errno

    if in_use(e):
        return "文件正被其他程序（Word、WPS 等）占用，无法读取；请在该程序中关闭这个文件后重试"
    if getattr(e, "winerror", None) == FILENAME_TOO_LONG_WINERROR:
        return "文件名或路径过长，无法读取"
    if isinstance(e, PermissionError):
        return "没有读取权限，无法读取（文件可能正被其他程序独占打开，或权限设置不允许）"
    if isinstance(e, FileNotFoundError):
        return "文件不存在"
    if isinstance(e, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if e.errno == errno.ENAMETOOLONG:
        return "文件名或路径过长，无法读取"
    if e.errno == errno.EIO:
        return "读取磁盘时出错，无法读取（U 盘或网络盘可能已断开）"
    return f"无法读取（{e.strerror or e}）"
