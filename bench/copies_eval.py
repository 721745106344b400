#!/usr/bin/env python3
"""Near-duplicate (copy) evaluation for khabar: build, regenerate and score.

Written independently of the system under test: it reads only the corpora and
the label files, never khabar's code. Standard library only (Python >= 3.8).

Subcommands
  candidates CORPUS OUT.tsv            all candidate pairs (shingle Jaccard >= 0.2,
                                        same or adjacent day; same-day agency datelines;
                                        similar titles with different bodies)
  sample CANDIDATES.tsv OUT.tsv        the fixed-seed sample that was read and labelled
        [--corpus CORPUS] [--seed 20261129]  (40 per Jaccard band, 20+10 dateline,
                                        40 title-close; --corpus adds 40 title-far)
  show CORPUS PAIRS.tsv                print pairs for reading (titles, openings, diff)
  make-rewrites CORPUS OUT.jsonl       controlled rewrites + negative controls, and
        [--labels rewrites.tsv]         their labels (default: rewrites.tsv beside OUT)
        [--seed 20261129] [--n 300]
  score PAIRS.tsv [REWRITES.tsv] PRED.tsv   precision / recall / F1 of a system's
        [--exclude-borderline]          clusters (PRED: id<TAB>canonical_id per article)
  baseline CORPUS PAIRS.tsv [REWRITES.tsv]  brute-force exact 5-shingle Jaccard on the
        [--rewrites R.jsonl]            labelled ids, P/R at thresholds 0.3 .. 0.9
        [--threshold T [--pred-out PRED.tsv]] [--exclude-borderline]

CORPUS is JSONL, plain or .zst (read through `zstd -dc`) or .gz. Several corpora
may be given as a comma-separated list (e.g. the corpus and the rewrites file).

Copy definition: two articles are COPIES when one is a republication of the
other's text, possibly edited: the same story, the body's sentences largely the
same. The same event reported independently is a "thread", not a copy.
"""
import argparse
import collections
import difflib
import gzip
import io
import itertools
import json
import random
import re
import subprocess
import sys
import unicodedata
from datetime import date, timedelta

# --------------------------------------------------------------------------- text

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
WORD = re.compile(r"\w+")
K = 5  # shingle length in words


def normalize(text):
    """Strip diacritics and tatweel, unify alef forms, ى→ي, ة→ه, lowercase."""
    text = unicodedata.normalize("NFKC", text)
    text = DIACRITICS.sub("", text).replace(TATWEEL, "")
    return text.translate(ALEF).lower()


def words(text):
    return WORD.findall(normalize(text))


def shingles(text, k=K):
    w = words(text)
    if len(w) < k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def jaccard(a, b):
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def doc_text(r):
    """The text compared: body only (titles are edited freely by papers)."""
    return r.get("text") or ""


# --------------------------------------------------------------------------- io

def open_text(path):
    if path.endswith(".zst"):
        p = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        return io.TextIOWrapper(p.stdout, encoding="utf-8")
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_corpus(paths, want=None):
    """Yield records from comma-separated corpora; keep only ids in want if given."""
    for path in paths.split(","):
        with open_text(path) as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                if want is None or r["id"] in want:
                    yield r


def day_of(r):
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", r["id"])
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    return None


