#!/usr/bin/env python3
"""Word spaces and hyphens of a PDF's justified body text, from the word
boxes of `pdftotext -bbox-layout` (poppler): for every line that reaches
the right margin (and is not a paragraph's last line, which does not),
each gap between words divided by the natural space, taken as the median
gap of body lines that end short of the margin (unjustified last lines).
Counts lines ending with a hyphen and the longest run of them.

    python3 measure_spaces.py FILE.pdf [BODY_SIZE_PT]
"""
import re
import statistics
import subprocess
import sys
from collections import Counter


def lines(pdf):
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    for page in re.findall(r"<page.*?</page>", xml, re.S):
        out = []
        for line in re.findall(r"<line.*?</line>", page, re.S):
            words = [
                (float(a), float(b), float(c), float(d), w)
                for a, b, c, d, w in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                    line,
                )
            ]
            if words:
                out.append(words)
        yield out


def main():
    pdf = sys.argv[1]
    pages = list(lines(pdf))
    # Body text: the commonest line height among lines reaching the right
    # margin (table cells stop short of it).
    far = max(l[-1][2] for p in pages for l in p)
    heights = Counter(
        round(l[0][3] - l[0][1], 1) for p in pages for l in p if l[-1][2] > far - 3
    )
    body_h = heights.most_common(1)[0][0]
    body = [[l for l in p if abs(round(l[0][3] - l[0][1], 1) - body_h) < 0.15] for p in pages]
    # The right margin: the commonest right edge (a hyphen or a comma
    # may hang beyond it).
    right = Counter(round(l[-1][2], 1) for p in body for l in p).most_common(1)[0][0]
    gaps_just, gaps_ragged = [], []
    hyphens, run, worst = 0, 0, 0
    for p in body:
        for l in p:
            gaps = [b[0] - a[2] for a, b in zip(l, l[1:])]
            if re.fullmatch(r"•|\d+\.|[a-z]\.|[ivx]+\.", l[0][4]):
                gaps = gaps[1:]  # a list label hangs: not a word space
            if re.search(r"[-\u2010\u00ad]$", l[-1][4]) and len(l[-1][4]) > 1:
                hyphens += 1
                run += 1
                worst = max(worst, run)
            else:
                run = 0
            if l[-1][2] > right - 0.8:
                gaps_just += gaps
            elif len(l) >= 3 and l[-1][2] < right - 20:
                gaps_ragged += gaps
    natural = statistics.median(gaps_ragged)
    r = sorted(g / natural for g in gaps_just)
    q = lambda f: r[int((len(r) - 1) * f)]
    print(
        f"{pdf}: {len(r)} spaces on justified lines (natural {natural:.2f} pt): "
        f"median {statistics.median(r):.2f}, p10 {q(0.1):.2f}, p90 {q(0.9):.2f}, "
        f"min {r[0]:.2f}, max {r[-1]:.2f}, above 2.0: {sum(x > 2.005 for x in r)}, "
        f"below 0.8: {sum(x < 0.795 for x in r)}; {hyphens} hyphenated line ends, "
        f"at most {worst} in a row"
    )


if __name__ == "__main__":
    main()
