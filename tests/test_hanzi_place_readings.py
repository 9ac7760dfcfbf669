"""More names read otherwise than ICU files their first character (resources/hanzi_words.txt):
长江 cháng (水利部长江水利委员会 publishes its own 年度报告), 都江堰/都匀 dū (ICU: dōu), 曾都 zēng
(céng), 筠连 jūn (yún), 浚县 xùn (jùn), 尉犁 yù (wèi), 荥经 yíng (xíng), 涡阳 guō (wō), 牟平 mù
(móu).  Each sorted among its neighbours as a list of places has it (rev18)."""

from __future__ import annotations

import pytest

from app import hanzi_order


@pytest.mark.parametrize(("before", "name", "after"), [
    ("长春市", "长江水利委员会", "常州市"),  # chang-jiang before chang-zhou, not among the zh
    ("斗门区", "都江堰市", "独山县"),  # dǒu < dū
    ("斗门区", "都匀市", "独山县"),
    ("增城区", "曾都区", "张家口市"),  # zēng, among the z (ICU: céng, among the c)
    ("金华市", "筠连县", "开封市"),
    ("许昌市", "浚县", "延安市"),
    ("武汉市", "尉犁县", "岳阳市"),
    ("盐城市", "荥经县", "玉林市"),
    ("广州市", "涡阳县", "哈尔滨市"),
    ("牡丹江市", "牟平区", "南京市"),  # mù after mǔ (ICU: móu, before it)
])
def test_a_place_sorts_by_its_reading(before: str, name: str, after: str) -> None:
    assert sorted([after, name, before], key=hanzi_order.key) == [before, name, after]
