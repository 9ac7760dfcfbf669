"""argparse's own words in Chinese (usage, errors, --help), for the command line's users.

argparse looks its messages up through gettext at call time (the module-level ``_``), and no
Chinese catalogue ships with Python; the command line installs this table before parsing.
Strings not listed stay as Python wrote them.
"""

from __future__ import annotations

import argparse

ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中须给出一个",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def translate(message: str) -> str:
    return ZH.get(message, message)


def install() -> None:
    argparse._ = translate  # type: ignore[attr-defined]