def read_pairs(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if c[0] == "id_a":
                continue
            rows.append({"a": c[0], "b": c[1], "label": int(c[2]) if c[2].lstrip("-").isdigit() else -1,
                         "kind": c[3] if len(c) > 3 else "",
                         "note": c[4] if len(c) > 4 else ""})
    return rows


# --------------------------------------------------------------------------- candidates

# SPA dateline, e.g. "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس",
# "الرياض - واس", "واس- الرياض:"
DATELINE = [
    re.compile(r"^\s*([^\d\n]{2,30}?)\s+\d{1,2}\s+\S+\s+14\d\d\s*هـ?.{0,40}?واس"),
    re.compile(r"^\s*([^\d\n\-–:]{2,30}?)\s*[-–:]\s*\(?\s*واس\b"),
    re.compile(r"^\s*\(?\s*واس\s*\)?\s*[-–:]\s*([^\d\n\-–:]{2,30}?)\s*[:\-–]"),
    re.compile(r"^.{0,20}?[-–]\s*واس\b()"),  # "عين اليوم – واس" (no city)
]


def dateline(text):
    head = text.strip()[:160]
    if "واس" not in head:
        return None
    for rx in DATELINE:
        m = rx.search(head)
        if m:
            city = " ".join(words(m[1])) or "?"
            return city
    return None


def cmd_candidates(a):
    docs = {}
    meta = {}
    for r in read_corpus(a.corpus):
        d = day_of(r)
        docs[r["id"]] = shingles(doc_text(r))
        meta[r["id"]] = (d, dateline(doc_text(r)), len(words(doc_text(r))), set(words(r.get("title") or "")))
    ids = sorted(docs)
    idx = {i: n for n, i in enumerate(ids)}
    days = sorted({meta[i][0] for i in ids})
    by_day = collections.defaultdict(list)
    for i in ids:
        by_day[meta[i][0]].append(i)
    out = open(a.out, "w", encoding="utf-8")
    out.write("id_a\tid_b\tjaccard\tsource\twords_a\twords_b\n")
    seen = set()
    n_pairs = 0
    # (a) exact Jaccard for every pair sharing a shingle, same or adjacent day.
    for d in days:
        window = by_day[d] + by_day.get(d + timedelta(days=1), [])
        first = set(by_day[d])
        post = collections.defaultdict(list)
        for i in window:
            for s in docs[i]:
                post[s].append(i)
        counts = collections.Counter()
        for s, lst in post.items():
            if len(lst) < 2:
                continue
            for x, y in itertools.combinations(sorted(lst, key=idx.get), 2):
                if x in first or y in first:
                    counts[(x, y)] += 1
        for (x, y), inter in counts.items():
            if (x, y) in seen:
                continue
            j = inter / (len(docs[x]) + len(docs[y]) - inter)
            if j >= 0.2:
                seen.add((x, y))
                out.write(f"{x}\t{y}\t{j:.4f}\tshingle\t{meta[x][2]}\t{meta[y][2]}\n")
                n_pairs += 1
    # (b) same agency dateline, same day, different bodies (Jaccard < 0.2).
    n_dl = 0
    for d in days:
        groups = collections.defaultdict(list)
        for i in by_day[d]:
            if meta[i][1]:
                groups[meta[i][1]].append(i)
        for city, lst in groups.items():
            for x, y in itertools.combinations(sorted(lst, key=idx.get), 2):
                if (x, y) in seen:
                    continue
                j = jaccard(docs[x], docs[y])
                if j < 0.2:
                    out.write(f"{x}\t{y}\t{j:.4f}\tdateline:{city}\t{meta[x][2]}\t{meta[y][2]}\n")
                    n_dl += 1
    # (c) same or adjacent day, similar titles (title word Jaccard >= 0.5, at
    # least 4 title words), different bodies (Jaccard < 0.2): the same event
    # reported independently (threads) or heavily rewritten copies.
    n_t = 0
    for d in days:
        window = by_day[d] + by_day.get(d + timedelta(days=1), [])
        first = set(by_day[d])
        post = collections.defaultdict(list)
        for i in window:
            if len(meta[i][3]) >= 4:
                for w in meta[i][3]:
                    post[w].append(i)
        counts = collections.Counter()
        for w, lst in post.items():
            if len(lst) > 300:  # a very common title word can't make a pair alone
                continue
            for x, y in itertools.combinations(sorted(lst, key=idx.get), 2):
                if x in first or y in first:
                    counts[(x, y)] += 1
        for (x, y), inter in counts.items():
            tx, ty = meta[x][3], meta[y][3]
            if (x, y) in seen or inter < 2 or inter / len(tx | ty) < 0.5:
                continue
            if meta[x][2] < 20 or meta[y][2] < 20:
                continue
            j = jaccard(docs[x], docs[y])
            if j < 0.2:
                seen.add((x, y))
                out.write(f"{x}\t{y}\t{j:.4f}\ttitle\t{meta[x][2]}\t{meta[y][2]}\n")
                n_t += 1
    out.close()
    print(f"{len(ids)} articles, {n_pairs} shingle pairs (J>=0.2), {n_dl} dateline pairs, "
          f"{n_t} title pairs", file=sys.stderr)


BANDS = [(0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0001)]


def band_of(j):
    for lo, hi in BANDS:
        if lo <= j < hi:
            return f"J{lo:.1f}-{min(hi, 1.0):.1f}"
    return None


def cmd_sample(a):
    rows = []
    with open(a.candidates, encoding="utf-8") as f:
        next(f)
        for line in f:
            x, y, j, src, wa, wb = line.rstrip("\n").split("\t")
            rows.append((x, y, float(j), src, int(wa), int(wb)))
    rng = random.Random(a.seed)
    groups = collections.defaultdict(list)
    dedup = set()
    for r in rows:
        if (r[0], r[1]) in dedup:
            continue
        dedup.add((r[0], r[1]))
        if r[3] == "shingle":
            key = band_of(r[2])
        elif r[3] == "title":
            key = "title-close"
        else:  # dateline pairs: the ones with some shared text are the hard cases
            key = "dateline-close" if r[2] >= 0.05 else "dateline-far"
        groups[key].append(r)
    out = []
    for key in sorted(groups):
        g = sorted(groups[key])
        n = a.per_band if key.startswith("J") else a.title_n if key == "title-close" else (
            a.dateline_n * 2 // 3 if key == "dateline-close" else a.dateline_n - a.dateline_n * 2 // 3)
        pick = rng.sample(g, min(n, len(g)))
        out += [(key, r) for r in sorted(pick)]
        print(f"{key}: {len(g)} candidates, {len(pick)} sampled", file=sys.stderr)
    if a.corpus:
        # Extra stratum: body Jaccard >= 0.2 but dissimilar titles (title word
        # Jaccard < 0.2): identical bodies under other titles (hard positives)
        # and templated reports of different events (hard negatives).
        taken = {(r[0], r[1]) for _, r in out}
        titles = {r["id"]: set(words(r.get("title") or "")) for r in read_corpus(a.corpus)}
        g = sorted(r for r in rows if r[3] == "shingle" and (r[0], r[1]) not in taken
                   and jaccard(titles[r[0]], titles[r[1]]) < 0.2)
        pick = rng.sample(g, min(a.title_far_n, len(g)))
        out += [("title-far", r) for r in sorted(pick)]
        print(f"title-far: {len(g)} candidates, {len(pick)} sampled", file=sys.stderr)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("id_a\tid_b\tlabel\tband_or_source\tnote\n")
        for key, r in out:
            f.write(f"{r[0]}\t{r[1]}\t?\t{key}\tJ={r[2]:.3f}\n")


# --------------------------------------------------------------------------- show

def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!؟?])\s+|\n+", text) if len(s.split()) >= 4]


