"""The People's Daily profile: conventions of 人民日报 pages (the first, Chinese profile).

Evidence used here is typographic and lexical, never specific to one page:
kickers end with "——", subheadlines start with it, bylines name a role
(本报记者 …) followed by names whose two-character forms are padded with
spaces, credits end in 摄/绘/供图 with an optional agency in brackets.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, Sequence

from . import JumpLine, ParsedByline, ParsedCredit, RunningHead
from .cjk import CLOSING_MARKS, is_han
from .lexicon import start_ratio, words
from .names import ANONYMOUS_CREDITS, COMPOUND_SURNAMES, SURNAMES, surname_length
from .segmentation import head_run, last_word, runs_gain, tail_run
from .textutil import collapse as _collapse_whitespace
from .textutil import leading_unmatched_close as _leading_unmatched_close
from .textutil import quote_balance as _quote_balance

# A reporter's role: who employs them (本报, 新华社, or any paper, agency, site or station by the
# ending of its name: 光明日报, 黑龙江日报, 人民日报海外版, 人民网, 中央广播电视总台), where posted
# (驻京, 驻上海), a rank (特约, 见习, 实习, 首席), and the job.  A name is "anything but spaces,
# digits and punctuation" here: a class over the Han range costs milliseconds to compile.
_WORD_CHARS = "[^\\s\\d，。、：；！？（()）“”/／|｜·□■●◆▲★◎]"
_ORNAMENTS = "□■●◆▲★◎"  # a mark some papers set before a byline (□本报记者 李婕)
_ORG = f"(?:本报|新华社|中新社|{_WORD_CHARS}{{1,10}}?(?:日报|晚报|时报|报|通讯社|社|网|总台|电视台|台|版))"
_RANK = "(?:特约|见习|实习|首席)"
_ROLE = f"(?:{_ORG}(?:驻{_WORD_CHARS}{{1,4}}?)?{_RANK}?|{_RANK})?(?:摄影记者|记者|通讯员|评论员|实习生)"
# Other papers credit the writer as 文/李婕 (or 文｜李婕): a role too.
_ROLES = f"(?:{_ROLE}|文\\s*[/／|｜])"

_FURNITURE = re.compile(
    r"^[（(]?(?:本版责编|本版编辑|责任编辑|责编|版式设计|美术编辑|校对|本版统筹|本版主编)\s*[：:]"
    r"|^(?:国内统一连续出版物号|国际标准连续出版物号|邮发代号)\s*[：:]?\s*[A-Z]{0,4}\s*[\d-]+"
    # The front page's masthead notes: the day's page count, the issue number, the website, the postal code.
    r"|^今日\s*\d{1,3}\s*版$|^第\s*\d{4,6}\s*期$|^(?:人民网)?网址\s*[：:]|^[（(]?代号\s*[：:]?\s*\d+\s*[-—－]\s*\d+[）)]?$"
)


# A date alone on its line (2026年6月17日, 二〇二四年三月十五日, with its weekday): a letter's or speech's
# closing date under the signature, or a chart's; it heads nothing.
@functools.cache
def _date_alone_pattern() -> re.Pattern[str]:
    # Compiled on first use (~0.5 ms, its classes of numerals): see _date_alone.
    return re.compile(
        r"[\d〇零一二三四五六七八九]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
        r"(?:\s*(?:星期|周)[一二三四五六日天])?"
    )


def _date_alone(text: str) -> bool:
    """``text`` is a date alone (see _date_alone_pattern)."""
    # Only a text with 年, 月 and 日 can be one (title-like lines of 3 of the benchmark's 243 pages).
    return "年" in text and "月" in text and "日" in text and _date_alone_pattern().fullmatch(text) is not None


class _HeadPatterns:
    """A running head's parts: the paper's name, the date and weekday (and the lunar date on page one),
    the page label (第11版) with the page's name, as extractors emit the top line of every page.

    Compiled on the first line that may be a running head (see :func:`_head_patterns`).
    """

    def __init__(self) -> None:
        self.masthead = re.compile(
            r"(?P<overseas>人民日报海外版|RENMIN\s*RIBAO\s*OVERSEAS\s*EDITION)|人民日报|RENMIN\s*RIBAO|PEOPLE['’]?S\s*DAILY", re.I
        )
        self.date = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
        self.weekday = re.compile(r"星期[一二三四五六日天]")
        # A date whose month or day OCR misread (2025年]月5日, 2026年人月12日), or read the month and
        # its 月 as one character (2025年明2日 for 6月2日): beside a weekday, still the date, though
        # not one to read.
        self.misread_date = re.compile(r"\d{2,4}\s*年\s*[^\s年日]{1,4}?\s*日")
        self.lunar = re.compile(
            r"(?:农历)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s*"
            r"(?:闰?[正一二三四五六七八九十冬腊]{1,2}月\s*(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十)?)?"
        )
        self.page = re.compile(r"第\s*(\d{1,3})\s*版")
        self.today = re.compile(r"今日\s*\d{1,3}\s*版")
        self.separators = re.compile(r"[\s|｜：:，,/]+")


@functools.cache
def _head_patterns() -> _HeadPatterns:
    # Compiled when first needed: ~3 ms of a one-page conversion's start-up (the lunar date's classes
    # of CJK characters most), and 105 of the 243 benchmark pages have no line that may be a running head.
    return _HeadPatterns()


# The source line the paper's website sets under each article: 《 人民日报 》（ 2025年01月05日 01 版）, a running
# head's facts (the paper, the day, the page) in its own form.
_WEB_SOURCE_LINE = re.compile(
    r"^《\s*(?P<paper>[^《》\s]{2,12})\s*》\s*[（(]\s*(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*"
    r"(?:第\s*)?(?P<page>\d{1,3})\s*版\s*[）)]$"
)


def _iso_date(year: str, month: str, day: str) -> str | None:
    """YYYY-MM-DD of a running head's year, month and day, or None when the month or day cannot be one."""
    y, m, d = int(year), int(month), int(day)
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


_HEAD_DOTS = "·•・"  # separate a running head's parts, and the words of a page's name (科技·新知)
MAX_RUNNING_HEAD = 60  # characters
_HEAD_MARKS = ("日报", "星期", "版", "DAILY", "RIBAO")  # looked for in the upper-cased text
_BYLINE_MULTI = re.compile(f"({_ROLES})")
# What may follow a byline's names: how or where they reported (本报记者 王 强 报道, …李 婕 发自北京).
_REPORTED = re.compile(r"(?<=\S)\s+(?:报道|发自\S{1,10})$")
_ROLE_MARKS = ("记者", "通讯员", "评论员", "实习生", "/", "／", "|", "｜")  # in every text a role (_ROLES) matches
# Agencies that release pictures under their own name (新华社发, （人民视觉）, 图/视觉中国); the bracketed
# agency notes that are no column tag (_AGENCY_NOTE) name the first six.
_PRESS_AGENCIES = "新华社|中新社|人民日报|人民视觉|视觉中国|影像中国"
_AGENCIES = _PRESS_AGENCIES + "|东方IC|CFP"
_AGENCY_NAMES = frozenset(_AGENCIES.split("|"))
_PHOTOG_MARKS = ("摄", "绘", "作")  # in every text _CREDIT_PHOTOG matches
_CREDIT_PHOTOG = re.compile(
    f"^(?:(?:以上|本版)?图片?[①-⑳、]*均为)?(?:(?P<released>{_AGENCIES})发\\s*)?(?:{_ROLE}\\s*)?(?P<names>[^（()）/／]{{2,30}}?)\\s*[/／]?\\s*(?:摄影报道|摄影|摄|绘|作)"
    r"\s*(?:[（(](?P<agency>[^（()）]{1,20}?)发?[）)])?$"
)
# An archive picture, said after the credit in brackets: 新华社发（资料图片）, 李四摄（资料照片）.
_ARCHIVE_NOTE = ("（资料图片）", "(资料图片)", "（资料照片）", "(资料照片)")


# Other papers put the credit first: 图/李婕, 摄影：李婕 (with the agency after the names, in brackets).
@functools.cache
def _credit_labelled() -> re.Pattern[str]:
    # Compiled on first use (~2 ms, the role's classes of CJK marks): tried only on a text opening with 图 or 摄,
    # which 13% of the benchmark's pages have.
    return re.compile(
        f"^(?:图|摄影|摄)\\s*[/／|｜：:]\\s*(?:{_ROLE}\\s*)?(?P<names>[^（()）/／]{{2,30}}?)\\s*(?:[（(](?P<agency>[^（()）]{{1,20}}?)发?[）)])?$"
    )


_CREDIT_SUPPLIED = re.compile(r"^[（(]?(?P<agency>[^（()）\s]{2,24}?)\s*(?:供图|提供)[）)]?$")
# What opens a credit for a group of pictures, before the one who supplied them: 本版图片均由|以上图片均为|图片由 受访者 提供.
_SUPPLIED_FOR_SEVERAL = re.compile(r"^(?:以上|上述|本版|组)?(?:图片|照片)均?[由为系]|^(?:以上|上述|本版|组)?均[由为系]")


@functools.cache
def _credit_released() -> re.Pattern[str]:
    """An agency's release with its photographer in brackets after it: 新华社发（李七摄）, 新华社发（记者 李七 摄）."""
    # Compiled on first use, as the other patterns with a reporter's role (~2 ms).
    return re.compile(f"^(?P<agency>{_AGENCIES})发\\s*[（(]\\s*(?:{_ROLE}\\s*)?(?P<names>[^（()）]{{2,30}}?)\\s*摄[）)]$")


@functools.cache
def _credit_agency() -> re.Pattern[str]:
    # Compiled on first use (~0.4 ms, the role's classes): asked only of a text opening with a bracket, which
    # the credits of 105 of the benchmark's 243 pages do.
    return re.compile(
        f"^[（(](?P<agency>{_AGENCIES})发?(?:\\s*(?:{_ROLE}\\s*)?(?P<names>[^（()）]{{2,30}}?)\\s*摄)?[）)]$"
    )


