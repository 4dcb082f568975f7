"""The plain-text reader: encodings, blank-line blocks, layout evidence, clear errors."""

from __future__ import annotations

import codecs

import pytest

from newsarchive.errors import ReadError
from newsarchive.model import PageMeta
from newsarchive.readers.text import TextReader, _over_a_byline, _wrapped_paragraphs, decode, split_fragments

TEXT = "标题在此\n\n本报记者 李 婕\n\n\n\n第一段第一行\n第一段第二行。\n"


def read(data: bytes, **kw):
    return TextReader().read(data, meta=PageMeta(source="page.txt"), **kw)


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_encodings_detected(data, encoding):
    page = read(data)
    assert page.meta.encoding == encoding
    assert [f.text for f in page.fragments] == ["标题在此", "本报记者 李 婕", "第一段第一行\n第一段第二行。"]


def test_forced_encoding():
    page = read(TEXT.encode("gbk"), encoding="gbk")
    assert page.fragments[0].text == "标题在此"


def test_layout_evidence_kept():
    page = read(TEXT.encode())
    third = page.fragments[2]
    assert third.lines == ("第一段第一行", "第一段第二行。")
    assert [f.gap_before for f in page.fragments] == [0, 2, 4]
    assert third.line == 7
    assert TEXT[third.start : third.end] == "第一段第一行\n第一段第二行。"


def test_windows_and_old_mac_line_endings():
    for newline in ("\r\n", "\r"):
        page = read(TEXT.replace("\n", newline).encode())
        assert len(page.fragments) == 3 and page.fragments[2].lines == ("第一段第一行", "第一段第二行。")


def test_undecodable_bytes_name_the_offset():
    data = "标题".encode("utf-8") + b"\xff\xfe\xfa abc"
    with pytest.raises(ReadError) as err:
        read(data)
    assert "page.txt" in str(err.value) and "offset 6" in str(err.value)


def test_binary_input_is_rejected():
    with pytest.raises(ReadError, match="binary"):
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_empty_input_is_rejected():
    with pytest.raises(ReadError, match="empty"):
        read(b" \n\n\t\n")


