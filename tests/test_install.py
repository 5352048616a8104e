"""`meson install --destdir` puts everything where a desktop expects it.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

Run with /usr/bin/python3; TSG_BUILD_ROOT names the build directory.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import unittest

BUILD = os.environ.get("TSG_BUILD_ROOT", "")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", LANGUAGE="")
ENV.pop("DESTDIR", None)


def intro(what):
    import json
    r = subprocess.run(["meson", "introspect", BUILD, "--" + what], capture_output=True, text=True,
                       check=True, env=ENV)
    return json.loads(r.stdout)


class InstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(os.path.join(BUILD, "build.ninja")):
            raise unittest.SkipTest("TSG_BUILD_ROOT=%r is not a meson build directory" % BUILD)
        cls.dest = tempfile.mkdtemp(prefix="tsg-install-")
        cls.work = tempfile.mkdtemp(prefix="tsg-install-work-")
        options = {o["name"]: o["value"] for o in intro("buildoptions")}
        cls.prefix = options["prefix"]
        cls.datadir = os.path.join(cls.prefix, options["datadir"])
        cls.bindir = os.path.join(cls.prefix, options["bindir"])
        cls.localedir = os.path.join(cls.prefix, options["localedir"])
        cls.app_id = "org.tsunagari.Desk.Devel" if options.get("development") else "org.tsunagari.Desk"
        r = subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--destdir", cls.dest],
                           capture_output=True, text=True, env=ENV)
        cls.install_output = r.stdout + r.stderr
        cls.install_status = r.returncode

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dest, ignore_errors=True)
        shutil.rmtree(cls.work, ignore_errors=True)

    def at(self, *parts):
        return os.path.join(self.dest, *[p.lstrip("/") for p in parts])

    def assert_file(self, *parts):
        path = self.at(*parts)
        self.assertTrue(os.path.isfile(path), "not installed: %s\n%s" % (path, self.install_output[-2000:]))
        self.assertGreater(os.path.getsize(path), 0, "empty: %s" % path)
        return path

    def test_install_succeeded(self):
        self.assertEqual(self.install_status, 0, self.install_output)

    def test_binary(self):
        path = self.assert_file(self.bindir, "tsunagari-desk")
        self.assertTrue(os.access(path, os.X_OK))
        # It runs headless from where it was installed.
        db = os.path.join(self.work, "check.db")
        r = subprocess.run([path, "--database", db, "--generate", "5"], capture_output=True, text=True,
                           env=ENV, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_translation(self):
        mo = self.assert_file(self.localedir, "ja", "LC_MESSAGES", "tsunagari-desk.mo")
        # The installed catalogue is the one the program reads.
        binary = self.at(self.bindir, "tsunagari-desk")
        env = dict(ENV, LANGUAGE="ja", LC_ALL="ja_JP.UTF-8", LANG="ja_JP.UTF-8",
                   TSG_LOCALEDIR=self.at(self.localedir))
        r = subprocess.run([binary, "--database", os.path.join(self.work, "ja.db"), "--generate", "-5"],
                           capture_output=True, text=True, env=env, timeout=60)
        self.assertNotEqual(r.returncode, 0)
        if subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().find("ja_jp.utf8") >= 0:
            self.assertIn("0 以上", r.stderr, "the installed .mo was not used: %r" % r.stderr)
        self.assertTrue(os.path.exists(mo))

    def test_desktop_file(self):
        path = self.assert_file(self.datadir, "applications", self.app_id + ".desktop")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Exec=tsunagari-desk", text)
        self.assertRegex(text, r"(?m)^Name\[ja\]=")
        if shutil.which("desktop-file-validate"):
            r = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True, env=ENV)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_metainfo(self):
        path = self.assert_file(self.datadir, "metainfo", self.app_id + ".metainfo.xml")
        with open(path, encoding="utf-8") as f:
            self.assertIn('xml:lang="ja"', f.read())
        if shutil.which("appstreamcli"):
            r = subprocess.run(["appstreamcli", "validate", "--no-net", path], capture_output=True,
                               text=True, env=ENV)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_gschema(self):
        path = self.assert_file(self.datadir, "glib-2.0", "schemas", "org.tsunagari.Desk.gschema.xml")
        r = subprocess.run(["glib-compile-schemas", "--strict", "--dry-run", os.path.dirname(path)],
                           capture_output=True, text=True, env=ENV)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_icons(self):
        self.assert_file(self.datadir, "icons", "hicolor", "scalable", "apps", self.app_id + ".svg")
        self.assert_file(self.datadir, "icons", "hicolor", "symbolic", "apps", self.app_id + "-symbolic.svg")

    def test_nothing_outside_the_prefix(self):
        for path in glob.glob(os.path.join(self.dest, "**"), recursive=True):
            if os.path.isfile(path):
                rel = "/" + os.path.relpath(path, self.dest)
                self.assertTrue(rel.startswith(self.prefix.rstrip("/") + "/"), "installed outside the prefix: " + rel)


if __name__ == "__main__":
    unittest.main(verbosity=2)