# A graphic's maker or source (制图：…, 图片来源：…): a credit with no photographer.
_GRAPHIC_MAKER = r"(?:图片来源|制图|图表制作)[：:].{1,30}"
_CREDIT_ARCHIVE = re.compile(rf"^(?:图为)?(?:{ANONYMOUS_CREDITS})$|^{_GRAPHIC_MAKER}$")
# Of those, the ones that need no caption: a graphic's maker, and 图为资料图片, its own caption.  A bare
# 资料图片 or 新华社发 credits the picture whose caption stands above it (殷墟妇好墓出土青铜鸮尊。/ 资料图片).
# So does a credit for the whole page's pictures (本版图片均为新华社发): it stands where the page ends,
# under whatever text ends there, and captions none of it.
_CREDIT_CAPTIONLESS = re.compile(rf"^图为(?:{ANONYMOUS_CREDITS})$|^{_GRAPHIC_MAKER}$|^本版(?:图片|照片)均")
# A credit for a group of pictures: 以上图片均为新华社记者 X摄, 本版图片均由 X 提供.
_CREDIT_SEVERAL = re.compile(r"^(?:以上|上述|本版|组图)?图片均[为由系]")


# One short sentence without a pause (上海博物馆人民广场馆外景。, “小砂糖橘”在观看企鹅。).
@functools.cache
def _caption_shape() -> re.Pattern[str]:
    # Compiled on first use: asked on 6% of the benchmark's pages.
    return re.compile(r"^[^，,、：:；;。！？!?…—]{4,30}。$")


_CREDIT_TAIL = re.compile(r"^[（(][^（()）\s]{2,12}[）)]$")
_CAPTION = re.compile(
    r"^(?:图[①-⑳0-9一二三四五六七八九十、]*[：:]|[上下左右组]图[：:]?|(?:数据|资料|图表)来源[：:])|图为"
)
# A credit's agency in brackets, not a column tag: （新华社发）, （人民视觉）, （受访者供图）.
_AGENCY_NOTE = re.compile(rf"[（(](?:(?:{_PRESS_AGENCIES})发?|[^（()）]{{1,12}}供图)[）)]")
# A column tag closing a headline: （人民时评）, and one bracket deep inside (（人与自然·走进零碳园区（工厂）看转型）).
_COLUMN_TAG = re.compile(r"[（(](?:[^（()）。，]|[（(][^（()）。，]{1,20}[）)]){2,40}[）)]$")


def _column_tag(flat: str) -> re.Match[str] | None:
    """The column tag closing a collapsed text (no trailing newline for ``$`` to stand before), or None."""
    # Only a text ending with a closing bracket can end with one: most texts asked are paragraphs
    # ending with a stop, and the search tries every bracket in them.
    return _COLUMN_TAG.search(flat) if flat.endswith(("）", ")")) else None


# Characters that cannot end a title: function words a heading never stops on.
_DANGLING_END = set("的是在从和与及把被对向为于将让使或而但并等着过也都还就又才再很更最从自由以因所其之")
# Words that need what follows them end no title: modal verbs and prepositions (…必须, …围绕, …离不开).
# Not adverbs or nouns that a title may end on (好戏不断, 再进一步, 发展新依托).  Nor do conjunctions
# that open the second half of a sentence or a list (…，它不仅 | 记录着…; …以及 | …): a piece of text
# cut there, the last of a frame, is no title (none of the 313 headers of the benchmark's data ends so).
_DANGLING_WORDS = (
    "必须", "能够", "应当", "应该", "正在", "已经", "围绕", "按照", "对于", "关于", "随着", "为了", "离不开",
    "不仅", "不但", "不只", "而且", "并且", "以及", "或者", "但是", "因为", "由于", "虽然", "尽管", "如果",
    "只要", "只有", "无论", "不管", "即使", "哪怕", "包括", "例如", "比如", "从而", "进而", "甚至", "以便", "以免",
)  # fmt: skip
# A dateline: who reports, from where, on which day (本报北京3月14日电, 新华社日内瓦3月13日电, 本报北京3月14日讯), or
# no place and day (本报电, 本报讯); then, in brackets, the reporters.  Other media than the paper's own and the
# agencies (人民网, 央视网, 经济日报) are known only with the day, whose 电 or 讯 after it no other sentence has.
_DATELINE = re.compile(
    r"^(?P<dl>据?(?:(?:本报|新华社|人民日报|中新社|中新网)[^，。：“”]{0,16}?(?:\d{1,2}月\d{1,2}日)?电"
    r"|(?:本报|新华社|人民日报|中新社|中新网|[^\s\d，。、：；“”（()）]{1,8}?(?:日报|晚报|时报|网|通讯社|电视台))[^，。：“”]{0,16}?\d{1,2}月\d{1,2}日[电讯]"
    r"|本报讯)(?:\s*[（(][^（()）]{1,30}[）)])?)"
)
# Jump lines: an article continued on another page ends its text here with （下转第二版） (page one
# of People's Daily carries several), and the rest opens there with （上接第一版）.
_JUMP_PAGE = r"第?\s*[一二三四五六七八九十百\d]{1,4}\s*版"


@functools.cache
def _jump_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The jump lines' patterns (continued on, continued from), compiled on first use: most pages have none."""
    return (
        re.compile(rf"[（(]\s*(?:下转|转至|转)\s*(?P<page>{_JUMP_PAGE})\s*[）)]$"),
        re.compile(rf"^[（(]\s*(?:上接|接|承)\s*(?P<page>{_JUMP_PAGE})\s*[）)]"),
    )
_TERMINAL = set("。！？!?…：:")  # a colon (either width) ends 0.4% of paragraphs, yet a cut falls right after one ~20x less often
# The data's shortest section headings are five characters (一个子弹盒, 促流通——), section numbers apart;
# a shorter title-like piece inside running text begins a paragraph cut at a frame's end (dev pages: 32 such).
MIN_HEADING_CHARS = 5
KICKER_MIN = 6  # characters before a kicker's dash: a shorter line ending with —— is a run-in lead (他说——)
# A report's kicker: who said it and where, ending on the verb the headline under it quotes
# (蔡奇在山西大同市调研时强调 / 坚持问题导向 …; 粤港澳大湾区车展参展车企表示).  No pause inside it:
# running text that ends so (——2018年5月28日，习近平总书记在两院院士大会上强调) has one.
_REPORT_KICKER = re.compile(r"^[^，,：:；;。！？!?“”\"…—]{%d,40}(?:强调|指出|表示)$" % (KICKER_MIN - 2))
_SIGN_OFF_MAX = 20  # characters: a line opening with —— this short is an attribution (——编者), not running text
_ATTRIBUTION_MAX = 80  # ... and one this short ending on a verb of saying is the source of a quotation above it
_ATTRIBUTION_END = re.compile(r"(?:强调|指出|表示|说|讲话|写道|谈到|回信|致辞|贺信)$")
# Join evidence weights (log-likelihood ratios; see continuation_score).
# A word across the cut: log-odds grow with the segmentation gain (nats), measured on dev
# pages as about 1.0 + 0.6 × gain, up to ~7 (see profiles/segmentation.py).
W_SPAN, W_SPAN_GAIN, W_SPAN_CAP, W_NO_SPAN = 1.0, 0.6, 7.0, -0.5
W_OPENER = 4.0  # ，。、 … cannot open a paragraph
W_INSIDE_WORD = 2.0
W_QUOTE_PAIR, W_QUOTE_ORPHAN = 3.0, -1.5
W_STUB_SENTENCE = 1.5
# Book titles and brackets are short, so one open at the cut closes in the continuation (dev pages:
# open before and closed after in 22 true cuts and 6 other pairs; one side only in no true cut but
# in 500 other pairs).
W_BRACKET_PAIR, W_BRACKET_MISMATCH = 2.0, -2.0
_BRACKETS = (("a book title", "《", "》"), ("a bracket", "（(", "）)"))
_NO_BRACKETS = (False,) * len(_BRACKETS)
W_SHORT_TAIL = 2.0  # 15.6% of cut tails vs 2.1% of paragraphs are complete and this short (and read as a clause end)
W_RUN_ON = 1.5
# A number cut in two (20|23年, 3|14天): a head ends with an Arabic digit only when cut inside a number
# or before its unit, and a paragraph opening with a number mostly opens with a date, which the unit
# after the whole number rules out (20|2024年, 20|3月8日).  Dev pages: 21 cut errors were such cuts,
# scored only as a run-on (+1.5); with these weights 12 more are joined right and 4 wrong joins
# undone, none added (4.0 joined 7 wrong among a page's many numbers).
W_NUMBER_ACROSS, W_NUMBER_MISFIT = 3.0, -2.0
W_NUMERAL_CLASSIFIER = 2.5  # 165|条: 1.9% of true cuts, 0.14% of other pairs (dev pages)
W_DATELINE = -5.0
SHORT_TAIL = 12  # characters: a complete paragraph shorter than this is more likely the end of a cut one
RARE_WORD_START = 0.12  # below this share of word-initial uses, a character rarely opens a sentence
# Particles that follow a verb or an adjective (揭示 | 了…, 走 | 着…, 跑 | 得…): where no dictionary word
# opens with them (了解, 着力, 过去, 地方, 得到) they go on from the text before.  The dictionary gives them
# word-initial shares of 0.2-0.45 (those words), but of the dev days' 2,553 paragraphs none opens so,
# against 2,053 of the 217,206 positions inside them.
_VERB_PARTICLES = frozenset("了着过地得")
_CLOSERS = set("”’」』）)》〉】")
# A section number standing alone on its line ((一), 二、) heads the part that follows it.
# The labels People's Daily sets over a box inside an article (an editor's note, a summary, a reporter's
# notes, a sidebar): alone on a line, marked or bracketed at most (■延伸阅读, 【编者按】), they head
# text of the article they stand in and never an article: a page read with each article's first frame
# above its header has one at its top, where a title-like line is taken for the page's first headline.
_BOX_LABEL = re.compile(
    r"[■□●◆◇▲△★☆◎【\[]?"
    r"(?:编者按|编后(?:语|记)?|开栏的话|结栏的话|核心阅读|阅读提示|记者手记|采访手记|延伸阅读|"
    r"(?:相关|背景|新闻|知识)?链接|新闻背景|短评|专家点评|小贴士|名词解释)"
    r"[】\]]?[：:]?"
)
_SECTION_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)$")
# An interview's turns open with the speaker (问：, 答：, 记者：): running text, however short.
_SPEAKER_TURN = re.compile(r"^(?:问|答|记者)[：:]")
# Running text opens a sentence with a connective or a time and a comma (据介绍，…, 此外，…, 2024年，…); a title
# states its point at once (none of the data's 86 section headings and 209 headlines opens so).
_CONNECTIVE_OPENING = re.compile(
    r"^(?:据介绍|据了解|据悉|据统计|近年来|近期|此外|另外|同时|与此同时|目前|当前|如今|然而|但是|因此|所以|"
    r"其中|比如|例如|譬如|此前|随后|截至目前|在此基础上|总的来看|总体来看|一方面|另一方面|"
    r"今年(?:以来)?|去年|近日|日前|前不久|不久前|连日来|当天|当时|此后|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日)[，,]"
)