def test_unknown_forced_encoding():
    with pytest.raises(ReadError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")


INDENTED = (
    "规范乡村地名便出行\n\n"
    "　　在三江镇、演丰镇等地，民政工作人员联合测绘队\n实地勘测每条村道。\n"
    "　　关键一步在于“上云互通”。\n"
    "　　演丰镇以生蚝闻名，过去因地址模糊，生鲜物流\n不敢接单\n"  # cut mid-sentence: the next line continues it
    "　　怕延误时效导致损耗。\n"
)


def test_paragraphs_set_with_an_indent_and_no_blank_line_are_fragments_of_their_own():
    page = read(INDENTED.encode())
    assert [f.text for f in page.fragments] == [
        "规范乡村地名便出行",
        "在三江镇、演丰镇等地，民政工作人员联合测绘队\n实地勘测每条村道。",
        "关键一步在于“上云互通”。",
        "演丰镇以生蚝闻名，过去因地址模糊，生鲜物流\n不敢接单\n怕延误时效导致损耗。",  # after no sentence end
    ]
    for f in page.fragments:  # offsets still point at the fragment's text in the input
        assert INDENTED[f.start : f.end].replace("\u3000", "") == f.text
    assert [f.gap_before for f in page.fragments] == [0, 2, 1, 1]
    assert [f.line for f in page.fragments] == [1, 3, 5, 6]


def test_centred_or_uniformly_indented_lines_stay_one_block():
    ragged = "   centred title\n  a longer centred line,\n    short one\n"
    assert len(read(ragged.encode()).fragments) == 1
    quoted = "    The first line.\n    The second line.\n"  # spaces: a block indented as a whole
    assert len(read(quoted.encode()).fragments) == 1


def test_one_paragraph_a_line_marked_with_ideographic_spaces():
    page = read("　　第一段。\n　　第二段，\n　　接着说。\n".encode())
    assert [f.text for f in page.fragments] == ["第一段。", "第二段，\n接着说。"]


# An article as copied from the paper's website: one paragraph a line, each set in with two ideographic
# spaces, the byline, the site's source line and the editors' note at the margin between them.
WEB_COPY = (
    "去银行买金饰，有啥不一样？\n"
    "本报记者\u3000徐佩玉\n"
    "《 人民日报海外版 》（ 2024年03月15日 第 11 版）\n"
    "\u3000\u3000近期，金价持续走高，不少消费者选择到银行购买金饰。\n"
    "\u3000\u3000业内人士提醒，消费者购买金饰时应理性看待金价波动。\n"
    "（责编：王五）\n"
)


def test_a_website_s_article_one_paragraph_a_line_keeps_its_lines_at_the_margin_apart():
    page = read(WEB_COPY.encode())
    assert [f.text for f in page.fragments] == [
        "去银行买金饰，有啥不一样？",
        "本报记者\u3000徐佩玉",
        "《 人民日报海外版 》（ 2024年03月15日 第 11 版）",  # not the rest of the byline's line
        "近期，金价持续走高，不少消费者选择到银行购买金饰。",
        "业内人士提醒，消费者购买金饰时应理性看待金价波动。",
        "（责编：王五）",  # not the rest of the paragraph above
    ]


def test_a_website_s_article_reads_its_facts_from_the_source_line_and_keeps_it_and_the_note_aside():
    import newsarchive

    page = newsarchive.load(WEB_COPY.encode())
    (article,) = page.items
    assert (article.headline, article.byline.names) == ("去银行买金饰，有啥不一样？", ("徐佩玉",))
    assert len(article.blocks) == 2
    assert (page.meta.publication, page.meta.date, page.meta.page_number) == ("人民日报海外版", "2024-03-15", 11)
    assert {u.text for u in page.unplaced} == {"《 人民日报海外版 》（ 2024年03月15日 第 11 版）", "（责编：王五）"}


def test_one_paragraph_a_line_without_blank_lines_or_indents():
    # Many extractors end each paragraph with one line break: lines wider than any column, of
    # differing widths, are paragraphs (and the short lines between them headings and bylines).
    text = (
        "社保卡，解锁更多应用新场景\n本报记者 李 婕\n"
        "一张社会保障卡，能帮助居民完成哪些事项？可以看病就医，领取就业补贴和社保待遇，在一些地区还能领取助学金。\n"
        "应用清单不断扩展\n"
        "到医院看病、去药店买药——在不少人印象中，这是社保卡最常见的用途。一张小小的卡片，如今能办的事越来越多，用途也越来越广。\n"
    )
    assert pieces(text) == text.splitlines()
    english = (
        "The regional river authority voted on Tuesday to build a movable flood barrier across the lower valley.\n"
        "Opponents argued that the money would be better spent on raising the existing embankments, which date from 1953.\n"
    )
    assert len(read(english.encode()).fragments) == 2


TWO_PAGES = "第一页的标题\r\n\r\n第一页的正文。\r\n\f第二页的标题\r\n\r\n第二页的正文。\r\n\f"


def test_text_of_several_pages_is_read_whole_and_says_so():
    page = read(TWO_PAGES.encode())
    (warning,) = [w for w in page.warnings if w.code == "several-pages"]
    assert "2 pages" in warning.message and "--page" in warning.message
    assert [f.text for f in page.fragments][-1] == "第二页的正文。"  # no character left out of the page
    assert page.meta.page_number is None
    assert not [w for w in read("一页。\n\f".encode()).warnings if w.code == "several-pages"]


def test_page_of_a_text_of_several_pages():
    """pdftotext ends each page with a form feed: page K is the K-th, its offsets and lines those of the whole text."""
    second = TextReader().read(TWO_PAGES.encode(), meta=PageMeta(source="page.txt", page_number=2))
    assert [f.text for f in second.fragments] == ["第二页的标题", "第二页的正文。"]
    assert second.meta.page_number == 2 and {f.page for f in second.fragments} == {2} and not second.warnings
    whole = TWO_PAGES.replace("\r\n", "\n").replace("\f", "\n")
    for f in second.fragments:
        assert whole[f.start : f.end] == f.text and whole.split("\n")[f.line - 1] == f.lines[0]
    first = TextReader().read(TWO_PAGES.encode(), meta=PageMeta(page_number=1))
    assert [f.text for f in first.fragments] == ["第一页的标题", "第一页的正文。"]
    with pytest.raises(ReadError, match="2 pages; there is no page 3"):
        TextReader().read(TWO_PAGES.encode(), meta=PageMeta(source="page.txt", page_number=3))


def test_pages_of_a_text():
    """The pages with text; blank pages keep their place (page K of the PDF), and one page of text is one page."""
    assert TextReader.pages(TWO_PAGES.encode()) == (1, 2)
    assert TextReader.pages("甲页。\f\f丙页。\f\n".encode("utf-16")) == (1, 3)
    with pytest.raises(ReadError, match="page 2 of the text is blank"):
        TextReader().read("甲页。\f\f丙页。\f\n".encode(), meta=PageMeta(page_number=2))
    assert TextReader().read("甲页。\f\f丙页。\f\n".encode(), meta=PageMeta(page_number=3)).fragments[0].text == "丙页。"
    for one in ("一页。", "\f一页。\f\n", "一页。\n\f\n\f", ""):
        assert TextReader.pages(one.encode()) == (1,)
    # One page of text between form feeds is a page, whatever number the caller gives it.
    page = TextReader().read("\f一页。\f".encode(), meta=PageMeta(page_number=7))
    assert page.meta.page_number == 7 and page.fragments[0].text == "一页。" and not page.warnings


def test_an_english_page_is_read_as_english_unless_told_otherwise():
    english = b"FLOOD BARRIER APPROVED\n\nBy JANE SMITH\n\nThe river authority voted on Tuesday to build a barrier.\n"
    assert read(english).meta.language == "en"
    assert read("社保卡，解锁更多应用新场景\n\n本报记者 李 婕\n\n一张社会保障卡。\n".encode()).meta.language == "zh-CN"
    assert TextReader().read(english, meta=PageMeta(source="page.txt", language="en-GB")).meta.language == "en-GB"
    # With the English profile the byline is one: the Chinese profile would not know it.
    import newsarchive

    (article, *_) = newsarchive.load(english).items
    assert article.headline == "FLOOD BARRIER APPROVED" and article.byline.text == "By JANE SMITH"


def test_lines_hard_wrapped_at_a_wide_measure_stay_one_paragraph():
    # A text typed or exported at one wide measure: its lines share the widest width, so they are wrapped.
    line = "一二三四五六七八九十" * 5  # 50 characters, wider than any column
    text = f"{line}\n{line}\n{line}\n末行。\n"
    assert len(read(text.encode()).fragments) == 1


def test_the_example_page_set_one_paragraph_a_line_reconstructs_as_with_blank_lines():
    from conftest import EXAMPLE

    import newsarchive

    def articles(data: bytes) -> list[tuple]:
        page = newsarchive.load(data)
        return [
            (getattr(i, "headline", None), getattr(i, "byline", None) and i.byline.text, [b.text for b in getattr(i, "blocks", ())])
            for i in page.items
        ]

    original = EXAMPLE.read_bytes()
    single = b"\n".join(line for line in original.split(b"\n") if line.strip())
    assert articles(single) == articles(original)


HARD_WRAPPED = """把疏勒河“装进”计算机（经济新方位·实体经济和数
字经济深度融合）
本报记者 王 浩
在甘肃农垦饮马农场的农田里，传感
器探入土壤监测湿度，微型气象站追
光探风。“2024年食葵每亩产量超280
公斤，增产15%。”农场项目部部长
邹常生介绍，采用智慧灌溉，丰收有
保障，每亩地用水量从650立方米降至
300立方米。
灌溉用水来自疏勒河。从祁连山奔流
而出，滋润荒漠绿洲，疏勒河为酒泉
玉门市、瓜州县的22个乡镇。
这条数字河流如何发挥作用？
看源头引水，大模型演算，调度方案
不断优化。"""


def pieces(text: str) -> list[str]:
    """The fragments the reader makes of ``text``, each with its line breaks taken out."""
    return [f.text.replace("\n", "") for f in read(text.encode()).fragments]


def test_hard_wrapped_chinese_is_cut_where_its_paragraphs_and_header_lines_end():
    # pdftotext gives a column's lines as set: no blank line, no indent between paragraphs.  A line
    # narrower than the column ends a piece when it finishes a sentence or a full line follows it;
    # a headline line wider than the column runs on into the next.
    assert pieces(HARD_WRAPPED) == [
        "把疏勒河“装进”计算机（经济新方位·实体经济和数字经济深度融合）",
        "本报记者 王 浩",
        "在甘肃农垦饮马农场的农田里，传感器探入土壤监测湿度，微型气象站追光探风。“2024年食葵每亩产量超280公斤，增产15%。”农场项目部部长邹常生介绍，采用智慧灌溉，丰收有保障，每亩地用水量从650立方米降至300立方米。",
        "灌溉用水来自疏勒河。从祁连山奔流而出，滋润荒漠绿洲，疏勒河为酒泉玉门市、瓜州县的22个乡镇。",
        "这条数字河流如何发挥作用？",
        "看源头引水，大模型演算，调度方案不断优化。",
    ]
    assert "".join(HARD_WRAPPED.split()) == "".join("".join(pieces(HARD_WRAPPED)).split())


FLUSH_FULL_LAST_LINE = ["作为河西走廊三大内陆河之一，疏勒", "河流域年降水量很少、年蒸发量却高", "达两千多毫米，如何深度节水关键。"]
ENDS_SHORT = ["灌溉用水来自疏勒河。从祁连山奔流", "而出，滋润荒漠绿洲。"]  # a paragraph whose last line shows its end


def test_a_full_line_ending_a_sentence_ends_its_paragraph_where_paragraphs_run_on_flush():
    # A paragraph whose last line fills the column shows no end but its stop: in a column that runs
    # paragraphs on and sets none in, the line ends its piece (as likely a paragraph's end as not; a
    # missed end costs two paragraphs, a wrong cut one).
    after = ["水流伴着信息流，水网连上互联网，", "水库接通数据库。"]
    assert pieces("\n".join(ENDS_SHORT + FLUSH_FULL_LAST_LINE + after)) == [
        "".join(ENDS_SHORT),
        "".join(FLUSH_FULL_LAST_LINE),
        "".join(after),
    ]
    # A block of one paragraph (an extractor that leaves a blank line between paragraphs) goes on,
    assert len(pieces("\n".join(FLUSH_FULL_LAST_LINE + after))) == 1
    # ... and so does a sentence opening as one that goes on from the last (他, 这, 同时…),
    goes_on = ["这是河西走廊的常态，节水的办法多，", "水库接通数据库。"]
    assert len(pieces("\n".join(ENDS_SHORT + FLUSH_FULL_LAST_LINE + goes_on))) == 2
    # ... and a full line closing a quotation (…。”), rarely a paragraph's end,
    quoted = FLUSH_FULL_LAST_LINE[:2] + ["达两千多毫米，“深度节水关键。”"]
    assert len(pieces("\n".join(ENDS_SHORT + quoted + after))) == 2
    # ... and a paragraph's first sentence filling its first line: a paragraph is rarely so short.
    topic_sentence = ["聚焦强工业，产业基础更加牢固了。"] + FLUSH_FULL_LAST_LINE[1:]
    assert len(pieces("\n".join(ENDS_SHORT + topic_sentence + after))) == 3
    # Where paragraphs are set in, their first lines show where they open: a full line goes on.
    first = ["水流伴着信息流，水网连上互联", "网，水库接通数据库，数字赋能节水", "农业的探索正在此开展。"]
    second = ["作为河西走廊三大内陆河之一，", "疏勒河流域降水量很少，蒸发量高。", "如何深度节水，是摆在眼前的课题，", "需要认真研究。"]
    assert pieces("\n".join(first + second)) == ["".join(first), "".join(second)]


def test_a_line_opening_with_a_dash_opens_a_piece_and_a_sign_off_is_one_of_its_own():
    # Line-breaking rules let no line of running text open with a dash: the editor's sign-off under a
    # note (——编  者) is a piece of its own, and so is the heading set large under it (a block of
    # pdftotext, a column whose paragraphs are set in, under its byline).
    note = [
        "3月8日，十四届全国人大三次会",
        "议听取和审议了最高人民检察院工作",
        "报告。如何建设更高水平平安中国？",
        "如何打造法治化营商环境？如何筑牢",
        "绿色发展法治屏障？……针对群众关",
        "心关注的热点话题，记者连线代表委",
        "员，请他们谈认识、提建议、话期待。",
    ]
    text = ["江帆代表（湖南人和人律师事务", "所创始合伙人）：近年来，检察机关", "发挥法律监督职能，持续健全维护网", "络空间法治秩序的工作体系。"]
    block = "\n".join(["本报记者 倪 弋", *note, "——编 者", "强化检察履职，维护秩序守卫平", "安", *text])
    found = [part.replace("\n", "") for _, part in _wrapped_paragraphs(block)]
    assert found[1:3] == ["".join(note), "——编 者"]
    assert found[-1] == "".join(text) and "".join(found[3:-1]) == "强化检察履职，维护秩序守卫平安"
    # An attribution under a quotation runs on from its first line, short as its digits measure.
    attribution = ["——2018年5月28日，习近平总书", "记在两院院士大会上强调"]
    found = [part.replace("\n", "") for _, part in _wrapped_paragraphs("\n".join([*note, *attribution, *text]))]
    assert found == ["".join(note), "".join(attribution), "".join(text)]


def test_a_short_line_ending_no_sentence_after_a_finished_paragraph_is_a_heading_of_its_own():
    # pdftotext gives a section heading among the column's lines: a paragraph's lines run full to its
    # last, which ends with a stop, so a short line with none after one is a title's, not the paragraph's.
    above = ["泗县段是隋唐大运河现存不多的", "活态遗址，也是保存最完好的河段之", "一，成为研究隋唐大运河的“活化石”。"]
    below = ["如今，大运河安徽段百余公里古", "河道深埋地下，但是千百年来，大运", "河仍然深深影响着当地的人们。"]
    found = [part.replace("\n", "") for _, part in _wrapped_paragraphs("\n".join([*above, "汴水东流  茶香悠然", *below]))]
    assert found == ["".join(above), "汴水东流  茶香悠然", "".join(below)]
    # A paragraph's short last line (with its stop) stays with it.
    found = [part.replace("\n", "") for _, part in _wrapped_paragraphs("\n".join([*above, "汴水东流，茶香悠然。", *below]))]
    assert found[0] == "".join(above) + "汴水东流，茶香悠然。"


def test_a_page_that_is_one_block_has_its_header_lines_cut_from_its_column_lines():
    # An extractor that separates no boxes (no blank line anywhere): the second article's kicker and
    # headline, wider than the column, and its byline stand among the first article's column lines.
    first = "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追"] * 3) + "\n光探风。"
    second = "\n".join(["郑州经开区的汽车产业园里，一辆辆", "新车驶下生产线，装上货车运往全国"] * 3) + "\n各地。"
    header = ["粤港澳大湾区车展参展车企纷纷表示", "汽车产业比拼价值不卷价格，合力开拓市场", "本报记者 王乐文 方 敏"]
    page = first + "\n" + "\n".join(header) + "\n" + second
    found = pieces(page)
    assert found[1:4] == [header[0], header[1], header[2]]
    assert found[4] == "".join(second.split())
    # Where blank lines separate the extractor's boxes, a block is no page: the same lines stay as they were.
    assert pieces(page + "\n\n版式设计：张芳曼")[1:4] != [header[0], header[1], header[2]]
    # Narrower header lines, one under the other, are pieces one by one too (with digits in them, which
    # measure inexactly, as well); and so are two titles
    # over several columns opening the page.
    narrow = ["2025年全国两会特别报道", "多方发力，郑州汽车产业添动力", "本报记者 王乐文 方 敏"]
    assert pieces(first + "\n" + "\n".join(narrow) + "\n" + second)[1:4] == narrow
    top = ["陆海内外联动，东西双向互济，开放不断扩大", "贵州主动融入全面开放格局，外贸稳步增长"]
    assert pieces("\n".join(top) + "\n" + second)[:2] == top


