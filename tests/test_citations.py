"""The statutory documents the text cites by number (app/checks/citations.py): a year replaced
through the whole text (编辑 → 替换 2021 → 2022, rev24c R1) must not pass unsaid into
“国办公开办函〔2021〕30号”; numbers as issued, and other documents' numbers, are left alone."""

from __future__ import annotations

import dataclasses

import pytest

from app.checks import run_all
from app.reading import load_report
from app.report import Paragraph, Report
from tests.ui.conftest import SAMPLE

CODE = "CITATION-CHANGED"


def _found(sentence: str) -> list[str]:
    report = Report(organ="某县人民政府办公室", year=2022, sections={"一": [Paragraph.plain(sentence)]})
    return [f.message for f in run_all(report) if f.code == CODE]


@pytest.mark.parametrize("sentence", [
    "根据国办公开办函〔2022〕30号要求编制本报告。",
    "按照《关于印发…的通知》（国办公开办函[2022]30号）编制。",
    "依据国办公开办函［2023］30号、国办公开办函【2022】30号。",
    "依据国办公开办函（2022）第30号。",
    "参照国办公开办函〔2021〕60号的格式。",  # the 2019 notice's serial with another year
])
def test_a_cited_notice_with_another_year_is_said(sentence: str) -> None:
    found = _found(sentence)
    assert found, sentence
    assert all("改回" in m for m in found)


@pytest.mark.parametrize("sentence", [
    "根据国办公开办函〔2021〕30号要求编制本报告。",
    "依据国办公开办函〔2019〕60号和国办公开办函〔2021〕30号。",
    "依据国办发〔2022〕30号文件。",  # another issuer
    "依据国办公开办函〔2022〕15号文件。",  # another serial: a document of its own
    "2022年共收到申请30件。",
])
def test_numbers_as_issued_and_other_documents_are_left_alone(sentence: str) -> None:
    assert _found(sentence) == []


def test_replacing_the_year_through_the_real_report_is_caught_at_the_citation() -> None:
    report = load_report(SAMPLE)
    assert not [f for f in run_all(report) if f.code == CODE], "the published report cites as issued"
    year = str(report.year)
    replaced = {key: [Paragraph.plain(p.text.replace(year, str(report.year + 1)), p.kind) for p in paras]
                for key, paras in report.sections.items()}
    cited = [(k, i) for k, paras in report.sections.items() for i, p in enumerate(paras) if f"〔{year}〕30号" in p.text]
    assert cited, "the sample cites the format notice"
    after = dataclasses.replace(report, year=report.year + 1, sections=replaced)
    found = [f for f in run_all(after) if f.code == CODE]
    assert {(f.location.section, f.location.span.paragraph) for f in found if f.location.span} == set(cited)
    for f in found:
        assert f.location.span is not None
        text = replaced[f.location.section][f.location.span.paragraph].text
        assert text[f.location.span.start:f.location.span.end].endswith(f"〔{report.year + 1}〕30号")
