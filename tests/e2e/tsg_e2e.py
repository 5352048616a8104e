"""tsg_e2e: end-to-end tests of Tsunagari Desk through the accessibility tree.

Copyright 2026 The Tsunagari Desk developers
SPDX-License-Identifier: GPL-3.0-or-later

The harness starts the real binary on a fresh database in a given language,
waits until its AT-SPI application appears, finds widgets by role and
accessible name, clicks, types and presses keys, and shuts the application
down cleanly. A failure says what it looked for and lists what it DID find,
and leaves a screenshot and a dump of the tree in the log folder.

Quick start (tests/e2e/test_example.py)::

    import re
    import tsg_e2e
    from tsg_e2e import App

    class ExampleTest(tsg_e2e.TestCase):
        def test_search_in_japanese(self):
            with App(lang="ja", generate=300) as app:
                panel = app.find("filler", "相談記録")            # a dock panel
                entry = app.find("entry", "検索", within=panel)
                app.set_text(entry, "ハローワーク")
                app.find("label", re.compile(r"^\\d+ 件$"), within=panel)
                self.assertIn("デモ", app.title())

    if __name__ == "__main__":
        tsg_e2e.main()

and in tests/meson.build append its name to `e2e_tests` (suite 'e2e', run
one at a time, with the environment the harness needs).

Environment (set by tests/meson.build): TSG_BINARY (the built binary),
TSG_LOCALEDIR, GSETTINGS_SCHEMA_DIR, TSG_E2E_LOGDIR (screenshots, dumps and
the application's stderr go there; default: a temporary folder).

API
---
main()                      Runs the unittest test cases of the calling file,
                            in a child process under `dbus-run-session` (a
                            private session bus per test file, so single-
                            instance applications never meet) and, when there
                            is no DISPLAY, a private Xvfb; exits 77 (meson's
                            "skipped") when neither is possible.
TestCase                    unittest.TestCase; its failures name the test in
                            the screenshot files.
App(lang="en", database=None, generate=None, seed=1, args=(), env=None,
    profile=None, settings="memory", wait=True, timeout=30)
                            Starts the binary. lang: "en" (C.UTF-8) or "ja"
                            (ja_JP.UTF-8, TZ=Asia/Tokyo). database: a path
                            (default: a new file in a temporary folder);
                            generate=N first runs `--generate N --seed seed`.
                            profile: a folder for XDG_{CONFIG,DATA,CACHE}_HOME
                            (reuse it in a second App with settings="keyfile"
                            to test what is remembered between runs).
                            wait=False returns at once (for start-up errors:
                            use wait_exit / find on the error dialog).
                            Use it as a context manager: leaving the block
                            quits the application (and screenshots on error).
  .find(role=None, name=None, within=None, timeout=None, tables=False)
                            The first node (breadth first) whose role name
                            ("push button", "entry", "label", "filler",
                            "frame", "dialog", "page tab", "tree table",
                            "check box", "menu item", ...) and accessible name
                            match. name: a str (exact), a compiled regex
                            (search) or a callable(name) -> bool. Waits up to
                            timeout (default 10 s). Rows of tables and trees
                            are searched only with tables=True or when
                            `within` is the table (they are many and slow).
                            Raises E2EError listing the nodes it saw.
  .find_all(role, name, within=None, tables=False) -> list (no waiting)
  .exists(role, name, within=None, tables=False) -> bool (no waiting)
  .wait_gone(role, name, within=None, timeout=None)
  .wait_for(predicate, timeout=None, message="")  -> the predicate's value
  .click(node)              Performs its "click"/"activate"/"press"/"toggle"
                            action, or clicks its centre with the mouse.
  .mouse_click(node, button=1)
  .do_action(node, name)    Performs a named AT-SPI action.
  .set_text(node, text)     Replaces the text of an editable node.
  .type_text(text, node=None)
                            Types: ASCII as real key presses (XTest) into the
                            focused widget; other text (Japanese) is inserted
                            at the caret through EditableText. With node, the
                            node is focused first (by clicking it).
  .press(*keys)             Key presses, e.g. press("ctrl+f"), press("Return"),
                            press("alt+2", "Tab", "shift+Tab"). X keysym names.
  .text(node) -> str        The text of a node (Text interface, else its name;
                            GTK 4.8 gives "" for a search entry).
  .name(node), .role(node)  Accessible name and role name.
  .states(node) -> set      State names ("focused", "checked", "sensitive"...).
  .children(node) -> list
  .window(name=None) -> the first top-level window (frame or dialog) [named]
  .title() -> str           The main window's title.
  .screenshot(label) -> path
  .dump(within=None, tables=False) -> str   An outline of the tree.
  .sign_in(login, password) Fills the sign-in window and waits for the main
                            window. App(generate=N) signs in by itself as
                            the demo administrator (kato / DEMO_PASSWORD);
                            sign_in=False keeps the sign-in window,
                            sign_in=("yamada", DEMO_PASSWORD) picks a role.
  .create_administrator(login, name, password)   On a new, empty database.
  .tr(msgid, context=None)  The application's translation of a source string
                            (its .mo), so one test body serves both languages.
  .label(msgid)             A regex for a translated label with a mnemonic.
  .editables(within=None)   The editable text fields, in order.
  .quit(timeout=15) -> int  Activates app.quit over D-Bus (the windows save
                            their layout), then SIGTERM, then SIGKILL.
  .wait_exit(timeout=15) -> int   Waits for the process to end by itself.
  .stderr(), .stdout() -> str   What the application wrote so far.
  .spawned_us               time.monotonic() of the start, in µs (the clock of
                            the TSG_BENCH=1 marks, see src/ui/tsg-bench.h).
  .pid, .database, .profile, .proc
run_cli(*args, database=None, env=None, lang="en") -> subprocess.CompletedProcess
                            Runs the binary headless (no display needed).
generate_database(path, n, seed=1)
E2EError                    AssertionError raised by the harness.
"""

