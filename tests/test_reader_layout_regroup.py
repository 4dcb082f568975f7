"""readers.layout.regroup_lines: OCR blocks regrouped as set (type changes cut, one line's pieces and a headline's lines joined)."""

from __future__ import annotations

from newsarchive.model import BBox
from newsarchive.readers.layout import LayoutBlock, regroup_lines


def box(x0: float, y0: float, x1: float, y1: float) -> BBox:
    return BBox(x0=x0, y0=y0, x1=x1, y1=y1)


def block(bid: str, lines: list[tuple[str, BBox, str]]) -> LayoutBlock:
    boxes = [b for _, b, _ in lines]
    envelope = box(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))
    return LayoutBlock(
        id=bid,
        lines=tuple(t for t, _, _ in lines),
        bbox=envelope,
        line_boxes=tuple(boxes),
        line_ids=tuple(i for _, _, i in lines),
    )


BODY = [(f"正文第{k}行的文字内容在这里", box(150, 700 + 50 * k, 750, 736 + 50 * k), f"l{k}") for k in range(6)]


def test_a_block_is_cut_where_its_lines_change_type():
    # Tesseract put a headline's last line and the byline under it in one block.
    header = block("par_1", [("字经济深度融合）", box(860, 359, 1462, 438), "line_1"), ("本报记者王浩", box(1055, 520, 1319, 558), "line_2")])
    out = regroup_lines([header, block("par_2", BODY)])
    assert [(b.id, b.lines) for b in out[:2]] == [("par_1", ("字经济深度融合）",)), ("line_2", ("本报记者王浩",))]
    assert out[1].bbox == box(1055, 520, 1319, 558)


def test_a_stray_mark_at_a_paragraphs_end_does_not_cut_it():
    # "7?" (the OCR of a small ？) is lower than the text but is no line of another type.
    lines = [*BODY[:3], ("7?", box(160, 870, 178, 890), "mark")]
    assert [b.id for b in regroup_lines([block("p", lines)])] == ["p"]


def test_pieces_of_one_line_side_by_side_are_one_line():
    # Tesseract cut the headline line where its words stand apart; the pieces came out far apart.
    left = block("par_1", [("把疏勒河“装进”", box(190, 256, 804, 333), "l1")])
    right = block("par_11", [("计算机（经济新方位）", box(858, 255, 2185, 334), "l11")])
    body = block("par_2", BODY)
    out = regroup_lines([left, body, right])
    assert [(b.id, b.lines) for b in out] == [("par_1", ("把疏勒河“装进”计算机（经济新方位）",)), ("par_2", body.lines)]
    assert out[0].bbox == box(190, 255, 2185, 334)


def test_one_line_blocks_of_neighbouring_columns_stay_apart():
    # The last lines of two columns' paragraphs, level with each other across the gutter.
    a = block("a", [("人次。", box(150, 900, 260, 936), "la")])
    b = block("b", [("看源头引水。", box(876, 900, 1100, 936), "lb")])
    assert [x.id for x in regroup_lines([a, b])] == ["a", "b"]


def test_the_lines_of_a_headline_in_display_type_are_one_block_but_body_lines_are_not():
    first = block("h1", [("把疏勒河“装进”计算机（经济新方位，实体经济和数", box(190, 255, 2185, 334), "l1")])
    second = block("h2", [("字经济深度融合）", box(860, 359, 1462, 438), "l2")])
    heading = block("s", [("这条数字河流如何发挥作用？", box(152, 2381, 628, 2416), "l3")])
    piece = block("t", [("看源头引水，大模型演算，调度方案", box(151, 2431, 748, 2467), "l4")])
    out = regroup_lines([first, second, block("body", BODY), heading, piece])
    assert [(b.id, len(b.lines)) for b in out] == [("h1", 2), ("body", 6), ("s", 1), ("t", 1)]
    assert out[0].line_ids == ("l1", "l2")


def sized(bid: str, lines: list[tuple[str, BBox, str, float]]) -> LayoutBlock:
    plain = block(bid, [(t, b, i) for t, b, i, _ in lines])
    return LayoutBlock(
        id=plain.id, lines=plain.lines, bbox=plain.bbox, line_boxes=plain.line_boxes, line_ids=plain.line_ids,
        line_sizes=tuple(z for *_, z in lines),
    )


ENGLISH_BODY = [(f"The harbour festival line {k} goes on here", box(2178, 2000 + 60 * k, 3000, 2043 + 60 * k), f"b{k}", 43.0) for k in range(5)]


def test_latin_lines_change_type_by_the_engines_size_where_ink_heights_barely_differ():
    # Tesseract: "Year Pause" (x_size 69) over "By Daniel Okonkwo" (x_size 41); ink heights 53 and 41 only
    # 1.29 apart, for ascenders and descenders.  A Chinese body line's engine size is not trusted.
    mixed = sized("par_21", [("Year Pause", box(2178, 1844, 2607, 1897), "l76", 68.9), ("By Daniel Okonkwo", box(2178, 1939, 2592, 1980), "l77", 41.0)])
    assert [b.lines for b in regroup_lines([mixed, sized("body", ENGLISH_BODY)])[:2]] == [("Year Pause",), ("By Daniel Okonkwo",)]
    chinese = sized("zh", [("读无字书，格物致知，诚意正心。让", box(0, 0, 600, 43), "z1", 60.0), ("我们在阅读中传承优秀传统，在阅读", box(0, 50, 600, 85), "z2", 43.0)])
    assert [b.id for b in regroup_lines([chinese])] == ["zh"]


def test_a_headline_block_and_the_display_line_under_it_are_one_headline():
    # Tesseract gave a three-line headline as two blocks: its first two lines, then the third (cut from the byline).
    top = sized("par_20", [("Harbour Festival", box(2182, 1680, 2843, 1735), "l74", 63.4), ("Returns After Three-", box(2182, 1761, 3002, 1816), "l75", 63.4)])
    third = sized("par_21", [("Year Pause", box(2178, 1844, 2607, 1897), "l76", 68.9)])
    out = regroup_lines([top, third, sized("body", ENGLISH_BODY)])
    assert [(b.id, b.lines) for b in out[:1]] == [("par_20", ("Harbour Festival", "Returns After Three-", "Year Pause"))]
    assert len(out) == 2


def test_a_block_is_cut_where_a_blank_line_parts_its_lines():
    # Tesseract 5.3.0 put a byline and, a blank line lower, the heading of the column under it in one
    # ocr_par (same type); the lines of a paragraph stand closer than a line's height.
    mixed = block("par_1_11", [("本报记者林丽鹂", box(692, 355, 889, 380), "line_1_50"), ("消费者如何维权?", box(584, 429, 776, 452), "line_1_51")])
    assert [(b.id, b.lines) for b in regroup_lines([mixed])] == [("par_1_11", ("本报记者林丽鹂",)), ("line_1_51", ("消费者如何维权?",))]
    assert [b.id for b in regroup_lines([block("p", BODY)])] == ["p"]  # a paragraph's lines: 14 apart, 36 high