@functools.cache
def _scene_opening() -> re.Pattern[str]:
    """A clause setting a scene, or a sentence adverb, then a comma (随着…，…; 在…方面，…; 曾经，…): how running text opens a sentence."""
    # Compiled on first use.  Measured on the data's paragraphs (3,248 over 20 characters) against every cut
    # inside a clause (297,861): each form is 28 to 200 times likelier at a paragraph's start than at a cut's
    # tail (the connectives of _CONNECTIVE_OPENING: 159).  Time words that follow another word as often as
    # they open a sentence (今年|上半年，…; 展望|未来，…; 监测|数据显示，…) are left to _period_opening.
    return re.compile(
        r"^(?:"
        r"(?:曾经|近几年|近些年|不过|紧接着|为此|对此|其实|当然|事实上|实际上)"
        r"|(?:每年|每天|每逢|每当)[^，,]{0,10}"  # 每年端午节，…
        r"|(?:清晨|早上|上午|中午|下午|傍晚|晚上|夜里|凌晨)[^，,]{0,8}"  # 晚上9点，…
        r"|随着[^，,]{2,40}"
        r"|在[^，,]{1,24}(?:中|上|下|里|内|外|方面|期间|过程中|背景下|基础上|之后|之前|以后|以前|前夕|之际|时)"
        r"|除[^，,]{1,20}外"
        r"|受[^，,]{1,20}(?:影响|感召|启发|鼓舞|委托)"
        r")[，,]"
    )


@functools.cache
def _period_opening() -> re.Pattern[str]:
    """A time or a period and a comma (下半年，…; 抗战时期，…; 党的十八大以来，…): running text, though a cut's tail may open so too."""
    # A cut's tail opens so about as often as a paragraph does (…中国式现代化建设的关键 | 时期，…; 今年 | 上半年，…):
    # a title-like line is asked, never a tail.
    return re.compile(
        r"^(?:(?:今天|昨天|明天|今年|去年|明年|前年|上半年|下半年|前三季度|未来|过去|其后|之后|后来|起初|最初|当年|那年|那时|这时|此时|"
        r"多年来|长期以来|这些年|近段时间|一段时间以来|接着|然后|由此|首先|其次|再次|最后|同样|"
        r"调查显示|数据显示|统计显示|资料显示|记者了解到|记者注意到|记者看到|据[^，,]{1,10}介绍)"
        r"|[^，,]{1,10}(?:时期|期间|之际|前后|以来|之初|伊始|起))[，,]"
    )


# A news agency's bracketed source opens a note or a lead of its own (（新华社北京6月18日电）…).
_SOURCE_OPENING = re.compile(r"^[（(](?:新华社|本报|中新社)")
# A speaker's turn in an interview set as dialogue: a name and a colon (陈晔光：…).  In the dev days' paragraphs 18
# in 2,441 open so, and 43 in 207,036 pieces cut anywhere (most of them 时指出：…, 时强调：…: no name), a
# likelihood ratio of about 35; the speech verbs before a colon are left out (see _speaker_named).
_SPEECH_VERB_ENDS = tuple("说道称问答出示调讲告")
_CONTINUATION_OPENERS = set(CLOSING_MARKS + ",.;:?!)")  # marks no line may open, and their half-width forms
_SENTENCE_STOPS = frozenset("。！？!?")
_NUMERALS = set("一二三四五六七八九十百千万亿两几多余〇零")
_CLASSIFIERS = set("个条家名万亿元年月日次人岁位项台辆栋座所只头件批种类处户亩吨度倍期届轮场段部本首篇张份套架艘枚颗层株棵")
_UNITS = {"公里", "平方", "立方", "千米", "千克", "小时", "分钟", "周年"}
_LEADING_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")  # an Arabic number, in either width
_DIGITS = "0123456789０１２３４５６７８９"


def _bare_quantity_end(text: str) -> bool:
    """A short Arabic number (one to three digits) right after a Han ideograph ends ``text``: no title ends so
    (a year, four digits, may: 我们的2024).  Read without a regex: a class of ideographs costs milliseconds
    to compile, a share of a one-page conversion."""
    text = text[:-1] if text.endswith("\n") else text  # where the regex $ also matched
    digits = len(text) - len(text.rstrip(_DIGITS))
    return 1 <= digits <= 3 and len(text) > digits and "\u4e00" <= text[-digits - 1] <= "\u9fff"


_LAST_CLAUSE = re.compile(r"[，,]\s*([^，,]*)$")
MAX_STUB_CLAUSE = 2  # characters: of the data's 720 titles and title-like paragraphs, 153 have a comma, none a last clause this short


def _stub_last_clause(text: str) -> bool:
    """Whether the text's last clause, after a comma, is a stub of one or two characters (…，只; …，考验).

    A title's clauses are phrases of their own (一存一用，净化雨水成活水; 坚守，是质朴的承诺);
    a piece of running text cut at a frame's end stops wherever the cut fell.
    """
    found = _LAST_CLAUSE.search(text)
    return found is not None and 0 < len(found.group(1).replace(" ", "")) <= MAX_STUB_CLAUSE


_TRAILING_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]*)?$")
_OPENING_MARKS = set("“‘「『《（(")  # a sentence opening with one is a quotation or a title, not a cut stub
_NAME_VERBS = "说|认为|表示|介绍|指出|坦言|建议|强调|告诉记者|谈到|提到|解释"
_TITLES = (
    "教授|副教授|主任|副主任|研究员|副研究员|院长|副院长|局长|副局长|负责人|书记|经理|总经理|董事长|所长|处长|部长|"
    "主席|会长|秘书长|理事长|厅长|科长|站长|队长|校长|老师|医生|工程师|博士|馆员|创始人|总裁|村支书|专家|主管|"
    "首席经济学家|分析师|村民|居民|市民|游客|代表|委员|干部|员工|店主|志愿者|师傅|负责同志|工作人员"
)
# A line introducing a person (see PeoplesDailyProfile.introduces_person): its name and its position apart.
MAX_PERSON_LINE = 60
_POSITION_TITLES = ("院士", "院长", "校长", "教授", "主任", "研究员", "理事长", "董事长", "总经理", "书记", "局长", "所长", "部长", "会长", "秘书长", "主席", "总裁", "总监", "专家")


def _person_parts(text: str) -> tuple[str, str] | None:
    """A line's name and position, split at the first gap of two spaces (or a full-width one) after two characters; None without one.

    The name comes first, padded at most to 阳  铭 (a two-character name set as wide as three).
    """
    for k in range(2, min(len(text), 8)):
        if text[k : k + 2] == "  " or text[k] == "\u3000":
            name = "".join(text[:k].split())
            if len(name) >= 2:
                return name, text[k:].lstrip(" \u3000")
    return None


# An e-mail or web address ending a line (no cut falls inside one in the benchmark's data).
_ADDRESS_END = re.compile(r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s，。]+)$", re.ASCII)
# These patterns match names as letters of any script (a category, cheap to compile) and the matches
# are then checked to be Han (_all_han): a class of the 28,000 Han characters costs ~4 ms to compile
# for each place it appears, a tenth of this module's import.
_LETTER = r"[^\W\d_]"
# A signature line: a title, then the name set apart by spaces (党委书记、行长 徐国勤; 副行长 高 远).
_SIGNATURE = re.compile(f"(?:{_TITLES}|行长|副行长|记者|秘书|{_LETTER}官)\\s+({_LETTER}\\s{{1,2}}{_LETTER}|{_LETTER}{{2,4}})$")
_NAME_INTRO = re.compile(f"(?:{_TITLES})({_LETTER}{{2,3}}?)(?={_NAME_VERBS})")
_NAME_BARE = re.compile(f"(?:^|[，。：；“”！？、\\s])({_LETTER}{{2,3}}?)(?={_NAME_VERBS})")
# The role predicates (is_kicker, parse_byline, parse_credit, …) each collapse the same fragment
# text's whitespace and read it (_collapse); remembering a page's worth of results spares the
# repeats (tag-roles asks some eight predicates of every fragment).  Only short texts are
# remembered: the predicates are about lines, and a cache must not keep a page's long
# paragraphs (or a hostile megabyte line) alive after the page.
MAX_REMEMBERED = 256  # characters


# The horizontal bar is the Chinese dash in text from Windows' code page 936 and some PDF text
# layers (――): the same glyph, read as GB 18030's —— (U+2014) by every test of a dash.
_BAR_AS_DASH = str.maketrans("\u2015", "\u2014")


# Straight double quotes (OCR, and PDF fonts without curly glyphs) are read as “ and ” by pairing
# them up, except that one before a pause or a stop closes (…"，) and one after a pause, or opening
# the text, opens (他说："…).  An odd number of them leaves one unpaired: the first, closing a quote
# opened before the text began (a cut's tail: 智"借力), or the last, opening one that goes on after
# it (a cut's head: 推广"并行港).  The reading that pairs them over shorter spans without sentence
# punctuation wins (a quoted term is short: "组合港").  A lone one decides by its place: at the
# text's end it closes after a stop (…专利。") and opens otherwise (向"); after a stop it closes unless
# near the end (a quote closes there three times as often as it opens); else it closes in the
# text's first half.
_SENTENCE_MARKS = frozenset("。！？!?…")
MAX_QUOTED_TEXT = 20_000  # characters: the longest text whose straight quotes are read
# Whatever the pairing says, a straight quote before these closes, and one after these opens.
_CLOSE_BEFORE = frozenset("，,。.、；;：:？?！!）)》…")
_OPEN_AFTER = frozenset("：:，,、；;（(《“‘")
_PAUSE_MARKS = frozenset("，；,;：:")