def test_hard_wrapped_latin_text_and_ragged_lines_stay_whole():
    # Latin lines vary in width with their letters: a short line says nothing there.
    english = "The regional river authority voted on\nTuesday to build a movable flood\nbarrier across the lower valley, ending\nnearly a decade of debate.\nOpponents argued that the money would"
    assert len(read(english.encode()).fragments) == 1
    ragged = "短行\n一个长一点的行在这里\n中等长度的行\n又一行"
    assert len(read(ragged.encode()).fragments) == 1


def test_hard_wrapped_header_lines_are_pieces_of_their_own_and_dropped_indents_open_paragraphs():
    # A one-column headline and its byline above the column: each its own piece.  With the indent
    # dropped by the extractor, a paragraph's first line is two characters short and runs on.
    text = """村民老陈搬新家
本报记者 颜 珂 申智林
“快进来，喝杯热茶。”推开入户门
，湖南郴州资兴市州门司镇燕窝村村
民陈永山热情招呼。
客厅里，刚买的新沙发还带着包
装，新装的空调送出阵阵暖风，屋里
暖意融融。"""
    assert pieces(text) == [
        "村民老陈搬新家",
        "本报记者 颜 珂 申智林",
        "“快进来，喝杯热茶。”推开入户门，湖南郴州资兴市州门司镇燕窝村村民陈永山热情招呼。",
        "客厅里，刚买的新沙发还带着包装，新装的空调送出阵阵暖风，屋里暖意融融。",
    ]


def test_a_dropped_indent_moved_by_line_breaking_rules_still_opens_a_paragraph():
    # Lines of 16, the next paragraph's first set in by two: one character narrower where a quote was
    # taken down to the next line, one wider where its comma hangs in the margin.
    done = "国际竞争力的数据基础设施龙头企业。\n"
    # The block sets its paragraphs in (its first line is exactly two characters short).
    column = "近年来各地加快推进数据基础设\n" + "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追"] * 3) + "\n"
    narrower = "围绕“用得好”，在“智改数\n转”、新兴产业发展和城市全域数字\n化上下功夫。"
    wider = "围绕用得好这一目标，各地区都，\n在智改数转、新兴产业发展和城市全\n域数字化上下功夫。"
    for opening in (narrower, wider):
        found = pieces(column + done + opening)
        assert len(found) == 2 and found[1] == "".join(opening.split())
    # A line as narrow that does not follow a finished paragraph runs on.
    assert len(pieces(column + "国际竞争力的数据基础设施龙头企业\n" + narrower)) == 1
    # In a block that sets no paragraph in, a line so narrow is no first line: it ends a piece.
    assert pieces(column.split("\n", 1)[1] + done + narrower)[-1].startswith("转”")


def test_a_first_line_set_in_that_finishes_a_sentence_runs_on_into_its_paragraph():
    # Lines of 16; each paragraph's first line set in by two (the extractor dropped the indent).  A first
    # line that happens to end a sentence is no one-line paragraph when a full line follows it: a
    # paragraph of one line would be followed by another first line, set in too.
    text = """眼瞅着自家种的花椰菜还在露天
大田里，沙湖岭村村民杨启生却一点
不慌。“你们看，这圆滚滚的，长势
多喜人。”杨启生底气十足。
发展现代农业离不开科技进步。
新品种来自嘉鱼县蔬菜产业技术研究
院，研究院由嘉鱼县农业农村局牵头
组建。
青砖黛瓦，古树参天，楹联传世。
灵山县统筹推进文化保护传承工作让
古村焕新。
改革越向纵深，创新越是澎湃。
近年来，各地加快推进数据基础
设施建设，在甘肃农垦饮马农场的农
田里，传感器探入土壤监测湿度，微
型气象站追光探风。"""
    assert pieces(text) == [
        "眼瞅着自家种的花椰菜还在露天大田里，沙湖岭村村民杨启生却一点不慌。“你们看，这圆滚滚的，长势多喜人。”杨启生底气十足。",
        "发展现代农业离不开科技进步。新品种来自嘉鱼县蔬菜产业技术研究院，研究院由嘉鱼县农业农村局牵头组建。",
        "青砖黛瓦，古树参天，楹联传世。灵山县统筹推进文化保护传承工作让古村焕新。",  # its stop hung in the margin
        "改革越向纵深，创新越是澎湃。",  # a paragraph of one line: the next opens set in
        "近年来，各地加快推进数据基础设施建设，在甘肃农垦饮马农场的农田里，传感器探入土壤监测湿度，微型气象站追光探风。",
    ]
    # Where no paragraph is set in, a line two characters short is a paragraph's last, however it ends.
    flush = "在甘肃农垦饮马农场的农田里，传感\n器探入土壤监测湿度，微型气象站追\n光探风。\n"
    flush += "发展现代农业离不开科技进步。\n新品种来自嘉鱼县蔬菜产业技术研究\n院牵头组建。"
    assert pieces(flush)[1] == "发展现代农业离不开科技进步。"


