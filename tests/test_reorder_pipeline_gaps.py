"""The page's frame-break gap (Draft.wide_gap), what stands before each piece (Draft.with_previous), and the joins read both ways."""


from newsarchive.model import BBox, Fragment
from newsarchive.reorder import BLANK_LINE, WIDE_GAP, page_wide_gap


def _fragments(*gaps: int, boxed: bool = False) -> tuple[Fragment, ...]:
    box = BBox(x0=0, y0=0, x1=10, y1=10) if boxed else None
    return tuple(
        Fragment(id=f"f{k + 1}", text="文字", lines=("文字",), start=0, end=2, line=1, gap_before=g, bbox=box)
        for k, g in enumerate(gaps)
    )


def test_one_blank_line_between_blocks_keeps_the_standard_frame_break():
    assert page_wide_gap(_fragments(0, 2, 2, 4, 2, 2, 4)) == WIDE_GAP


def test_two_blank_lines_between_every_block_make_only_wider_gaps_frame_breaks():
    assert page_wide_gap(_fragments(0, 3, 3, 5, 3, 3, 3, 5)) == 4
    assert page_wide_gap(_fragments(0, 4, 4, 4, 6, 4)) == 5


def test_a_stray_narrow_gap_does_not_set_the_ordinary_gap():
    gaps = (0, 2) + (3,) * 12 + (5, 5)  # one gap of 2 among 15: under a tenth
    assert page_wide_gap(_fragments(*gaps)) == 4


def test_a_page_of_one_block_or_with_boxes_keeps_the_standard():
    assert page_wide_gap(_fragments(0)) == WIDE_GAP
    assert page_wide_gap(_fragments(0, 4, 4, 4, boxed=True)) == WIDE_GAP
    assert page_wide_gap(_fragments(0, 1, 1, 2, 1, boxed=True)) == WIDE_GAP


def test_where_most_blocks_follow_a_single_line_break_a_blank_line_ends_a_frame():
    """pdftotext sets a frame's paragraphs one under the other and a blank line where the frame ends."""
    assert page_wide_gap(_fragments(0, 1, 1, 1, 2, 1, 1, 2, 1)) == BLANK_LINE
    # Half of them or fewer: the blank lines are the ordinary gap between blocks.
    assert page_wide_gap(_fragments(0, 1, 1, 2, 2, 4)) == WIDE_GAP


def test_with_previous_skips_furniture_and_pairs_each_piece_with_the_one_before():
    from dataclasses import replace

    from newsarchive.model import Page, PageMeta, Role
    from newsarchive.profiles import get_profile
    from newsarchive.reorder import Draft

    frags = list(_fragments(2, 2, 2, 2))
    frags[0] = replace(frags[0], role=Role.FURNITURE)
    frags[2] = replace(frags[2], role=Role.FURNITURE)
    draft = Draft.from_page(Page(meta=PageMeta(source="test"), fragments=tuple(frags)), get_profile("zh-CN"))
    pairs = [(f.id, p.id if p is not None else None) for f, p in draft.with_previous()]
    ids = [f.id for f in frags]
    assert pairs == [(ids[1], None), (ids[3], ids[1])]


def test_blank_lines_between_display_lines_are_no_frame_breaks_where_paragraphs_follow_single_line_breaks():
    """pdftotext gives each display line a block of its own and a frame's paragraphs one under the other
    (tests/data/pdftotext/one-line-paragraphs.txt: the top of a generated PDF page).  The blank lines end
    frames of running text (Draft.wide_gap), but read among display lines they are no frame's end: the
    deck under 先进事迹 stays a deck."""
    from pathlib import Path

    from newsarchive import api
    from newsarchive.model import Role
    from newsarchive.profiles import get_profile
    from newsarchive.reorder import Draft
    from newsarchive.reorder.tag_roles import TagRoles

    raw = api.read(Path(__file__).parent / "data" / "pdftotext" / "one-line-paragraphs.txt")
    draft = Draft.from_page(raw, get_profile("zh-CN"))
    assert draft.wide_gap == BLANK_LINE
    roles = {f.text.split("\n")[0]: f.role for f in TagRoles().apply(draft).fragments}
    assert roles["先进事迹"] is Role.HEADLINE
    assert roles["——走近2025年“最美巾帼奋斗者”"] is Role.SUBHEADLINE
    assert roles["本报记者 杨 昊"] is Role.BYLINE


def test_tail_of_and_head_of_read_the_joins_both_ways_and_are_the_callers_to_extend():
    from newsarchive.model import Page, PageMeta
    from newsarchive.profiles import get_profile
    from newsarchive.reorder import Draft, Join

    draft = Draft.from_page(Page(meta=PageMeta(source="test"), fragments=_fragments(2, 2, 2)), get_profile("zh-CN"))
    draft = draft.with_joins("test", [Join(head="f1", tail="f3", confidence=0.9, reason="r"), Join(head="f3", tail="f2", confidence=0.5, reason="r")])
    assert draft.tail_of() == {"f1": "f3", "f3": "f2"}
    assert draft.head_of() == {"f3": "f1", "f2": "f3"}
    mine = draft.tail_of()
    mine["f2"] = "f1"  # a step adds its own joins as it goes
    assert draft.tail_of() == {"f1": "f3", "f3": "f2"}
