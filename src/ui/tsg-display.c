/* tsg-display.c
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libX11 is looked up at run time: the application does not link it, and a
 * Wayland session never loads it here.
 */
#define G_LOG_DOMAIN "tsg-display"

#include "config.h"

#include <dlfcn.h>

#include "tsg-display.h"

typedef void *(*OpenDisplayFunc)  (const char *name);
typedef int   (*QueryExtFunc)     (void *display, const char *name, int *opcode, int *event, int *error);
typedef int   (*CloseDisplayFunc) (void *display);

/* TRUE when the X server offers DRI3 or DRI2, the ways a client renders
 * with the graphics card; FALSE when it does not or cannot be asked. */
static gboolean
x_server_has_dri (const char *display_name)
{
  void *lib = dlopen ("libX11.so.6", RTLD_LAZY | RTLD_LOCAL);
  OpenDisplayFunc open_display;
  QueryExtFunc query_extension;
  CloseDisplayFunc close_display;
  void *display;
  int opcode, event, error;
  gboolean dri = TRUE;

  if (lib == NULL)
    return TRUE;
  open_display = (OpenDisplayFunc) dlsym (lib, "XOpenDisplay");
  query_extension = (QueryExtFunc) dlsym (lib, "XQueryExtension");
  close_display = (CloseDisplayFunc) dlsym (lib, "XCloseDisplay");
  if (open_display && query_extension && close_display && (display = open_display (display_name)) != NULL)
    {
      dri = query_extension (display, "DRI3", &opcode, &event, &error) ||
            query_extension (display, "DRI2", &opcode, &event, &error);
      close_display (display);
    }
  /* libX11 stays loaded: GTK loads it again at once. */
  return dri;
}

gboolean
tsg_display_avoid_software_gl (void)
{
  const char *display = g_getenv ("DISPLAY");
  const char *backend = g_getenv ("GDK_BACKEND");

  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL)
    return FALSE;
  if (display == NULL || *display == '\0')
    return FALSE;
  /* GTK prefers Wayland when it can: the X server does not matter there. */
  if (g_getenv ("WAYLAND_DISPLAY") != NULL && (backend == NULL || !g_str_has_prefix (backend, "x11")))
    return FALSE;
  if (x_server_has_dri (display))
    return FALSE;
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  return TRUE;
}