def test_a_headline_closed_by_its_column_tag_ends_its_piece_in_a_short_block():
    # A page of lines of 16 (its column), and blocks too short to show a column of their own.
    column = "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追"] * 4) + "\n光探风。\n\n"
    # Headlines of articles set side by side, read line by line into one block, each as wide as the column.
    side_by_side = "用有形之手护创新之花（人民时评）\n年轻人为何喜爱“新中式”（纵横）"
    assert pieces(column + side_by_side)[-2:] == ["用有形之手护创新之花（人民时评）", "年轻人为何喜爱“新中式”（纵横）"]
    # A header set as one block: the headline closed by its tag, then the byline.
    header = "营造有序、活跃的数据产业生态\n保障企业会用数、用好数（政策解读）\n本报记者 王云杉"
    assert pieces(column + header)[-1] == "本报记者 王云杉"
    # A sentence's bracket says what a name stands for: no tag, the sentence goes on.
    sentence = "近日，中共中央、国务院印发了《信\n访工作条例》（以下简称《条例》）\n正式施行。"
    assert pieces(column + sentence)[-1] == "".join(sentence.split())


def test_a_title_over_several_columns_opens_a_piece_after_a_kicker_as_wide_as_the_column():
    column = ("\n".join(["隆冬时节，湖北省嘉鱼县新街", "镇，不少蔬菜住进了温室大棚"] * 4) + "\n光探风。\n\n") * 3  # lines of 13
    header = "湖北嘉鱼县加快发展现代农业\n三产融合，蔬菜产业助增收（发展各具特色的县域经济）\n本报记者 范昊天"
    assert pieces(column + header)[-3:] == header.split("\n")
    # A headline too wide for one line, wrapped onto a shorter one, stays one piece.
    wrapped = "大力弘扬时代楷模精神，积极投身交通强国\n建设事业\n本报记者 范昊天"
    assert pieces(column + wrapped)[-2:] == ["大力弘扬时代楷模精神，积极投身交通强国建设事业", "本报记者 范昊天"]


def test_title_lines_over_a_byline_opening_with_its_role_are_a_header_however_wide():
    column = ("\n".join(["在甘肃农垦饮马农场的农田里，传感器探", "入土壤监测湿度，微型气象站追光探风和"] * 4) + "\n光探风。\n\n") * 3  # lines of 18
    # A kicker as wide as the column less two (a first line set in, by its width) and a headline a character wider.
    header = "营造竞争有序、繁荣活跃的数据产业\n保障企业敢用数、会用数、用好数（政策解读）\n本报记者 王云杉"
    assert pieces(column + header)[-3:] == header.split("\n")
    # A name alone under a line may be a speaker's (…总经理 / 耿 黎), and a finished sentence is no title.
    assert not _over_a_byline(["中国邮政储蓄银行普惠金融事业部（科技金融中心）总经理", "耿 黎"])
    assert not _over_a_byline(["他说，这是最好的时代。", "本报记者 王云杉"])
    assert _over_a_byline(["营造竞争有序、繁荣活跃的数据产业", "本报记者 王云杉"])
    # A column tag's bracket closes a title, not a sentence, however wide the title against the column.
    assert _over_a_byline(["营造竞争有序、繁荣活跃的数据产业生态", "保障企业敢用数、会用数、用好数（政策解读）", "本报记者  王云杉"])
    assert not _over_a_byline(["（本报记者申琳参与采写）", "本报记者 王云杉"])
    # ... and so does a quoted word closing it, but not a quote closed after a stop.
    assert _over_a_byline(["突出自身特色  发挥比较优势", "新发展理念引领毕节“越重山”", "本报记者 马跃峰 卞民德 黄 娴"])
    assert not _over_a_byline(["这硬核的浪漫令人忍不住点赞。”", "本报记者 马跃峰"])
    column20 = ("\n".join(["在甘肃农垦饮马农场的农田里，传感器探入土", "壤监测湿度，微型气象站追光探风和测流点的"] * 4) + "\n光探风。\n\n") * 3
    wide = "营造竞争有序、繁荣活跃的数据产业生态\n保障企业敢用数、会用数、用好数（政策解读）\n本报记者  王云杉"
    assert pieces(column20 + wide)[-3:] == wide.split("\n")


def test_a_heading_over_a_first_line_set_in_is_a_piece_of_its_own():
    # Lines of 16, paragraphs set in by two (dropped by the extractor), and a section heading as wide as
    # a line of text, with no stop: in a block that sets its paragraphs in more than once, the line set in
    # under it opens a paragraph.
    text = """眼瞅着自家种的花椰菜还在露天
大田里，沙湖岭村村民杨启生却一点
不慌。“你们看，这圆滚滚的，长势
多喜人。”杨启生底气十足。
开放的上海，建设制度型开放高地
南港码头，滚装船稳稳靠岸，一
批即将出口的电动汽车依次驶入船舱
，码头上一片繁忙景象。"""
    assert pieces(text)[-2:] == [
        "开放的上海，建设制度型开放高地",
        "南港码头，滚装船稳稳靠岸，一批即将出口的电动汽车依次驶入船舱，码头上一片繁忙景象。",
    ]


def test_a_speakers_label_set_in_over_two_lines_is_one_piece():
    # Lines of 16, paragraphs set in by two: a speaker's label wraps onto a short line ending with its colon.
    text = """传统与时尚交织出云锦之美

南京云锦织造技艺是中国织锦技艺
最高水平的代表，它汇集了历代织锦
工艺艺术的精华，其成品是中国古典
审美情趣的表现。
龙泉青瓷烧制技艺国家级代表性
传承人徐朝兴：
我出生于一九四三年，十三岁开
始学习青瓷烧制技艺，在和其他老师
傅的共同努力下，近乎失传的龙泉青
瓷釉料配方得以恢复。"""
    assert pieces(text)[2:] == [
        "龙泉青瓷烧制技艺国家级代表性传承人徐朝兴：",
        "我出生于一九四三年，十三岁开始学习青瓷烧制技艺，在和其他老师傅的共同努力下，近乎失传的龙泉青瓷釉料配方得以恢复。",
    ]


def test_a_short_line_of_square_glyphs_ends_its_piece_however_it_ends():
    # Measured exactly (no Latin letters or digits), a line two characters short of the column is the
    # last of a paragraph or heading, even ending with a colon: a line within a paragraph is full.
    text = """技艺，其生产流程成为现代普洱茶工
艺研发的基础，延续至今已有数百年
历史。
普洱茶（贡茶）制作技艺省级代表性
传承人李兴昌：
我与茶有着不解之缘。"""
    assert pieces(text) == [
        "技艺，其生产流程成为现代普洱茶工艺研发的基础，延续至今已有数百年历史。",
        "普洱茶（贡茶）制作技艺省级代表性传承人李兴昌：",
        "我与茶有着不解之缘。",
    ]
    # A line a character short stays: a mark that may not open a line was carried down from it.
    carried = """在甘肃农垦饮马农场的农田里，传感
器探入土壤监测湿度，微型气象站追
光探风，采用智慧灌溉丰收有保障
，每亩地用水量从650立方米降至3
00立方米。"""
    assert len(pieces(carried)) == 1


def test_a_headline_closed_by_its_tag_ends_there_and_a_tag_on_its_own_line_goes_on_with_it():
    column = "\n".join(["打开短视频平台，时常能刷到些荒诞"] * 12)  # the page's column: 16 characters
    # A headline wider than the column, closed by its column tag: the bare name under it is a byline.
    wide = "基础研究点亮未来之光，服务国家战略（教育时评）\n潘建伟\n基础研究并不是脱离实际的纯理论研\n究。"
    assert pieces(column + "\n\n" + wide)[-3:] == ["基础研究点亮未来之光，服务国家战略（教育时评）", "潘建伟", "基础研究并不是脱离实际的纯理论研究。"]
    # The tag wrapped onto a line of its own goes on with the headline.
    wrapped = "面对“AI魔改”，不能“一笑而过”\n（快人快语）\n王瑨\n打开短视频平台，时常能刷到些荒诞\n内容。"
    assert pieces(column + "\n\n" + wrapped)[-3:] == ["面对“AI魔改”，不能“一笑而过”（快人快语）", "王瑨", "打开短视频平台，时常能刷到些荒诞内容。"]