def sent_overlap(ta, tb):
    """Fraction of the shorter body's sentences whose normalized form occurs in the other."""
    sa = [" ".join(words(s)) for s in sentences(ta)]
    sb = [" ".join(words(s)) for s in sentences(tb)]
    if not sa or not sb:
        return 0.0
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    lj = " ".join(long_)
    return sum(1 for s in short if s and s in lj) / len(short)


def cmd_show(a):
    pairs = read_pairs(a.pairs)
    want = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    recs = {r["id"]: r for r in read_corpus(a.corpus, want)}
    for n, p in enumerate(pairs):
        if a.only and str(n) not in a.only.split(","):
            continue
        ra, rb = recs[p["a"]], recs[p["b"]]
        ta, tb = doc_text(ra), doc_text(rb)
        j = jaccard(shingles(ta), shingles(tb))
        print(f"=== #{n} {p['kind']} J={j:.3f} sent={sent_overlap(ta, tb):.2f} "
              f"w={len(words(ta))}/{len(words(tb))}  {ra['source']}/{rb['source']}")
        for r, t in ((ra, ta), (rb, tb)):
            print(f"  T {r['id']}: {r['title']}")
            print("    " + " ".join(t.split())[:a.chars])
        if a.diff:
            wa, wb = " ".join(ta.split()).split(), " ".join(tb.split()).split()
            sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
            ops = [(t, " ".join(wa[i1:i2]), " ".join(wb[j1:j2]))
                   for t, i1, i2, j1, j2 in sm.get_opcodes() if t != "equal"]
            same = sum(b.size for b in sm.get_matching_blocks())
            na, nb = words(ta), words(tb)
            nsm = difflib.SequenceMatcher(None, na, nb, autojunk=False)
            long_ = sum(b.size for b in nsm.get_matching_blocks() if b.size >= 8)
            print(f"  diff: {same} words in common blocks, {len(ops)} edits; normalized words in "
                  f"common runs >= 8: {long_ / max(1, len(na)):.2f} of A, {long_ / max(1, len(nb)):.2f} of B")
            for t, x, y in ops[:a.diff]:
                print(f"    {t}: [{x[:120]}] -> [{y[:120]}]")


