#!/usr/bin/env python3
"""Writes 1,000 new articles for the "adding 1,000 articles" measure of bench/million.sh.

usage: probe.py PART.jsonl OUT.jsonl SET PARTS [RUN]

Records (SET-1)*1000 … SET*1000-1 of PART, perturbed as replicate.py perturbs a replica, with
ids suffixed `~probePARTS-SET-RUN` (RUN names the measuring run, so that each run adds articles
new to the archive, by id and by content) and dates moved 120 × PARTS days on: after everything in an archive
built from PARTS parts, as news arriving today would be.
"""
import json
import random
import sys

from replicate import perturbed


def main():
    src, dst, t, parts = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    run = sys.argv[5] if len(sys.argv) > 5 else "0"
    # The perturbation too depends on the run: a set made for another run differs in its words,
    # so the content hash does not take it for a copy of one already stored.
    rng = random.Random(f"{parts}-{t}-{run}")
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as o:
        for n, line in enumerate(f):
            if n < (t - 1) * 1000:
                continue
            if n >= t * 1000:
                break
            r = perturbed(json.loads(line), f"~probe{parts}-{t}-{run}", 120 * parts, rng)
            o.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