def test_a_title_of_square_glyphs_a_character_wider_than_the_column_is_no_column_line():
    # The column's lines are 16 characters; the headline's 17, measured exactly, cannot be one of them.
    text = """贵州：大力实施民族文化传承弘扬工程
2023年，贵州“村超”凭借接地气的
办赛风格、多彩的民族文化、淳朴的
乡俗民风和“快乐足球”的价值理念
成为广袤乡村“现象级”赛事，获得
海内外广泛关注。78天的赛程，98场
的民族文化与激情澎湃的体育运动有
机融合，助力贵州文化走向全国乃至
世界。"""
    assert pieces(text)[0] == "贵州：大力实施民族文化传承弘扬工程"


def test_a_column_line_with_its_last_mark_hung_past_the_column_is_a_column_line():
    # Lines of 13 characters; the first line's full stop hangs in the margin (or is set half wide), so
    # the line has 14.  A title ends on no such mark: the paragraph stays whole.
    text = """发展现代农业离不开科技进步。
新品种来自嘉鱼县蔬菜产业技
术研究院，研究院由嘉鱼县农
业农村局牵头，联合湖北省农
科院、华中农业大学等单位共
同组建，研发和推广蔬菜良种。"""
    assert pieces(text) == ["".join(text.split())]
    # Without the mark, the same 14 characters over lines of 13 are a title's.
    assert pieces(text.replace("进步。", "进步啊", 1))[0] == "发展现代农业离不开科技进步啊"


def test_quotes_and_dashes_measure_full_width_in_chinese_text():
    from newsarchive.profiles.textutil import display_width

    # A Chinese font sets “ ” ‘ ’ — … · full width: a column's line with quotes is as wide as one without.
    assert display_width("2023年，贵州“村超”凭借接地气的") == display_width("华中农业大学动物科学技术学院动物") == 16
    assert display_width("“Hello,” she said") == 7.5  # in Latin text they are half width


def test_a_paragraphs_last_line_with_quotes_a_character_short_ends_it():
    # Lines of 16; the quotes measure exactly, so the last line ending a sentence one short ends the paragraph.
    text = """如今，赵春玲正带领团队开展C929飞
机设计工作，“我们一定要研制出一
款具有国际竞争力的宽体客机，继续
攀登商用飞机研制‘新高峰’。”
华中农业大学动物科学技术学院动物
医学院教授金梅林，40多年坚守在动
物疫病防控科研、教学及技术服务一
线，聚焦动物流感、猪链球菌等人畜
共患传染病和重要动物疫病的防控技
术研究。"""
    assert [p[:6] for p in pieces(text)] == ["如今，赵春玲", "华中农业大学"]


def test_a_line_a_character_short_before_a_carried_opening_quote_goes_on():
    # Lines of 15.  「“」 may not end a line: the typesetter carried it to the next and justified the
    # line, one character short though it ends a sentence.  Without the quote, that line ends the paragraph.
    column = "\n".join(["打开短视频平台，时常能刷到些荒"] * 12) + "。\n\n"
    lines = ["村民们说，合作社成立以来收入翻", "了一番，大家日子越过越好了。", "“村超”带来许多游客，大家都很", "高兴。"]
    assert len(pieces(column + "\n".join(lines))) == 2
    lines[2] = "今年村超带来许多游客，大家都很"
    assert len(pieces(column + "\n".join(lines))) == 3


def test_a_line_two_short_before_a_character_taken_down_with_a_dash_goes_on():
    # Lines of 14.  「——」 may not open a line, so the typesetter took 史 down with it and justified
    # the line above, two characters short.  A sign-off opening with the dash is a piece of its own.
    text = """将领和地方党政干部旧居、中国
新四军历史研究馆、苏南新四军
廉政教育馆等分布其中。这里，
有着一段波澜壮阔的红色历
史——抗战时期，李巷地区是中
共苏皖区党委的所在地。"""
    assert pieces(text) == ["".join(text.split())]
    signed = text.replace("有着一段波澜壮阔的红色历\n史——抗战时期，李巷地区是中\n共苏皖区党委的所在地。", "有着一段波澜壮阔红色历史\n——编  者")
    assert pieces(signed)[-1] == "——编  者"


def test_a_column_line_with_a_hung_mark_after_inner_stops_is_a_column_line():
    # A line one past the column (15) ending on a colon or a closing quote, with a sentence's inner
    # stops in it, is running text whose last mark hangs; a title of that width has none.
    column = "\n".join(["红旗雪车实现国产雪车新突破，吉林", "省雪板打蜡车、百凝盾冰刀等产品亮"] * 3) + "\n相北京冬奥会。"
    assert pieces("近年来，长春冰雪装备的好消息不断：\n" + column) == ["".join(("近年来，长春冰雪装备的好消息不断：\n" + column).split())]
    assert pieces("“村超”火了，游客们都说“真热闹”\n" + column)[0].startswith("“村超”火了，游客们都说“真热闹”红旗")
    assert pieces("贵州大力实施民族文化传承弘扬工程？\n" + column)[0] == "贵州大力实施民族文化传承弘扬工程？"


def test_a_kickers_dash_ends_its_line_in_a_wide_header():
    column = "\n".join(["打开短视频平台，时常能刷到些荒诞"] * 12)
    header = "大运河国家文化公园安徽段建设有序推进——\n新发现遗址点超百处\n本报记者 徐 靖"
    assert pieces(column + "\n\n" + header)[-3:] == ["大运河国家文化公园安徽段建设有序推进——", "新发现遗址点超百处", "本报记者 徐 靖"]


def test_a_credit_on_a_line_of_its_own_ends_its_piece():
    # Captions and credits set one under the other, as pdftotext gives them: no blank line between,
    # and no column of the block's own to measure short lines against.
    column = "\n".join(["打开短视频平台，时常能刷到些荒诞"] * 12)
    photos = (
        "本钢集团北营公司的封闭式“智慧料场”。\n马 骥摄\n本钢集团板材公司北方恒达产业园光伏发电项\n目。\n"
        "张 韬摄\n本钢集团矿业公司南芬露天铁矿复垦绿化成效\n显著。\n于汪洋摄\n细河在本钢集团北营公司厂区蜿蜒流淌。\n杨 镇摄"
    )
    assert pieces(column + "\n\n" + photos)[-8:] == [
        "本钢集团北营公司的封闭式“智慧料场”。",
        "马 骥摄",
        "本钢集团板材公司北方恒达产业园光伏发电项目。",
        "张 韬摄",
        "本钢集团矿业公司南芬露天铁矿复垦绿化成效显著。",
        "于汪洋摄",
        "细河在本钢集团北营公司厂区蜿蜒流淌。",
        "杨 镇摄",
    ]
    # Running text may wrap right after 拍摄, on a full line: that is no credit.
    text = column + "\n\n" + "摄制组在中国科学院的实验室里拍摄\n了三个月，记录下科研人员的日常。"
    assert pieces(text)[-1] == "摄制组在中国科学院的实验室里拍摄了三个月，记录下科研人员的日常。"


def test_a_credit_under_a_caption_in_a_short_block_is_a_piece_of_its_own():
    # pdftotext gives a caption and its credit as a block of their own, wider than the column (captions
    # are set in smaller type): read as header lines, the credit was run into its caption.
    column = "\n".join(["打开短视频平台，时常能刷到些荒诞"] * 12)
    for caption, credit in (
        ("司马光《资治通鉴》手稿残卷（局部）。", "国家图书馆古籍馆供图"),
        ("福建连城县培田村全景。田地上，“崇文重教\n耕读传家”的字眼尤为醒目。", "连城县委宣传部供图"),
        ("陈中柱像（资料照片）。", "新华社发"),
    ):
        assert pieces(column + "\n\n" + caption + "\n" + credit)[-2:] == [caption.replace("\n", ""), credit]
    # A credit broken before its agency stays one piece.
    assert pieces(column + "\n\n" + "细河在本钢集团北营公司厂区蜿蜒流淌。\n施国辉摄\n（人民视觉）")[-1] == "施国辉摄（人民视觉）"


