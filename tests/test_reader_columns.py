"""Plain text laid out in columns side by side (``pdftotext -layout``): read as blocks with boxes in character cells.

Fixtures: ``pdftotext -layout`` (poppler 22.12.0) of ``tests/data/pdf/chromium_chinese.pdf`` (a kicker,
headline and byline over two columns) and of ``tests/data/pdf/libreoffice_columns.pdf`` (page 1: a
headline over two justified columns with indented paragraphs and centred section headings).
"""

from __future__ import annotations

from pathlib import Path

from newsarchive import read, reconstruct
from newsarchive.conservation import conservation_errors
from newsarchive.readers.columns import _columns, _segments, laid_out, unspaced

DATA = Path(__file__).parent / "data" / "layout"
EXAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "examples" / "peoples-daily-overseas-2024-03.txt"


def test_text_with_columns_side_by_side_is_recognised_and_plain_text_is_not():
    assert laid_out((DATA / "chromium_chinese.txt").read_text(encoding="utf-8"))
    assert laid_out((DATA / "libreoffice_columns.txt").read_text(encoding="utf-8"))
    # One paragraph a line, names padded with two spaces, a running head with a wide gap: plain text.
    plain = "人民日报  2025年2月7日  星期五    第18版  新农村\n\n标题\n\n本报记者  李  婕\n\n" + "\n\n".join(["正文一段。"] * 20)
    assert not laid_out(plain)
    if EXAMPLE.exists():
        assert not laid_out(EXAMPLE.read_text(encoding="utf-8"))


def test_a_browsers_two_columns_laid_out_read_as_one_article_in_column_order():
    page = read((DATA / "chromium_chinese.txt").read_bytes())
    assert all(f.bbox is not None for f in page.fragments)
    rebuilt = reconstruct(page)
    (article,) = rebuilt.articles
    assert (article.kicker, article.headline, article.byline.names) == ("长江沿线城市推进生态保护——", "门前水清 风光入画", ("马丽",))
    # Column 1, then column 2, whose first line finishes column 1's last paragraph.
    assert [b.text[:4] for b in article.blocks] == ["清晨，江", "近年来，", "“民有所"]
    assert article.blocks[1].text.endswith("干流断面水质稳定保持在二类标准——这是多年来的最好水平。")
    lost, invented = conservation_errors(rebuilt)
    assert not lost and not invented


def test_a_word_processors_indented_columns_laid_out_keep_their_paragraphs_and_headings():
    page = read((DATA / "libreoffice_columns.txt").read_bytes())
    rebuilt = reconstruct(page)
    (article,) = rebuilt.articles
    assert article.headline == "社保卡，解锁更多应用新场景"
    headings = [b.text for b in article.blocks if b.type.value == "heading"]
    assert headings[:2] == ["应用清单不断扩展", "区域“一卡通”成效初显"] and "未来有望全国“一卡通”" in headings
    texts = [b.text for b in article.blocks]
    # Indented first lines open their paragraphs; the extractor's spacing (今年 1 月, 药—— 在) is gone.
    assert "到医院看病、去药店买药——在不少人印象中，这是社保卡最常见的用途。一张小卡片，还能延展哪些服务？" in texts
    assert any(t.startswith("社会保障卡是国家民生服务的基础性载体。截至今年1月底，") for t in texts)
    # Column 1's text comes before column 2's.
    assert texts.index(next(t for t in texts if t.startswith("一张社会保障卡"))) < texts.index(next(t for t in texts if t.startswith("今年1月，人社部")))
    lost, invented = conservation_errors(rebuilt)
    assert not lost and not invented


def test_the_extractors_spacing_in_chinese_text_is_taken_out_and_padded_names_keep_theirs():
    assert unspaced("截至今年 1 月底，达 13.8 亿") == "截至今年1月底，达13.8亿"
    assert unspaced("2023 年 12 月 ， 京 津 冀 三 地 联 合 签 署") == "2023年12月，京津冀三地联合签署"  # letter-spaced
    assert unspaced("去药店买药—— 在不少人") == "去药店买药——在不少人"
    assert unspaced("本报记者 马 丽") == "本报记者 马 丽"
    assert unspaced("门前水清  风光入画") == "门前水清  风光入画"


def test_the_plain_text_reader_reads_laid_out_text_line_by_line_when_asked():
    # --from plain-text: never read as columns (a table dump whose wide gaps are not columns).
    data = (DATA / "chromium_chinese.txt").read_bytes()
    page = read(data, reader="plain-text")
    assert all(f.bbox is None for f in page.fragments)
    assert read(data).fragments[0].bbox is not None  # chosen by content, the text reader reads columns


