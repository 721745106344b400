#!/usr/bin/env python3
"""Entity-tagged news in CoNLL form, from the development set's per-article entity lists.

The development set (bench/data/understanding-dev) lists, for each article, the names of the
people, organisations and places it mentions. This script marks every occurrence of each name in
the article's title and text, tokenized as the tagger tokenizes raw text (a token is a run of
letters, digits and in-word marks, or one other character; clitics stay attached, as in
ANERcorp), and writes `token TAG` lines (IOB2), a blank line between sentences. Sentences end at
`.`, `؟`, `!`, `?` and at line breaks, as the tagger splits them.

Matching is on folded forms (diacritics and tatweel dropped, alef and hamza forms, ى/ي, ة/ه
merged); a name's first word may carry a proclitic in the text (و ف ب ل ك, وب, لل for ل + ال:
للجوهرة for الجوهرة). Longer names are marked first and marks never overlap, so a place inside
an organisation's name stays part of the organisation, as the annotators listed it. A person's
family name alone (كيري after جون كيري) is marked too. The lists have no MISC type: such names
are left O.

usage: ner_from_dev.py ARTICLES.jsonl GOLD.jsonl OUT.conll [FIRST LAST]
(FIRST and LAST: 1-based article lines to take, inclusive; all by default.)
"""
import json
import re
import sys
import unicodedata

MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed"
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"
TOKEN = re.compile(rf"(?:[^\W_]|[{MARKS}])(?:[^\W_]|[{MARKS}{INVISIBLE}])*|[^\s{INVISIBLE}]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء"})
DROP = re.compile(f"[{MARKS}{INVISIBLE}]")
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


def fold(word):
    return DROP.sub("", unicodedata.normalize("NFKC", word)).translate(FOLD)


def first_matches(token, word):
    """True when text token `token` is name word `word`, perhaps with a proclitic before it."""
    if token == word:
        return True
    forms = {word}
    if word.startswith("ال") and len(word) > 3:
        forms.add("ل" + word[1:])  # لل: ل + ال (للجوهرة)
    else:
        forms.add("ال" + word)
        forms.add("لل" + word)
    for p in PROCLITICS + ("",):
        rest = token[len(p):] if token.startswith(p) else None
        if rest and len(rest) >= 2 and rest in forms:
            return True
    return False


def sentences(text):
    """Token lists of `text`, split where the tagger splits raw text."""
    out, cur, last_end = [], [], 0
    for m in TOKEN.finditer(text):
        if cur and "\n" in text[last_end:m.start()]:
            out.append(cur)
            cur = []
        cur.append(m.group())
        last_end = m.end()
        if m.group() in (".", "؟", "!", "?"):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def label(tokens, names):
    """IOB2 tags of `tokens` for `names` [(type, [folded words])], longest names first."""
    tags = ["O"] * len(tokens)
    folded = [fold(t) for t in tokens]
    for ty, words in sorted(names, key=lambda n: -len(n[1])):
        n = len(words)
        for i in range(len(tokens) - n + 1):
            if any(t != "O" for t in tags[i:i + n]):
                continue
            if not first_matches(folded[i], words[0]):
                continue
            if folded[i + 1:i + n] != words[1:]:
                continue
            tags[i] = "B-" + ty
            for j in range(i + 1, i + n):
                tags[j] = "I-" + ty
    return tags


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    gold = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
    first, last = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) == 6 else (1, len(arts))
    marked = 0
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for a, g in list(zip(arts, gold))[first - 1:last]:
            assert a["id"] == g["id"], (a["id"], g["id"])
            names = []
            for ty in ("PERS", "ORG", "LOC"):
                for name in g["entities"].get(ty, []):
                    words = [fold(w) for w in TOKEN.findall(name)]
                    if words:
                        names.append((ty, words))
                    # A person named in full is named again by the family name alone (كيري
                    # after جون كيري); the lists give the full name once.
                    if ty == "PERS" and len(words) >= 2 and len(words[-1]) >= 3:
                        names.append((ty, words[-1:]))
            for part in (a.get("title") or "", a["text"]):
                for sent in sentences(part):
                    tags = label(sent, names)
                    marked += sum(t.startswith("B-") for t in tags)
                    for tok, tag in zip(sent, tags):
                        out.write(f"{tok} {tag}\n")
                    out.write("\n")
    print(f"{last - first + 1} articles, {marked} names marked", file=sys.stderr)


if __name__ == "__main__":
    main()