def test_a_wide_headline_does_not_run_on_into_a_byline_or_the_text():
    # A headline wider than the column wraps on into the next header line, but not into a line
    # spaced out as a byline is, nor into the column's first line.
    text = """保障企业敢用数、会用数、用好数（政策解读）
本报记者 王云杉
随着数字技术持续迭代，数字化、网
络化、智能化进程不断加快，围绕数
据要素开发和价值挖掘的企业开始涌
现。"""
    assert pieces(text)[:2] == ["保障企业敢用数、会用数、用好数（政策解读）", "本报记者 王云杉"]
    text = """贵州：大力实施民族文化传承弘扬工程
2023年，贵州“村超”凭借接地气
的办赛风格、多彩的民族文化、淳朴
的乡俗民风和“快乐足球”的价值理
念成为广袤乡村“现象级”赛事。"""
    assert pieces(text)[0] == "贵州：大力实施民族文化传承弘扬工程"


def test_a_block_too_short_to_show_its_column_is_read_with_the_pages():
    column = "\n".join(["灌溉用水来自疏勒河。从祁连山奔流"] * 12)  # the page's column: 16 characters
    short = "技能提升 新就业群体拓宽发展路\n本报记者 杨 昊\n擦拭海产水缸，给商品称重，准备试\n吃活动。"
    assert pieces(column + "\n\n" + short)[-3:] == ["技能提升 新就业群体拓宽发展路", "本报记者 杨 昊", "擦拭海产水缸，给商品称重，准备试吃活动。"]
    # On its own the block shows no column: only its header lines show, cut off at the byline, and
    # the wrapped text stays one piece (its lines are joined as one paragraph's).
    assert pieces(short) == ["技能提升 新就业群体拓宽发展路", "本报记者 杨 昊", "擦拭海产水缸，给商品称重，准备试吃活动。"]


def test_a_block_of_header_lines_alone_is_cut_into_its_lines_on_a_hard_wrapped_page():
    # pdftotext gives a commentary's headline and its author's bare name as one block: neither line
    # has the column's width, so neither is running text, and each is a header line of its own.
    column = "\n".join(["灌溉用水来自疏勒河。从祁连山奔流"] * 12)  # the page's column: 16 characters
    assert pieces(column + "\n\n那些微笑的面孔（上新了）\n辛阳")[-2:] == ["那些微笑的面孔（上新了）", "辛阳"]
    # A headline wider than the column still runs on into its last line.
    assert pieces(column + "\n\n细石叶，解码中华万年文化序曲的密钥（考\n古中国）")[-1] == "细石叶，解码中华万年文化序曲的密钥（考古中国）"
    # Lines of one width, set in a box narrower than the column (a caption under a photo), wrap on.
    caption = "图为游客在江边步道散步，白鹭\n在浅水中觅食，江水清澈见底。"
    assert pieces(column + "\n\n" + caption)[-1] == caption.replace("\n", "")


def test_a_headline_as_wide_as_the_column_ends_over_a_spaced_out_byline():
    # A headline about one column wide looks like the column's first line; the line under it,
    # spaced out as a list of names, shows it is a header line.
    text = """城市增韧性 家园更宜居（大数据观察）
本报记者 邵玉姿 李家鼎 王欣悦
“雨季积水少了，小区环境更好了！
”海绵化改造，让家住河北省衡水市
和平西路富力城小区的张艳宁为社区
新变化点赞。"""
    assert pieces(text) == [
        "城市增韧性 家园更宜居（大数据观察）",
        "本报记者 邵玉姿 李家鼎 王欣悦",
        "“雨季积水少了，小区环境更好了！”海绵化改造，让家住河北省衡水市和平西路富力城小区的张艳宁为社区新变化点赞。",
    ]


def test_a_sentence_ending_a_line_of_square_glyphs_a_character_short_ends_its_paragraph():
    # A line of ideographs and full-width punctuation only is measured exactly: one character short
    # of the column and ending a sentence, it is a paragraph's last line.  Lines with digits, Latin
    # letters or quotes vary with the font, and need WRAPPED_SHORT to count as short.
    column = "\n".join(["灌溉用水来自疏勒河。从祁连山奔流"] * 12)  # the page's column: 16 characters
    text = "能充分激发出来，中国式现代化就拥\n有最坚实的根基、最深厚的力量。\n当前，处在中国式现代化建设的关键\n时期，摆在我们面前的是更加艰巨。"
    assert pieces(column + "\n\n" + text)[-2:] == [
        "能充分激发出来，中国式现代化就拥有最坚实的根基、最深厚的力量。",
        "当前，处在中国式现代化建设的关键时期，摆在我们面前的是更加艰巨。",
    ]
    digits = text.replace("有最坚实的根基、最深厚的力量。", "有最坚实的根基、最深的力量12。")  # as wide, with digits
    assert pieces(column + "\n\n" + digits)[-1] == "".join(digits.split())


def test_a_numbered_caption_opens_a_piece_of_its_own_and_runs_on_to_its_sentences_end():
    # pdftotext sets a credit without a caption (资料图片) and the next picture's numbered caption
    # one under the other; the marker (图④：) says where the caption starts.
    column = "\n".join(["打开短视频平台，时常能刷到些荒诞"] * 12)
    photos = (
        "图①：安徽宿州泗县运河故道景观带一角。\n图②：从运河故道中发掘出的文物瓷器，现存\n放于安徽泗县隋唐大运河博物馆。\n"
        "图①②均为徐靖、苗子健摄影报道\n图③：当地居民驾船行驶于隋唐大运河通济渠\n泗县段。\n资料图片\n"
        "图④：安徽宿州博物馆外景。\n徐 珂摄（人民视觉）"
    )
    # A numbered caption runs on to its sentence's end over lines of its own box's width, one of
    # which may happen to be as wide as the column.
    assert pieces(column + "。\n\n" + photos)[-7:] == [
        "图①：安徽宿州泗县运河故道景观带一角。",
        "图②：从运河故道中发掘出的文物瓷器，现存放于安徽泗县隋唐大运河博物馆。",
        "图①②均为徐靖、苗子健摄影报道",
        "图③：当地居民驾船行驶于隋唐大运河通济渠泗县段。",
        "资料图片",
        "图④：安徽宿州博物馆外景。",
        "徐 珂摄（人民视觉）",
    ]


def test_a_bare_name_under_a_title_as_wide_as_the_column_is_a_piece_of_its_own():
    # The headline happens to fill the column; the author's name under it is no paragraph's last line.
    column = "基础研究并不是脱离实际的纯理论研\n究。基础理论的重大突破往往源于解\n决实际问题的需要，这是科学发展的\n规律。"
    block = "基础研究点亮未来之光（教育时评）\n潘建伟\n" + column
    assert pieces(column + "\n\n" + block)[-3:] == ["基础研究点亮未来之光（教育时评）", "潘建伟", column.replace("\n", "")]


def test_a_hard_wrapped_lead_padded_with_spaces_is_one_piece_and_a_title_set_apart_is_not_a_column_line():
    # The dateline's and the quotation's spaces take room in the column: the lines are full, not header lines.
    column = "\n".join(["近年来，甘肃建设近三百个国家级和省级优势专科，已", "实现综合医院中医药服务全覆盖，基层医疗卫生机构中"] * 3) + "\n医馆。\n\n"
    lead = (
        "本报兰州8月21日电  （记者宋朝军）记者从甘肃举行\n的“传承精华  守正创新  全面推进中医药振兴发展”\n"
        "新闻发布会上获悉：“十四五”以来，甘肃省以全面实\n施中医药振兴发展重大工程为抓手，推动中医药事业、\n产业、文化高质量发展。"
    )
    assert pieces(column + lead + "\n\n" + column)[-2] == lead.replace("\n", "")
    # A title's two parts set apart are display type: its spaces do not make it as wide as the column.
    column18 = "\n".join(["看病就医，关乎每一名患者的切身利益。", "大到药品耗材收回扣，小到自立名目收费"] * 3) + "\n费。\n\n"  # lines of 18
    header = "深化全民国防教育  厚植国防安全意识\n孙大光"
    assert pieces(column18 + header + "\n\n" + column18)[-3:-1] == header.split("\n")


