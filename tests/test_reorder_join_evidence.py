"""Join evidence: what ends a paragraph, which short tails count, page terms across a cut."""

import pytest

from newsarchive.profiles import get_profile
from newsarchive.reorder.join_cuts import JoinCuts, _PageTerms
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import run

STEPS = (TagRoles(), SegmentArticles(), JoinCuts())
P = get_profile("zh-CN")
SHORT = "a whole paragraph this short is rare"


def joins(draft):
    return {(j.head, j.tail) for j in draft.joins}


# --- what ends a paragraph -------------------------------------------------------------


def test_a_run_in_lead_ending_with_a_dash_is_complete():
    assert P.ends_paragraph("通过创新形式手段讲好科学家故事——")
    assert P.ends_paragraph("算网更强——")
    assert not P.ends_paragraph("治理。《法治社会建设实施纲要（2020—")  # a single dash inside a range


def test_a_sign_off_line_is_complete():
    assert P.ends_paragraph("——编  者")
    assert P.ends_paragraph("——人民网网友")


def test_the_last_piece_of_a_bracketed_note_is_complete():
    # （作者为中国社会科学院中国|式现代化研究院院长） cut at a frame break: the tail closes a bracket.
    assert P.ends_paragraph("式现代化研究院院长）")
    assert not P.ends_paragraph("（本报记者施钰、张文")


def test_a_sign_off_is_not_joined_to_the_next_section():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "非遗的保护传承关键在人。本版今起推出系列报道，敬请关注。",
        "——编  者",
        "我与茶有着不解之缘。",
    ]
    assert joins(run(blocks, *STEPS)) == set()


# --- short tails ---------------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["小学校驶去。", "有效。", "共同作用的结果。"])
def test_a_short_clause_end_is_evidence_of_a_cut(tail):
    assert SHORT in P.continuation_score("车辆发动，向她就读的张场镇", tail)[1]


@pytest.mark.parametrize(
    "tail", ["什么是工业母机？", "对话嘉宾：", "（本报记者王欣悦整理）", "提质量，增强企业实力。", "“您好，来份套餐。”"]
)
def test_a_short_unit_of_its_own_is_no_evidence_of_a_cut(tail):
    # Questions, lead-ins, bracketed notes, slogans and quotations are short paragraphs of their own.
    assert SHORT not in P.continuation_score("车辆发动，向她就读的张场镇", tail)[1]


def test_a_question_heading_after_a_sign_off_stays_a_heading():
    blocks = ["标题在此", "本报记者 王 强", "本版推出系列报道，敬请关注。", "——编  者", "什么是工业母机？", "工业母机是制造机器的机器。"]
    draft = run(blocks, *STEPS)
    assert joins(draft) == set()
    assert draft.fragment("f5").role.value == "heading"


# --- page terms across a cut -----------------------------------------------------------------


def test_page_terms_find_the_longest_string_across_the_cut():
    terms = _PageTerms(["农艺师高建林说，手套要常换。", "无关的一段话。"])
    assert terms.across("不同于棉线手套，农艺师高", "建林一年要用上千双手套。") == "农艺师高建林"
    assert terms.across("不同于棉线手套，农艺师", "说起这件事。") is None  # 师说 recurs, but two characters are chance
    assert terms.across("……", "建林") is None


def test_a_name_that_recurs_on_the_page_joins_the_pieces_beside_it():
    # 高|建林: no dictionary word spans the cut, but the article names 高建林 again.
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "大棚里，一次性手套要常换。不同于多年一换的棉线手套，农艺师高",
        "建林一年要用上千双一次性手套。",
        "“一次性手套干净。”高建林说。",
        "大棚里的番茄。",
        "李 明摄",
        "另一段完整的话写在这里，与上文无关。",  # a second frame opening: no join by elimination
    ]
    assert joins(run(blocks, *STEPS)) == {("f3", "f4")}


def test_without_the_recurring_name_the_pieces_stay_apart():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "大棚里，一次性手套要常换。不同于多年一换的棉线手套，农艺师高",
        "建林一年要用上千双一次性手套。",
        "“一次性手套干净。”他说。",
        "大棚里的番茄。",
        "李 明摄",
        "另一段完整的话写在这里，与上文无关。",  # a second frame opening: no join by elimination
    ]
    assert joins(run(blocks, *STEPS)) == set()


def test_a_title_like_head_takes_no_page_term_evidence():
    # A section heading's words recur in its section; that says nothing about a cut.
    blocks = ["标题在此", "本报记者 王 强", "导语写在这里。", "走进数字孪生", "黄河建设现场，多地开工。", "数字孪生黄河建设正在推进。"]
    draft = run(blocks, *STEPS)
    assert joins(draft) == set()
    assert draft.fragment("f4").role.value == "heading"


# --- confidence ------------------------------------------------------------------------------


def test_an_adjacent_join_carried_by_the_tail_alone_is_not_near_certain():
    # 的 rarely opens a word, so the tail continues *something*; that it continues the paragraph
    # just before it is right about 7 times in 10 on dev pages, not 99.
    blocks = ["标题在此", "本报记者 王 强", "钢铁行业用能多。钢铁行业是国民经济", "的重要基础产业，钢铁行业也是能源消耗大户。"]
    (join,) = run(blocks, *STEPS).joins
    assert 0.6 < join.confidence < 0.9


def test_a_join_with_a_strong_word_across_the_cut_is_near_certain():
    blocks = ["标题在此", "本报记者 王 强", "导语写在这里。十年来，中线一期初", "步建成的工程网络让沿线城市受益。"]
    (join,) = run(blocks, *STEPS).joins
    assert join.confidence > 0.95


