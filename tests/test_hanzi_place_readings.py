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


def _plain(text: str) -> str:
    """``text``'s key with each character as ICU files it: no word of the table read."""
    return "".join(hanzi_order.key(ch) for ch in text)  # one character is never a word of it


def _table() -> dict[str, str]:
    return hanzi_order._words()[1]


@pytest.mark.parametrize("before", ["学校", "尊", "的", "工作"])
def test_a_place_name_inside_another_word_is_not_read_as_the_place(before: str) -> None:
    """rev18: the names were matched anywhere, so 校长安排 read 长 as in 长安 (cháng), though it is
    校长 (zhǎng).  After a character that does not end a place or an organ, every name of the
    table keeps its characters' readings."""
    for name in _table():
        assert hanzi_order.key(before + name + "会") == _plain(before + name + "会"), name


@pytest.mark.parametrize("before", ["", "/收到的年报/", "2023", "某省", "某市", "某县", "某区", "某部", "湖南", "内蒙古",
                                    "2023年度", "重庆"])
def test_a_place_name_where_a_place_stands_is_read_as_the_place(before: str) -> None:
    for name, sorted_as in _table().items():
        assert hanzi_order.key(before + name + "市") == hanzi_order.key(before + sorted_as + "市"), name


def test_a_word_with_a_places_characters_sorts_by_its_own_reading() -> None:
    """校长 is zhǎng: after 学校常务 (cháng); the places keep theirs among them."""
    names = ["学校长安排.docx", "学校常务会议.docx", "西安市长安区.docx", "西安市常州路.docx", "西安市张家堡.docx"]
    assert sorted(names, key=hanzi_order.key) == [
        "西安市长安区.docx", "西安市常州路.docx", "西安市张家堡.docx", "学校常务会议.docx", "学校长安排.docx"]


@pytest.mark.parametrize("before", ["国家税务总局", "国家统计局", "中共", "关于", "学校"])
def test_a_place_name_before_a_division_is_read_as_the_place_whatever_precedes_it(before: str) -> None:
    """rev19: after an organ ending in another character than _AFTER's (局, 共, 于 of 关于) the name
    was read as ICU files its characters: 国家税务总局长沙市税务局 among the zh.  A division after it
    makes it a place."""
    for name, sorted_as in _table().items():
        for division in "市县区镇":
            assert hanzi_order.key(before + name + division) == hanzi_order.key(before + sorted_as + division), name


def test_the_tax_bureaus_of_cities_sort_by_their_cities_readings() -> None:
    bureaus = [f"国家税务总局{city}税务局.docx" for city in ("张家界市", "重庆市", "湛江市", "长沙市", "成都市", "常德市")]
    assert sorted(bureaus, key=hanzi_order.key) == [f"国家税务总局{city}税务局.docx" for city in (
        "常德市", "长沙市", "成都市", "重庆市", "湛江市", "张家界市")]
    assert sorted(["中共长沙市委.docx", "中共郴州市委.docx", "中共张家界市委.docx"], key=hanzi_order.key) == [
        "中共长沙市委.docx", "中共郴州市委.docx", "中共张家界市委.docx"]
