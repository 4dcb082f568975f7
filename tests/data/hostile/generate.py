"""Write the hostile-input fixtures of this folder and ``expected.json``.

Run ``python tests/data/hostile/generate.py`` after changing the table below; the
files are committed so the tests do not depend on this script.  Every file is
small (the folder stays well under 200 KB); big inputs are made at test time.

Each expectation is what newsarchive *should* do with the file, decided by hand:
``"converts"``, or ``{"exit": 1, "error": "substring of the one-line error"}``.
Files for ``newsarchive validate`` carry ``"command": "validate"``.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

PAGE = "社保卡，解锁更多应用新场景\n\n本报记者 李 婕\n\n一张社会保障卡，能帮助居民完成哪些事项？\n\n应用清单不断扩展。"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


def _pdf(binary: bool) -> bytes:
    stream = zlib.compress("BT /F1 12 Tf (社保卡) Tj ET".encode()) if binary else b"BT (Hello) Tj ET"
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" if binary else b"%PDF-1.4\n"
    return (
        head
        + b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + b"4 0 obj\n<< /Length %d >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0)), "<w:document/>")
    return out.getvalue()


def _page_json(fragments: list[Any], **extra: Any) -> bytes:
    doc = {"format": "newsarchive-page", "version": "1.0", "meta": {"language": "zh-CN"}, "fragments": fragments}
    doc.update(extra)
    return json.dumps(doc, ensure_ascii=True, indent=1).encode()


def _frag(n: int, text: str) -> dict[str, Any]:
    return {"id": f"f{n}", "text": text, "lines": text.split("\n"), "start": 0, "end": len(text), "line": n, "gap_before": 1}


FAIL = 1

# name -> (bytes, expectation)
FIXTURES: dict[str, tuple[bytes, Any]] = {
    # --- nothing to convert
    "empty.txt": (b"", {"exit": FAIL, "error": "empty input"}),
    "whitespace-only.txt": ("  \n\t\r\n\u3000\n\f\n".encode(), {"exit": FAIL, "error": "empty input"}),
    "bom-only.txt": (codecs.BOM_UTF8, {"exit": FAIL, "error": "empty input"}),
    # --- binary files passed by mistake
    "image.png": (_png(), {"exit": FAIL, "error": "binary data, not text (looks like a PNG image)"}),
    # Page-less PDFs: the text reader says "binary data, not text (looks like a PDF)"; with the
    # optional PDF reader installed, that reader sniffs them first and says "cannot read PDF: …".
    "scanned.pdf": (_pdf(binary=True), {"exit": FAIL, "error": "PDF"}),
    "ascii-only.pdf": (_pdf(binary=False), {"exit": FAIL, "error": "PDF"}),
    "page.docx": (_zip(), {"exit": FAIL, "error": "looks like a zip archive"}),
    "nul-bytes.txt": ("社保卡\x00一张".encode(), {"exit": FAIL, "error": "NUL byte at offset 9"}),
    "utf16-without-bom.txt": ("Local news\r\n\r\nCity council approves budget".encode("utf-16-le"), {"exit": FAIL, "error": "UTF-16 without a byte-order mark: try --encoding utf-16-le"}),
    "terminal-escapes.txt": (b"\x1b[31mred\x1b[0m " * 6, "converts"),  # ESC is text-ish: removed from XML, reported
    # --- encodings
    "truncated-utf8.txt": (PAGE.encode()[:-2], "converts"),
    "utf8-with-gbk-line.txt": (PAGE.encode() + "\n\n记者从人社部获悉。\n".encode("gbk") + "\n最后一段。".encode(), "converts"),
    "gbk.txt": (PAGE.encode("gbk"), "converts"),
    "utf8-with-latin1-line.txt": (PAGE.encode() + "\n\nun café crème\n".encode("latin-1"), {"exit": FAIL, "error": "cannot decode as utf-8: byte 0xe9 at offset"}),
    "bom-utf8.txt": (codecs.BOM_UTF8 + PAGE.encode(), "converts"),
    "bom-utf8-twice.txt": (codecs.BOM_UTF8 * 2 + PAGE.encode(), "converts"),
    "bom-utf16le.txt": (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), "converts"),
    "bom-utf16be.txt": (codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "converts"),
    "bom-utf32le.txt": (codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le"), "converts"),
    "bom-utf32be.txt": (codecs.BOM_UTF32_BE + PAGE.encode("utf-32-be"), "converts"),
    "bom-utf16le-odd-length.txt": (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le") + b"A", "converts"),
    "bom-utf16le-lone-surrogate.txt": (codecs.BOM_UTF16_LE + "标题".encode("utf-16-le") + b"\x00\xd8" + "正文".encode("utf-16-le"), {"exit": FAIL, "error": "cannot decode as utf-16-le"}),
    # --- line endings and layout characters
    "windows-crlf.txt": (PAGE.replace("\n", "\r\n").encode(), "converts"),
    "old-mac-cr.txt": (PAGE.replace("\n", "\r").encode(), "converts"),
    "form-feeds.txt": (PAGE.replace("\n\n", "\n\f\n", 1).replace("。", "。\f", 1).encode() + b"\v", "converts"),
    "unicode-separators.txt": (PAGE.replace("\n\n", "\u2029").replace("，", "，\u2028").encode(), "converts"),
    # --- page shapes
    "no-headline.txt": ("这是正文的第一段，没有标题，也没有作者。\n\n这是第二段，接着说。\n\n第三段到此结束。".encode(), "converts"),
    "only-captions.txt": ("图为四川省宜宾市的风景。\n\n新华社记者 张 三摄\n\n图为贵州省遵义市的茶园。\n\n李 四摄（人民视觉）".encode(), "converts"),
    "one-character.txt": ("字".encode(), "converts"),
    # --- scripts and characters
    "english.txt": (b"LOCAL NEWS\n\nCity council approves budget\n\nBy John Smith\n\nThe council voted on Tuesday, 7-2, to approve the plan.\n\nPhoto: Jane Doe/AP", "converts"),
    "japanese.txt": ("東京の天気——\n\n明日は全国的に雨\n\n本紙記者 山田太郎\n\n気象庁によると、明日は全国的に雨が降る見込みです。".encode(), "converts"),
    "mixed-scripts.txt": ("Mixed 混合 текст Ελληνικά 日本語 한국어\n\n第二段 with English words 和中文。".encode(), "converts"),
    "astral-and-emoji.txt": ("𠮷野家的新菜单𠀀𪚥\n\n👍🏽 点赞 😀 👨‍👩‍👧 🇨🇳 表情。".encode(), "converts"),
    "rtl-arabic-hebrew.txt": ("مرحبا بالعالم\n\nשלום עולם, זו כתבה.\n\nنص عربي مع 123 أرقام.".encode(), "converts"),
    "bidi-overrides.txt": ("标题\u202e文字反向\u202c\n\n正文\u2066隔离\u2069一段。\u200f".encode(), "converts"),
    "noncharacters.txt": ("标题\ufffe二\n\n正文\uffff一段。\U0010ffff".encode(), "converts"),
    "control-characters.txt": ("标题\x01\x02\n\n正文\x1b一段。\x7f\x85".encode(), "converts"),
    "combining-marks.txt": ("Cafe\u0301 de\u0301ja\u0300 vu\n\nZ\u0351\u0352\u0353alg\u0300o te\u0301xt.".encode(), "converts"),
    "markup-characters.txt": ('<script>alert("x")</script> & ]]> <!DOCTYPE x>\n\n&amp; &#0; &lt;'.encode(), "converts"),
    # --- hostile newsarchive-page JSON
    "json-lone-surrogates.json": (_page_json([_frag(1, "标题\ud800"), _frag(2, "正文\udfff一段。\ufffe")]), "converts"),
    "json-deeply-nested.json": (b'{"format": "newsarchive-page", "version": "1.0", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", {"exit": FAIL, "error": "nested too deeply"}),
    "json-huge-integer.json": (_page_json([_frag(1, "标题")]).replace(b'"start": 0', b'"start": ' + b"9" * 5000), {"exit": FAIL, "error": "invalid JSON"}),
    "json-huge-float.json": (_page_json([_frag(1, "标题")]).replace(b'"gap_before": 1', b'"gap_before": 1e999'), {"exit": FAIL, "error": "out of range"}),
    "json-nan.json": (_page_json([_frag(1, "标题")]).replace(b'"gap_before": 1', b'"gap_before": NaN'), {"exit": FAIL, "error": "NaN is not a JSON number"}),
    "json-wrong-types.json": (_page_json([{"id": "f1", "text": 42}]), {"exit": FAIL, "error": "fragments[0].text must be a string"}),
    "json-duplicate-ids.json": (_page_json([_frag(1, "标题"), _frag(1, "正文。")]), {"exit": FAIL, "error": "'f1' is used more than once"}),
    "json-lines-mismatch.json": (_page_json([{**_frag(1, "标题"), "lines": ["别的文字"]}]), {"exit": FAIL, "error": "fragments[0].lines do not match fragments[0].text"}),
    "json-no-fragments.json": (_page_json([]), {"exit": FAIL, "error": "no fragments"}),
    "json-other-version.json": (_page_json([_frag(1, "标题")], version="2.0"), {"exit": FAIL, "error": "unsupported newsarchive-page version"}),
    "json-truncated.json": (_page_json([_frag(1, "标题")])[:-7], {"exit": FAIL, "error": "invalid JSON at line"}),
    "json-bad-language.json": (_page_json([_frag(1, "标题")], meta={"language": "中文"}), {"exit": FAIL, "error": "not a BCP 47 language tag"}),
    "json-bad-utf8.json": (_page_json([_frag(1, "标题")]).replace(b"\\u6807", b"\xff"), {"exit": FAIL, "error": "cannot decode JSON"}),
    # --- hostile XML and JSON for `newsarchive validate`
    "xxe-file.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE newsMessage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">&xxe;</newsMessage>\n',
        {"command": "validate", "exit": FAIL, "error": "DOCTYPE/DTD declarations are not allowed"},
    ),
    "xxe-parameter-entity.xml": (
        b'<?xml version="1.0"?>\n<!-- a comment first -->\n<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>\n<x/>\n',
        {"command": "validate", "exit": FAIL, "error": "DOCTYPE/DTD declarations are not allowed"},
    ),
    "billion-laughs.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
        + b"]>\n<lolz>&lol9;</lolz>\n",
        {"command": "validate", "exit": FAIL, "error": "DOCTYPE/DTD declarations are not allowed"},
    ),
    "validate-deeply-nested.json": (b"[" * 20000 + b"]" * 20000, {"command": "validate", "exit": FAIL, "error": "JSON nested too deeply"}),
    "validate-huge-integer.json": (b'{"format": ' + b"9" * 5000 + b"}", {"command": "validate", "exit": FAIL, "error": "integer string conversion"}),
}


def main() -> None:
    expected = {}
    for name, (data, outcome) in sorted(FIXTURES.items()):
        (HERE / name).write_bytes(data)
        expected[name] = outcome
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in HERE.iterdir())
    print(f"{len(FIXTURES)} fixtures, folder {total:,} bytes")


if __name__ == "__main__":
    main()