def _pairing_cost(text: str, spots: list[int]) -> int:
    """How unlike quoted spans the spans between consecutive pairs of ``spots`` are."""
    cost = 0
    for a, b in zip(spots[::2], spots[1::2]):
        span = text[a + 1 : b]
        cost += len(span) + 50 * sum(ch in _SENTENCE_MARKS for ch in span) + 10 * sum(ch in _PAUSE_MARKS for ch in span)
    return cost


def _read_marks(text: str) -> str:
    """``text`` with its marks as the tests read them: ―― as the dash ——, each straight " as “ or ”.

    For analysis only: the text that is written out keeps the source's marks.
    """
    if "\u2015" in text:
        text = text.translate(_BAR_AS_DASH)
    if '"' not in text or len(text) > MAX_QUOTED_TEXT:
        return text  # none, or a text far longer than a paragraph (hostile input): work stays bounded
    spots = [m.start() for m in re.finditer('"', text)]
    closes_first = False
    if len(spots) == 1:
        i = spots[0]
        before = text[i - 1] if i else ""
        if not text[i + 1 :].strip():
            closes_first = before in _SENTENCE_MARKS  # 。" ends a quotation; 向" at a cut opens one
        elif before in _SENTENCE_MARKS:
            closes_first = i < 0.75 * len(text)  # after a stop a quote closes three times as often as it opens
        elif before and before not in _PAUSE_MARKS and not before.isspace():
            closes_first = i < len(text) / 2
    elif len(spots) % 2:
        closes_first = _pairing_cost(text, spots[1:]) < _pairing_cost(text, spots[:-1])
    pieces: list[str] = []  # the text between the quotes and the quotes read (no per-character list: a line may be megabytes)
    last = len(text) - 1
    previous = 0
    for n, i in enumerate(spots):
        after = text[i + 1] if i < last else ""
        before = text[i - 1] if i else ""
        if after in _CLOSE_BEFORE:
            mark = "”"  # …"，  …"。
        elif not before or before.isspace() or before in _OPEN_AFTER:
            mark = "“"  # 他说："…  和"…
        else:
            mark = "“" if (n % 2 == 1) == closes_first else "”"
        pieces += (text[previous:i], mark)
        previous = i + 1
    pieces.append(text[previous:])
    return "".join(pieces)


# Display type is often letter-spaced, and extractors write the tracking as spaces (湖 北 嘉 鱼 县 加
# 快 发 展), some even in running text: a line of at least LETTER_SPACED_MIN tokens, nearly all one
# character, is read without them.  A shorter one, of one-character tokens only, may be a list of
# padded names (王 丹 方 敏 李 明): it is letter-spaced only if most of its pairs open with no surname
# (本 报 记 者 范 昊 天, 传 承 人 话 非 遗).
LETTER_SPACED_MIN = 8
LETTER_SPACED_SHORT = 5


