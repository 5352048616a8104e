"""The Japanese translation is complete and well formed, and every source
file with translatable strings is listed in po/POTFILES.in.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

Run with /usr/bin/python3; TSG_SOURCE_ROOT names the source tree.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.environ.get("TSG_SOURCE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PO = os.path.join(ROOT, "po")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", LANGUAGE="")
# _( N_( C_( NC_( and the plural forms, as the glib preset of po/meson.build extracts them
C_MARKER = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext|g_dpgettext2)\s*\(")
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')


def listed():
    with open(os.path.join(PO, "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def languages():
    with open(os.path.join(PO, "LINGUAS"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def sources_with_strings():
    found = []
    for folder, pattern, marker in (("src", ".c", C_MARKER), ("ui", ".ui", UI_MARKER)):
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if not name.endswith(pattern):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                # A comment or a string mentioning _() does not count.
                text = re.sub(r"/\*.*?\*/", "", text, flags=re.S) if pattern == ".c" else text
                if marker.search(text):
                    found.append(os.path.relpath(path, ROOT))
    return sorted(found)


class TranslationTest(unittest.TestCase):
    def test_linguas_has_japanese(self):
        self.assertIn("ja", languages())

    def test_msgfmt_check(self):
        for lang in languages():
            r = subprocess.run(["msgfmt", "--check", "-o", os.devnull, os.path.join(PO, lang + ".po")],
                               capture_output=True, text=True, env=ENV)
            self.assertEqual(r.returncode, 0, "msgfmt --check %s.po:\n%s" % (lang, r.stderr))

    def test_nothing_untranslated_or_fuzzy(self):
        for lang in languages():
            r = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, os.path.join(PO, lang + ".po")],
                               capture_output=True, text=True, env=ENV)
            self.assertEqual(r.returncode, 0, r.stderr)
            stats = r.stderr.strip()
            self.assertRegex(stats, r"^\d+ translated messages?\.$",
                             "%s.po is not complete: %s" % (lang, stats))

    def test_potfiles_lists_every_source(self):
        have = set(listed())
        missing = [p for p in sources_with_strings() if p not in have]
        self.assertEqual(missing, [], "add these files to po/POTFILES.in:\n  " + "\n  ".join(missing))

    def test_potfiles_entries_exist_once(self):
        entries = listed()
        gone = [p for p in entries if not os.path.exists(os.path.join(ROOT, p))]
        self.assertEqual(gone, [], "po/POTFILES.in lists files that do not exist")
        twice = sorted({p for p in entries if entries.count(p) > 1})
        self.assertEqual(twice, [], "po/POTFILES.in lists files more than once")

    def test_every_string_is_in_the_translation(self):
        """Extracts the template as the pot target does and compares."""
        if not shutil.which("xgettext") or not shutil.which("msgcmp"):
            self.skipTest("gettext tools are not installed")
        tmp = tempfile.mkdtemp(prefix="tsg-po-")
        self.addCleanup(shutil.rmtree, tmp, True)
        pot = os.path.join(tmp, "tsunagari-desk.pot")
        r = subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--package-name=tsunagari-desk",
                            "-D", ROOT, "-f", os.path.join(PO, "POTFILES.in"), "-o", pot,
                            "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
                            "--keyword=g_dpgettext2:2c,3", "--flag=N_:1:pass-c-format",
                            "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
                            "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
                            "--flag=g_string_printf:2:c-format", "--flag=g_set_error:4:c-format"],
                           capture_output=True, text=True, env=ENV)
        self.assertEqual(r.returncode, 0, "xgettext failed:\n" + r.stderr)
        for lang in languages():
            r = subprocess.run(["msgcmp", "--use-untranslated", os.path.join(PO, lang + ".po"), pot],
                               capture_output=True, text=True, env=ENV)
            if r.returncode == 0:
                continue
            # msgcmp names only line numbers: list the strings themselves.
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                            os.path.join(PO, lang + ".po"), pot], check=True, env=ENV)
            untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", "--no-wrap", merged],
                                          capture_output=True, text=True, env=ENV).stdout
            ids = re.findall(r'^#: (.*)\n(?:#.*\n)*(?:msgctxt .*\n)?msgid (".*")$', untranslated, re.M)
            self.fail("po/%s.po has no translation for %d strings of the sources "
                      "(append them to po/%s.po):\n%s"
                      % (lang, len(ids), lang, "\n".join("  %s  (%s)" % (i, w) for w, i in ids[:60])))

if __name__ == "__main__":
    unittest.main(verbosity=2)