def test_a_headers_lines_get_the_width_of_the_whole_header():
    # pdftotext -layout writes a line in display type a cell a character from where it starts, so
    # a centred kicker, headline and byline seem to stand over different columns.
    from newsarchive.model import BBox
    from newsarchive.readers.columns import _header_stacks

    def box(x0: float, y0: float, x1: float, y1: float) -> BBox:
        return BBox(x0=x0, y0=y0, x1=x1, y1=y1)

    blocks = [
        (box(24, 4, 36, 5), True),  # kicker
        (box(90, 5, 105, 6), True),  # the kicker of the article beside it
        (box(1, 6, 25, 8), True),  # a headline over two columns, wrapped
        (box(28, 9, 36, 10), True),  # byline
        (box(0, 11, 20, 23), False),  # the first column's text
        (box(0, 24, 20, 29), False),  # ... and more of it: a column starts at 0
        (box(0, 30, 8, 31), True),  # a heading in the column, flush with it: no part of the header
    ]
    boxes = _header_stacks(blocks)
    # Each header stands centred over its article (its headline over two columns), in display type
    # wider than its cells: its lines get the stack's width spread about its centre (HEADER_SPREAD,
    # 1.5).  The heading is set in the column, from its left edge: it keeps its cells.
    assert [(b.x0, b.x1) for b in boxes] == [(0, 44.75), (86.25, 108.75), (0, 44.75), (0, 44.75), (0, 20), (0, 20), (0, 8)]
    assert [(b.y0, b.y1) for b in boxes] == [(b.y0, b.y1) for b, _ in blocks]


def test_a_centred_header_spreads_over_the_columns_under_it():
    # 山河无恙，英雄不朽, centred over two columns of 19 cells: in its cells the headline stands over
    # the first column's right end and the gutter only, and the first paragraph (one short line) was
    # read before it.
    from newsarchive.model import BBox
    from newsarchive.readers.columns import _header_stacks

    blocks = [
        (BBox(x0=12, y0=5, x1=21, y1=6), True),  # headline
        (BBox(x0=22, y0=6, x1=25, y1=7), True),  # byline
        (BBox(x0=0, y0=8, x1=10, y1=9), True),  # 山河共盼，英雄回家。 a one-line paragraph
        (BBox(x0=0, y0=10, x1=18, y1=15), False),
        (BBox(x0=24, y0=8, x1=40, y1=24), False),
        (BBox(x0=0, y0=16, x1=18, y1=25), False),
        (BBox(x0=24, y0=25, x1=40, y1=31), False),
    ]
    boxes = _header_stacks(blocks)
    headline, byline, paragraph = boxes[0], boxes[1], blocks[2][0]
    # The byline, a cell past the headline's end in cells, stands under it in print: one header.
    assert (byline.x0, byline.x1) == (headline.x0, headline.x1)
    assert headline.x0 < paragraph.x1  # now over the paragraph under it, which is read after it
    assert blocks[0][0].x0 > paragraph.x1  # (in its cells it was not)


LAID_OUT_HEADER = """\
                        数字孪生技术赋能节水农业
 把疏勒河“装进”计算机（经济新方位·实体经济和数
         字经济深度融合）
                            本报记者 王 浩
在甘肃农垦饮马农场的农田里，传感       不断优化。随着一个个数字输入，大
器探入土壤监测湿度，微型气象站追       屏幕里汩汩“清水”从昌马水库涌出
光探风。“2024年食葵每亩产量超280     ，干渠关键节点的瞬时流量不断跳动
公斤，增产15%。”农场项目部部长       ，系统迅速生成多套调度方案。“我
邹常生介绍，采用智慧灌溉，丰收有       们根据来水用水情况，找到最优解，
保障，每亩地用水量从650立方米降至     提前安排人员巡查检修。”疏勒河流
300立方米。                           域水资源利用中心运行调度处副处长
灌溉用水来自疏勒河。从祁连山奔流       徐宝山说。
而出，滋润荒漠绿洲，疏勒河为酒泉
玉门市、瓜州县的22个乡镇供水，调度
"""


def test_a_laid_out_headers_lines_are_read_as_kicker_headline_and_byline_over_both_columns():
    # pdftotext -layout writes display type a cell a character: the kicker and the byline seem to
    # stand over column 2, the wrapped headline over column 1, and no line of the page measures type.
    (article,) = reconstruct(read(LAID_OUT_HEADER.encode())).articles
    assert article.kicker == "数字孪生技术赋能节水农业"
    assert article.headline == "把疏勒河“装进”计算机（经济新方位·实体经济和数字经济深度融合）"
    assert article.byline.names == ("王浩",)
    assert article.blocks[0].text.startswith("在甘肃农垦饮马农场的农田里")


def test_a_laid_out_headline_broken_before_its_closing_bracket_is_one_line():
    # The headline fills the column's width, so it does not wrap on as a wider one would; but a line
    # that opens with a closing bracket goes on with the line above it.
    text = LAID_OUT_HEADER.replace(
        " 把疏勒河“装进”计算机（经济新方位·实体经济和数\n         字经济深度融合）",
        "         把疏勒河“装进”计算机（人民时评\n                 ）",
    )
    (article,) = reconstruct(read(text.encode())).articles
    assert article.headline == "把疏勒河“装进”计算机（人民时评）"
    assert article.kicker == "数字孪生技术赋能节水农业"


