"""Shared fixtures: a hand-built page (independent of reconstruction) for writer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.model import (
    Article,
    Block,
    BlockType,
    Byline,
    Credit,
    Fragment,
    Page,
    PageMeta,
    Photo,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "peoples-daily-overseas-2024-03.txt"
SHARED = ROOT.parent / "shared"
IPTC_XSD = SHARED / "newsml-g2" / "NewsML-G2_2.35-spec-All-Power.xsd"


def _frag(n: int, text: str) -> Fragment:
    return Fragment(id=f"f{n}", text=text, lines=tuple(text.split("\n")), start=0, end=len(text), line=1)


def build_sample_page() -> Page:
    """A small two-article page with sections, photos and a standalone photo, built by hand."""
    texts = [
        "大力推进区域“一卡通”，逐步实现全国“一卡通”——",
        "社保卡，解锁更多应用新场景",
        "本报记者 李 婕",
        "本报北京3月14日电  一张社会保障卡，能帮助居民完成哪些事项？",
        "应用清单不断扩展",
        "到医院看病、去药店买药——在不少人印象中，这是社保卡最常见的用途。",
        "四川省宜宾市近期举办“社会保障卡惠民服务季”系列宣传活动。",
        "兰 锋摄\n(人民视觉)",
        "部分银行加大了小克重黄金产品及饰品的推销力度——",
        "去银行买金饰，有啥不一样？",
        "——银行代售金饰品引发关注",
        "周 倩 王俊岭",
        "在江苏苏州一处银行网点内，齐腰高的黄金模型展示架里陈列着大小不一的金条。",
        "春暖花开采茶忙",
        "贵州省遵义市凤冈县大力推广茶产业。",
        "范 晖摄 (人民视觉)",
        "本版责编：某某",
    ]
    frags = tuple(_frag(i + 1, t) for i, t in enumerate(texts))
    a1 = Article(
        kicker=texts[0],
        headline=texts[1],
        byline=Byline(text=texts[2], role="本报记者", names=("李婕",), fragments=("f3",)),
        dateline="本报北京3月14日电",
        blocks=(
            Block(type=BlockType.PARAGRAPH, text=texts[3], fragments=("f4",), confidence=0.9),
            Block(type=BlockType.HEADING, text=texts[4], fragments=("f5",), confidence=0.95),
            Block(type=BlockType.PARAGRAPH, text=texts[5], fragments=("f6",), confidence=0.8),
        ),
        photos=(
            Photo(
                caption=texts[6],
                credit=Credit(text="兰 锋摄 (人民视觉)", photographers=("兰锋",), agency="人民视觉", fragments=("f8",)),
                fragments=("f7", "f8"),
            ),
        ),
        header_fragments=("f1", "f2"),
    )
    a2 = Article(
        kicker=texts[8],
        headline=texts[9],
        subheadline=texts[10],
        byline=Byline(text=texts[11], role=None, names=("周倩", "王俊岭"), fragments=("f12",)),
        blocks=(Block(type=BlockType.PARAGRAPH, text=texts[12], fragments=("f13",)),),
        header_fragments=("f9", "f10", "f11"),
    )
    photo = Photo(
        title=texts[13],
        caption=texts[14],
        credit=Credit(text=texts[15], photographers=("范晖",), agency="人民视觉", fragments=("f16",)),
        fragments=("f14", "f15", "f16"),
    )
    from newsarchive.model import Unplaced

    return Page(
        meta=PageMeta(
            publication="人民日报海外版",
            date="2024-03-15",
            page_number=11,
            page_name="民生",
            language="zh-CN",
            source="sample.txt",
        ),
        fragments=frags,
        items=(a1, a2, photo),
        unplaced=(Unplaced(text=texts[16], fragments=("f17",), reason="page furniture"),),
    )


@pytest.fixture
def sample_page() -> Page:
    """The hand-built sample page."""
    return build_sample_page()