def test_a_kicker_closed_by_its_dash_over_its_headline_is_cut_from_it_on_a_hard_wrapped_page():
    # The kicker is as wide as the column by chance; the headline under it is a display line of its own width.
    column = ("\n".join(["记者从中央网信办获悉：近期，一些", "自媒体账号在发布涉时政等领域信息"] * 4) + "\n公众认知。\n\n") * 3  # lines of 16
    header = "“自媒体”未规范标注信息来源——\n网信部门公布一批典型案例"
    assert pieces(header + "\n\n" + column)[:2] == header.split("\n")
    # Running text may break a line after a dash: the column's lines under it go on with it.
    text = "不仅如此，蓟州区还同步织密应急通信网——\n针对极端条件下可能出现的断路断网，今年在\n泃河沿线等高风险区域新增了9处高点"
    column20 = ("\n".join(["在甘肃农垦饮马农场的农田里，传感器探入土", "壤监测湿度，微型气象站追光探风和测流点的"] * 4) + "\n光探风。\n\n") * 3
    assert pieces(column20 + text)[-1] == text.replace("\n", "")


def test_a_reporters_role_alone_under_a_wide_subheadline_is_a_piece_of_its_own():
    # A subheadline wider than the column would wrap on into the next header line, but a reporter's
    # role alone (本报评论员) is a byline.
    column = "“梦虽遥，追则能达；愿虽艰，持则\n可圆。”在二〇二五年新年贺词中，\n习近平主席深刻指出：“中国式现代\n化是干出来的。”"
    block = "新征程上每一个人都是主角\n——习近平主席二〇二五年新年贺词启示录⑤\n本报评论员\n" + column
    assert pieces(column + "\n\n" + block)[-4:] == [
        "新征程上每一个人都是主角",
        "——习近平主席二〇二五年新年贺词启示录⑤",
        "本报评论员",
        column.replace("\n", ""),
    ]


@pytest.mark.parametrize(
    ("block", "pieces"),
    [
        # Display lines grouped into one block: a kicker's dash or a column tag closes a line, and a byline stands alone.
        ("大力推进区域“一卡通”，逐步实现全国“一卡通”——\n社保卡，解锁更多应用新场景\n本报记者 李 婕",
         ["大力推进区域“一卡通”，逐步实现全国“一卡通”——", "社保卡，解锁更多应用新场景", "本报记者 李 婕"]),
        ("干净清爽  化风成俗（今日谈）\n邹  翔", ["干净清爽  化风成俗（今日谈）", "邹  翔"]),
        # A credit broken before its agency, and a headline set on two lines, stay whole.
        ("兰 锋摄\n(人民视觉)", ["兰 锋摄\n(人民视觉)"]),
        ("深化中外友城合作\n共绘绿色发展新篇", ["深化中外友城合作\n共绘绿色发展新篇"]),
        # A title line narrower than the one under it is a line of its own (a wrapped title fills its first
        # line): a kicker over its headline, digits and quotes counted at their widths.
        ("在文化激荡中展现中国特色\n让古老大运河焕发时代新风貌\n本报记者 王金铨",
         ["在文化激荡中展现中国特色", "让古老大运河焕发时代新风貌", "本报记者 王金铨"]),
        ("中央宣传部、全国妇联\n联合发布2025年“最美巾帼奋斗者”先进事迹",
         ["中央宣传部、全国妇联", "联合发布2025年“最美巾帼奋斗者”先进事迹"]),
        # Two lines too long together to be one title (its column tag aside) are two, whatever their widths.
        ("“有地无名”“有名无标”致导航不准、物流不畅，特色物产缺乏鲜明标识\n规范乡村地名，便出行、通快递（民生一线）",
         ["“有地无名”“有名无标”致导航不准、物流不畅，特色物产缺乏鲜明标识", "规范乡村地名，便出行、通快递（民生一线）"]),
        ("——习近平总书记对常态化做好东西部协作工作的重要指示\n引领方向、催人奋进",
         ["——习近平总书记对常态化做好东西部协作工作的重要指示\n引领方向、催人奋进"]),
        # A bare name under a title (the author's byline), but not the rest of a title wrapped onto a second line.
        ("巴达木东墓群考古发现——\n见证唐代边疆治理\n尚玉平", ["巴达木东墓群考古发现——", "见证唐代边疆治理", "尚玉平"]),
        ("坚定不移推动经济社会\n高质量", ["坚定不移推动经济社会\n高质量"]),
        # ... and a narrower kicker over its headline over a bare name: three header lines.
        ("在文化激荡中展现中国特色\n让古老大运河焕发时代新风貌\n王金铨", ["在文化激荡中展现中国特色", "让古老大运河焕发时代新风貌", "王金铨"]),
        # A kicker wider than its headline, the two too long for one title (no headline runs past 28 characters).
        ("第八届数字中国建设峰会首发一批新技术新产品\n数字经济，创新动能正澎湃\n本报记者 刘晓宇",
         ["第八届数字中国建设峰会首发一批新技术新产品", "数字经济，创新动能正澎湃", "本报记者 刘晓宇"]),
        ("上半年发行规模超一千六百亿元，同比增加超六成\n熊猫债为何受欢迎（经济新方位）\n吴秋余",
         ["上半年发行规模超一千六百亿元，同比增加超六成", "熊猫债为何受欢迎（经济新方位）", "吴秋余"]),
        # A couplet is a whole title line, however wide: a kicker over its headline.
        ("陆海内外联动  东西双向互济\n贵州主动融入全面开放格局\n本报记者  马跃峰", ["陆海内外联动  东西双向互济", "贵州主动融入全面开放格局", "本报记者  马跃峰"]),
        ("大力弘扬时代楷模精神 积极投身交\n通强国建设", ["大力弘扬时代楷模精神 积极投身交\n通强国建设"]),
        # A headline of 27 characters on two lines stays one, and so does one whose column tag is broken over them.
        ("坚持生态优先绿色发展推动长江经济带\n高质量发展迈上新台阶", ["坚持生态优先绿色发展推动长江经济带\n高质量发展迈上新台阶"]),
        ("把疏勒河“装进”计算机（经济新方位·实体经济和数\n字经济深度融合）",
         ["把疏勒河“装进”计算机（经济新方位·实体经济和数\n字经济深度融合）"]),
        # A speaker's name and post, wrapped, is no kicker over a headline, however long.
        ("阳  铭  兰州大学化学与化工学院、天然产物化学全国\n重点实验室教授", ["阳  铭  兰州大学化学与化工学院、天然产物化学全国\n重点实验室教授"]),
        ("潘建伟  中国科学院院士、中国科学技术大学常务副校长\n量子信息研究团队负责人", ["潘建伟  中国科学院院士、中国科学技术大学常务副校长\n量子信息研究团队负责人"]),
        # ... but not one broken after a pause, nor a wider line over a narrower one.
        ("社保卡，\n解锁更多应用新场景", ["社保卡，\n解锁更多应用新场景"]),
        ("湖北嘉鱼县加快发展现代农业\n三产融合助增收", ["湖北嘉鱼县加快发展现代农业\n三产融合助增收"]),
    ],
)
def test_a_header_block_of_a_page_set_a_paragraph_a_line_is_cut_into_its_lines(block, pieces):
    body = "一张社会保障卡，能帮助居民完成哪些事项？可以看病就医，领取就业补贴和社保待遇，在一些地区还能领取助学金、用于交通出行。"
    fragments = split_fragments(f"{block}\n\n{body}\n\n{body}\n")
    assert [f.text for f in fragments[:-2]] == pieces


def test_a_latin_photo_credit_under_its_caption_is_a_piece_of_its_own():
    text = "A fallen tree blocks a road in Arlington, Va., on Wednesday.\nJacquelyn Martin/AP\n\nThe storm moved east."
    assert [f.text for f in split_fragments(text)] == [
        "A fallen tree blocks a road in Arlington, Va., on Wednesday.",
        "Jacquelyn Martin/AP",
        "The storm moved east.",
    ]
    # Running text that wraps stays one piece.
    wrapped = "The council voted on Tuesday to approve\nthe plan, and/or to delay it."
    assert len(split_fragments(wrapped)) == 1


def test_hard_wrapped_latin_text_is_cut_where_a_line_ends_a_paragraph_with_room_left():
    import textwrap

    paragraphs = [
        "The city council voted on Tuesday to approve a budget for the coming fiscal year, ending weeks of debate.",
        "Council members said the plan balances the need for new services with the city's limited revenue.",
        '"This is a responsible budget," said the mayor, who had argued for the plan since the spring.',
        "Opponents argued that it does not do enough about rising housing costs downtown.",
    ]
    block = "\n".join(line for p in paragraphs for line in textwrap.wrap(p, 44))  # each last line short
    assert [f.text.replace("\n", " ") for f in split_fragments(block)] == paragraphs


