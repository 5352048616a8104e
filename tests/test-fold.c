/* test-fold.c: Japanese text folded for search and for names
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tsg-fold.h"

static void
assert_search_fold (const char *text,
                    const char *expected)
{
  g_autofree char *folded = tsg_fold_for_search (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
assert_name_fold (const char *text,
                  const char *expected)
{
  g_autofree char *folded = tsg_fold_for_name (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_kana_fold_alike (void)
{
  /* half-width katakana, katakana and hiragana */
  assert_search_fold ("ｶﾀｶﾅ", "かたかな");
  assert_search_fold ("カタカナ", "かたかな");
  assert_search_fold ("かたかな", "かたかな");
  /* voiced marks: half-width ﾊﾞ is two characters, composed by NFKC */
  assert_search_fold ("ﾊﾞﾅﾅ", "ばなな");
  assert_search_fold ("バナナ", "ばなな");
  assert_search_fold ("ﾊﾟｰﾄ", "ぱーと");
  /* small kana and the iteration marks */
  assert_search_fold ("ァィゥェォッャュョヮ", "ぁぃぅぇぉっゃゅょゎ");
  assert_search_fold ("ヽヾ", "ゝゞ");
  /* ヴ and ヵヶ have hiragana too (ゔ, ゕゖ) */
  assert_search_fold ("ヴヵヶ", "ゔゕゖ");
  /* kanji and punctuation pass through */
  assert_search_fold ("家賃の支払い。", "家賃の支払い。");
}

static void
test_full_width_latin (void)
{
  assert_search_fold ("ＡＢＣ　ａｂｃ　１２３", "abc abc 123");
  assert_search_fold ("ＬＩＮＥ相談", "line相談");
  assert_search_fold ("Hello World", "hello world");
  assert_search_fold ("ＤＶ", "dv");
  /* half-width and full-width forms of one phrase meet */
  {
    g_autofree char *a = tsg_fold_for_search ("ﾊﾛｰﾜｰｸ川崎");
    g_autofree char *b = tsg_fold_for_search ("ハローワーク川崎");
    g_assert_cmpstr (a, ==, b);
  }
}

static void
test_names (void)
{
  /* the long-vowel mark, spaces and middle dots do not tell names apart */
  assert_name_fold ("サトー", "さと");
  assert_name_fold ("サトウ ユウコ", "さとうゆうこ");
  assert_name_fold ("さとう　ゆうこ", "さとうゆうこ");
  assert_name_fold ("ｻﾄｳ ﾕｳｺ", "さとうゆうこ");
  assert_name_fold ("マリア・ｻﾝﾄｽ", "まりあさんとす");
  assert_name_fold ("佐藤 花子", "佐藤花子");
  assert_name_fold ("Ｍａｒｙ－Ａｎｎ", "maryann");
  /* for search the long-vowel mark stays: ハローワーク keeps its shape */
  assert_search_fold ("ハローワーク", "はろーわーく");
  {
    g_autofree char *a = tsg_fold_for_name ("ユーコ");
    g_autofree char *b = tsg_fold_for_name ("ゆうこ");
    /* not claimed: ー is dropped, not turned into う */
    g_assert_cmpstr (a, ==, "ゆこ");
    g_assert_cmpstr (a, !=, b);
  }
}

static void
test_bad_input (void)
{
  const char invalid[] = "ab\xff\xfe" "cd\xe3\x81" "ef";
  g_autofree char *search = tsg_fold_for_search (invalid);
  g_autofree char *name = tsg_fold_for_name (invalid);
  g_autofree char *null_search = tsg_fold_for_search (NULL);
  g_autofree char *null_name = tsg_fold_for_name (NULL);
  g_autofree char *empty = tsg_fold_for_search ("");

  g_assert_true (g_utf8_validate (search, -1, NULL));
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_nonnull (strstr (search, "ab"));
  g_assert_nonnull (strstr (search, "cd"));
  g_assert_nonnull (strstr (search, "ef"));
  g_assert_cmpstr (null_search, ==, "");
  g_assert_cmpstr (null_name, ==, "");
  g_assert_cmpstr (empty, ==, "");

  /* A long text of every kind of character: no crash, valid output. */
  {
    GString *s = g_string_new (NULL);
    g_autofree char *out = NULL;
    for (gunichar c = 1; c < 0x10000; c += 7)
      if (g_unichar_validate (c))
        g_string_append_unichar (s, c);
    out = tsg_fold_for_search (s->str);
    g_assert_true (g_utf8_validate (out, -1, NULL));
    g_string_free (s, TRUE);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fold/kana-fold-alike", test_kana_fold_alike);
  g_test_add_func ("/fold/full-width-latin", test_full_width_latin);
  g_test_add_func ("/fold/names", test_names);
  g_test_add_func ("/fold/bad-input", test_bad_input);
  return g_test_run ();
}
