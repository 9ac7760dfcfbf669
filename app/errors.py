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
    return f"无法读取（{os_words(e)}）"


# The system's reasons a user meets, in Chinese: its own words (e.strerror) are English, and
# "Too many levels of symbolic links" or "Transport endpoint is not connected" reached the user
# as they were.  By name: not every system has every code (Windows lacks some).
_OS_WORDS = {
    "ELOOP": "符号链接循环：链接指向自身或互相指向",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EISDIR": "这是一个文件夹，不是文件",
    "ENOENT": "文件或文件夹不存在",
    "EEXIST": "同名文件已存在",
    "EACCES": "没有权限",
    "EPERM": "系统不允许这项操作",
    "EROFS": "所在磁盘是只读的",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出了磁盘配额",
    "EFBIG": "文件超出了磁盘或系统允许的大小",
    "EIO": "读写磁盘时出错",
    "ENAMETOOLONG": "文件名或路径过长",
    "ESTALE": "网络盘上的文件已失效（可能已被别处删除或网络盘已重新连接）",
    "ENOTCONN": "网络盘或挂载的文件夹已断开",
    "ETIMEDOUT": "网络盘响应超时",
    "EHOSTDOWN": "网络盘所在的电脑无法连接",
    "EHOSTUNREACH": "网络盘所在的电脑无法连接",
    "ECONNRESET": "与网络盘的连接中断",
    "ECONNREFUSED": "网络盘拒绝连接",
    "ENETDOWN": "网络已断开",
    "ENETUNREACH": "网络无法连接",
    "ENODEV": "设备不存在或已移除",
    "ENXIO": "设备不存在或已移除",
    "ENOMEDIUM": "驱动器中没有可读的介质",
    "EMFILE": "打开的文件过多",
    "ENFILE": "系统打开的文件过多",
    "ENOMEM": "内存不足",
    "EBUSY": "文件或设备正被占用",
    "ETXTBSY": "文件正被运行的程序占用",
    "EAGAIN": "文件暂时无法访问",
    "EWOULDBLOCK": "文件暂时无法访问",
    "EINTR": "操作被中断",
    "EINVAL": "文件名或操作无效",
    "EOVERFLOW": "文件过大",
    "EXDEV": "不能跨磁盘移动",
    "EOPNOTSUPP": "所在的文件系统不支持这项操作",
    "ENOTSUP": "所在的文件系统不支持这项操作",
    "ENOSYS": "所在的文件系统不支持这项操作",
    "ENOTEMPTY": "文件夹不是空的",
    "EBADF": "文件已关闭",
    "ENOEXEC": "文件格式无效",
}


def os_words(e: OSError) -> str:
    """Why the system refused, in Chinese words (never its English strerror): by the error's
    code where it is one users meet, else the code's number for whoever supports them."""
    import errno

    for name, words in _OS_WORDS.items():
        code = getattr(errno, name, None)
        if code is not None and e.errno == code:
            return words
    if e.errno:
        return f"系统错误，代码 {e.errno}"
    winerror = getattr(e, "winerror", None)
    return f"系统错误，代码 {winerror}" if winerror else "系统错误"