# --------------------------------------------------------------------------- rewrites

BOILERPLATE = [
    # Invented agency / paper boilerplate (written for this benchmark, no corpus text).
    "وكالة الأنباء الإخبارية هي مؤسسة إعلامية مستقلة تأسست لتقديم الأخبار المحلية والدولية "
    "على مدار الساعة، وتعمل من خلال شبكة واسعة من المراسلين في مختلف المناطق والمدن، "
    "وتلتزم بمعايير الدقة والموضوعية والحياد في نقل الأحداث، وتوفر خدماتها للصحف والقنوات "
    "والمواقع الإلكترونية بعدة لغات، ويمكن للقراء متابعة آخر الأخبار عبر موقعها الرسمي "
    "وحساباتها على شبكات التواصل الاجتماعي في كل وقت.",
    "للاشتراك في النشرة البريدية اليومية وتلقي أهم الأخبار والتقارير والتحليلات مباشرة على "
    "بريدك الإلكتروني، يرجى التسجيل في الموقع، كما يمكنكم تحميل تطبيق الصحيفة على الهواتف "
    "الذكية ومتابعتنا على تويتر وفيسبوك وإنستغرام، وجميع الحقوق محفوظة ولا يجوز نقل المحتوى "
    "أو إعادة نشره دون إذن مكتوب من إدارة التحرير.",
]
FILLER = ["وقال", "كما", "وأضاف", "في", "من", "على", "إلى", "أن", "هذا", "ذلك", "اليوم",
          "المسؤول", "الجديد", "العام", "الحكومة", "المدينة", "الخبر", "التقرير"]
TITLE_PREFIX = ["عاجل: ", "بالصور: ", "شاهد: ", "تقرير: ", ""]
AR_DIAC = ["\u064e", "\u064f", "\u0650", "\u0652", "\u0651"]


def paragraphs(text):
    ps = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return ps


def drop_paragraph(text, rng):
    ps = paragraphs(text)
    if len(ps) >= 3:
        i = rng.randrange(1, len(ps))  # keep the lead
        return "\n\n".join(ps[:i] + ps[i + 1:]), f"dropped paragraph {i}/{len(ps)}"
    ss = sentences(text) or [text]
    k = max(1, round(0.2 * len(ss)))
    drop = set(rng.sample(range(len(ss)), k)) if len(ss) > 1 else set()
    return " ".join(s for n, s in enumerate(ss) if n not in drop), f"dropped {len(drop)}/{len(ss)} sentences"


def change_words(text, rng, frac):
    toks = text.split(" ")
    n = max(1, round(frac * len(toks)))
    pos = rng.sample(range(len(toks)), min(n, len(toks)))
    for i in pos:
        if rng.random() < 0.5:
            toks[i] = ""  # delete
        else:
            toks[i] = rng.choice(FILLER)  # replace
    return re.sub(r" {2,}", " ", " ".join(toks)), f"{len(pos)} words changed"


def surface_noise(text, rng):
    out = []
    for ch in text:
        if ch == "\n" and rng.random() < 0.5:
            out.append(" ")
            continue
        if ch in "،.":
            r = rng.random()
            out.append(" ، " if r < 0.3 else (" . " if r < 0.4 else ch))
            continue
        out.append(ch)
        if "\u0621" <= ch <= "\u064a" and rng.random() < 0.15:
            out.append(rng.choice(AR_DIAC))
        if ch == " " and rng.random() < 0.1:
            out.append("  ")
        if "\u0628" <= ch <= "\u064a" and rng.random() < 0.03:
            out.append(TATWEEL)
    return "".join(out).replace("ى ", "ي "), "diacritics/tatweel/spacing/punctuation"


