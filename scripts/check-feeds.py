#!/usr/bin/env python3
"""Validates the Atom change feeds of an output folder with a feed validator from PyPI (atoma, pinned in
.ci/run), and checks what they say against the site.

Usage: scripts/check-feeds.py OUT [--min-entries N]

Every feeds/*.atom must parse with atoma (which refuses feeds missing RFC 4287's required elements: feed and
entry id, title, updated), carry only RFC 3339 times, and every entry's page link must exist in OUT. The main
feed needs at least N entries (default 0), and the per-publisher feeds together hold exactly its entries.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

import atoma

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--min-entries", type=int, default=0)
    args = ap.parse_args()
    folder = os.path.join(args.out, "feeds")
    feeds = sorted(f for f in os.listdir(folder) if f.endswith(".atom"))
    problems, per_publisher, main_entries = [], 0, 0
    for name in feeds:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            data = f.read()
        try:
            feed = atoma.parse_atom_bytes(data)
        except Exception as e:  # atoma raises FeedParseError and friends
            problems.append(f"{name}: not a valid Atom feed: {e}")
            continue
        root = ET.fromstring(data)
        for updated in root.iter(ATOM + "updated"):
            if not RFC3339.match(updated.text or ""):
                problems.append(f"{name}: updated {updated.text!r} is not RFC 3339")
        for entry in root.iter(ATOM + "entry"):
            for link in entry.iter(ATOM + "link"):
                if link.get("rel") == "alternate":
                    target = os.path.normpath(os.path.join(folder, link.get("href")))
                    if not os.path.exists(target):
                        problems.append(f"{name}: entry links to missing {link.get('href')}")
        if name == "aenderungen.atom":
            main_entries = len(feed.entries)
        else:
            per_publisher += len(feed.entries)
    if "aenderungen.atom" not in feeds:
        problems.append("feeds/aenderungen.atom missing")
    if main_entries < args.min_entries:
        problems.append(f"aenderungen.atom has {main_entries} entries, expected at least {args.min_entries}")
    if per_publisher != main_entries:
        problems.append(f"publisher feeds hold {per_publisher} entries, the main feed {main_entries}")
    if problems:
        print("check-feeds: FAILED\n" + "\n".join(problems))
        sys.exit(1)
    print(f"check-feeds: {len(feeds)} Atom feeds valid (atoma), {main_entries} entries in aenderungen.atom, all links resolve")


if __name__ == "__main__":
    main()
