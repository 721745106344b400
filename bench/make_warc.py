#!/usr/bin/env python3
"""Build a WARC crawl from the WCXB pages, to measure `khabar ingest` on real pages.

usage: bench/make_warc.py WCXB_DIR OUT.warc.gz [--repeat N]

Each page becomes a WARC/1.1 `response` record (HTTP 200, text/html) whose target URI is the
page's URL from its ground truth, preceded by a `warcinfo` record; each record is its own gzip
member, as crawlers write them. --repeat N writes the pages N times (with the URL and record id
made unique) to reach a given size, e.g. --repeat 6 for about 1 GB uncompressed.
"""
import argparse, gzip, json, os, uuid

def record(kind, uri, block, content_type):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2026-11-29T00:00:00Z\r\n" + (f"WARC-Target-URI: {uri}\r\n" if uri else "") +
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=6)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wcxb")
    ap.add_argument("out")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    names = sorted(n for n in os.listdir(os.path.join(a.wcxb, "html")) if n.endswith(".html.gz"))
    pages = []
    for n in names:
        pid = n.split(".")[0]
        try:
            truth = json.load(open(os.path.join(a.wcxb, "ground-truth", pid + ".json"), encoding="utf-8"))
        except OSError:
            truth = {}
        html = gzip.open(os.path.join(a.wcxb, "html", n)).read()
        pages.append((truth.get("url") or f"https://wcxb.example/{pid}", html))
    total = 0
    with open(a.out, "wb") as f:
        f.write(record("warcinfo", None, b"software: khabar bench/make_warc.py\r\n", "application/warc-fields"))
        for r in range(a.repeat):
            for url, html in pages:
                uri = url if r == 0 else f"{url}#copy{r}"
                http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html)) + html
                f.write(record("response", uri, http, "application/http; msgtype=response"))
                total += len(http)
    print(f"{len(pages) * a.repeat} pages, {total / 1e6:.1f} MB of HTTP payload -> {a.out}")

if __name__ == "__main__":
    main()
