"""Fast checks of the reading-order benchmark's scrambler and scorer (benchmarks/reorder/).

They need the People's Daily reference data in ``../shared/data/peoples-daily`` and
skip cleanly without it.  The benchmark itself is not run here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "reorder"
DATA = ROOT.parent / "shared" / "data" / "peoples-daily"

pytestmark = pytest.mark.skipif(
    not (DATA / "articles.jsonl").is_file(), reason="reference data ../shared/data/peoples-daily absent"
)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"newsarchive_bench_reorder_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scramble = _load("scramble")
score = _load("score")


@pytest.fixture(scope="module")
def pages() -> dict[str, object]:
    return {p.name: p for p in scramble.load_pages(DATA)}


# a page with kickers, a subheadline-free multi-article layout, photos and headings
SAMPLE = ("2025-01-05_p04", "2026-01-15_p19", "2026-04-25_p07")


def _nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_data_is_read_whole(pages: dict[str, object]) -> None:
    assert len(pages) >= 81  # new days may only add pages
    assert all(p.items for p in pages.values())  # the empty advertisement page is skipped


def test_scrambler_is_deterministic(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[0]]
    first = scramble.scramble_page(page, 3)
    again = scramble.scramble_page(page, 3)
    other = scramble.scramble_page(page, 4)
    assert first == again
    assert first[0] != other[0]


@pytest.mark.parametrize("name", SAMPLE)
@pytest.mark.parametrize("seed", [0, 1])
def test_scrambled_text_conserves_truth_characters(pages: dict[str, object], name: str, seed: int) -> None:
    text, truth = scramble.scramble_page(pages[name], seed)
    assert Counter(_nows(text)) == Counter(_nows("".join(scramble.truth_texts(truth))))
    assert truth["split"] in ("dev", "heldout")
    assert truth["split"] == scramble.split_of(truth["date"])


def test_a_page_set_one_paragraph_a_line_differs_only_in_its_line_breaks(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[0]]
    text, truth = scramble.scramble_page(page, 2)
    single, single_truth = scramble.scramble_page(page, 2, scramble.ScrambleParams(one_newline_prob=1.0))
    assert "\n\n" not in single
    assert single == "\n".join(line for line in text.split("\n") if line.strip()) + "\n"
    assert single_truth["items"] == truth["items"]
    assert score.split_blocks(single) == [line.strip() for line in single.split("\n") if line.strip()]


def test_a_hard_wrapped_page_breaks_only_its_body_text_into_column_lines(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[0]]
    text, truth = scramble.scramble_page(page, 2)
    wrapped, wrapped_truth = scramble.scramble_page(page, 2, scramble.ScrambleParams(wrap_prob=1.0))
    assert wrapped_truth["items"] == truth["items"]
    assert wrapped != text and wrapped.replace("\n", "") == text.replace("\n", "")  # only line breaks differ ...
    lines = [line for line in wrapped.split("\n") if line.strip()]
    headers = {t for item in truth["items"] if item["type"] == "article" for t in (item["kicker"], item["headline"]) if t}
    assert headers <= set(lines)  # ... header lines stay whole ...
    widths = [sum(map(scramble._width, line)) for line in lines if line not in headers]
    column = max(set(widths), key=widths.count)
    assert column in scramble.WRAP_WIDTHS and widths.count(column) > len(widths) / 4  # ... body lines share a column width
    assert not any(line[0] in "。，、；：？！”）》" for line in lines)  # no closing mark opens a line


def test_headers_come_first_and_in_order(pages: dict[str, object]) -> None:
    text, truth = scramble.scramble_page(pages[SAMPLE[1]], 0)
    blocks = [_nows(b) for b in score.split_blocks(text)]
    for article in (i for i in truth["items"] if i["type"] == "article"):
        header = [_nows(article[k]) for k in ("kicker", "headline", "subheadline", "byline") if article[k]]
        start = blocks.index(header[0])
        assert blocks[start : start + len(header)] == header


def test_photo_lines_are_split_from_body() -> None:
    lines = ["图①：甲。", "梁孝鹏摄（人民视觉）", "图②：乙。", "资料图片", "正文一段。", "版式设计：张芳曼"]
    body, photos, furniture = scramble.split_photos(lines, set())
    assert body == ["正文一段。"]
    assert [(p.caption, p.credit) for p in photos] == [(lines[0], lines[1]), (lines[2], lines[3])]
    assert furniture == ["版式设计：张芳曼"]


def test_truth_scores_perfectly(pages: dict[str, object]) -> None:
    for name in SAMPLE:
        text, truth = scramble.scramble_page(pages[name], 1)
        result = score.score_page(truth, score.truth_to_output(truth), text)
        assert result.perfect, result.counts
        for key, _, higher in score.METRICS:
            num, den = result.counts[key]
            assert num == (den if higher and key != "crash" else 0), key


def test_baseline_scores_lower(pages: dict[str, object]) -> None:
    results = []
    for name in SAMPLE:
        text, truth = scramble.scramble_page(pages[name], 2)
        results.append(score.score_page(truth, score.baseline_output(text), text))
    total = score.aggregate(results)
    assert total["chars_lost"][0] == total["chars_invented"][0] == 0  # the baseline keeps every character
    assert total["perfect"][0] == 0
    for key in ("units", "successors", "photos", "headline"):
        num, den = total[key]
        assert num < den, key


def test_missed_join_fails_the_unit(pages: dict[str, object]) -> None:
    text, truth = scramble.scramble_page(pages[SAMPLE[1]], 0)
    output = score.truth_to_output(truth)
    article = output["items"][0]
    long_block = max(range(len(article["blocks"])), key=lambda i: len(article["blocks"][i]["text"]))
    block = article["blocks"][long_block]
    half = len(block["text"]) // 2
    halves = [dict(block, text=block["text"][:half]), dict(block, text=block["text"][half:])]
    article["blocks"][long_block : long_block + 1] = halves
    result = score.score_page(truth, output, text)
    assert result.counts["units"][1] - result.counts["units"][0] == 1
    assert result.counts["chars_lost"][0] == 0 and not result.perfect


def test_flags_are_scored_against_wrong_blocks(pages: dict[str, object]) -> None:
    # One block cut in two halves, one half flagged (confidence below inspect's 0.7), and a
    # right block flagged: one of two wrong blocks is flagged, one of two flags is on a wrong block.
    text, truth = scramble.scramble_page(pages[SAMPLE[1]], 0)
    output = score.truth_to_output(truth)
    blocks = output["items"][0]["blocks"]
    k = max(range(len(blocks)), key=lambda i: len(blocks[i]["text"]))
    half = len(blocks[k]["text"]) // 2
    blocks[k : k + 1] = [dict(blocks[k], text=blocks[k]["text"][:half], confidence=0.4), dict(blocks[k], text=blocks[k]["text"][half:])]
    blocks[k - 1 if k else k + 2]["confidence"] = 0.5
    result = score.score_page(truth, output, text)
    assert result.counts["flagged_wrong"] == [1, 2]
    assert result.counts["flags_right"] == [1, 2]


def test_heading_type_is_scored_only_where_the_source_marks_headings(pages: dict[str, object]) -> None:
    # The crawler kept bold in some articles only; in the others a heading is a plain line
    # that the truth calls a paragraph, so typing it heading must not count as an error.
    marked = [a.headings_marked for p in pages.values() for a in p.items if isinstance(a, scramble.ArticleTruth)]
    assert any(marked) and not all(marked)
    text, truth = scramble.scramble_page(pages[SAMPLE[1]], 0)
    for flag, spurious, perfect in ((False, 0, True), (True, 1, False)):
        truth["items"][0]["headings_marked"] = flag
        output = score.truth_to_output(truth)
        paragraph = next(b for b in output["items"][0]["blocks"] if b["type"] == "paragraph")
        paragraph["type"] = "heading"
        result = score.score_page(truth, output, text)
        assert result.counts["headings_spurious"][0] == spurious
        assert result.perfect is perfect


def test_running_head_opens_the_page_and_changes_nothing_else(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[0]]  # 2025-01-05, page 4, 要闻
    with_head = scramble.scramble_page(page, 2, scramble.ScrambleParams(running_head_prob=1.0))
    without = scramble.scramble_page(page, 2, scramble.ScrambleParams(running_head_prob=0.0))
    text, truth = with_head
    assert truth["meta"] == {"publication": "人民日报", "date": "2025-01-05", "page_number": 4, "page_name": "要闻"}
    head = truth["furniture"][: len(truth["furniture"]) - len(without[1]["furniture"])]
    assert _nows("".join(head)) == _nows("人民日报2025年1月5日星期日第4版要闻")
    assert _nows(text).startswith(_nows("".join(head)))
    assert _nows(text)[len(_nows("".join(head))) :] == _nows(without[0])  # the rest of the page as without it
    assert "meta" not in without[1]
    wrong = dict(score.truth_to_output(truth), meta={**truth["meta"], "page_number": 5})
    assert score.score_page(truth, wrong, text).counts["page_facts"] == [3, 4]


def test_lines_are_broken_by_chinese_line_breaking_rules() -> None:
    def fits(width: int):  # type: ignore[no-untyped-def]
        return lambda line, n: sum(map(scramble._width, line)) > width

    # A stop hangs past the measure (one a line); a dash takes the line's last character down with it.
    assert scramble.break_lines("今天天气很好。明天也好", fits(6)) == ["今天天气很好。", "明天也好"]
    assert scramble.break_lines("今天天气很好——明天也好", fits(6)) == ["今天天气很", "好——明天也", "好"]
    # An opening quote never ends a line, and a space never opens one.
    assert scramble.break_lines("他说今天“好”", fits(5)) == ["他说今天", "“好”"]
    assert scramble.break_lines("本报记者 王 浩", fits(4)) == ["本报记者", "王 浩"]


def test_extractor_variants_change_only_what_they_say(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[1]]
    plain, truth = scramble.scramble_page(page, 0)
    params = scramble.ScrambleParams(wide_blank_prob=1.0, straight_marks_prob=1.0, letter_spaced_prob=1.0)
    text, varied = scramble.scramble_page(page, 0, params)
    assert "“" not in text and "—" not in text and '"' in text
    assert re.search(r"[^\n]\n\n[^\n]", text) is None  # every gap a line wider
    headline = varied["items"][0]["headline"]
    assert " ".join(headline.replace(" ", "")) in text.split("\n")  # letter-spaced
    # The rest is the plain page's: the same characters once the marks are mapped back, in the same order.
    back = str.maketrans({'"': "“", "'": "‘", "\u2015": "—"})
    assert _nows(text).translate(back) == _nows(plain).translate(str.maketrans({"”": "“", "’": "‘"}))
    result = score.score_page(varied, score.truth_to_output(varied), text)
    assert result.perfect, result.counts


def test_late_headers_follow_their_first_frame(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[1]]
    params = scramble.ScrambleParams(header_late_prob=1.0, running_head_prob=0.0, move_prob=0.0)
    text, truth = scramble.scramble_page(page, 0, params)
    first = truth["items"][0]
    header = first["kicker"] or first["headline"]
    blocks = [_nows(b) for b in score.split_blocks(text)]
    assert blocks.index(_nows(header)) > 0  # text of its first frame came out before it
    assert blocks[0] == _nows(first["units"][0]["text"])[: len(blocks[0])]
    assert score.score_page(truth, score.truth_to_output(truth), text).perfect


def test_header_blocks_hold_their_lines(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[1]]
    text, truth = scramble.scramble_page(page, 0, scramble.ScrambleParams(header_block_prob=1.0))
    article = truth["items"][0]
    lines = [article[k] for k in ("kicker", "headline", "subheadline", "byline") if article[k]]
    assert "\n".join(lines) in score.split_blocks(text)
    assert score.score_page(truth, score.truth_to_output(truth), text).perfect


def test_jumped_articles_end_or_open_with_a_jump_line_inside_a_paragraph(pages: dict[str, object]) -> None:
    page = pages[SAMPLE[1]]
    text, truth = scramble.scramble_page(page, 0, scramble.ScrambleParams(jump_prob=1.0))
    plain, _ = scramble.scramble_page(page, 0, scramble.ScrambleParams())
    assert text != plain
    for article in truth["items"]:
        units = [u["text"] for u in article["units"]]
        on = re.search(r"（下转第[一二三四五六七八九十]+版）$", units[-1])
        came = re.match(r"（上接第[一二三四五六七八九十]+版）", units[0])
        assert bool(on) != bool(came)  # each article jumps once, one way
        assert sum("版）" in u for u in units) == 1
    assert score.score_page(truth, score.truth_to_output(truth), text).perfect


def test_page_labels_are_chinese_numerals() -> None:
    assert [scramble._page_label(n) for n in (1, 4, 10, 12, 20, 24)] == ["第一版", "第四版", "第十版", "第十二版", "第二十版", "第二十四版"]


def test_diagnosis_counts_what_the_scorer_counts(pages: dict[str, object]) -> None:
    # diagnose.py sorts the errors into classes; its totals must be the scorer's misses, and every
    # cut of the truth must be read back from the page's fragments.
    import newsarchive
    from newsarchive.profiles import get_profile
    from newsarchive.serialize import page_to_dict

    diagnose = _load("diagnose")
    for name in SAMPLE:
        text, truth = scramble.scramble_page(pages[name], 3)
        output = page_to_dict(newsarchive.load(text.encode("utf-8")))
        cuts = sum(u.get("pieces", 1) - 1 for item in truth["items"] for u in item.get("units", ()))
        assert len(diagnose.cut_pairs(truth, output["fragments"])) == cuts
        counts = diagnose.diagnose_page(truth, output, get_profile("zh"))
        result = score.score_page(truth, output, text)

        def total(section: str) -> int:
            return sum(v for k, v in counts.items() if k[0] == section)

        assert total("cuts") == cuts
        for section, metric in (("lost units", "units"), ("successors lost", "successors"), ("photos not right", "photos"), ("headlines not found", "headline")):
            num, den = result.counts[metric]
            assert total(section) == den - num, (name, section)


def test_a_package_of_signed_stories_is_split_into_articles() -> None:
    paragraphs = [
        "端午将至，本版推出系列报道。",
        "——编  者",
        "甘肃高台：",
        "戈壁龙舟",
        "赛出精气神",
        "本报记者  董洪亮  赵帅杰",
        "高举船桨，屏气凝神。",
        "比赛结束了。",
        "翻山勘地质  跋涉寻水源",
        "本报记者  王欣悦",
        "清晨，山林间的薄雾还未散尽。",
    ]
    own, stories = scramble.split_package(paragraphs)
    assert own == paragraphs[:2]
    assert [(s.kicker, s.headline, s.byline, s.paragraphs) for s in stories] == [
        ("甘肃高台：", "戈壁龙舟  赛出精气神", "本报记者  董洪亮  赵帅杰", paragraphs[6:8]),
        (None, "翻山勘地质  跋涉寻水源", "本报记者  王欣悦", paragraphs[10:]),
    ]


def test_one_signed_block_alone_leaves_the_record_whole() -> None:
    # A caption over a reporter's photo credit reads like a story's title over its byline.
    paragraphs = ["正文一段。", "古村落风貌", "本报记者  王 强", "正文二段。"]
    assert scramble.split_package(paragraphs) == (paragraphs, [])


def test_the_stories_of_a_package_on_the_data_are_articles_of_their_own(pages: dict[str, object]) -> None:
    page = pages["2025-02-03_p04"]
    headlines = [item.headline for item in page.items if isinstance(item, scramble.ArticleTruth)]
    assert headlines[:2] == ["护越冬候鸟  保一方平安", "翻山勘地质  跋涉寻水源"]
    first = page.items[0]
    assert first.kicker == "新春走基层·平凡岗位 不凡坚守" and first.byline == "本报记者  杨颜菲"  # the banner, with no lead of its own
    assert not any(u.text.startswith("本报记者") for item in page.items if isinstance(item, scramble.ArticleTruth) for u in item.units)


def test_the_variants_set_real_scrambler_options() -> None:
    # run.py --variants builds each variant's parameters from the standard ones.
    import dataclasses

    run = _load("run")
    assert run.VARIANTS["standard"] == {}
    for name, overrides in run.VARIANTS.items():
        params = dataclasses.replace(scramble.ScrambleParams(), **overrides)
        assert all(getattr(params, key) == value for key, value in overrides.items()), name
    assert {key for key, _ in run.VARIANT_METRICS} <= {key for key, _, _ in score.METRICS}


def test_diagnosis_lists_a_case_for_every_error_it_counts(pages: dict[str, object]) -> None:
    import newsarchive
    from newsarchive.profiles import get_profile
    from newsarchive.serialize import page_to_dict

    diagnose = _load("diagnose")
    text, truth = scramble.scramble_page(pages[SAMPLE[0]], 3)
    output = page_to_dict(newsarchive.load(text.encode("utf-8")))
    cases: dict[tuple[str, ...], list[str]] = {}
    counts = diagnose.diagnose_page(truth, output, get_profile("zh"), cases)
    assert {key: len(found) for key, found in cases.items()} == {key: n for key, n in counts.items() if key != ("cuts", "rejoined")}
    assert all(case for found in cases.values() for case in found)


def test_diagnosis_reads_the_extracted_texts_pdf_pages_wrote(tmp_path) -> None:
    import json

    diagnose = _load("diagnose")
    dates = {"2025-01-05": scramble.split_of("2025-01-05"), "2026-04-25": scramble.split_of("2026-04-25")}
    for date in dates:
        name = f"{date}_p01_s0"
        (tmp_path / f"{name}.truth.json").write_text(json.dumps({"name": name, "meta": {"date": date}, "items": []}), encoding="utf-8")
        (tmp_path / f"{name}.pdftotext.txt").write_text("标题\n\n正文。", encoding="utf-8")
        (tmp_path / f"{name}.layout.txt").write_text("标题\n\n正文。", encoding="utf-8")
    (tmp_path / "2026-05-05_p02_s0.pdftotext.txt").write_text("没有真值的页面。", encoding="utf-8")  # no truth: left out
    found = diagnose.load_extracted(tmp_path, ".pdftotext.txt", "all", [])
    assert [path.name for path, _ in found] == ["2025-01-05_p01_s0.pdftotext.txt", "2026-04-25_p01_s0.pdftotext.txt"]
    for split in set(dates.values()):
        chosen = diagnose.load_extracted(tmp_path, ".pdftotext.txt", split, [])
        assert {truth["meta"]["date"] for _, truth in chosen} == {d for d, s in dates.items() if s == split}
    with pytest.raises(SystemExit):
        diagnose.load_extracted(tmp_path, ".missing.txt", "all", [])


def test_compare_reports_changes_on_the_pages_both_runs_share(tmp_path: Path) -> None:
    run = _load("run")
    page = run.score.PageResult

    def counts(units: int, successors: int, perfect: int) -> dict[str, list[int]]:
        return {"headline": [2, 2], "units": [units, 10], "successors": [successors, 9], "perfect": [perfect, 1]}

    before = [
        page("a_s0", "dev", "gen/a_s0.txt", counts(8, 7, 0)),
        page("b_s0", "dev", "gen/b_s0.txt", counts(10, 9, 1)),
        page("c_s0", "heldout", "gen/c_s0.txt", counts(5, 4, 0)),
        page("gone_s0", "dev", "gen/gone_s0.txt", counts(0, 0, 0)),
    ]
    after = [
        page("a_s0", "dev", "gen/a_s0.txt", counts(10, 9, 1)),
        page("b_s0", "dev", "gen/b_s0.txt", counts(9, 8, 0)),
        page("c_s0", "heldout", "gen/c_s0.txt", counts(5, 4, 0)),
        page("new_s0", "dev", "gen/new_s0.txt", counts(10, 9, 1)),
    ]
    # Written and read back as --json writes it: only newsarchive's counts are compared.
    payload = {"pages": [{"name": r.name, "split": r.split, "path": r.path, "baseline": {}, "newsarchive": r.counts} for r in before]}
    saved = tmp_path / "before.json"
    saved.write_text(json.dumps(payload), encoding="utf-8")
    text = run.render_changes(run.load_results(saved), after, 5)
    lines = text.splitlines()
    assert lines[0] == "3 pages in both runs (1 only in the earlier, 1 only in this one)"
    units = next(line for line in lines if line.startswith("body units recovered"))
    # dev: 18/20 → 19/20 (+1); held-out unchanged.
    assert "90.0% → 95.0% (+1)" in units and "50.0% → 50.0% (=)" in units
    assert not any(line.startswith("headline found") for line in lines)  # unchanged everywhere: left out
    assert "2 pages moved (body units: 1 better, 1 worse)" in text
    moved = [line for line in lines if line.endswith(".txt")]
    assert [line.split()[-1] for line in moved] == ["gen/a_s0.txt", "gen/b_s0.txt"]  # the larger move first
    assert moved[0].split()[:3] == ["+2", "+2", "+1"]


def test_diagnosis_says_how_a_unit_never_cut_was_lost() -> None:
    # A whole paragraph taken as another's continuation, or its end joined on, is named with the step
    # that joined it; one the reader merged with other text, or cut into pieces, is told apart from both.
    diagnose = _load("diagnose")
    fragments = [{"id": "f1", "text": "他说，", "role": "paragraph"}, {"id": "f2", "text": "大家好。", "role": "paragraph"}]
    output = {
        "fragments": fragments,
        "items": [{"type": "article", "blocks": [{"type": "paragraph", "fragments": ["f1", "f2"], "text": "他说，大家好。"}]}],
    }
    flat = {f["text"]: f for f in fragments}
    place = {"f1": (0, 0), "f2": (0, 0)}
    steps = {"f1": {"join-frames"}, "f2": {"join-frames"}}
    assert diagnose._uncut_loss("大家好。", flat, place, output, steps) == "taken as a continuation, by join-frames"
    assert diagnose._uncut_loss("他说，", flat, place, output, steps) == "its end joined on, by join-frames"
    assert diagnose._uncut_loss("大家", flat, place, output, steps) == "not one fragment of the input: in one with other text"
    assert diagnose._uncut_loss("他说，大家", flat, place, output, steps) == "not one fragment of the input: in pieces"