# Two articles side by side; the right one's headline wraps in display type before the end of its
# column tag, and the left one's byline comes out between its two lines.
WRAPPED_TAG = """\
             城市增韧性 家园更宜居（大数据观察）                          未雨绸缪，城市才能更“皮实”（编
                         本报记者 邵玉姿 李家鼎
                                                               辑手记）
                                                      卢 涛
“雨季积水少了，小区环境更好了！         构建小区公建、公园绿地、河道水系       城市安全运行，离不开未雨绸缪的
海绵化改造后的小区，雨水收集利用       的海绵系统，雨水就地消纳利用。        谋划。今年汛期，各地提前排查风
率明显提高，居民出行更加便利。         各地持续推进海绵城市建设。            险隐患，补齐短板，城市更皮实。
"""


def test_a_laid_out_headline_that_leaves_its_bracket_open_goes_on_in_the_line_that_closes_it():
    articles = reconstruct(read(WRAPPED_TAG.encode())).articles
    assert [a.headline for a in articles] == ["城市增韧性 家园更宜居（大数据观察）", "未雨绸缪，城市才能更“皮实”（编辑手记）"]
    assert [a.byline.names for a in articles] == [("邵玉姿", "李家鼎"), ("卢涛",)]


# Two articles side by side, each headline in display type wrapped onto a second line centred under
# its first; the left one's deck is set over its byline, centred too.
WRAPPED_CENTRED = """\
 大力弘扬时代楷模精神 积极投身交                              “时代楷模”单杏花同志先进事迹报
      通强国建设                                         告会在京举行
    ——走近2025年“最美巾帼奋斗者”
         本报记者 杨 昊                                  本报记者 张天培
新华社北京4月24日电 中央宣传部、科      重大需求，聚焦专业领域，带领团队      新华社北京4月24日电 中央宣传
技部、交通运输部、全国妇联、中国         将12306铁路客票系统建设成为全球交   技部、交通运输部、全国妇联、中
科协、中国国家铁路集团有限公司24        易量领先的超大型实时票务系统。      科协、国铁集团4月24日在北京举
日在北京召开座谈会。                                                    行报告会。
"""


def test_a_laid_out_headline_wrapped_onto_a_line_centred_under_it_is_one_headline():
    articles = reconstruct(read(WRAPPED_CENTRED.encode())).articles
    assert [a.headline for a in articles] == ["大力弘扬时代楷模精神 积极投身交通强国建设", "“时代楷模”单杏花同志先进事迹报告会在京举行"]
    # A byline centred under a deck is no second line of the deck: not even in the column runs, where
    # it would take the lines that follow it along (the header-line reading parts them again here).
    assert articles[0].subheadline == "——走近2025年“最美巾帼奋斗者”"
    assert [a.byline.names for a in articles] == [("杨昊",), ("张天培",)]
    runs = [[seg.text for seg in run] for run in _columns(list(_segments(WRAPPED_CENTRED)))]
    assert ["大力弘扬时代楷模精神 积极投身交", "通强国建设"] in runs
    assert ["——走近2025年“最美巾帼奋斗者”"] in runs


def test_a_first_line_set_in_that_ends_a_sentence_or_clause_goes_on_under_it_at_the_margin():
    # pdftotext -layout: a paragraph's first line is set in, so a full line at the margin under one goes on
    # with it, where the first line is running text (a whole sentence filling it, or clauses closed by a quote).
    from newsarchive.readers.columns import _goes_on_under, _Segment

    def segment(line: int, x0: int, text: str) -> _Segment:
        return _Segment(line, x0, x0 + len(text), text)

    full = segment(2, 0, "新品种来自嘉鱼县蔬菜产业技术研究")
    assert _goes_on_under(segment(1, 2, "发展现代农业离不开科技进步。"), full, 0, 16)
    assert _goes_on_under(segment(1, 2, "近期，国内锂研究“最先一公里”"), full, 0, 16)
    # Not a centred title closed by its quote, a short one-sentence paragraph, or over another first line set in.
    assert not _goes_on_under(segment(1, 1, "汽车产业比“价值”不卷“价格”"), full, 0, 16)
    assert not _goes_on_under(segment(1, 2, "科技进步。"), full, 0, 16)
    assert not _goes_on_under(segment(1, 2, "发展现代农业离不开科技进步。"), segment(2, 2, "新品种来自嘉鱼县蔬菜产业技术"), 0, 16)
    # The column's run goes on from such a first line, with another column's line between.
    opener = segment(1, 2, "发展现代农业离不开科技进步。")
    other = segment(2, 30, "另一栏的文字从这里开始写，一直写")
    under = segment(3, 0, "新品种来自嘉鱼县蔬菜产业技术研究")
    runs = _columns([segment(0, 0, "平均每亩增收四千多元。"), opener, other, under])  # a paragraph ends short above
    assert [opener, under] in runs