# --- topic check ------------------------------------------------------------------------------


def _two_articles(tail):
    return [
        "南水北调工程通水十年",
        "本报记者 王 强",
        "南水北调中线工程通水十年来，累计向北方调水六百多亿立方米，沿线城市供水保障能力显著提升。调水工程让",
        tail,
        "市民在河边散步。",
        "李 明摄",
        "另一段完整的话写在这里，与上文无关。",  # a second frame opening: no join by elimination
    ]


def test_moderate_evidence_between_frames_that_share_no_words_is_chance():
    # 的 rarely opens a word, but this tail is about an opera troupe, not the water project.
    draft = run(_two_articles("的剧团演员们在乡村舞台上唱了三天三夜，观众掌声不断。"), *STEPS)
    assert joins(draft) == set()


def test_moderate_evidence_between_frames_on_one_topic_joins():
    draft = run(_two_articles("的北方城市用上了南水北调的水，调水工程造福沿线。"), *STEPS)
    assert joins(draft) == {("f3", "f4")}


def test_frames_too_short_to_judge_are_not_held_apart_by_topic():
    # Twelve characters share no bigram with eight, which says nothing about their topics.
    blocks = ["标题在此", "本报记者 王 强", "用能多。钢铁行业是国民经济", "的重要基础产业。", "高炉出铁。", "李 明摄", "另一段话。"]
    assert joins(run(blocks, *STEPS)) == {("f3", "f4")}


# --- book titles and brackets across a cut ---------------------------------------------------------


def test_a_book_title_open_at_the_cut_is_closed_by_its_continuation():
    head = "与会者共同学习了《法治社会建设实施纲要"
    paired = P.continuation_score(head, "》，交流了体会。")[0]
    unpaired = P.continuation_score(head, "会议还部署了下一步工作。")[0]
    assert paired - unpaired >= 3.5  # a pair for the one, a mismatch against the other


def test_a_tail_closing_a_bracket_the_head_never_opened_is_unlikely():
    assert "not closed" in P.continuation_score("会议还部署了下一步工作，", "2025年）明确提出要求。")[1]
    assert "not closed" not in P.continuation_score("纲要（2020—", "2025年）明确提出要求。")[1]


def test_a_tail_from_another_topic_is_no_rival_for_the_only_candidate():
    # Both far tails open with a comma (moderate evidence); only one shares the head's vocabulary,
    # so it is the head's only real candidate and is joined.
    blocks = [
        "南水北调工程通水十年",
        "本报记者 王 强",
        "南水北调中线工程通水十年来，累计向北方调水六百多亿立方米，沿线城市供水保障能力显著提升。调水工程让",
        "沿线各地还在持续推进节水工作，用水效率稳步提高。",
        "，剧团演员们在乡村舞台上唱了三天三夜，观众掌声不断，演出一场接一场。",
        "，北方城市用上了南水北调的水，调水工程造福沿线城市，供水保障能力持续提升。",
    ]
    assert joins(run(blocks, *STEPS)) == {("f3", "f6")}


def test_page_terms_answer_the_same_before_and_after_the_triples_are_indexed():
    from newsarchive.reorder import join_cuts

    text = ["农艺师高建林说，手套要常换。数字孪生黄河建设正在推进。", "无关的一段话。"]
    questions = [("农艺师高", "建林一年"), ("数字孪生", "黄河的"), ("农艺师", "说起"), ("孪生黄", "河建设")]
    scanned = join_cuts._PageTerms(text)
    answers = [scanned.across(h, t) for h, t in questions]
    indexed = join_cuts._PageTerms(text)
    for _ in range(join_cuts.INDEX_TRIPLES_AFTER + 1):
        indexed.across("无关", "的一")
    assert indexed._triples is not None
    assert [indexed.across(h, t) for h, t in questions] == answers == ["农艺师高建林", "数字孪生黄河", None, "孪生黄河建设"]


def test_page_term_precheck_is_exact_on_pages_and_bounded_on_hostile_text(monkeypatch):
    from newsarchive.reorder import join_cuts

    terms = join_cuts._PageTerms(["数字孪生黄河建设", "高建林说"])
    assert terms.meets("孪", "生") and not terms.meets("孪", "河")
    # Past MAX_FOLLOWER_MATCHES occurrences it stops reading and lets across_runs decide.
    monkeypatch.setattr(join_cuts, "MAX_FOLLOWER_MATCHES", 5)
    hostile = join_cuts._PageTerms(["的" * 50 + "的确"])
    assert hostile.meets("的", "确") and hostile.meets("的", "x")
    assert hostile.across_runs("的的", "确实") == "的的确"  # the bounded search still finds a real term


def test_a_straight_quote_read_against_a_join_does_not_contradict_it_alone():
    """A straight quote may open or close: only the rest of the evidence can speak against the join."""
    from newsarchive.reorder.cut_rules import contradicted

    tail = '会议决定从明天开始全面实施这个方案。"各地要认真组织落实，确保取得实效，不断推进各项工作。'
    # The tail seems to close a quote never opened: that alone does not rule the join out ...
    draft = run(["他说我们要继续努力", tail])
    assert draft.profile.continuation_score("他说我们要继续努力", tail)[0] <= -1.5
    assert not contradicted(draft, "f1", "f2")
    # ... but a book title the head opens and the tail never closes still does, quote or no quote.
    draft = run(["他们读了《人民日报", tail])
    assert contradicted(draft, "f1", "f2")
    curly = tail.replace('"', "”")
    assert contradicted(run(["他们读了《人民日报", curly]), "f1", "f2")