def new_title(title, rng):
    w = title.split()
    rng.shuffle(w)
    return rng.choice(TITLE_PREFIX) + " ".join(w[: max(3, len(w) - 2)])


def derived(r, rid, title, text, note):
    """A rewritten record: the original's fields (dates, author...) with a new id,
    a unique url, source 'rewrite', the new title and text, and its provenance."""
    d = dict(r)
    d.update({"id": rid, "url": f"{r.get('url') or ''}#{rid.split('~', 1)[1]}", "source": "rewrite",
              "title": title, "text": text, "rewrite_of": r["id"], "rewrite": note})
    return d


def cmd_make_rewrites(a):
    seed = a.seed
    recs = [r for r in read_corpus(a.corpus)]
    recs.sort(key=lambda r: r["id"])
    # Pool: long, distinct articles (no two in the pool are copies of each other
    # by exact body match; near-duplicates are excluded through the shingle check below).
    rng = random.Random(seed)
    long_ = [r for r in recs if len(words(doc_text(r))) >= 120 and len(paragraphs(doc_text(r))) >= 2]
    rng.shuffle(long_)
    pool, seen_sh = [], collections.defaultdict(int)
    for r in long_:
        sh = shingles(doc_text(r))
        # reject an article that shares >= 20% of its shingles with one already chosen
        hits = collections.Counter()
        for s in sh:
            if s in seen_sh:
                hits[seen_sh[s]] += 1
        if hits and max(hits.values()) >= 0.2 * len(sh):
            continue
        for s in sh:
            seen_sh[s] = len(pool)
        pool.append(r)
        if len(pool) >= a.n + 120:
            break
    originals, spare = pool[: a.n], pool[a.n:]
    out_recs, labels = [], []
    kinds = ["drop", "boiler-start", "boiler-end", "words5", "words10", "title", "surface", "combo"]
    for n, r in enumerate(originals):
        body, title = doc_text(r), r["title"] or ""
        # each original gets two kinds, rotating, so all kinds are equally represented
        for kind in (kinds[n % len(kinds)], kinds[(n + 3) % len(kinds)]):
            rr = random.Random(f"{seed}:{r['id']}:{kind}")
            t, note = title, ""
            if kind == "drop":
                b, note = drop_paragraph(body, rr)
            elif kind == "boiler-start":
                b, note = rr.choice(BOILERPLATE) + "\n\n" + body, "boilerplate prepended"
            elif kind == "boiler-end":
                b, note = body + "\n\n" + rr.choice(BOILERPLATE), "boilerplate appended"
            elif kind == "words5":
                b, note = change_words(body, rr, 0.05)
            elif kind == "words10":
                b, note = change_words(body, rr, 0.10)
            elif kind == "title":
                b, t, note = body, new_title(title, rr), "title changed, body identical"
            elif kind == "surface":
                b, note = surface_noise(body, rr)
            else:  # combo: drop + boilerplate + 5% words + title
                b, n1 = drop_paragraph(body, rr)
                b, n2 = change_words(b, rr, 0.05)
                b = b + "\n\n" + BOILERPLATE[1]
                t = new_title(title, rr)
                note = f"{n1}; {n2}; boilerplate appended; title changed"
            rid = f"{r['id']}~rw-{kind}"
            out_recs.append(derived(r, rid, t, b, note))
            labels.append((r["id"], rid, 1, f"rw-{kind}"))
    # Negative controls (1): two different articles, each given the same long
    # boilerplate paragraph (prepended or appended) -> not copies of each other.
    for n in range(0, 80, 2):
        x, y = spare[n], spare[n + 1]
        bp = BOILERPLATE[n // 2 % 2]
        pos = "start" if n // 2 % 4 < 2 else "end"
        ids = []
        for r in (x, y):
            body = doc_text(r)
            b = bp + "\n\n" + body if pos == "start" else body + "\n\n" + bp
            rid = f"{r['id']}~rw-shared-boiler-{pos}"
            out_recs.append(derived(r, rid, r["title"], b, f"shared boilerplate at {pos}"))
            ids.append(rid)
        labels.append((ids[0], ids[1], 0, "neg-shared-boilerplate"))
    # Negative controls (2): boilerplate-dominated: a SHORT real body (first 25
    # words of two different articles) next to the same 58-word boilerplate.
    for n in range(80, 120, 2):
        x, y = spare[n], spare[n + 1]
        ids = []
        for r in (x, y):
            body = " ".join(doc_text(r).split()[:25])
            rid = f"{r['id']}~rw-mostly-boiler"
            out_recs.append(derived(r, rid, r["title"], body + "\n\n" + BOILERPLATE[0], "25 words + shared boilerplate"))
            ids.append(rid)
        labels.append((ids[0], ids[1], 0, "neg-mostly-boilerplate"))
    # Negative controls (3): very short articles (title + one line) from
    # different stories that open with the same words (shared 3-word opening).
    by_open = collections.defaultdict(list)
    for r in recs:
        w = doc_text(r).split()
        if len(w) >= 20:
            by_open[" ".join(w[:3])].append(r)
    groups = sorted((k, v) for k, v in by_open.items() if len(v) >= 2)
    rng2 = random.Random(f"{seed}:short")
    rng2.shuffle(groups)
    made = 0
    used = set()
    for key, v in groups:
        if made >= 40:
            break
        v = sorted(v, key=lambda r: r["id"])
        found = None
        for x, y in itertools.combinations(v, 2):
            # different stories: low overlap over the whole body and over the first line
            if x["id"] in used or y["id"] in used:
                continue
            lx, ly = " ".join(doc_text(x).split()[:14]), " ".join(doc_text(y).split()[:14])
            # different stories: unrelated bodies and titles, different lines
            if jaccard(shingles(doc_text(x)), shingles(doc_text(y))) < 0.1 and \
                    jaccard(set(words(x["title"] or "")), set(words(y["title"] or ""))) < 0.2 and \
                    jaccard(shingles(lx), shingles(ly)) <= 0.3:
                found = (x, y)
                break
        if not found:
            continue
        ids = []
        for r in found:
            line = " ".join(doc_text(r).split()[:14])
            rid = f"{r['id']}~rw-short"
            out_recs.append(derived(r, rid, r["title"], line, "title + first 14 words"))
            ids.append(rid)
            used.add(r["id"])
        labels.append((ids[0], ids[1], 0, "neg-short-same-opening"))
        made += 1
    # Short positives: a short article and its copy with a different title.
    for r in spare[:20]:
        line = " ".join(doc_text(r).split()[:14])
        a_id, b_id = f"{r['id']}~rw-shortpos-a", f"{r['id']}~rw-shortpos-b"
        out_recs.append(derived(r, a_id, r["title"], line, "title + first 14 words"))
        out_recs.append(derived(r, b_id, new_title(r["title"] or "", random.Random(f"{seed}:{r['id']}:sp")),
                                line + " .", "same line, other title"))
        labels.append((a_id, b_id, 1, "rw-short-copy"))
    with open(a.out, "w", encoding="utf-8") as f:
        for r in out_recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    lab = a.labels or re.sub(r"[^/]*$", "rewrites.tsv", a.out)
    with open(lab, "w", encoding="utf-8") as f:
        f.write("id_a\tid_b\tlabel\tkind\n")
        for x, y, l, k in labels:
            f.write(f"{x}\t{y}\t{l}\t{k}\n")
    c = collections.Counter((k, l) for _, _, l, k in labels)
    print(f"{len(out_recs)} rewritten records -> {a.out}; {len(labels)} labelled pairs -> {lab}", file=sys.stderr)
    for (k, l), v in sorted(c.items()):
        print(f"  {k}\tlabel={l}\t{v}", file=sys.stderr)


# --------------------------------------------------------------------------- scoring

def source_of(p):
    return "rewrites" if p["kind"].startswith(("rw-", "neg-")) else "real"


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(pairs, predicted, title, show_errors=True, out=sys.stdout):
    groups = collections.defaultdict(list)
    for p in pairs:
        groups[source_of(p)].append(p)
    groups["overall"] = list(pairs)
    print(f"{title}", file=out)
    print(f"  {'set':<10} {'pairs':>5} {'pos':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6} {'f1':>6}", file=out)
    res = {}
    for name in ("real", "rewrites", "overall"):
        g = groups.get(name, [])
        if not g:
            continue
        tp = sum(1 for p in g if p["label"] == 1 and predicted(p))
        fp = sum(1 for p in g if p["label"] == 0 and predicted(p))
        fn = sum(1 for p in g if p["label"] == 1 and not predicted(p))
        pos = sum(p["label"] for p in g)
        P, R, F = prf(tp, fp, fn)
        res[name] = (P, R, F)
        print(f"  {name:<10} {len(g):>5} {pos:>4} {tp:>4} {fp:>4} {fn:>4} {P:>6.3f} {R:>6.3f} {F:>6.3f}", file=out)
    if show_errors:
        errs = [p for p in pairs if (p["label"] == 1) != bool(predicted(p))]
        print(f"  errors ({len(errs)}):", file=out)
        for p in errs:
            what = "FN (missed copy)" if p["label"] == 1 else "FP (false merge)"
            print(f"    {what}\t{p['a']}\t{p['b']}\t{p['kind']}\t{p['note']}", file=out)
    return res


def load_labels(a):
    pairs = []
    for path in a.pairs:
        pairs += read_pairs(path)
    if a.exclude_borderline:
        pairs = [p for p in pairs if "borderline" not in p["note"]]
    return pairs


def cmd_score(a):
    pairs = load_labels(a)
    canon = {}
    with open(a.pred, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 2 and c[0] != "id":
                canon[c[0]] = c[1]
    missing = sorted({i for p in pairs for i in (p["a"], p["b"]) if i not in canon})
    if missing:
        print(f"warning: {len(missing)} labelled ids absent from PRED (treated as their own canonical), "
              f"e.g. {missing[:3]}", file=sys.stderr)

    def predicted(p):
        return canon.get(p["a"], p["a"]) == canon.get(p["b"], p["b"])
    report(pairs, predicted, f"system clusters from {a.pred}")


def cmd_baseline(a):
    pairs = load_labels(a)
    want = {i for p in pairs for i in (p["a"], p["b"])}
    corpora = a.corpus + ("," + a.rewrites if a.rewrites else "")
    sh = {r["id"]: shingles(doc_text(r)) for r in read_corpus(corpora, want)}
    missing = want - set(sh)
    if missing:
        sys.exit(f"{len(missing)} labelled ids not found in the corpora (pass --rewrites?), e.g. {sorted(missing)[:3]}")
    # brute force: every pair of labelled ids (not only the labelled pairs), so
    # the number of unlabelled pairs above each threshold is reported too.
    ids = sorted(want)
    allj = {}
    for x, y in itertools.combinations(ids, 2):
        allj[(x, y)] = jaccard(sh[x], sh[y])
    for p in pairs:
        p["j"] = allj[tuple(sorted((p["a"], p["b"])))]
    thresholds = [a.threshold] if a.threshold is not None else [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    print(f"brute-force exact {K}-shingle Jaccard over {len(ids)} labelled ids "
          f"({len(allj)} pairs), body text, normalized words")
    print(f"  {'T':>4} | {'real P':>6} {'real R':>6} | {'rw P':>6} {'rw R':>6} | {'all P':>6} {'all R':>6} {'all F1':>6} | unlabelled pairs >= T")
    labelled = {tuple(sorted((p["a"], p["b"]))) for p in pairs}
    for t in thresholds:
        line = []
        for name in ("real", "rewrites", "overall"):
            g = [p for p in pairs if name == "overall" or source_of(p) == name]
            tp = sum(1 for p in g if p["label"] == 1 and p["j"] >= t)
            fp = sum(1 for p in g if p["label"] == 0 and p["j"] >= t)
            fn = sum(1 for p in g if p["label"] == 1 and p["j"] < t)
            line.append(prf(tp, fp, fn))
        same = sum(1 for k, j in allj.items() if j >= t and k not in labelled
                   and k[0].split("~")[0] == k[1].split("~")[0])
        other = sum(1 for k, j in allj.items() if j >= t and k not in labelled
                    and k[0].split("~")[0] != k[1].split("~")[0])
        (rp, rr, _), (wp, wr, _), (op, orr, of) = line
        print(f"  {t:>4.2f} | {rp:>6.3f} {rr:>6.3f} | {wp:>6.3f} {wr:>6.3f} | {op:>6.3f} {orr:>6.3f} {of:>6.3f} | {same:>5} same-origin, {other:>5} other")
    print("  (unlabelled: pairs of labelled ids not in the label files; 'same-origin' are two rewrites of one "
          "article, or a rewrite and its original, so implied copies)")
    kinds = sorted({p["kind"] for p in pairs})
    print(f"\n  share of pairs at or above T, by kind (for label 1 this is recall, for label 0 the false-merge rate)")
    print(f"  {'kind':<26} {'label':>5} {'n':>4} " + " ".join(f"{t:>5.2f}" for t in thresholds))
    for k in kinds:
        for lab in (1, 0):
            g = [p for p in pairs if p["kind"] == k and p["label"] == lab]
            if g:
                print(f"  {k:<26} {lab:>5} {len(g):>4} " +
                      " ".join(f"{sum(1 for p in g if p['j'] >= t) / len(g):>5.2f}" for t in thresholds))
    if a.threshold is not None:
        t = a.threshold
        report(pairs, lambda p: p["j"] >= t, f"\nbaseline at T={t}")
        if a.pred_out:
            # clusters: connected components of the pairs >= T (union-find), written
            # in the PRED format that `score` reads (canonical = smallest id)
            parent = {i: i for i in ids}

            def find(i):
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i
            for (x, y), j in allj.items():
                if j >= t:
                    rx, ry = find(x), find(y)
                    if rx != ry:
                        parent[max(rx, ry)] = min(rx, ry)
            with open(a.pred_out, "w", encoding="utf-8") as f:
                f.write("id\tcanonical_id\n")
                for i in ids:
                    f.write(f"{i}\t{find(i)}\n")
            print(f"clusters written to {a.pred_out}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("candidates"); s.add_argument("corpus"); s.add_argument("out")
    s = sub.add_parser("sample"); s.add_argument("candidates"); s.add_argument("out")
    s.add_argument("--seed", type=int, default=20261129)
    s.add_argument("--per-band", type=int, default=40); s.add_argument("--dateline-n", type=int, default=30)
    s.add_argument("--title-n", type=int, default=40)
    s.add_argument("--title-far-n", type=int, default=40)
    s.add_argument("--corpus", help="corpus, to add the title-far stratum")
    s = sub.add_parser("show"); s.add_argument("corpus"); s.add_argument("pairs")
    s.add_argument("--chars", type=int, default=300); s.add_argument("--diff", type=int, default=4)
    s.add_argument("--only", default="")
    s = sub.add_parser("make-rewrites"); s.add_argument("corpus"); s.add_argument("out")
    s.add_argument("--labels"); s.add_argument("--seed", type=int, default=20261129)
    s.add_argument("--n", type=int, default=300)
    s = sub.add_parser("score"); s.add_argument("pairs", nargs="+"); s.add_argument("pred")
    s.add_argument("--exclude-borderline", action="store_true",
                   help="leave out the real pairs whose note says 'borderline'")
    s = sub.add_parser("baseline"); s.add_argument("corpus"); s.add_argument("pairs", nargs="+")
    s.add_argument("--rewrites"); s.add_argument("--threshold", type=float)
    s.add_argument("--pred-out", help="with --threshold: write the baseline's clusters as PRED.tsv")
    s.add_argument("--exclude-borderline", action="store_true",
                   help="leave out the real pairs whose note says 'borderline'")
    a = ap.parse_args()
    {"candidates": cmd_candidates, "sample": cmd_sample, "show": cmd_show,
     "make-rewrites": cmd_make_rewrites, "score": cmd_score, "baseline": cmd_baseline}[a.cmd](a)


if __name__ == "__main__":
    main()