def _without_letter_spaces(text: str) -> str:
    """``text`` without each single space between two ideographs (人 民 日 报 → 人民日报; no regex, as above)."""
    if " " not in text:
        return text
    last = len(text) - 1
    return "".join(
        ch
        for i, ch in enumerate(text)
        if not (ch == " " and 0 < i < last and "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i + 1] <= "\u9fff")
    )


def _unspaced(flat: str) -> str:
    """``flat`` without its letter-spacing, if it is letter-spaced (its tokens split at single spaces)."""
    gaps = flat.count(" ")
    if gaps + 1 < LETTER_SPACED_SHORT:
        return flat
    tokens = flat.split(" ")
    singles = sum(len(t) == 1 for t in tokens)
    if len(tokens) >= LETTER_SPACED_MIN:
        return "".join(tokens) if singles * 10 >= 9 * len(tokens) else flat
    if singles < len(tokens) or 2 * sum(t in SURNAMES for t in tokens[::2]) >= len(tokens[::2]):
        return flat
    return "".join(tokens)


def _as_read(text: str) -> str:
    """``text`` as the tests of the profile read it: without letter-spacing, its marks read (see above)."""
    return _read_marks(_unspaced(text))


def _collapse_and_read(text: str) -> str:
    """``text`` with its whitespace runs collapsed to one space, then as read (:func:`_as_read`)."""
    return _as_read(_collapse_whitespace(text))


_collapse_short = functools.lru_cache(maxsize=1024)(_collapse_and_read)


def _collapse(text: str) -> str:
    """:func:`_collapse_and_read`, remembered for short texts (see MAX_REMEMBERED)."""
    return _collapse_short(text) if len(text) <= MAX_REMEMBERED else _collapse_and_read(text)


def _quotes_unpaired(text: str) -> bool:
    """Double quotes that cannot pair up: an odd number, or (in text whose marks are known) more opened than closed."""
    marks = sum(map(text.count, "“”「」"))
    return marks % 2 == 1 or (quote_balance(text) != 0 and not _mixed_quote_marks(text))


def _brackets_unpaired(text: str) -> bool:
    """Brackets (（）, 《》) that cannot pair up.

    Each kind balanced is paired; so is an even number of marks in all, for OCR
    reads one kind as another (《经济新方位…） for （经济新方位…）).  An odd number
    is a bracket left open or closed: a line cut off a longer text.
    """
    if text.count("（") == text.count("）") and text.count("《") == text.count("》"):
        return False
    return sum(map(text.count, "（）《》()")) % 2 == 1


def _mixed_quote_marks(text: str) -> bool:
    """Only closing (or only opening) double quotes, an even number of them: OCR's misread direction."""
    return (text.count("“") == 0) != (text.count("”") == 0)


def quote_balance(text: str) -> int:
    """Open minus closed double quotes (“ ” and 「 」, straight ones by their place); > 0 means a quote is still open."""
    return _quote_balance(_read_marks(text), "“「", "”」")


def leading_unmatched_close(text: str) -> bool:
    """True if a closing quote (” or 」, a straight one by its place) appears before any opening one."""
    return _leading_unmatched_close(_read_marks(text), "“「", "”」")


def unpad(name: str) -> str:
    """Remove the padding inside a name: "李 婕" → "李婕"."""
    return re.sub(r"\s+", "", name)


def _person_name(text: str) -> bool:
    """Han characters opening with a known surname: a person's name, not an adverb before a verb of saying (反复强调)."""
    return _all_han(text) and surname_length(text) > 0


def _all_han(text: str) -> bool:
    """Every character of ``text`` but whitespace is Han (a name the letter patterns matched)."""
    return all(map(is_han, "".join(text.split())))


def _signature(text: str) -> bool:
    """A signature line: a title, then a Han name set apart by spaces."""
    m = _SIGNATURE.search(text)
    return m is not None and _all_han(m.group(1))


def _is_han_name(token: str) -> bool:
    """``token`` is 2–4 Han characters."""
    return 2 <= len(token) <= 4 and all(map(is_han, token))


_NAME_SEPARATORS = re.compile(r"[\s\u3000、，,]+")  # compiled once: role tagging asks for every short line


def parse_names(text: str) -> tuple[str, ...] | None:
    """A list of personal names, or None if the text is not one.

    Names are separated by spaces, 、 or ，; a two-character name may be padded
    with spaces inside ("李 婕"), so two single characters in a row form one
    name.  Parsed by tokens, not by a regular expression, so long text cannot
    cause catastrophic backtracking.
    """
    tokens = [t for t in _NAME_SEPARATORS.split(text) if t]
    names: list[str] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if is_han(token):
            if k + 1 < len(tokens) and is_han(tokens[k + 1]):
                names.append(token + tokens[k + 1])
                k += 2
                continue
            following = tokens[k + 1] if k + 1 < len(tokens) else ""
            if is_han(following[:1]) and _is_han_name(following[1:]):
                # A byline wrapped after a padded name's first half: the line join ran the second
                # half into the next name ("方 敏" + "朱佩娴" read as 方 / 敏朱佩娴).
                names.append(token + following[0])
                tokens[k + 1] = following[1:]
                k += 1
                continue
            return None
        if not _is_han_name(token):
            return None
        names.append(token)
        k += 1
    return tuple(names) if names else None


UNPADDED_RUN = (4, 12)  # characters: two to four names run together
MAX_NAME_RUN_WORDS = 0.6  # share of a run of names that dictionary words may cover (see _unsplit_run)


def _look_like_names(names: Sequence[str], *, padded: bool) -> bool:
    """Tokens read as names without a role (本报记者) before them: most open with a known surname.

    A bare list under a headline is told from a short two-part heading (绿能赛道 追光前行,
    追光 前行) by its surnames: a name of four characters opens with a compound one
    (欧阳明高), and in a list of several, unless a two-character name is padded (亦 多, this
    paper's mark of a name), at least half the names open with one of the commonest.  A
    single name (a pen name such as 土土绒) is judged by the caller: it must be no word.
    """
    if any(len(n) > 4 or (len(n) == 4 and n[:2] not in COMPOUND_SURNAMES) for n in names):
        return False
    return padded or len(names) == 1 or 2 * sum(1 for n in names if surname_length(n)) >= len(names)


def _name_splits(run: str) -> list[tuple[str, ...]]:
    """Up to two ways to split ``run`` into names that each open with a surname (none if it is no such run).

    Names run together without spaces (李鹏飞吴海军): each is a surname and one or two
    given characters, and no padding tells their length, so a run may split more than one way.
    """
    if not UNPADDED_RUN[0] <= len(run) <= UNPADDED_RUN[1] or not all(map(is_han, run)):
        return []
    if run[:2] in COMPOUND_SURNAMES and len(run) <= 4:
        return [(run,)]  # 欧阳明高: one name
    splits: list[tuple[str, ...]] = []

    def extend(at: int, names: tuple[str, ...]) -> None:
        if len(splits) > 1:
            return
        if at == len(run):
            splits.append(names)
            return
        surname = surname_length(run[at:])
        if surname:
            for given in (1, 2):
                end = at + surname + given
                if end <= len(run):
                    extend(end, names + (run[at:end],))

    extend(0, ())
    return splits


def _split_runs(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each token that is a run of names split (李鹏飞吴海军, 王强李明); None if a token is neither a name nor such a run.

    A run that splits more than one way (王乐文方敏朱佩娴: 王乐文 方敏 or 王乐 文方敏) stays one
    token: it is names, since it splits, but which split is right is unknown, and a guess
    would invent names.  So does a run that splits no way: OCR misreads a surname (崔寅 as
    鹤袖), and after a role a run of Han characters is names (all 137 short lines opening with
    a role and without punctuation in the People's Daily data are bylines).
    """
    names: list[str] = []
    for token in tokens:
        splits = _name_splits(token)
        if len(splits) == 1:
            names.extend(splits[0])
        elif splits or _is_han_name(token) or _unsplit_run(token):
            names.append(token)
        else:
            return None
    return tuple(names)


def _unsplit_run(token: str) -> bool:
    """A run of Han characters as long as two to four names run together, opening with a surname, and no words of a sentence.

    Names are seldom words: in the data's role-led bylines dictionary words of two or more
    characters cover at most half of a run of names, but most of a clause cut after a role
    (从国家统计局获悉 0.88, 在现场看到 0.8).
    """
    if not (UNPADDED_RUN[0] <= len(token) <= UNPADDED_RUN[1] and all(map(is_han, token))):
        return False
    return bool(surname_length(token)) and _word_coverage(token) <= MAX_NAME_RUN_WORDS


def _word_coverage(run: str) -> float:
    """The share of ``run`` covered by dictionary words of two to four characters, matched longest first from the left."""
    table = words()
    at = covered = 0
    while at < len(run):
        size = next((k for k in (4, 3, 2) if at + k <= len(run) and run[at : at + k] in table), 0)
        covered += size
        at += size or 1
    return covered / len(run)


def _names(text: str | None) -> tuple[str, ...]:
    return (parse_names(text) or ()) if text else ()


def _ends_with_word(text: str) -> bool:
    """The text segments with a word of two or more characters last (大有作为, 目的), not a lone 为 (转化为)."""
    return len(last_word(text)) >= 2


def _stub_first_sentence(text: str) -> bool:
    """The text opens with a sentence too short to stand alone (攀升。…), not a quoted exclamation (“嘀！”…)."""
    # A first sentence of at most 4 characters ends within the first 5: the search stops there
    # (a split copied the rest of the paragraph).
    # Read character by character: a class of full-width stops costs ~0.15 ms to compile as a pattern.
    end = next((k for k, ch in enumerate(text[:5]) if ch in _SENTENCE_STOPS), None)
    return end is not None and text[:end][:1] not in _OPENING_MARKS


def _speaker_named(text: str) -> bool:
    """The text opens with a speaker's name and a colon, as an interview's turns do (陈晔光：…), not with 时指出：."""
    # Read character by character: a class over the Han range costs ~1 ms to compile, on every start-up.
    end = next((k for k in (2, 3) if text[k : k + 1] in ("：", ":")), None)
    name = text[:end] if end else ""
    return bool(name) and all(map(is_han, name)) and surname_length(name) > 0 and not name.endswith(_SPEECH_VERB_ENDS)


def _photographed(found: re.Match[str] | None) -> ParsedCredit | None:
    """The credit a pattern's match names (its photographers, its agency if any), or None if the names are no names."""
    if found is None or not parse_names(found.group("names")):
        return None
    groups = found.groupdict()
    # The agency after the names ((人民视觉)), else the one releasing the picture before them (中新社发 李四摄);
    # a bracket that says the picture is an archive's (李四摄（资料图片）) names none.
    agency = groups["agency"] if f"（{groups['agency']}）" not in _ARCHIVE_NOTE else None
    return ParsedCredit(_names(found.group("names")), agency or groups.get("released"))


_SPEECH_VERBS = ("说", "表示", "介绍", "指出", "认为", "坦言", "感慨", "告诉记者")
_NO_ATTRIBUTION_MARKS = frozenset("。！？!?，,“”\"：:；;")
MAX_ATTRIBUTION = 40  # characters of a speaker's attribution (a title and a name, then 说。)


def _lone_attribution(text: str) -> bool:
    """The whole text is one clause naming a speaker (科大讯飞品牌市场中心副总经理董斌说。): a quotation's attribution.

    No paragraph consists of one: it ends the paragraph of the quotation before it (…跨越理解障碍。” | 科大讯飞…
    董斌说。, cut where a column ends).  Of the dev days' 2,553 paragraphs none does, and 132 positions inside
    them are a closed quotation with such an attribution after it to the paragraph's end.  Only a reason the
    piece opens no paragraph: a head that ends its quotation ends a sentence, and join-cuts looks for no tail there.
    """
    flat = text.rstrip()
    if not 3 <= len(flat) <= MAX_ATTRIBUTION or flat[-1] != "。" or not _NO_ATTRIBUTION_MARKS.isdisjoint(flat[:-1]):
        return False
    return flat[:-1].endswith(_SPEECH_VERBS)


def _lone_first_clause(text: str) -> bool:
    """The text opens with a clause of one common Han character (勤，…; 摆、…), as no paragraph does.

    In the dev days' paragraphs 1 in 2,144 opens so, against 5.2% of the pieces cut inside
    a clause that no other opening evidence marks (8,718 in 167,789): a likelihood ratio of
    ~110.  It says the piece continues some cut, not which: it is no join evidence
    (weighed in continuation_score, it drew tails from their heads: dev units 94.2 → 94.1%),
    only a reason the piece opens no paragraph.  Not a numeral (一、… numbers a list), nor a
    character the character table does not know: a rare one is what a gloss opens with
    (埇，多用于地名…, that one paragraph).
    """
    return len(text) >= 2 and text[1] in "，、," and text[0] not in _NUMERALS and is_han(text[0]) and start_ratio(text[0]) is not None


def _leading_number(text: str) -> str:
    """The Arabic number opening ``text`` ('' if none): 23 of 23年，…, 52.77 of 52.77万。"""
    found = _LEADING_NUMBER.match(text)
    return found.group(0) if found else ""


def _trailing_number(text: str) -> str:
    """The Arabic number ending ``text`` ('' if none): 6 of 提高了6, 2020 of 的原则，2020."""
    if not text or not (text[-1].isdigit() or text[-1] in ".．"):
        return ""  # most heads: the search would scan the whole text for a number at its end
    found = _TRAILING_NUMBER.search(text)
    return found.group(0) if found else ""


def _whole_number_fits(number: str, unit: str) -> bool:
    """Whether a number read across a cut can stand before its unit: a year has four digits, a month is 1–12, a day 1–31."""
    points = number.count(".") + number.count("．")
    if points > 1:
        return False
    if unit and unit in "年月日":
        if points:
            return False
        value = int(number)
        if unit == "年":
            return len(number) == 4
        return 1 <= value <= (12 if unit == "月" else 31)
    return True


def _spaced_letter(ch: str) -> bool:
    """A letter of a script that puts spaces between words (Latin, Greek, Cyrillic …), not a CJK character."""
    return ch < "\u2e80" and ch.isalpha()


class _Opening(NamedTuple):
    """How a text opens, as the profile reads it (see PeoplesDailyProfile._opening)."""

    text: str  # the text as read (_as_read), leading whitespace left out
    mark: bool  # opens with a mark no line opens with (，。、 …)
    inside_word: bool  # without such a mark: opens inside a word (性, 们)
    closes_quote: bool  # closes a quote before opening one
    stub: bool  # opens with a sentence too short to stand alone
    lone_clause: bool  # opens with a clause of one character (勤，…; 摆，…)
    attribution: bool  # is a speaker's attribution alone (董斌说。)


class _HeadSide(NamedTuple):
    """What a head says of any cut after it (see PeoplesDailyProfile._head_side)."""

    run: str  # the Han characters ending it
    quote_open: bool
    brackets_open: tuple[bool, ...]  # per kind of _BRACKETS
    alnum: bool  # ends with a Latin letter or digit: a number or word may run on
    numeral: bool  # ends with a numeral: a classifier may follow
    digits: str  # the Arabic number ending it ('' if none): the number may go on after the cut


class _TailSide(NamedTuple):
    """What a tail says of any cut before it (see PeoplesDailyProfile._tail_side)."""

    run: str  # the Han characters opening it
    score: float  # the evidence of the tail alone
    reasons: tuple[str, ...]
    closes_quote: bool
    brackets_closed: tuple[bool, ...]  # per kind of _BRACKETS: closes one before opening any
    alnum: bool  # opens with a Latin letter or digit
    classifier: bool  # opens with a classifier or unit
    digits: str  # the Arabic number opening it ('' if none)
    unit: str  # the character after that number (年, 月, 日 bound what the whole number may be)


def _quote_evidence(head_side: _HeadSide, tail_side: _TailSide) -> float:
    """A quote closed at the tail's start: opened before the cut (W_QUOTE_PAIR) or never (W_QUOTE_ORPHAN); else 0."""
    if not tail_side.closes_quote:
        return 0.0
    return W_QUOTE_PAIR if head_side.quote_open else W_QUOTE_ORPHAN


class PeoplesDailyProfile:
    """Conventions of People's Daily pages."""

    name = "zh-peoples-daily"
    dateline_opens_article = True

    def running_head(self, text: str, *, beside_head: bool = False) -> RunningHead | None:
        """人民日报海外版 2024年3月15日 星期五 第11版 民生: any of these alone or together, nothing else.

        Beside a date and weekday a bare number is the page number and a short name the page's
        (2 要闻 2025年1月5日 星期日); ``beside_head``: the text stands beside a running head, so a
        bare page number or page name alone is one too.
        """
        # A masthead or page label letter-spaced (人 民 日 报, 要 闻) reads as one: no space between ideographs.
        collapsed = _collapse(text)
        source = _WEB_SOURCE_LINE.match(collapsed) if collapsed.startswith("《") else None
        if source is not None:
            day = _iso_date(*(source.group(g) for g in ("year", "month", "day")))
            if day is None:
                return None
            return RunningHead(publication=source.group("paper"), date=day, page_number=int(source.group("page")), page_name=None)
        # Reading out the letter-spacing drops only spaces: a text too long without any of them (most
        # texts asked: tag-roles asks every fragment) is too long without a regex pass over it.
        if len(collapsed) - collapsed.count(" ") > MAX_RUNNING_HEAD:
            return None
        flat = _without_letter_spaces(collapsed)
        if len(flat) > MAX_RUNNING_HEAD:
            return None
        # Every running head names the paper, a weekday or a page label (or, beside one, is short):
        # tag-roles asks about every fragment, most of them running text.
        if not beside_head:
            upper = flat.upper()
            if not any(mark in upper for mark in _HEAD_MARKS):
                return None
        head = _head_patterns()
        date = head.date.search(flat)
        weekday = head.weekday.search(flat)
        page = head.page.search(flat)
        rest = flat
        for found in (date, weekday, page):
            if found:
                rest = rest.replace(found.group(0), " ", 1)
        rest = head.today.sub(" ", head.lunar.sub(" ", rest))
        if weekday and not date:
            rest = head.misread_date.sub(" ", rest, count=1)
        mastheads = list(head.masthead.finditer(rest))
        publication = None
        if mastheads:
            publication = "人民日报海外版" if any(m.group("overseas") for m in mastheads) else "人民日报"
            rest = head.masthead.sub(" ", rest)
        dated = bool(date and weekday)
        labelled = bool(page) or dated or beside_head  # where a page's name and bare number may stand
        page_number = int(page.group(1)) if page else None
        page_name = None
        for token in head.separators.split(rest):
            token = token.strip(_HEAD_DOTS)
            if not token:
                continue
            words = re.split(f"[{_HEAD_DOTS}]", token)
            if labelled and page_number is None and token.isascii() and token.isdigit() and len(token) <= 3:
                page_number = int(token)
            elif labelled and page_name is None and all(2 <= len(w) <= 6 and all(map(is_han, w)) for w in words):
                page_name = token  # the page's name stands only beside its label: 第11版 民生
            else:
                return None
        if not (dated or page or publication or (beside_head and (page_number or page_name))):
            return None
        iso = _iso_date(*date.groups()) if date else None
        if date and iso is None:
            return None
        return RunningHead(publication=publication, date=iso, page_number=page_number, page_name=page_name)

    def is_furniture(self, text: str) -> bool:
        """Editor and layout lines (本版责编：…, 版式设计：…)."""
        return bool(_FURNITURE.match(_collapse(text))) or self.running_head(text) is not None

    def parse_credit(self, text: str) -> ParsedCredit | None:
        """Photo credits: X摄, X摄（人民视觉）, 新华社记者 X摄, 新华社发（X摄）, 中新社发 X摄, （新华社发）, （X 摄）, X供图, 资料图片; 图/X, X/摄, 图片来源：X;
        any of them for several pictures (以上图片均为…, 本版图片均为新华社发) or noted as an archive's (新华社发（资料图片）)."""
        flat = _collapse(text)
        if len(flat) > 48:
            return None
        # The patterns try a reporter's role at the start (any employer's name): asked only of texts
        # that can match, since every short fragment of a page is asked.
        if (credit := _photographed(_CREDIT_PHOTOG.match(flat) if any(mark in flat for mark in _PHOTOG_MARKS) else None)) is not None:
            return credit
        if "发" in flat and flat.endswith(("摄）", "摄)")) and (credit := _photographed(_credit_released().match(flat))) is not None:
            return credit
        m = _credit_labelled().match(flat) if flat[:1] in "图摄" else None
        if m and m.group("names") in _AGENCY_NAMES and not m.group("agency"):  # 图/视觉中国: an agency, no photographer
            return ParsedCredit((), m.group("names"))
        if (credit := _photographed(m)) is not None:
            return credit
        m = _credit_agency().match(flat) if flat.startswith(("（", "(")) else None
        if m and m.group("names") is None:
            return ParsedCredit((), m.group("agency"))
        if (credit := _photographed(m)) is not None:
            return credit
        if flat[:1] in "（(" and flat[-1:] in "）)" and "摄" in flat:  # a whole credit in brackets: （李四 摄）
            if (credit := _photographed(_CREDIT_PHOTOG.match(flat[1:-1].strip()))) is not None:
                return credit
        m = _CREDIT_SUPPLIED.match(flat)
        if m:
            supplier = _SUPPLIED_FOR_SEVERAL.sub("", m.group("agency")).strip() or m.group("agency")
            return ParsedCredit((), supplier)
        if _CREDIT_ARCHIVE.match(flat):
            if flat.startswith("图片来源"):  # 图片来源：视觉中国: the source is the agency
                return ParsedCredit((), flat[5:].strip() or None)
            return ParsedCredit((), "新华社" if flat.startswith("新华社") else None)
        # What is left is a credit with more said around it: that it is an archive picture (新华社发（资料图片）), or
        # that it credits every picture of the page or group (本版图片均为新华社发, 以上图片均为资料图片).
        if flat.endswith(_ARCHIVE_NOTE) and len(flat) > len(_ARCHIVE_NOTE[0]):
            return self.parse_credit(flat[: -len(_ARCHIVE_NOTE[0])])
        if (several := _CREDIT_SEVERAL.match(flat)) is not None and several.end() < len(flat):
            return self.parse_credit(flat[several.end() :])
        return None

    def is_captionless_credit(self, text: str) -> bool:
        """Credits that stand for a whole graphic or picture without a caption above (制图：…, 图为资料图片)."""
        return bool(_CREDIT_CAPTIONLESS.match(_collapse(text)))

    def is_credit_tail(self, text: str) -> bool:
        """A lone bracketed agency, the second half of a credit broken over two blocks."""
        return bool(_CREDIT_TAIL.match(_collapse(text)))

    def is_caption(self, text: str) -> bool:
        """Captions that say so: 图为…, 图①：…, 上图：…."""
        head = text[:40]
        # Every form names a picture (图) or a source (来源): two scans spare most texts the pattern's search.
        return ("图" in head or "来源" in head) and bool(_CAPTION.search(head))

    def credits_several(self, text: str) -> bool:
        """以上图片均为新华社记者 X摄, 本版图片均由 X 提供: one credit under a group of captioned pictures."""
        return bool(_CREDIT_SEVERAL.match(_collapse(text)))

    def is_caption_shaped(self, text: str) -> bool:
        """A single sentence of at most 30 characters without a comma, colon or dash (上海博物馆人民广场馆外景。)."""
        return bool(_caption_shape().match(_collapse(text)))

    def is_kicker(self, text: str) -> bool:
        """A single line ending with "——" (引题), not itself starting with one, at least KICKER_MIN characters before it; or a report's kicker (…时强调)."""
        flat = _collapse(text)
        return (
            flat.endswith("——")
            and not flat.startswith("——")
            and KICKER_MIN <= len(flat.rstrip("—")) <= 78
            and "。" not in flat
        ) or bool(_REPORT_KICKER.match(flat))

    def kicker_over_headline(self, first: str, second: str) -> bool:
        """Always: People's Daily sets a kicker (引题) over the headline; a deck under it opens with ——."""
        return True

    def is_subheadline(self, text: str) -> bool:
        """A line starting with "——" (副题), other than the editor's sign-off ——编者."""
        flat = _collapse(text)
        if not flat.startswith("——") or len(flat) > 80 or len(flat) < 4:
            return False
        return unpad(flat[2:]) not in ("编者", "作者") and "。" not in flat[:-1]

    def parse_byline(self, text: str, *, after_headline: bool) -> ParsedByline | None:
        """本报记者 X Y, 本报评论员, 新华社记者 X, 本报驻京记者 X, 文/X; a bare padded-name list only right under a headline."""
        flat = _collapse(text).lstrip(_ORNAMENTS + " ")
        if len(flat) > 60 or "\n" in text.strip() and len(text.strip().split("\n")) > 2:
            return None
        # A word after the names says how or where they reported (…王 强 报道, …李 婕 发自北京): no name.
        flat = _REPORTED.sub("", flat) if flat.endswith("报道") or "发自" in flat else flat
        # Split at roles only where one may stand (the role pattern tries any employer's name at every place).
        split = _BYLINE_MULTI.split(flat) if any(mark in flat for mark in _ROLE_MARKS) else [flat]
        parts = [p.strip() for p in split if p.strip()]
        roles: list[str] = []
        names: list[str] = []
        for part in parts:
            if _BYLINE_MULTI.fullmatch(part):
                roles.append(part)
                continue
            parsed = parse_names(part)
            if roles:  # after 本报记者 a run of Han characters can only be names, its spaces lost in OCR
                parsed = _split_runs(parsed) if parsed is not None else _split_runs(tuple(part.split()))
            if parsed is None:
                return None
            names.extend(parsed)
        if not roles:
            # A bare list of names: only right under a headline, and only if it looks like
            # names (padding, or several short tokens), not a short heading.
            if not after_headline or not names:
                return None
            tokens = flat.split()
            # Every token one character (4+) is letter-spacing as much as padded names (传 承 人 话 非 遗
            # against 王 丹 方 敏): then the names need their surnames.
            letter_spaced = len(tokens) >= 4 and all(len(t) == 1 for t in tokens)
            padded = any(map(is_han, tokens)) and not letter_spaced
            if not (padded or len(tokens) >= 2 or len(names) == 1) or not _look_like_names(names, padded=padded):
                return None
            if len(names) == 1 and names[0] in words():
                return None  # an ordinary word (引子, 板栗), or one letter-spaced as a heading (回  信), is no name
            if any(not surname_length(name) and name in words() for name in names):
                return None  # nor is a word without a surname in a list (总经理 丁正君: a title, then the name)
            if len(names) == 1 and not padded and not surname_length(names[0]) and names[0][:2] in words():
                return None  # nor a word and a character (工业母, a frame cut three characters into its text)
        return ParsedByline(roles[0] if roles else None, tuple(names))

    def introduces_person(self, text: str) -> bool:
        """A person's name, a gap of two spaces, then their position ending with a title (陈晔光  中国科学院院士、南昌大学校长).

        An interview lists its speakers so (对话嘉宾： over one such line each); a headline never
        opens with a name set apart, and a byline's names follow its role (本报记者 …).
        """
        flat = text.strip()
        if "\n" in flat or len(flat) > MAX_PERSON_LINE:
            return False
        parts = _person_parts(flat)
        if parts is None:
            return False
        name, position = parts
        return len(name) <= 4 and _person_name(name) and position.endswith(_POSITION_TITLES)

    def is_box_label(self, text: str) -> bool:
        """A box's label alone on its line (编者按, 核心阅读, ■延伸阅读, 【链接】), letter-spaced or not."""
        flat = _collapse(text).replace(" ", "")
        return len(flat) <= 8 and _BOX_LABEL.fullmatch(flat) is not None

    def too_short_for_heading(self, text: str) -> bool:
        """Fewer than :data:`MIN_HEADING_CHARS` characters, unless a section number ((一)): 湖南, 淮北市 are pieces."""
        flat = _collapse(text).replace(" ", "")
        return len(flat) < MIN_HEADING_CHARS and not _SECTION_NUMBER.match(flat)

    def opens_with_a_setting(self, text: str) -> bool:
        """A clause setting time or scene, and a comma (下半年，…; 随着…，…; 在…方面，…), or a connective (:meth:`opens_sentence`).

        Running text sets the scene before its point; a title states its point at
        once.  A title-like line opening so is the start of a paragraph cut short
        at a frame's end.  Of the data's 313 headlines, kickers and subheadlines one
        opens so (a kicker: 清明之际，…), of its 407 title-like paragraphs one (a
        lead-in ending with ——); section headings are typed only inside running text.
        """
        flat = _collapse(text).lstrip()
        return _period_opening().match(flat) is not None or self.opens_sentence(flat)

    def runs_on_as_text(self, text: str) -> bool:
        """Two commas or more, or an ellipsis inside: the clauses of running text (让我高兴的是，近年来，越来越多的年轻人…), no section heading.

        Of the data's title-like paragraphs (dev days), 4 in 246 hold two commas or more,
        each ending as a question or a quotation does (说到熊猫债，…，为啥…？), so such a
        line is left a title; of the title-like heads of its paragraphs cut at random,
        600 in 3,675 do (7 ending so).  An ellipsis inside: no title, 28 heads.  But a line
        that is one quotation from its first mark to its last (“待风息波静，凯然而归，…”) is
        a passage of speech: none of the dev days' 86 section headings holds two commas
        (spurious headings on fresh scrambles of them 8.3 → 7.3% of headings, pages read in
        order 10.1 → 9.0%; units unchanged, held-out pages unchanged).
        """
        flat = _collapse(text).strip()
        if not flat or flat[-1] in "？！?!」』）》" or (flat[-1] == "”" and not flat.startswith("“")):
            return False
        return flat.count("，") + flat.count(",") >= 2 or "…" in flat[:-2]

    def closes_headline(self, text: str) -> bool:
        """A column tag closes the title (（人与自然）, （今日谈））: People's Daily sets one on headlines only.

        Of the 210 articles of the benchmark's data, 92 headlines end with one and
        none of 86 kickers and 17 subheadlines does.
        """
        flat = _collapse(text)
        tagged = _column_tag(flat)
        if tagged is None or tagged.start() < 2 or _AGENCY_NOTE.fullmatch(tagged.group()):
            return False  # no tag, all tag, or a credit's agency (…制图：王 威（新华社发）)
        return self.is_title_like(text)

    def _dateline_alone(self, flat: str) -> bool:
        """The text is a dateline and nothing more (本报北京4月24日电  （记者赵成））."""
        found = self.dateline(flat)
        return found is not None and len(found) == len(flat.replace(" ", ""))

    def is_title_like(self, text: str) -> bool:
        """Short single-line text without sentence punctuation inside or a dangling comma at the end."""
        flat = _collapse(text)
        if self._jump(flat) is not None:
            return False  # a jump line's page (（下转第二版）) is no column tag, and a piece of text ending with one heads nothing
        # A column tag closing a headline (（自然讲堂）, （人民时评）) is judged apart from the title.
        tagged = _column_tag(flat)
        if tagged and tagged.start() >= 2:
            flat = flat[: tagged.start()].rstrip()
        if "\n" in text.strip() or not 2 <= len(flat.replace(" ", "")) <= 40:
            return False
        if _SECTION_NUMBER.match(flat):
            return True
        if _SPEAKER_TURN.match(flat) or _CONNECTIVE_OPENING.match(flat):
            return False
        if any(p in flat[:-1] for p in "。；!?！？") or flat[-1] in "，、：；,;:。":
            return False
        # A title has balanced quotes and brackets and does not stop on a function word.  Quotes are
        # balanced when they pair up: OCR reads an opening “ as ” about as often as not (”装进”).
        if _quotes_unpaired(flat) or _brackets_unpaired(flat):
            return False
        if (flat[-1] in _DANGLING_END and not _ends_with_word(flat)) or flat[-1] in "“（《‘!！…" or flat.endswith(_DANGLING_WORDS):
            return False  # a function word, an opening mark, an exclamation or an ellipsis ends no title
        if flat[0] in "（(" and flat[-1] in "）)":  # a bracketed note (（作者为…）), not a title
            return False
        if _signature(flat) or _date_alone(flat):  # a signature or its date closes a piece; it heads nothing
            return False
        if self._dateline_alone(flat):  # a lead's dateline set on a line of its own opens the lead, not an article
            return False
        if _bare_quantity_end(flat):  # a number without its unit (…提高了6, …举办20): a cut inside a sentence
            return False
        if _stub_last_clause(flat):  # …，只 / …，考验: a clause cut short, not a title's second half
            return False
        return not (flat.startswith("——") and not self.is_subheadline(flat))

    def opens_sentence(self, text: str) -> bool:
        """A connective, or a time or scene and a comma (据介绍，…, 此外，…, 2024年，…, 随着…，…), an agency's bracketed source, or a speaker's turn (记者：…, 陈晔光：…)."""
        flat = text.lstrip()
        return (
            _CONNECTIVE_OPENING.match(flat) is not None
            or _SOURCE_OPENING.match(flat) is not None
            or _scene_opening().match(flat) is not None
            or _SPEAKER_TURN.match(flat) is not None
            or _speaker_named(flat)
        )

    def dateline(self, text: str) -> str | None:
        """The opening dateline, spaces removed: 本报北京3月14日电, 新华社北京3月14日电（记者 X）, 本报讯（记者 X）, 本报北京3月14日讯, 人民网北京3月14日电."""
        m = _DATELINE.match(_collapse(text))
        return unpad(m.group("dl")) if m else None

    def jump_line(self, text: str) -> JumpLine | None:
        """（下转第二版） ending a text: continued on 第二版; （上接第一版） opening one: continued from 第一版."""
        if "版" not in text:  # most texts: no page named, nothing to read (reading collapses the text anew)
            return None
        return self._jump(_collapse(text))

    @staticmethod
    def _jump(flat: str) -> JumpLine | None:
        """:meth:`jump_line` of a collapsed text."""
        if "版" not in flat:  # most texts: no page is named, no pattern is tried
            return None
        jump_on, jump_from = _jump_patterns()
        on = jump_on.search(flat) if flat.endswith(("）", ")")) else None
        if on is not None:
            return JumpLine("on", on.group("page").replace(" ", ""), on.start() == 0)
        found = jump_from.match(flat) if flat.startswith(("（", "(")) else None
        if found is not None:
            return JumpLine("from", found.group("page").replace(" ", ""), found.end() == len(flat))
        return None

    @functools.lru_cache(maxsize=2048)  # noqa: B019 - stateless profile; join-cuts and assign-fragments ask for every body text
    def ends_paragraph(self, text: str) -> bool:
        """Ends with terminal punctuation (possibly inside closing quotes/brackets), quotes balanced."""
        flat = _as_read(text.rstrip())
        if not flat:
            return True
        if quote_balance(flat) > 0:
            return False
        stripped = flat.rstrip("".join(_CLOSERS))
        if not stripped:
            return True
        if stripped[-1] in _TERMINAL:
            return True
        if _ADDRESS_END.search(flat):  # 栏目投稿邮箱：rmrbzzb@peopledaily.cn: an address closes a notice
            return True
        # A run-in lead ending with a dash (…讲好科学家故事——) introduces the next paragraph;
        # a dash cannot open a line, so no frame break falls right after one mid-sentence either.
        if stripped.endswith("——"):
            return True
        # An attribution or sign-off line (——编  者) closes what precedes it; so does the source under a
        # quotation, which ends on the verb that said it (——2018年5月28日，习近平总书记在两院院士大会上强调).
        if flat.startswith("——") and (len(flat) <= _SIGN_OFF_MAX or (len(flat) <= _ATTRIBUTION_MAX and _ATTRIBUTION_END.search(flat))):
            return True
        if len(flat) <= 40 and _signature(flat):
            return True
        # A line introducing a speaker (陈晔光  中国科学院院士、南昌大学校长) is a whole item of their list.
        if self.introduces_person(text):
            return True
        # A bracketed note such as （本报记者…采写） or （作者为…） ends a paragraph, and so does
        # the last piece of one cut at a frame break (…研究院院长）: it closes a bracket it never opened.
        if flat[-1] in "）)" and (flat[0] in "（(" or flat.count("）") + flat.count(")") > flat.count("（") + flat.count("(")):
            return True
        # A text continued on another page (…推动经济持续（下转第二版）): nothing on this page goes on with it.
        jump = self._jump(flat)
        return jump is not None and jump.continued == "on"

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - stateless profile; a page scores some pairs repeatedly; small, since keys hold page text
    def continuation_score(self, head: str, tail: str) -> tuple[float, str]:
        """Evidence (a log-likelihood ratio) that ``tail`` continues ``head`` across a cut.

        The weights are log-odds measured on real People's Daily paragraphs cut at
        random (development days only): a dictionary word spans 42% of true cuts
        but only ~2% of a cut head followed by an unrelated paragraph; a tail that
        cannot open a paragraph follows 33% of true cuts and ~0.5% of others.
        """
        # Join-cuts pairs each head with several tails and each tail with several heads: what one
        # side says alone is read once per text (_head_side, _tail_side), only the pairing per pair.
        head_side = self._head_side(head)
        tail_side = self._tail_side(tail)
        if head_side is None or tail_side is None:
            return 0.0, "empty"
        score = tail_side.score
        reasons = list(tail_side.reasons)
        span = runs_gain(head_side.run, tail_side.run)
        if span is not None:
            score += min(W_SPAN_CAP, W_SPAN + W_SPAN_GAIN * span[1])
            reasons.append(f"word {span[0]!r} spans the cut (+{span[1]:.1f} nats)")
        else:
            score += W_NO_SPAN
        quoted = _quote_evidence(head_side, tail_side)
        if quoted:
            score += quoted
            reasons.append("quote opened before the cut closes after it" if quoted > 0 else "tail closes a quote the head never opened")
        if head_side.brackets_open != _NO_BRACKETS or tail_side.brackets_closed != _NO_BRACKETS:  # common: none either side
            for (name, _, _), head_open, tail_closes in zip(_BRACKETS, head_side.brackets_open, tail_side.brackets_closed):
                if head_open and tail_closes:
                    score += W_BRACKET_PAIR
                    reasons.append(f"{name} opened before the cut closes after it")
                elif head_open or tail_closes:
                    # A title or a bracketed note is short: an open one closes in the next piece.
                    score += W_BRACKET_MISMATCH
                    reasons.append(f"{name} open on one side of the cut is not closed on the other")
        if head_side.digits and tail_side.digits:
            # 20|23年, 3|14天, 9|52.77万: one number cut in two.  A whole number the unit after it rules out
            # (20|2024年, 20|3月8日) is two numbers, the second opening a paragraph as dates do.
            if _whole_number_fits(head_side.digits + tail_side.digits, tail_side.unit):
                score += W_NUMBER_ACROSS
                reasons.append(f"the number {head_side.digits + tail_side.digits + tail_side.unit!r} runs across the cut")
            else:
                score += W_NUMBER_MISFIT
                reasons.append(f"{head_side.digits + tail_side.digits + tail_side.unit!r} is no number")
        elif head_side.alnum and tail_side.alnum:
            score += W_RUN_ON
            reasons.append("a number or word runs across the cut")
        elif head_side.numeral and tail_side.classifier:
            score += W_NUMERAL_CLASSIFIER
            reasons.append("a numeral before the cut, its classifier after it")
        return score, "; ".join(reasons) or "no lexical evidence"

    def quote_evidence(self, head: str, tail: str) -> float:
        """What quotation marks add to :meth:`continuation_score` (W_QUOTE_PAIR, W_QUOTE_ORPHAN or 0)."""
        head_side = self._head_side(head)
        tail_side = self._tail_side(tail)
        return 0.0 if head_side is None or tail_side is None else _quote_evidence(head_side, tail_side)

    def word_across(self, head: str, tail: str) -> tuple[str, int, float] | None:
        """The word across the cut that continuation_score counts (南水北调中线一期初 | 步建成: 初步, 1 character from the head), with what it adds over no word."""
        head_side = self._head_side(head)
        tail_side = self._tail_side(tail)
        if head_side is None or tail_side is None:
            return None
        span = runs_gain(head_side.run, tail_side.run)
        if span is None:
            return None
        word, gain = span
        # The word ends the head's run and opens the tail's: the first split that fits both is it.
        taken = next(k for k in range(1, len(word)) if head_side.run.endswith(word[:k]) and tail_side.run.startswith(word[k:]))
        return word, taken, min(W_SPAN_CAP, W_SPAN + W_SPAN_GAIN * gain) - W_NO_SPAN

    # Caches keyed by fragment texts hold about a page's worth (a few hundred fragments): they pay
    # within a page, and larger ones made a 2,000-page batch's worker grow by ~10 MB.
    @staticmethod
    @functools.lru_cache(maxsize=1024)
    def _head_side(head: str) -> _HeadSide | None:
        """What a head says of any cut after it (None if empty): its Han run, open quote and brackets, last character's kind."""
        h = _as_read(head.rstrip())
        if not h:
            return None
        last = h[-1]
        return _HeadSide(
            run=head_run(h),
            quote_open=quote_balance(h) > 0,
            brackets_open=tuple(_quote_balance(h, opens, closes) > 0 for _, opens, closes in _BRACKETS),
            alnum=last.isascii() and last.isalnum(),
            numeral=last.isdigit() or last in _NUMERALS,
            digits=_trailing_number(h),
        )

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - the profile is stateless; tails repeat across heads
    def _tail_side(self, tail: str) -> _TailSide | None:
        """What a tail says of any cut before it (None if empty): its Han run, the evidence of the tail alone, its first character's kind."""
        opening = self._opening(tail)
        if opening is None:
            return None
        t = opening.text
        score, reasons = self._tail_evidence(opening)
        first = t[0]
        return _TailSide(
            run=tail_run(t),
            score=score,
            reasons=reasons,
            closes_quote=opening.closes_quote,
            brackets_closed=tuple(_leading_unmatched_close(t, opens, closes) for _, opens, closes in _BRACKETS),
            alnum=first.isascii() and first.isalnum(),
            classifier=first in _CLASSIFIERS or t[:2] in _UNITS,
            digits=(number := _leading_number(t)),
            unit=t[len(number) : len(number) + 1],
        )

    def _tail_evidence(self, opening: _Opening) -> tuple[float, tuple[str, ...]]:
        """The evidence that depends on the tail alone (scored once per tail, not once per pair)."""
        t = opening.text
        score = 0.0
        reasons: list[str] = []
        if self.dateline(t):
            score += W_DATELINE
            reasons.append("tail opens with a dateline")
        if opening.mark:
            score += W_OPENER
            reasons.append(f"tail opens with {t[0]!r}")
        elif opening.inside_word:
            score += W_INSIDE_WORD
            reasons.append(f"{t[0]!r} rarely opens a word")
        if opening.stub:
            score += W_STUB_SENTENCE
            reasons.append("tail's first sentence is too short to stand alone")
        if len(t) <= SHORT_TAIL and self.ends_paragraph(t) and self._short_clause_end(t):
            score += W_SHORT_TAIL
            reasons.append("a whole paragraph this short is rare")
        return score, tuple(reasons)

    def _short_clause_end(self, text: str) -> bool:
        """A short complete text that reads as the end of a sentence (味。, 小学校驶去。), not a short unit of its own.

        Short paragraphs of their own are titles and questions (什么是工业母机？), lead-ins
        (对话嘉宾：), bracketed notes (（本报记者…整理）), quotations and two-clause slogans
        (提质量，增强企业实力。); dev pages: 148 cut tails vs 25 whole paragraphs remain,
        against 8 vs 200 for the rest.
        """
        return not (
            text[0] in _OPENING_MARKS
            or text[-1] in "？?：:"
            or "，" in text
            or self.is_title_like(text)
        )

    def opens_mid_sentence(self, text: str) -> bool:
        """Text that cannot open a paragraph: opening punctuation, a quote closed before opened, a stub sentence or clause."""
        opening = self._opening(text)
        return opening is not None and (
            opening.mark or opening.closes_quote or opening.inside_word or opening.stub or opening.lone_clause or opening.attribution
        )

    @functools.lru_cache(maxsize=2048)  # noqa: B019 - stateless profile; join-cuts and assign-fragments ask for every body text
    def _opening(self, text: str) -> _Opening | None:
        """How ``text`` opens, as read (None if empty): read once for opens_mid_sentence and a tail's join evidence."""
        t = _as_read(text.lstrip())
        if not t:
            return None
        mark = t[0] in _CONTINUATION_OPENERS
        return _Opening(
            text=t,
            mark=mark,
            inside_word=not mark and self._opens_inside_word(t),  # asked only without a mark, as the evidence reads it
            closes_quote=leading_unmatched_close(t),
            stub=_stub_first_sentence(t),
            lone_clause=_lone_first_clause(t),
            attribution=_lone_attribution(t),
        )

    @staticmethod
    def _opens_inside_word(text: str) -> bool:
        """No dictionary word starts here and the character mostly ends words (性, 们, 的) or is a verb's particle (了, 着)."""
        table = words()
        if any(text[:k] in table for k in (2, 3, 4)):
            return False
        if text[0] in _VERB_PARTICLES:
            return True
        ratio = start_ratio(text[0])
        return ratio is not None and ratio < RARE_WORD_START

    def join(self, head: str, tail: str) -> str:
        """CJK text joins with no separator."""
        return head.rstrip() + tail.lstrip()

    def join_lines(self, lines: tuple[str, ...]) -> str:
        """Lines join directly; a space only between two letters of a spaced script, or before a half-width "(".

        Chinese is set character by character: a line may end inside a number
        (6 | 00多亩), before a closing quote (敢用数 | ”), between the halves of
        —— or ……, so a space there is invented text (on dev PDF pages a space
        was put in some 800 times at such breaks).  Between two Latin letters
        the break is most likely a space of an English phrase, and extractors
        write a full-width bracket as " (" (陈少帅摄 (人民视觉)), so a credit's
        agency on the next line reads the same: 兰 锋摄 (人民视觉).
        """
        out = ""
        for line in lines:
            if out and line:
                between_words = _spaced_letter(out[-1]) and _spaced_letter(line[0])
                before_bracket = line[0] == "(" and not out[-1].isspace()
                if between_words or before_bracket:
                    out += " "
            out += line
        return out

    def name_introductions(self, text: str) -> set[str]:
        """Names first introduced with a title: 教授鲁全说 → 鲁全."""
        return set(filter(_person_name, _NAME_INTRO.findall(text)))

    def name_mentions(self, text: str) -> set[str]:
        """Names mentioned bare before a speech verb: 。鲁全认为 → 鲁全 (not 。反复强调: 反复 opens with no surname)."""
        return set(filter(_person_name, _NAME_BARE.findall(text)))
