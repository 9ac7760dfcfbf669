"""When a report must be published, by the level of the organ that writes it, declared as data.

条例第四十九条 and the 2021 format's 报告方式及时间: a 县级以上人民政府部门 publishes its report
by 1月31日; so do 乡镇人民政府 and 街道办事处 (参照部门), and a government's 办公厅（室） its own
report; a 县级以上地方人民政府's own report (本级政府年度报告) is published by 3月31日.
The level is read from the organ's name; where the name does not tell, the 部门 deadline is
assumed and the message says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.patterns import lazy
from app.textfold import fold


@dataclass(frozen=True)
class Level:
    """A kind of organ and the deadline its report has."""

    name: str  # how the message names the kind of report
    deadline: tuple[int, int]  # (month, day) of the year after the report's year
    basis: str  # where the deadline comes from
    pattern: re.Pattern[str]  # the organ's name (brackets removed) ends like this


_ART49_1 = "条例第四十九条第一款"
_ART49_2 = "条例第四十九条第二款"
# First match wins: an office or a 街道 of a government is not the government itself.
LEVELS: tuple[Level, ...] = (
    Level("县级以上地方人民政府办公厅（室）", (1, 31), f"{_ART49_1}，年报格式“报告方式及时间”",
          lazy(r"政府办(?:公厅|公室)?$")),
    Level("街道办事处", (1, 31), f"参照县级以上人民政府部门，{_ART49_1}",
          lazy(r"街道(?:办事处|办)?$")),
    Level("乡镇人民政府", (1, 31), f"参照县级以上人民政府部门，{_ART49_1}",
          lazy(r"(?:乡|镇|苏木)(?:人民政府|政府)?$")),
    Level("县级以上地方人民政府本级", (3, 31), _ART49_2,
          lazy(r"(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|自治旗|特区|林区)(?:人民政府|政府)$")),
    Level("县级以上人民政府部门", (1, 31), _ART49_1,
          lazy(r"(?:局|委员会|委|办公室|办|厅|署|中心|院|所|部|处|站|队|馆|会|行|司)$")),
)
DEFAULT = LEVELS[-1]  # assumed where the name does not tell


def level_of(organ: str) -> tuple[Level, bool]:
    """The organ's level and whether its name told it (False: DEFAULT assumed)."""
    name = re.sub(r"[（(][^（）()]*[)）]$", "", fold(organ))
    for level in LEVELS:
        if name and level.pattern.search(name):
            return level, True
    return DEFAULT, False


def deadline(organ: str, year: int) -> tuple[dt.date, Level, bool]:
    """The last day to publish the report for ``year``, the level it follows, and whether the
    level was told by the name."""
    level, known = level_of(organ)
    return dt.date(year + 1, *level.deadline), level, known
