#!/usr/bin/env python3
"""Sets a .brief's text with typst, for comparing line breaking.

The same text, font (the bundled Noto Serif), size, paper, margins,
language, justification and hyphenation as Briefsmith's export; headings,
paragraphs, bullets and tables, without the title block's furniture.

    python3 brief_to_typst.py BRIEF OUT.pdf
"""
import json
import re
import sys
from pathlib import Path

import typst

ROOT = Path(__file__).resolve().parents[2]


def esc(s):
    s = re.sub(r"([\\#$@<>_*`\[\]~=/'\"-])", lambda m: "\\" + m.group(1), s)
    return s


def inline(s):
    # Briefsmith markup: **bold**, *italic*.
    out = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", s):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append("#strong[" + esc(part[2:-2]) + "]")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("#emph[" + esc(part[1:-1]) + "]")
        else:
            out.append(esc(part))
    return "".join(out)


def blocks(blocks):
    out = []
    for b in blocks:
        t = b.get("type")
        if t == "paragraph":
            out.append(inline(b["text"]) + "\n")
        elif t == "bullets":
            for i, it in enumerate(b["items"]):
                lead = it.get("lead", "").strip()
                body = ("#strong[" + esc(lead) + "] " if lead else "") + inline(it["text"])
                mark = "+" if b.get("numbered") else "-"
                out.append(f"{mark} {body}")
            out.append("")
        elif t in ("table", "commitments"):
            if t == "table":
                head = [c["name"] for c in b["columns"]]
                rows = [r["cells"] for r in b["rows"]]
            else:
                head = ["Member Nation", "Key Commitment"]
                rows = [[r.get("party", ""), r.get("commitment", "")] for r in b["rows"]]
            cells = ", ".join("[*" + esc(h) + "*]" for h in head)
            for r in rows:
                cells += ", " + ", ".join("[" + inline(c) + "]" for c in r)
            out.append(f"#table(columns: {len(head)}, align: left, {cells})\n")
    return "\n".join(out)


def main():
    brief = json.loads(Path(sys.argv[1]).read_text())
    st = brief["style"]
    m = st["margins_mm"]
    lang = brief["meta"].get("language", "en").split("-")[0]
    src = [
        f'#set page(paper: "a4", margin: (top: {m["top"]}mm, bottom: {m["bottom"]}mm, left: {m["left"]}mm, right: {m["right"]}mm))',
        f'#set text(font: "Noto Serif", size: {st["font_size"]}pt, lang: "{lang}", hyphenate: {str(st["hyphenate"]).lower()})',
        f'#set par(justify: {str(st["justify"]).lower()})',
        "= " + esc(brief["meta"]["title"]),
        "",
    ]
    intro = brief["introduction"]
    if intro.get("heading"):
        src.append("== " + esc(intro["heading"]))
    src.append(blocks(intro["blocks"]))
    n = 0
    for s in brief["sections"]:
        n += 1
        src.append(f"== {n}. " + esc(s["heading"]))
        src.append(blocks(s["blocks"]))
    if brief.get("recommendations"):
        n += 1
        src.append(f"== {n}. Recommendations")
        for r in brief["recommendations"]:
            src.append("+ #strong[" + esc(r["title"]) + ".] " + inline(r.get("description", "")))
        src.append("")
    if brief.get("conclusion", {}).get("blocks"):
        n += 1
        src.append(f"== {n}. " + esc(brief["conclusion"].get("heading") or "Conclusion"))
        src.append(blocks(brief["conclusion"]["blocks"]))
    text = "\n".join(src)
    typst.compile(text.encode(), output=sys.argv[2], font_paths=[str(ROOT / "assets" / "fonts")])


if __name__ == "__main__":
    main()
