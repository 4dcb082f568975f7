"""Chinese personal names: the commonest surnames, to tell a name from other text; and the credits that name nobody.

Shared by the Chinese profile (bylines, names run together, credits) and the text
reader (a bare name under a headline in a block of header lines, a credit line).
"""

from __future__ import annotations

# The commonest Chinese surnames (those of about nine people in ten): to split a run of names
# that OCR or an extractor printed without their spaces (李鹏飞吴海军 → 李鹏飞, 吴海军), and to
# tell a bare name under a headline (尚玉平) from the rest of a title wrapped onto a second line.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪傅禹荆门巨仪"
)
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "司徒", "端木", "长孙", "宇文"})


def surname_length(text: str) -> int:
    """Characters of the surname ``text`` opens with (2 for 欧阳), 0 if it opens with none known."""
    if text[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[:1] in SURNAMES else 0


# A photo's credit that names no photographer (a regex alternation): an archive's picture or an agency's release.
ANONYMOUS_CREDITS = "资料图片|资料照片|新华社发|网络图片"