import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

__all__ = ["App", "E2EError", "TestCase", "main", "run_cli", "generate_database"]

DEFAULT_TIMEOUT = float(os.environ.get("TSG_E2E_TIMEOUT", "10"))
START_TIMEOUT = float(os.environ.get("TSG_E2E_START_TIMEOUT", "30"))
# Containers whose children are rows: searched only on request.
TABLE_ROLES = {"tree table", "table", "tree"}
CLICK_ACTIONS = ("click", "activate", "press", "toggle", "jump")
_TYPE_NAME = re.compile(r"^(Gtk|Adw|Panel)[A-Za-z]+$")
# The accounts of every generated (demo) database: src/core/tsg-store-accounts.h
DEMO_PASSWORD = "tsunagari"
DEMO_ADMIN = ("kato", DEMO_PASSWORD)

_current_test = None


class E2EError(AssertionError):
    """A step of an end-to-end test failed; the message says what was seen."""


# --- the session: X display, session bus, accessibility bus --------------

def _start_xvfb():
    """A private Xvfb on a display number it picks itself (-displayfd), so
    parallel runs never race for one as `xvfb-run -a` can."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None, None
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1400x900x24",
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb") as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        proc.wait()
        return None, None
    return proc, ":" + number.decode()


def _ensure_session():
    """Runs the test file again under an X display and a private D-Bus
    session (so single-instance applications of other tests never meet)."""
    if os.environ.get("TSG_E2E_CHILD"):
        os.environ.pop("NO_AT_BRIDGE", None)
        os.environ["GTK_A11Y"] = "atspi"
        _ensure_a11y_bus()
        return
    env = dict(os.environ, TSG_E2E_CHILD="1")
    xvfb = None
    if not env.get("DISPLAY"):
        xvfb, display = _start_xvfb()
        if xvfb is None:
            print("SKIP: no X display and no Xvfb", file=sys.stderr)
            sys.exit(77)
        env["DISPLAY"] = display
        env.pop("XAUTHORITY", None)
    cmd = [sys.executable] + sys.argv
    if shutil.which("dbus-run-session"):
        cmd = ["dbus-run-session", "--"] + cmd
    elif not env.get("DBUS_SESSION_BUS_ADDRESS"):
        print("SKIP: no D-Bus session and no dbus-run-session", file=sys.stderr)
        sys.exit(77)
    try:
        status = subprocess.call(cmd, env=env)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    sys.exit(status)


def _ensure_a11y_bus():
    """Makes sure the accessibility bus and registry run.

    dbus-run-session activates org.a11y.Bus on demand; where that service
    file is missing the launcher is started by hand."""
    from gi.repository import Gio, GLib

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    try:
        bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                      None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 5000, None)
        return
    except GLib.Error:
        pass
    for launcher in ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher"):
        if os.path.exists(launcher):
            subprocess.Popen([launcher, "--launch-immediately"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
            break
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                          None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NO_AUTO_START, 1000, None)
            return
        except GLib.Error:
            time.sleep(0.2)
    raise E2EError("the accessibility bus (org.a11y.Bus) does not start")


def _atspi():
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
    # GTK 4 has no AT-SPI cache object: libatspi warns once per application.
    GLib.log_set_handler("dbind", GLib.LogLevelFlags.LEVEL_WARNING, lambda *args: None)
    return Atspi


class TestCase(unittest.TestCase):
    """Records the running test, so screenshots carry its name."""

    def setUp(self):
        global _current_test
        _current_test = self.id().split(".", 1)[-1]
        super().setUp()


def main():
    """Entry point of an e2e test file."""
    _ensure_session()
    # PyGObject's import machinery and libatspi's renamed calls warn on
    # every use; the harness output is for test failures.
    unittest.main(verbosity=2, warnings="ignore")


# --- X11 input through XTest (the registry's synthesis is not reliable) --

class _X11:
    _inst = None

    @classmethod
    def get(cls):
        if cls._inst is None:
            cls._inst = cls()
        return cls._inst

    def __init__(self):
        c = ctypes
        self.x = c.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xt = c.cdll.LoadLibrary(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        x, xt = self.x, self.xt
        # A window can vanish between XQueryTree and a later request about it
        # (a popover closing): Xlib's default handler would exit the test.
        self._on_error = c.CFUNCTYPE(c.c_int, c.c_void_p, c.c_void_p)(lambda dpy, event: 0)
        x.XSetErrorHandler.argtypes = [c.c_void_p]
        x.XSetErrorHandler(self._on_error)
        x.XOpenDisplay.restype = c.c_void_p
        x.XOpenDisplay.argtypes = [c.c_char_p]
        x.XDefaultRootWindow.restype = c.c_ulong
        x.XDefaultRootWindow.argtypes = [c.c_void_p]
        x.XInternAtom.restype = c.c_ulong
        x.XInternAtom.argtypes = [c.c_void_p, c.c_char_p, c.c_int]
        x.XQueryTree.argtypes = [c.c_void_p, c.c_ulong, c.POINTER(c.c_ulong), c.POINTER(c.c_ulong),
                                 c.POINTER(c.POINTER(c.c_ulong)), c.POINTER(c.c_uint)]
        x.XGetWindowProperty.argtypes = [c.c_void_p, c.c_ulong, c.c_ulong, c.c_long, c.c_long, c.c_int,
                                         c.c_ulong, c.POINTER(c.c_ulong), c.POINTER(c.c_int),
                                         c.POINTER(c.c_ulong), c.POINTER(c.c_ulong), c.POINTER(c.c_void_p)]
        x.XGetWindowAttributes.argtypes = [c.c_void_p, c.c_ulong, c.c_void_p]
        x.XTranslateCoordinates.argtypes = [c.c_void_p, c.c_ulong, c.c_ulong, c.c_int, c.c_int,
                                            c.POINTER(c.c_int), c.POINTER(c.c_int), c.POINTER(c.c_ulong)]
        x.XSetInputFocus.argtypes = [c.c_void_p, c.c_ulong, c.c_int, c.c_ulong]
        x.XRaiseWindow.argtypes = [c.c_void_p, c.c_ulong]
        x.XSync.argtypes = [c.c_void_p, c.c_int]
        x.XFree.argtypes = [c.c_void_p]
        x.XStringToKeysym.argtypes = [c.c_char_p]
        x.XStringToKeysym.restype = c.c_ulong
        x.XKeysymToKeycode.argtypes = [c.c_void_p, c.c_ulong]
        x.XKeysymToKeycode.restype = c.c_ubyte
        x.XKeycodeToKeysym.argtypes = [c.c_void_p, c.c_ubyte, c.c_int]
        x.XKeycodeToKeysym.restype = c.c_ulong
        xt.XTestFakeKeyEvent.argtypes = [c.c_void_p, c.c_uint, c.c_int, c.c_ulong]
        xt.XTestFakeButtonEvent.argtypes = [c.c_void_p, c.c_uint, c.c_int, c.c_ulong]
        xt.XTestFakeMotionEvent.argtypes = [c.c_void_p, c.c_int, c.c_int, c.c_int, c.c_ulong]
        self.dpy = x.XOpenDisplay(None)
        if not self.dpy:
            raise E2EError("cannot open the X display %r" % os.environ.get("DISPLAY"))
        self.root = x.XDefaultRootWindow(self.dpy)

    class _Attrs(ctypes.Structure):
        _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                    ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
                    ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("class_", ctypes.c_int),
                    ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
                    ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                    ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
                    ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
                    ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                    ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                    ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]

    def windows_of(self, pid):
        """Mapped top-level X windows of @pid, largest first: (xid, x, y, w, h)."""
        c, x = ctypes, self.x
        atom = x.XInternAtom(self.dpy, b"_NET_WM_PID", 0)
        root_ret, parent, n = c.c_ulong(), c.c_ulong(), c.c_uint()
        children = c.POINTER(c.c_ulong)()
        x.XQueryTree(self.dpy, self.root, c.byref(root_ret), c.byref(parent), c.byref(children), c.byref(n))
        found = []
        for i in range(n.value):
            w = children[i]
            typ, fmt, nitems, after, data = c.c_ulong(), c.c_int(), c.c_ulong(), c.c_ulong(), c.c_void_p()
            if x.XGetWindowProperty(self.dpy, w, atom, 0, 1, 0, 6, c.byref(typ), c.byref(fmt),
                                    c.byref(nitems), c.byref(after), c.byref(data)) != 0:
                continue
            if not data.value:
                continue
            wpid = c.cast(data, c.POINTER(c.c_ulong))[0] if nitems.value == 1 else None
            x.XFree(data)
            attrs = self._Attrs()
            x.XGetWindowAttributes(self.dpy, w, c.byref(attrs))
            if wpid == pid and attrs.map_state == 2:  # IsViewable
                found.append((w, attrs.x, attrs.y, attrs.width, attrs.height))
        if children:
            x.XFree(children)
        found.sort(key=lambda t: -(t[3] * t[4]))
        return found

    def origin(self, xid):
        c = ctypes
        rx, ry, child = c.c_int(), c.c_int(), c.c_ulong()
        self.x.XTranslateCoordinates(self.dpy, xid, self.root, 0, 0, c.byref(rx), c.byref(ry), c.byref(child))
        return rx.value, ry.value

    def focus(self, xid):
        self.x.XRaiseWindow(self.dpy, xid)
        self.x.XSetInputFocus(self.dpy, xid, 2, 0)  # RevertToParent, CurrentTime
        self.x.XSync(self.dpy, 0)

    def keycode(self, name):
        """(keycode, needs_shift) for an X keysym name or a character."""
        sym = self.x.XStringToKeysym(name.encode())
        if sym == 0 and len(name) == 1:
            sym = ord(name) if ord(name) < 0x100 else 0x1000000 + ord(name)
        if sym == 0:
            raise E2EError("unknown key name %r" % name)
        code = self.x.XKeysymToKeycode(self.dpy, sym)
        if code == 0:
            raise E2EError("no key on this keyboard types %r" % name)
        shift = self.x.XKeycodeToKeysym(self.dpy, code, 0) != sym and \
            self.x.XKeycodeToKeysym(self.dpy, code, 1) == sym
        return code, shift

    def key_combo(self, combo):
        names = {"ctrl": "Control_L", "control": "Control_L", "shift": "Shift_L", "alt": "Alt_L",
                 "super": "Super_L", "meta": "Meta_L"}
        parts = combo.split("+") if combo != "+" else ["plus"]
        *mods, last = parts
        codes = [self.keycode(names.get(m.lower(), m))[0] for m in mods]
        code, shift = self.keycode(last)
        if shift:
            codes.append(self.keycode("Shift_L")[0])
        for k in codes + [code]:
            self.xt.XTestFakeKeyEvent(self.dpy, k, 1, 0)
        for k in reversed(codes + [code]):
            self.xt.XTestFakeKeyEvent(self.dpy, k, 0, 0)
        self.x.XSync(self.dpy, 0)

    def click(self, x, y, button=1):
        self.xt.XTestFakeMotionEvent(self.dpy, -1, int(x), int(y), 0)
        self.x.XSync(self.dpy, 0)
        time.sleep(0.05)
        self.xt.XTestFakeButtonEvent(self.dpy, button, 1, 0)
        self.xt.XTestFakeButtonEvent(self.dpy, button, 0, 0)
        self.x.XSync(self.dpy, 0)


# --- the application ------------------------------------------------------

def _binary():
    path = os.environ.get("TSG_BINARY")
    if not path or not os.path.exists(path):
        raise E2EError("TSG_BINARY does not name the built tsunagari-desk (got %r)" % path)
    return path


def _lang_env(lang):
    if lang == "ja":
        return {"LANG": "ja_JP.UTF-8", "LC_ALL": "ja_JP.UTF-8", "LANGUAGE": "ja",
                "TZ": os.environ.get("TSG_E2E_TZ", "Asia/Tokyo")}
    if lang in ("en", "C", None):
        return {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": ""}
    raise ValueError("lang must be 'en' or 'ja', not %r" % lang)


def run_cli(*args, database=None, env=None, lang="en", timeout=600):
    """Runs the binary headless; returns the CompletedProcess (text mode)."""
    cmd = [_binary()]
    if database is not None:
        cmd += ["--database", str(database)]
    cmd += [str(a) for a in args]
    full_env = dict(os.environ)
    full_env.update(_lang_env(lang))
    full_env.update(env or {})
    return subprocess.run(cmd, env=full_env, capture_output=True, text=True, timeout=timeout)


def generate_database(path, n, seed=1):
    r = run_cli("--generate", n, "--seed", seed, database=path)
    if r.returncode != 0:
        raise E2EError("--generate %s failed (%d): %s" % (n, r.returncode, r.stderr.strip()))
    return path


def _log_dir():
    d = os.environ.get("TSG_E2E_LOGDIR") or os.path.join(tempfile.gettempdir(), "tsg-e2e-logs")
    os.makedirs(d, exist_ok=True)
    return d


def _slug(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:80] or "app"


class App:
    """One running tsunagari-desk, driven through AT-SPI (see the module doc)."""

    def __init__(self, lang="en", database=None, generate=None, seed=1, args=(), env=None,
                 profile=None, settings="memory", wait=True, timeout=START_TIMEOUT, sign_in=None):
        self.Atspi = _atspi()
        self.Atspi.set_timeout(8000, 15000)
        self.lang = lang
        self._tmp = tempfile.mkdtemp(prefix="tsg-e2e-")
        self.profile = profile or os.path.join(self._tmp, "profile")
        os.makedirs(self.profile, exist_ok=True)
        self.database = str(database) if database else os.path.join(self._tmp, "office.db")
        if generate is not None:
            generate_database(self.database, generate, seed)
        self._check_no_other_instance()

        full_env = dict(os.environ)
        full_env.pop("NO_AT_BRIDGE", None)
        full_env.update(_lang_env(lang))
        full_env.update({
            "GTK_A11Y": "atspi",
            "GDK_BACKEND": "x11",
            "GSETTINGS_BACKEND": settings,
            "XDG_CONFIG_HOME": os.path.join(self.profile, "config"),
            "XDG_DATA_HOME": os.path.join(self.profile, "data"),
            "XDG_CACHE_HOME": os.path.join(self.profile, "cache"),
        })
        full_env.update(env or {})
        self._label = _slug((_current_test or "app") + "-" + lang)
        self._stderr_path = os.path.join(_log_dir(), "%s-%d.stderr" % (self._label, os.getpid()))
        self._stderr = open(self._stderr_path, "w+", encoding="utf-8", errors="replace")
        cmd = [_binary(), "--database", self.database] + [str(a) for a in args]
        self._stdout_path = os.path.join(_log_dir(), "%s-%d.stdout" % (self._label, os.getpid()))
        self._stdout = open(self._stdout_path, "w+", encoding="utf-8", errors="replace")
        # CLOCK_MONOTONIC, as the application's g_get_monotonic_time()
        self.spawned_us = int(time.monotonic() * 1e6)
        self.proc = subprocess.Popen(cmd, env=full_env, stdout=self._stdout, stderr=self._stderr)
        self.pid = self.proc.pid
        self._root = None
        self._quit_done = False
        if wait:
            self.wait_started(timeout)
            # A generated database is a demo: sign in as its administrator
            # unless the test wants the sign-in window itself.
            if sign_in is None:
                sign_in = generate is not None
            if sign_in:
                who = sign_in if isinstance(sign_in, tuple) else DEMO_ADMIN
                self.sign_in(*who)

    # context manager
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and self.proc.poll() is None:
            try:
                path = self.screenshot("failure")
                dump_path = os.path.join(_log_dir(), "%s-failure-tree.txt" % self._label)
                with open(dump_path, "w", encoding="utf-8") as f:
                    f.write(self.dump())
                sys.stderr.write("tsg_e2e: screenshot %s, tree %s\n" % (path, dump_path))
            except Exception as e:  # the report must not hide the failure
                sys.stderr.write("tsg_e2e: no screenshot: %s\n" % e)
        self.quit()
        shutil.rmtree(self._tmp, ignore_errors=True)
        return False

    # --- starting and stopping -------------------------------------------

    def _bus(self):
        from gi.repository import Gio
        return Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def _check_no_other_instance(self):
        from gi.repository import GLib
        for name in ("org.tsunagari.Desk", "org.tsunagari.Desk.Devel"):
            deadline = time.monotonic() + 10
            while True:
                owned = self._bus().call_sync(
                    "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                    "NameHasOwner", GLib.Variant("(s)", (name,)), GLib.VariantType("(b)"),
                    0, 5000, None).unpack()[0]
                if not owned:
                    break
                if time.monotonic() > deadline:
                    raise E2EError("%s is already running on this session bus: a new start would only "
                                   "activate it (quit the other App first)" % name)
                time.sleep(0.2)

    def wait_started(self, timeout=START_TIMEOUT):
        """Waits until the application and its main window are in the tree."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise E2EError("tsunagari-desk exited with %d before its window appeared; stderr:\n%s"
                               % (self.proc.returncode, self.stderr()))
            root = self._find_root()
            if root is not None and root.get_child_count() > 0:
                self._root = root
                self._focus_window()
                return self
            time.sleep(0.2)
        raise E2EError("tsunagari-desk (pid %d) did not appear on the accessibility bus within %.0f s; "
                       "applications there: %s" % (self.pid, timeout, self._desktop_names()))

    def _find_root(self):
        desktop = self.Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            try:
                if a is not None and a.get_process_id() == self.pid:
                    return a
            except Exception:
                continue
        return None

    def _desktop_names(self):
        desktop = self.Atspi.get_desktop(0)
        names = []
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            try:
                names.append("%s (pid %d)" % (a.get_name(), a.get_process_id()))
            except Exception:
                pass
        return ", ".join(names) or "none"

    @property
    def root(self):
        if self._root is None:
            self._root = self._find_root()
            if self._root is None:
                raise E2EError("tsunagari-desk (pid %d) is not on the accessibility bus" % self.pid)
        return self._root

    def _focus_window(self):
        """Gives the largest window keyboard focus: Xvfb has no window manager."""
        try:
            x11 = _X11.get()
        except (OSError, E2EError):
            return
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            wins = x11.windows_of(self.pid)
            if wins:
                x11.focus(wins[0][0])
                time.sleep(0.1)
                return
            time.sleep(0.1)

    def _activate_quit(self):
        from gi.repository import GLib
        for name, path in (("org.tsunagari.Desk", "/org/tsunagari/Desk"),
                           ("org.tsunagari.Desk.Devel", "/org/tsunagari/Desk/Devel")):
            try:
                self._bus().call_sync(name, path, "org.gtk.Actions", "Activate",
                                      GLib.Variant("(sava{sv})", ("quit", [], {})),
                                      None, 0, 3000, None)
                return True
            except GLib.Error:
                continue
        return False

    def quit(self, timeout=15):
        """Quits cleanly (app.quit over D-Bus), then SIGTERM, then SIGKILL."""
        if self.proc.poll() is None:
            self._activate_quit()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        for f in (self._stderr, self._stdout):
            if not f.closed:
                f.close()
        return self.proc.returncode

    def wait_exit(self, timeout=15):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise E2EError("tsunagari-desk (pid %d) is still running after %.0f s" % (self.pid, timeout))

    def stderr(self):
        with open(self._stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stdout(self):
        with open(self._stdout_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    # --- the tree ----------------------------------------------------------

    @staticmethod
    def _safe(fn, default=""):
        try:
            v = fn()
            return default if v is None else v
        except Exception:
            return default

    def role(self, node):
        return self._safe(node.get_role_name)

    def name(self, node):
        return self._safe(node.get_name)

    def children(self, node):
        out = []
        for i in range(self._safe(node.get_child_count, 0)):
            c = self._safe(lambda: node.get_child_at_index(i), None)
            if c is not None:
                out.append(c)
        return out

    def _walk(self, within, tables):
        """Breadth first; rows of tables only with tables=True or inside one."""
        queue = [within]
        while queue:
            node = queue.pop(0)
            yield node
            if node is not within and not tables and self.role(node) in TABLE_ROLES:
                continue
            queue.extend(self.children(node))

    @staticmethod
    def _matches(value, pattern):
        if pattern is None:
            return True
        if isinstance(pattern, str):
            return value == pattern
        if hasattr(pattern, "search"):
            return pattern.search(value or "") is not None
        return bool(pattern(value))

    def find_all(self, role=None, name=None, within=None, tables=False):
        role = self._role_name(role)
        return [n for n in self._walk(within or self.root, tables)
                if self._matches(self.role(n), role) and self._matches(self.name(n), name)]

    def exists(self, role=None, name=None, within=None, tables=False):
        role = self._role_name(role)
        for n in self._walk(within or self.root, tables):
            if self._matches(self.role(n), role) and self._matches(self.name(n), name):
                return True
        return False

    def _role_name(self, role):
        """Accepts an Atspi.Role as well as a role name."""
        if isinstance(role, self.Atspi.Role):
            return self.Atspi.role_get_name(role)
        return role

    def find(self, role=None, name=None, within=None, timeout=None, tables=False):
        timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        rolename = self._role_name(role)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise E2EError("looking for %s: tsunagari-desk exited with %d; stderr:\n%s"
                               % (self._describe(rolename, name), self.proc.returncode, self.stderr()))
            for n in self._walk(within or self.root, tables):
                if self._matches(self.role(n), rolename) and self._matches(self.name(n), name):
                    return n
            if time.monotonic() >= deadline:
                break
            time.sleep(0.25)
        seen = self._seen(within or self.root, tables)
        shot = self._try_screenshot("not-found")
        raise E2EError("no %s within %.0f s%s.\nNamed nodes seen (role 'name'):\n%s%s"
                       % (self._describe(rolename, name), timeout,
                          " inside [%s] %r" % (self.role(within), self.name(within)) if within else "",
                          seen, "\nScreenshot: %s" % shot if shot else ""))

    def wait_gone(self, role=None, name=None, within=None, timeout=None):
        timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self.wait_for(lambda: not self.exists(role, name, within), timeout,
                      "%s is still there" % self._describe(self._role_name(role), name))

    def wait_for(self, predicate, timeout=None, message=""):
        timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                shot = self._try_screenshot("wait")
                raise E2EError("waited %.0f s: %s%s" % (timeout, message or "condition not met",
                                                        "\nScreenshot: %s" % shot if shot else ""))
            time.sleep(0.2)

    @staticmethod
    def _describe(role, name):
        what = "node" if role is None else "[%s]" % (role.pattern if hasattr(role, "pattern") else role)
        if name is not None:
            what += " named %r" % (name.pattern if hasattr(name, "pattern") else name)
        return what

    def _seen(self, within, tables, limit=150):
        lines = []
        for n in self._walk(within, tables):
            nm = self.name(n)
            # GTK 4 names unlabelled widgets after their type: noise here.
            if nm and not _TYPE_NAME.match(nm):
                lines.append("  [%s] %r" % (self.role(n), nm))
            if len(lines) >= limit:
                lines.append("  ...")
                break
        return "\n".join(lines) or "  (nothing with a name)"

    def dump(self, within=None, tables=False):
        out = []

        def rec(node, depth):
            out.append("%s[%s] %r" % ("  " * depth, self.role(node), self.name(node)))
            if depth > 0 and not tables and self.role(node) in TABLE_ROLES:
                if self.children(node):
                    out.append("%s  (rows not listed)" % ("  " * depth))
                return
            for c in self.children(node):
                rec(c, depth + 1)
        rec(within or self.root, 0)
        return "\n".join(out)

    def window(self, name=None, timeout=None):
        return self.find(lambda r: r in ("frame", "dialog", "alert", "window"), name,
                         within=self.root, timeout=timeout)

    def title(self):
        frames = [c for c in self.children(self.root) if self.role(c) == "frame"]
        return self.name(frames[0]) if frames else ""

    def states(self, node):
        return {s.value_nick for s in self._safe(lambda: node.get_state_set().get_states(), [])}

    def text(self, node):
        """The Text interface's content, else the name. (GTK 4.8 gives no
        text for a GtkSearchEntry: check what typing caused instead.)"""
        t = self._safe(node.get_text_iface, None)
        if t is not None:
            return self._safe(lambda: t.get_text(0, -1), "")
        return self.name(node)

    def value(self, node):
        """The Value interface's current value (a progress bar, a scale), or None."""
        v = self._safe(node.get_value_iface, None)
        return None if v is None else self._safe(v.get_current_value, None)

    # --- the application's own words ----------------------------------------

    def tr(self, msgid, context=None):
        """@msgid as the running application shows it (its .mo in TSG_LOCALEDIR)."""
        if self.lang != "ja":
            return msgid
        import gettext
        localedir = os.environ.get("TSG_LOCALEDIR")
        try:
            t = gettext.translation("tsunagari-desk", localedir=localedir, languages=["ja"])
        except OSError:
            raise E2EError("no Japanese catalogue tsunagari-desk.mo under TSG_LOCALEDIR=%r" % localedir)
        return t.pgettext(context, msgid) if context else t.gettext(msgid)

    def trn(self, singular, plural, n):
        """The plural form the application shows for @n (ngettext)."""
        if self.lang != "ja":
            return singular if n == 1 else plural
        import gettext
        t = gettext.translation("tsunagari-desk", localedir=os.environ.get("TSG_LOCALEDIR"), languages=["ja"])
        return t.ngettext(singular, plural, n)

    def label(self, msgid, context=None):
        """A pattern for a translated label with its mnemonic: "_Sign In" finds
        "_Sign In Sign In" (GTK 4.8 names buttons so) and "サインイン(_S)"."""
        text = re.sub(r"\(_[A-Za-z0-9]\)$", "", self.tr(msgid, context)).replace("_", "")
        return re.compile(re.escape(text))

    def editables(self, within=None):
        """The editable text fields under @within, in order, each once."""
        out = []
        for n in self._walk(within or self.root, False):
            # libatspi hands out one object per remote node: identity is enough
            # (GTK 4.8 lists some list-box rows twice).
            if self._safe(n.get_editable_text_iface, None) is not None and not any(n is m for m in out):
                out.append(n)
        return out

    def sign_in(self, login, password, timeout=None):
        """Signs in through the sign-in window and waits for the main window."""
        page = self.find("panel", self.tr("Sign In"), timeout=timeout)
        fields = self.editables(page)
        if len(fields) < 2:
            raise E2EError("the sign-in page has %d text fields, not login and password:\n%s"
                           % (len(fields), self.dump(page)))
        self.set_text(fields[0], login)
        self.set_text(fields[1], password)
        self.click(self.find("push button", self.label("_Sign In"), within=page))
        sign_in_title = self.tr("Sign In — Tsunagari Desk")
        self.wait_for(lambda: [w for w in self.children(self.root)
                               if self.role(w) == "frame" and self.name(w) != sign_in_title],
                      timeout, "signing in as %r did not open the main window" % login)
        self._focus_window()
        return self

    def create_administrator(self, login, name, password, timeout=None):
        """On a new database: creates the first account and signs in with it."""
        page = self.find("panel", self.tr("Create the Administrator"), timeout=timeout)
        fields = self.editables(page)
        if len(fields) < 4:
            raise E2EError("the administrator page has %d text fields:\n%s" % (len(fields), self.dump(page)))
        for field, value in zip(fields, (login, name, password, password)):
            self.set_text(field, value)
        self.click(self.find("push button", self.label("_Create Administrator"), within=page))
        return self

    # --- acting --------------------------------------------------------------

    def actions(self, node):
        a = self._safe(node.get_action_iface, None)
        if a is None:
            return []
        return [a.get_action_name(i) for i in range(a.get_n_actions())]

    def do_action(self, node, action):
        a = node.get_action_iface()
        names = self.actions(node)
        if action not in names:
            raise E2EError("[%s] %r has no action %r (it has %s)"
                           % (self.role(node), self.name(node), action, names))
        a.do_action(names.index(action))
        time.sleep(0.1)

    def click(self, node):
        for action in CLICK_ACTIONS:
            if action in self.actions(node):
                self.do_action(node, action)
                return
        self.mouse_click(node)

    def _screen_centre(self, node):
        Atspi = self.Atspi
        comp = node.get_component_iface()
        if comp is None:
            raise E2EError("[%s] %r cannot be clicked: it has no position" % (self.role(node), self.name(node)))
        ext = comp.get_extents(Atspi.CoordType.WINDOW)
        x11 = _X11.get()
        wins = x11.windows_of(self.pid)
        if not wins:
            raise E2EError("tsunagari-desk has no window on the display")
        # The node's window: the topmost frame/dialog that holds it.
        top = node
        while True:
            parent = self._safe(top.get_parent, None)
            if parent is None or self.role(parent) == "application":
                break
            top = parent
        xid = wins[0][0]
        if top is not None and len(wins) > 1:
            tcomp = self._safe(top.get_component_iface, None)
            size = tcomp.get_extents(Atspi.CoordType.WINDOW) if tcomp else None
            for w in wins:
                if size and abs(w[3] - size.width) <= 2 and abs(w[4] - size.height) <= 2:
                    xid = w[0]
                    break
        ox, oy = x11.origin(xid)
        return xid, ox + ext.x + ext.width / 2, oy + ext.y + ext.height / 2

    def mouse_click(self, node, button=1):
        xid, x, y = self._screen_centre(node)
        x11 = _X11.get()
        x11.focus(xid)
        x11.click(x, y, button)
        time.sleep(0.15)

    def focus(self, node):
        self.mouse_click(node)

    def press(self, *keys):
        x11 = _X11.get()
        for combo in keys:
            x11.key_combo(combo)
            time.sleep(0.05)
        time.sleep(0.1)

    def set_text(self, node, text):
        e = self._safe(node.get_editable_text_iface, None)
        if e is None:
            raise E2EError("[%s] %r is not editable" % (self.role(node), self.name(node)))
        if not e.set_text_contents(text):
            raise E2EError("[%s] %r refused the text %r" % (self.role(node), self.name(node), text))
        time.sleep(0.1)

    def type_text(self, text, node=None):
        if node is not None:
            self.focus(node)
        if all(32 <= ord(ch) < 127 for ch in text):
            x11 = _X11.get()
            for ch in text:
                x11.key_combo({" ": "space"}.get(ch, ch))
            time.sleep(0.1)
            return
        target = node or self._focused_editable()
        e = self._safe(target.get_editable_text_iface, None)
        t = self._safe(target.get_text_iface, None)
        if e is None:
            raise E2EError("[%s] %r is not editable" % (self.role(target), self.name(target)))
        caret = self._safe(t.get_caret_offset, -1) if t else -1
        if caret < 0:
            caret = self._safe(t.get_character_count, 0) if t else 0
        if not e.insert_text(caret, text, len(text.encode("utf-8"))):
            raise E2EError("[%s] %r refused the text %r" % (self.role(target), self.name(target), text))
        time.sleep(0.1)

    def _focused_editable(self):
        for n in self._walk(self.root, False):
            if "focused" in self.states(n) and self._safe(n.get_editable_text_iface, None) is not None:
                return n
        raise E2EError("no editable widget has the keyboard focus")

    # --- evidence -------------------------------------------------------------

    def screenshot(self, label="shot"):
        path = os.path.join(_log_dir(), "%s-%s.png" % (self._label, _slug(label)))
        tool = shutil.which("import")
        if tool is None:
            raise E2EError("no screenshot: ImageMagick's import is not installed")
        subprocess.run([tool, "-window", "root", path], check=True, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def _try_screenshot(self, label):
        try:
            return self.screenshot(label)
        except Exception:
            return None