def test_a_hard_wrapped_latin_line_that_ends_a_sentence_but_fills_the_column_goes_on():
    # "…on Tuesday." fills its line: the next word could not have fit, so the paragraph goes on.
    block = "The city council met and voted on Tuesday.\nIt approved a budget for the coming fiscal\nyear, ending weeks of debate over it."
    assert len(split_fragments(block)) == 1


def test_a_byline_in_hard_wrapped_latin_text_is_a_piece_of_its_own_with_its_agency():
    block = (
        "Storm knocks out power to thousands\nBy ANNA WU\nAssociated Press\n"
        "WASHINGTON — A powerful storm swept across the region on\nWednesday, knocking out power."
    )
    assert [f.text for f in split_fragments(block)] == [
        "Storm knocks out power to thousands",
        "By ANNA WU\nAssociated Press",
        "WASHINGTON — A powerful storm swept across the region on\nWednesday, knocking out power.",
    ]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # A credit set flush right on the caption's last line, joined to it with spaces.
        ("图为工作人员了解情况。 陈少帅摄 (人民视觉)", ["图为工作人员了解情况。", "陈少帅摄 (人民视觉)"]),
        # ... its agency gone on to the line below, or a credit naming no photographer.
        ("图④：安徽旌德县茶园风光。  周羽飏摄\n(人民视觉)", ["图④：安徽旌德县茶园风光。", "周羽飏摄\n(人民视觉)"]),
        ("陈中柱像（资料照片）。 新华社发", ["陈中柱像（资料照片）。", "新华社发"]),
        ("美洲展文物卡拉克穆尔51号石碑。 以上图片均为上海博物馆提供", ["美洲展文物卡拉克穆尔51号石碑。", "以上图片均为上海博物馆提供"]),
        # A chart's labelled credit after its source line, which has no stop.
        ("数据来源：住房城乡建设部、水利部  制图：汪哲平", ["数据来源：住房城乡建设部、水利部", "制图：汪哲平"]),
        # Running text sets no space after a stop, and a sentence after one is no credit.
        ("他拿起相机拍摄", ["他拿起相机拍摄"]),
        ("这张统计图的制图：很难", ["这张统计图的制图：很难"]),
        ("好。 这是正文的最后一句话，结尾是拍摄", ["好。 这是正文的最后一句话，结尾是拍摄"]),
        # With no space after the stop, only forms no sentence opens with: a web page's text glues a caption
        # and its credit so (the data's 吴桥县新兴路小学学生正在排练杂技项目转碟。王海燕摄).
        ("吴桥县学生正在排练杂技项目转碟。王海燕摄", ["吴桥县学生正在排练杂技项目转碟。", "王海燕摄"]),
        ("图为村民在田间劳作。新华社记者  王  五摄", ["图为村民在田间劳作。", "新华社记者  王  五摄"]),
        ("游客在景区游览。（新华社发  赵六摄）", ["游客在景区游览。", "（新华社发  赵六摄）"]),
        ("重庆开州巴蜀戏苑的惠民演出现场。开州区委宣传部供图", ["重庆开州巴蜀戏苑的惠民演出现场。", "开州区委宣传部供图"]),
        ("湖北秭归，家人团聚包粽子。郑家裕摄（人民视觉）", ["湖北秭归，家人团聚包粽子。", "郑家裕摄（人民视觉）"]),
        ("记者来到现场。他用手机拍摄", ["记者来到现场。他用手机拍摄"]),  # a clause, not a name
        ("活动现场气氛热烈。手机拍摄", ["活动现场气氛热烈。手机拍摄"]),  # 手机拍 is no name
        ("会议在北京举行。本报记者 李四", ["会议在北京举行。本报记者 李四"]),  # a byline's words, no credit
        ("他说。（记者张三）", ["他说。（记者张三）"]),
    ],
)
def test_a_credit_run_on_at_the_end_of_its_caption_is_a_piece_of_its_own(text, pieces):
    fragments = split_fragments(f"正文第一段。\n\n{text}\n\n正文第二段。\n")
    assert [f.text for f in fragments[1:-1]] == pieces
    # Every character of the input is in some fragment, at the offsets given.
    source = f"正文第一段。\n\n{text}\n\n正文第二段。\n"
    assert all(source[f.start : f.end] == f.text for f in fragments)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # A byline set beside its headline, on the headline's line after a wide space.
        ("社保卡，解锁更多应用新场景    本报记者 李 婕", ["社保卡，解锁更多应用新场景", "本报记者 李 婕"]),
        ("坚持问题导向 加强分类指导\u3000\u3000新华社记者 张 三", ["坚持问题导向 加强分类指导", "新华社记者 张 三"]),
        # A name before the role is one byline; running text keeps its words.
        ("周珊珊  本报评论员", ["周珊珊  本报评论员"]),
        ("他说。  本报记者 李 婕在现场看到", ["他说。  本报记者 李 婕在现场看到"]),
    ],
)
def test_a_byline_beside_its_headline_on_one_line_is_a_piece_of_its_own(text, pieces):
    source = f"{text}\n\n正文第一段。\n"
    fragments = split_fragments(source)
    assert [f.text for f in fragments[:-1]] == pieces
    assert all(source[f.start : f.end] == f.text for f in fragments)


def test_a_kicker_over_its_headline_in_one_block_is_cut_off_on_a_hard_wrapped_page_too():
    """pdftotext gives hard-wrapped columns and a header's lines as one block: a kicker narrower than its
    headline, or too long to make one title with it, is a line of its own there as on a page not wrapped."""
    column = "\n".join(["灌溉用水来自疏勒河。从祁连山奔流"] * 12)  # the page's column: 16 characters
    block = "湖北嘉鱼县加快发展现代农业\n三产融合，蔬菜产业助增收（发展各具特色的县域经济）\n本报记者 范昊天"
    assert pieces(column + "\n\n" + block)[-3:] == block.split("\n")
    block = "造出新中国第一批人造金刚石的企业不断挺进新赛道\n“工业牙齿”与新兴产业“咬合”越来越紧密\n本报记者 王 浩"
    assert pieces(column + "\n\n" + block)[-3:] == block.split("\n")


def test_a_first_line_set_in_that_finishes_a_sentence_opens_a_paragraph_after_a_full_last_line():
    # A paragraph ends on a full line (its stop and quote hung in the margin), and the next opens with a
    # one-line sentence set in over a full line: no last line of a paragraph would be followed so on a
    # page that sets its paragraphs in.
    text = """“我读的是工商管理专业。上课
基本在工作日晚上。”那时，每天晚
班结束，吴超就一头扎进会议室，观
看视频课程回放。
“哟，吴超又开始学习了！”同
事常打趣他，吴超笑着回应：“回去
怕静不下心，在这儿能踏踏实实学。”
翻开吴超的教材，笔记密密麻麻。
“学习周期两年半，每年修满学分就
能报销学费。”吴超说，“同学们都
特别珍惜，本科毕业最低要求72学分，
我修满了82学分！两年多来，平均每
周用在学习上的时间超过10个小时。”"""
    assert [p[:6] for p in pieces(text)] == ["“我读的是工", "“哟，吴超又", "翻开吴超的教"]


def test_a_caption_at_the_foot_of_a_columns_block_is_cut_from_the_running_text_over_its_credit():
    # pdftotext gives a photo's caption and credit at the foot of the column they stand under, in the same
    # block: the caption's lines are not the column's width, the running text's above them are.
    column = "\n".join(["打开短视频平台，时常能刷到些荒诞"] * 12)
    block = "阅读是读过往，也是读当下。读书是\n一种生活方式，在阅读中涵养浩然之\n今天的全民阅读，不能停留在“读过\n岳麓书院。\n王 再摄"
    assert pieces(column + "\n\n" + block)[-3:] == [
        "阅读是读过往，也是读当下。读书是一种生活方式，在阅读中涵养浩然之今天的全民阅读，不能停留在“读过",
        "岳麓书院。",
        "王 再摄",
    ]
    # A block of captions alone has its own measure: its lines stay their captions'.
    captions = "广东省具身智能训练场，工作人员在模拟环境\n下训练机器人进行电力设备巡检与维护。\n新华社记者 邓 华摄"
    assert pieces(column + "\n\n" + captions)[-2:] == [
        "广东省具身智能训练场，工作人员在模拟环境下训练机器人进行电力设备巡检与维护。",
        "新华社记者 邓 华摄",
    ]
