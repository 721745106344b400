#!/usr/bin/env python3
"""Replicates a news corpus with controlled perturbations, to grow an archive past the corpus.

usage: replicate.py CORPUS.jsonl.zst OUT_DIR --copies K [--seed S]

Writes OUT_DIR/part-00.jsonl (the corpus itself) and OUT_DIR/part-01.jsonl … part-K.jsonl, each
a perturbed replica of the whole corpus:
- ids get a suffix (`~r3`), so no id repeats;
- dates move forward by 120 days per replica, so story threads and copy groups of one replica do
  not meet another's (the window is days);
- in every paragraph one word in twenty is dropped or replaced by another word of the same
  article, so no body is an exact duplicate (the content hash would store it once), yet each is
  a near-copy of its original: near-duplicate detection is exercised, not fooled.

Ingesting the parts one after another (`khabar ingest part-NN.jsonl`, timed each) shows whether
the cost per article grows with the archive.
"""
import argparse
import datetime as dt
import json
import os
import random
import subprocess


def shift(date, days):
    if not date:
        return date
    try:
        d = dt.datetime.fromisoformat(date.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return date
    return (d + dt.timedelta(days=days)).isoformat()


def perturb(text, rng):
    out = []
    for para in text.split("\n"):
        words = para.split(" ")
        if len(words) > 10:
            for i in range(len(words)):
                r = rng.random()
                if r < 0.025:
                    words[i] = ""
                elif r < 0.05:
                    words[i] = rng.choice(words)
        out.append(" ".join(w for w in words if w))
    return "\n".join(out)


def perturbed(r, id_suffix, days, rng):
    """A copy of record `r` as news of another time: id suffixed, dates `days` later, one
    word in twenty of its text dropped or replaced."""
    r = dict(r)
    r["id"] = f"{r['id']}{id_suffix}"
    for field in ("published", "crawled"):
        r[field] = shift(r.get(field), days)
    if r.get("text"):
        r["text"] = perturb(r["text"], rng)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, required=True)
    ap.add_argument("--seed", type=int, default=20261129)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    raw = subprocess.run(["zstd", "-dc", a.corpus], capture_output=True, check=True).stdout
    records = [json.loads(l) for l in raw.decode().splitlines() if l.strip()]
    for k in range(a.copies + 1):
        rng = random.Random(a.seed * 1000 + k)
        path = os.path.join(a.out, f"part-{k:02d}.jsonl")
        # Each part depends only on the corpus, the seed and its number: a part already
        # written is kept (a run asked for more parts only writes the new ones).
        if os.path.exists(path):
            continue
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            for r in records:
                if k:
                    r = perturbed(r, f"~r{k}", 120 * k, rng)
                    if r.get("url"):
                        r["url"] = f"{r['url']}#r{k}"
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
