/* tsg-store-generate.c: synthetic data for the demo and the benchmarks
 *
 * Copyright 2026 The Tsunagari Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Proportions follow the seeds: about five contacts per woman (Gunma: 1,241
 * contacts from 212 women), most calls on the free-dial line and LINE
 * (Kanagawa), around nine in ten free-dial callers new (Kawasaki), a case for
 * about a third of the women, accompaniment to Hello Work and the welfare
 * council, products handed out through city windows, shops and net cafes.
 */
#define G_LOG_DOMAIN "tsg-generate"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tsg-fold.h"
#include "tsg-generator.h"
#include "tsg-store-private.h"

typedef struct { const char *id; int weight; } Weighted;

static const Weighted channels[] = {
  { "free_dial", 40 }, { "phone", 15 }, { "line", 25 }, { "email", 8 },
  { "sns", 5 }, { "visit", 4 }, { "outreach", 3 }, { NULL, 0 }
};
static const Weighted age_bands[] = {
  { "teens", 6 }, { "20s", 18 }, { "30s", 22 }, { "40s", 22 }, { "50s", 15 },
  { "60s", 7 }, { "70plus", 3 }, { "unknown", 7 }, { NULL, 0 }
};
static const Weighted topics[] = {
  { "livelihood", 22 }, { "work", 14 }, { "mental", 18 }, { "dv", 9 }, { "housing", 8 },
  { "family", 10 }, { "child_rearing", 6 }, { "health", 5 }, { "sexual_violence", 2 },
  { "relationships", 4 }, { "legal", 3 }, { "other", 3 }, { NULL, 0 }
};
static const Weighted outcomes[] = {
  { "listened", 35 }, { "information", 25 }, { "referred", 15 }, { "accompaniment", 5 },
  { "continuing", 15 }, { "closed", 5 }, { NULL, 0 }
};
static const Weighted non_data[] = {
  { "silent", 3 }, { "hang_up", 3 }, { "prank", 1 }, { "wrong_number", 1 }, { NULL, 0 }
};

static const char *municipalities[] = {
  "神奈川県川崎市川崎区", "神奈川県川崎市中原区", "神奈川県川崎市高津区", "神奈川県横浜市港北区",
  "神奈川県相模原市", "神奈川県横須賀市", "神奈川県藤沢市", "神奈川県大和市",
  "群馬県前橋市", "群馬県高崎市", "群馬県伊勢崎市", "群馬県太田市", "群馬県桐生市",
  "東京都北区",
};

/* Sentences a counsellor writes, by topic, then what was done. */
static const char *topic_phrases[][3] = {
  { "生活費が足りず、家賃の支払いが遅れている。", "失業して貯金が底をつきそうだと話す。", "食費を切り詰めており、生理用品も買えない。" },
  { "パートの契約が切れ、次の仕事が見つからない。", "職場で長時間働かされ、体がもたないという。", "子どもを預けられず、働ける時間が限られている。" },
  { "眠れない日が続き、気持ちが落ち込んでいる。", "誰にも相談できず、孤独を感じている。", "不安が強く、外に出るのがつらいと話す。" },
  { "夫からの暴言が続いており、家を出たいと考えている。", "交際相手から連絡を監視されている。", "以前に暴力を受け、今も怖さが消えない。" },
  { "住む場所がなく、ネットカフェで寝泊まりしている。", "家賃の安い部屋を探しているが保証人がいない。", "実家を出たいが行き先がない。" },
  { "親との関係に悩み、家にいるのがつらい。", "介護と仕事の両立に疲れている。", "きょうだいとの金銭トラブルがある。" },
  { "一人で子育てをしていて余裕がない。", "子どもの不登校について相談したい。", "保育園の入園手続きがわからない。" },
  { "体調が悪いが、受診の費用が心配。", "生理痛がひどく、仕事を休みがち。", "持病の薬が切れそうだという。" },
  { "過去の性被害の記憶に今も苦しんでいる。", "望まない性的な関係を迫られている。", "被害を誰にも話せずにいた。" },
  { "職場の人間関係に悩んでいる。", "友人とのトラブルで孤立している。", "SNSでの人間関係に疲れている。" },
  { "離婚の手続きについて知りたい。", "養育費が支払われていない。", "借金の整理について相談したい。" },
  { "生理用品の配布を知って電話した。", "チラシを見て、話を聞いてほしいと連絡があった。", "特に困りごとはないが話したいという。" },
};
static const char *outcome_phrases[] = {
  "傾聴し、いつでも連絡してよいことを伝えた。",
  "ハローワークの窓口と求人の探し方を案内した。",
  "社会福祉協議会の生活福祉資金について情報提供した。",
  "次回、区役所の窓口へ同行することにした。",
  "女性相談支援センターを紹介した。",
  "フードバンクの食料支援につないだ。",
  "法テラスの無料法律相談を案内した。",
  "居場所のサロンに誘った。",
};

static const char *surnames[][2] = {
  { "佐藤", "さとう" }, { "鈴木", "すずき" }, { "高橋", "たかはし" }, { "田中", "たなか" },
  { "伊藤", "いとう" }, { "渡辺", "わたなべ" }, { "山本", "やまもと" }, { "中村", "なかむら" },
  { "小林", "こばやし" }, { "加藤", "かとう" }, { "吉田", "よしだ" }, { "山田", "やまだ" },
};
static const char *given_names[][2] = {
  { "花子", "はなこ" }, { "由美", "ゆみ" }, { "真由美", "まゆみ" }, { "美咲", "みさき" },
  { "陽子", "ようこ" }, { "愛", "あい" }, { "さくら", "さくら" }, { "恵", "めぐみ" },
  { "綾香", "あやか" }, { "優子", "ゆうこ" }, { "奈々", "なな" }, { "久美子", "くみこ" },
};

static const struct { const char *login; const char *name; const char *role; } staff[] = {
  { "yamada", "山田 恵子", "counsellor" },
  { "sasaki", "佐々木 由美", "front_desk" },
  { "takahashi", "高橋 真理", "counsellor" },
  { "ito", "伊藤 さおり", "coordinator" },
  { "nakamura", "中村 彩", "front_desk" },
  { "kobayashi", "小林 直子", "counsellor" },
  { "kato", "加藤 美穂", "administrator" },
  { "yoshida", "吉田 舞", "front_desk" },
};

typedef struct
{
  const char *org;
  const char *category;
  const char *service;
  const char *description;
  const char *city;
  const char *prefecture;
  const char *street;
  const char *postal;
  const char *phone;
  const char *opens;
  const char *closes;
  const char *byday;
  gboolean    confidential;
} DirectoryEntry;

static const DirectoryEntry directory[] = {
  { "ハローワーク川崎", "work", "職業相談・職業紹介", "仕事探しの相談、求人の紹介、職業訓練の案内。", "川崎市川崎区", "神奈川県", "南町17-2", "210-0015", "044-000-0101", "08:30", "17:15", "MO,TU,WE,TH,FR", FALSE },
  { "ハローワーク川崎", "work", "マザーズコーナー", "子育て中の方の仕事探しを、子ども連れで相談できる窓口。", "川崎市川崎区", "神奈川県", "南町17-2", "210-0015", "044-000-0102", "10:00", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "ハローワーク前橋", "work", "職業相談・職業紹介", "仕事探しの相談と求人の紹介。", "前橋市", "群馬県", "天川大島町130-1", "379-2154", "027-000-0103", "08:30", "17:15", "MO,TU,WE,TH,FR", FALSE },
  { "川崎市社会福祉協議会", "welfare", "生活福祉資金貸付", "一時的に生活費が足りない世帯への貸付の相談。", "川崎市中原区", "神奈川県", "上小田中6-22-5", "211-0053", "044-000-0201", "08:30", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "川崎市社会福祉協議会", "welfare", "自立相談支援", "生活に困りごとを抱える方の相談と支援計画づくり。", "川崎市中原区", "神奈川県", "上小田中6-22-5", "211-0053", "044-000-0202", "08:30", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "前橋市社会福祉協議会", "welfare", "生活困窮者自立相談", "生活の困りごと全般の相談。", "前橋市", "群馬県", "日吉町2-17-10", "371-0017", "027-000-0203", "08:30", "17:15", "MO,TU,WE,TH,FR", FALSE },
  { "川崎区役所 保護課", "welfare", "生活保護の相談・申請", "生活保護の相談と申請の受付。", "川崎市川崎区", "神奈川県", "東田町8", "210-0005", "044-000-0204", "08:30", "17:15", "MO,TU,WE,TH,FR", FALSE },
  { "神奈川県女性相談支援センター", "dv", "女性相談", "困難な問題を抱える女性の相談、一時保護の調整。", "横浜市港北区", "神奈川県", "非公開", "222-0000", "045-000-0301", "09:00", "21:00", "MO,TU,WE,TH,FR,SA,SU", FALSE },
  { "群馬県女性相談支援センター", "dv", "女性相談", "DV・性暴力・生活の困りごとの相談。", "前橋市", "群馬県", "非公開", "371-0000", "027-000-0302", "09:00", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "かながわ性暴力被害者ワンストップ支援センター", "dv", "性暴力被害の相談", "24時間の電話相談と医療・法的支援への同行。", "横浜市港北区", "神奈川県", "非公開", "222-0000", "045-000-0303", "00:00", "24:00", "MO,TU,WE,TH,FR,SA,SU", FALSE },
  { "女性のための緊急一時保護施設", "dv", "緊急一時保護", "DV被害から逃れる女性と子どもの一時的な住まい。所在地は非公開。", "川崎市高津区", "神奈川県", "（秘匿）", "213-0000", "044-000-0304", "00:00", "24:00", "MO,TU,WE,TH,FR,SA,SU", TRUE },
  { "フードバンクかわさき", "food", "食料支援", "食品の無償提供。予約制で受け取り。", "川崎市高津区", "神奈川県", "溝口1-3-1", "213-0001", "044-000-0401", "10:00", "16:00", "TU,TH,SA", FALSE },
  { "こども食堂 みんなのいえ", "food", "こども食堂", "子どもと保護者が安心して食事できる場。", "川崎市中原区", "神奈川県", "新丸子町915", "211-0004", "044-000-0402", "17:00", "19:30", "WE,FR", FALSE },
  { "フードバンクぐんま", "food", "食料支援", "生活に困っている方への食品の提供。", "高崎市", "群馬県", "八島町222", "370-0849", "027-000-0403", "10:00", "17:00", "MO,WE,FR", FALSE },
  { "法テラス川崎", "legal", "無料法律相談", "収入が一定以下の方の無料法律相談と弁護士費用の立替え。", "川崎市川崎区", "神奈川県", "砂子1-10-2", "210-0006", "050-0000-0501", "09:00", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "法テラス群馬", "legal", "無料法律相談", "離婚・養育費・借金などの法律相談。", "前橋市", "群馬県", "大手町2-3-1", "371-0026", "050-0000-0502", "09:00", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "居住支援法人 すまいサポート", "housing", "住まい探し支援", "保証人がいない方の部屋探しと入居後の見守り。", "川崎市中原区", "神奈川県", "小杉町3-264", "211-0063", "044-000-0601", "10:00", "18:00", "MO,TU,WE,TH,FR", FALSE },
  { "川崎市 住宅供給公社", "housing", "市営住宅の案内", "市営住宅の募集と入居の相談。", "川崎市川崎区", "神奈川県", "宮本町6-1", "210-0004", "044-000-0602", "08:30", "17:15", "MO,TU,WE,TH,FR", FALSE },
  { "川崎市 精神保健福祉センター", "mental", "こころの電話相談", "気持ちの落ち込み、不安、依存の相談。", "川崎市川崎区", "神奈川県", "東田町8", "210-0005", "044-000-0701", "09:00", "21:00", "MO,TU,WE,TH,FR", FALSE },
  { "群馬県こころの健康センター", "mental", "こころの健康相談", "こころの不調や自死予防の相談。", "前橋市", "群馬県", "野中町368", "379-2166", "027-000-0702", "09:00", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "川崎市立川崎病院", "medical", "医療相談室", "医療費の心配や受診の相談。", "川崎市川崎区", "神奈川県", "新川通12-1", "210-0013", "044-000-0801", "08:30", "17:00", "MO,TU,WE,TH,FR", FALSE },
  { "女性クリニック なかはら", "medical", "婦人科外来", "女性医師による婦人科の診療。", "川崎市中原区", "神奈川県", "今井南町461", "211-0067", "044-000-0802", "09:30", "18:00", "MO,TU,TH,FR,SA", FALSE },
  { "川崎市 こども家庭センター", "child_rearing", "子育て相談", "子育ての悩み、ひとり親家庭の支援の相談。", "川崎市中原区", "神奈川県", "小杉町3-245", "211-0063", "044-000-0901", "08:30", "17:15", "MO,TU,WE,TH,FR", FALSE },
  { "ひとり親家庭支援センター", "child_rearing", "ひとり親の生活相談", "養育費、就労、手当の相談。", "横浜市港北区", "神奈川県", "新横浜2-5-5", "222-0033", "045-000-0902", "09:00", "17:00", "MO,TU,WE,TH,FR,SA", FALSE },
  { "北区 男女共同参画センター", "consultation", "女性のための相談", "生き方、家族、職場の悩みの相談。", "北区", "東京都", "王子1-11-1", "114-0002", "03-0000-1001", "10:00", "20:00", "TU,WE,TH,FR,SA", FALSE },
  { "川崎市 男女共同参画センター", "consultation", "女性の生き方相談", "生き方、人間関係、DVの相談。", "川崎市高津区", "神奈川県", "溝口2-20-1", "213-0001", "044-000-1002", "09:30", "16:30", "MO,TU,WE,TH,FR", FALSE },
};

static const struct { const char *code; const char *name; const char *category; const char *unit; int pack; } items[] = {
  { "PAD-D", "昼用ナプキン", "pads_day", "パック", 20 },
  { "PAD-N", "夜用ナプキン", "pads_night", "パック", 10 },
  { "LINER", "おりものシート", "liners", "パック", 40 },
  { "TAMP", "タンポン", "tampons", "箱", 10 },
  { "SHORTS", "吸水ショーツ", "period_underwear", "枚", 1 },
  { "KIT", "つながりサポートキット", "kit", "セット", 1 },
};

static const struct { const char *code; const char *name; const char *kind; const char *municipality; int par; } points[] = {
  { "OFFICE", "つながりサポート事務所", "office", "神奈川県川崎市中原区", 0 },
  { "KWS-CITY", "川崎区役所 地域みまもり支援センター", "city_window", "神奈川県川崎市川崎区", 40 },
  { "NKH-CITY", "中原区役所 保健福祉センター", "city_window", "神奈川県川崎市中原区", 40 },
  { "KWS-SHAKYO", "川崎市社会福祉協議会 窓口", "welfare_council", "神奈川県川崎市中原区", 30 },
  { "HW-KWS", "ハローワーク川崎 マザーズコーナー", "hello_work", "神奈川県川崎市川崎区", 25 },
  { "BOOK-MSK", "武蔵小杉駅前書店", "bookshop", "神奈川県川崎市中原区", 20 },
  { "SUPER-MZN", "スーパーみぞのくち", "supermarket", "神奈川県川崎市高津区", 20 },
  { "NETCAFE-KWS", "ネットカフェ 川崎駅東口店", "net_cafe", "神奈川県川崎市川崎区", 15 },
  { "LIB-NKH", "中原図書館", "library", "神奈川県川崎市中原区", 15 },
  { "SCHOOL-TKT", "県立高津高校 保健室", "school", "神奈川県川崎市高津区", 15 },
  { "MBS-CITY", "前橋市役所 福祉窓口", "city_window", "群馬県前橋市", 30 },
  { "KITA-CENTER", "北区男女共同参画センター", "city_window", "東京都北区", 20 },
};

typedef struct
{
  TsgStore *store;
  GRand    *rand;
  gint64    start;
  gint64    end;
  gint64    staff_ids[G_N_ELEMENTS (staff)];
  gint64    service_ids[G_N_ELEMENTS (directory)];
  gint64    item_ids[G_N_ELEMENTS (items)];
  gint64    point_ids[G_N_ELEMENTS (points)];
  guint     n_clients;
} Gen;

static const char *
pick (Gen            *g,
      const Weighted *w)
{
  int total = 0, r;

  for (int i = 0; w[i].id; i++)
    total += w[i].weight;
  r = g_rand_int_range (g->rand, 0, total);
  for (int i = 0; w[i].id; i++)
    {
      if (r < w[i].weight)
        return w[i].id;
      r -= w[i].weight;
    }
  return w[0].id;
}

static int
topic_index (const char *topic)
{
  for (int i = 0; topics[i].id; i++)
    if (g_str_equal (topics[i].id, topic))
      return i;
  return 0;
}

static gboolean
exec_bound (TsgStore     *store,
            sqlite3_stmt *stmt,
            gint64       *rowid,
            GError      **error)
{
  if (!_tsg_store_step_done (store, stmt, error))
    return FALSE;
  if (rowid)
    *rowid = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

#define BIND_TEXT(s, i, v) sqlite3_bind_text ((s), (i), (v), -1, SQLITE_TRANSIENT)

static gboolean
gen_staff (Gen     *g,
           GError **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (g->store,
                                           "INSERT INTO staff (login, display_name, role, created_at) VALUES (?,?,?,?)"
                                           " ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name"
                                           " RETURNING id", error);
  if (!stmt)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      BIND_TEXT (stmt, 1, staff[i].login);
      BIND_TEXT (stmt, 2, staff[i].name);
      BIND_TEXT (stmt, 3, staff[i].role);
      sqlite3_bind_int64 (stmt, 4, g->start);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _tsg_store_set_error (g->store, error, sqlite3_errcode (g->store->db), "staff");
          sqlite3_reset (stmt);
          return FALSE;
        }
      g->staff_ids[i] = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
gen_directory (Gen     *g,
               GError **error)
{
  sqlite3_stmt *org = _tsg_store_prepare (g->store,
    "INSERT INTO organizations (uid, name, category, verified_on, verified_by, updated_at) VALUES (?,?,?,?,?,?)"
    " ON CONFLICT (uid) DO UPDATE SET name = excluded.name RETURNING id", error);
  sqlite3_stmt *svc, *loc, *sal, *adr, *phone, *sched;
  gint64 org_id = 0, loc_id = 0;
  const char *last_org = NULL;
  g_autoptr(GDateTime) verified = g_date_time_new_from_unix_local (g->end - 200 * 86400);
  g_autofree char *verified_on = g_date_time_format (verified, "%Y-%m-%d");

  if (!org
      || !(svc = _tsg_store_prepare (g->store, "INSERT OR REPLACE INTO services (uid, organization_id, name, description, status, eligibility, fees, languages, verified_on, updated_at) VALUES (?,?,?,?, 'active', ?, '無料', 'ja', ?, ?)", error))
      || !(loc = _tsg_store_prepare (g->store, "INSERT OR REPLACE INTO locations (uid, organization_id, name, confidential) VALUES (?,?,?,?)", error))
      || !(sal = _tsg_store_prepare (g->store, "INSERT OR IGNORE INTO service_at_location (service_id, location_id) VALUES (?,?)", error))
      || !(adr = _tsg_store_prepare (g->store, "INSERT INTO addresses (location_id, address_1, city, state_province, postal_code) VALUES (?,?,?,?,?)", error))
      || !(phone = _tsg_store_prepare (g->store, "INSERT INTO phones (service_id, number, type) VALUES (?,?, 'voice')", error))
      || !(sched = _tsg_store_prepare (g->store, "INSERT INTO schedules (service_id, freq, byday, opens_at, closes_at, notes) VALUES (?, 'WEEKLY', ?,?,?, '祝日・年末年始は休み')", error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (directory); i++)
    {
      const DirectoryEntry *e = &directory[i];
      g_autofree char *org_uid = g_strdup_printf ("demo-org-%02u", i);
      g_autofree char *svc_uid = g_strdup_printf ("demo-svc-%02u", i);
      g_autofree char *loc_uid = g_strdup_printf ("demo-loc-%02u", i);
      g_autofree char *fts = NULL;
      gint64 svc_id;

      if (last_org == NULL || !g_str_equal (last_org, e->org))
        {
          BIND_TEXT (org, 1, org_uid);
          BIND_TEXT (org, 2, e->org);
          BIND_TEXT (org, 3, e->category);
          BIND_TEXT (org, 4, verified_on);
          BIND_TEXT (org, 5, "山田 恵子");
          sqlite3_bind_int64 (org, 6, g->end);
          if (sqlite3_step (org) != SQLITE_ROW)
            {
              _tsg_store_set_error (g->store, error, sqlite3_errcode (g->store->db), "organization");
              sqlite3_reset (org);
              return FALSE;
            }
          org_id = sqlite3_column_int64 (org, 0);
          sqlite3_reset (org);

          BIND_TEXT (loc, 1, loc_uid);
          sqlite3_bind_int64 (loc, 2, org_id);
          BIND_TEXT (loc, 3, e->org);
          sqlite3_bind_int (loc, 4, e->confidential);
          if (!exec_bound (g->store, loc, &loc_id, error))
            return FALSE;
          sqlite3_bind_int64 (adr, 1, loc_id);
          BIND_TEXT (adr, 2, e->street);
          BIND_TEXT (adr, 3, e->city);
          BIND_TEXT (adr, 4, e->prefecture);
          BIND_TEXT (adr, 5, e->postal);
          if (!exec_bound (g->store, adr, NULL, error))
            return FALSE;
          last_org = e->org;
        }
      BIND_TEXT (svc, 1, svc_uid);
      sqlite3_bind_int64 (svc, 2, org_id);
      BIND_TEXT (svc, 3, e->service);
      BIND_TEXT (svc, 4, e->description);
      BIND_TEXT (svc, 5, e->confidential ? "支援機関からの紹介による" : "どなたでも");
      BIND_TEXT (svc, 6, verified_on);
      sqlite3_bind_int64 (svc, 7, g->end);
      if (!exec_bound (g->store, svc, &svc_id, error))
        return FALSE;
      g->service_ids[i] = svc_id;
      sqlite3_bind_int64 (sal, 1, svc_id);
      sqlite3_bind_int64 (sal, 2, loc_id);
      sqlite3_bind_int64 (phone, 1, svc_id);
      BIND_TEXT (phone, 2, e->phone);
      sqlite3_bind_int64 (sched, 1, svc_id);
      BIND_TEXT (sched, 2, e->byday);
      BIND_TEXT (sched, 3, e->opens);
      BIND_TEXT (sched, 4, e->closes);
      if (!exec_bound (g->store, sal, NULL, error) || !exec_bound (g->store, phone, NULL, error) ||
          !exec_bound (g->store, sched, NULL, error))
        return FALSE;
      fts = g_strjoin (" ", e->org, e->service, e->description, e->city, NULL);
      if (!_tsg_store_index_text (g->store, "directory_fts", svc_id, fts, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
gen_inventory_base (Gen     *g,
                    GError **error)
{
  sqlite3_stmt *item = _tsg_store_prepare (g->store,
    "INSERT INTO items (code, name, category, unit, pack_size, is_kit) VALUES (?,?,?,?,?,?)"
    " ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id", error);
  sqlite3_stmt *point, *par, *kit;

  if (!item
      || !(point = _tsg_store_prepare (g->store,
            "INSERT INTO distribution_points (code, name, kind, municipality, is_office, contact_person, opening_hours)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id", error))
      || !(par = _tsg_store_prepare (g->store, "INSERT OR REPLACE INTO par_levels (point_id, item_id, par) VALUES (?,?,?)", error))
      || !(kit = _tsg_store_prepare (g->store, "INSERT OR REPLACE INTO kit_components (kit_id, item_id, quantity) VALUES (?,?,?)", error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      BIND_TEXT (item, 1, items[i].code);
      BIND_TEXT (item, 2, items[i].name);
      BIND_TEXT (item, 3, items[i].category);
      BIND_TEXT (item, 4, items[i].unit);
      sqlite3_bind_int (item, 5, items[i].pack);
      sqlite3_bind_int (item, 6, g_str_equal (items[i].category, "kit"));
      if (sqlite3_step (item) != SQLITE_ROW)
        {
          _tsg_store_set_error (g->store, error, sqlite3_errcode (g->store->db), "item");
          sqlite3_reset (item);
          return FALSE;
        }
      g->item_ids[i] = sqlite3_column_int64 (item, 0);
      sqlite3_reset (item);
    }
  /* The kit: day pads, night pads and liners, handed out as one. */
  for (guint i = 0; i < 3; i++)
    {
      sqlite3_bind_int64 (kit, 1, g->item_ids[5]);
      sqlite3_bind_int64 (kit, 2, g->item_ids[i]);
      sqlite3_bind_int (kit, 3, 1);
      if (!exec_bound (g->store, kit, NULL, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      BIND_TEXT (point, 1, points[i].code);
      BIND_TEXT (point, 2, points[i].name);
      BIND_TEXT (point, 3, points[i].kind);
      BIND_TEXT (point, 4, points[i].municipality);
      sqlite3_bind_int (point, 5, i == 0);
      BIND_TEXT (point, 6, i == 0 ? "伊藤 さおり" : "窓口担当");
      BIND_TEXT (point, 7, "平日 9:00–17:00");
      if (sqlite3_step (point) != SQLITE_ROW)
        {
          _tsg_store_set_error (g->store, error, sqlite3_errcode (g->store->db), "point");
          sqlite3_reset (point);
          return FALSE;
        }
      g->point_ids[i] = sqlite3_column_int64 (point, 0);
      sqlite3_reset (point);
      if (i == 0)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (items); j++)
        {
          sqlite3_bind_int64 (par, 1, g->point_ids[i]);
          sqlite3_bind_int64 (par, 2, g->item_ids[j]);
          sqlite3_bind_int (par, 3, j == 4 ? points[i].par / 5 : points[i].par);
          if (!exec_bound (g->store, par, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Month by month: receipts at the office, transfers out to the points,
 * daily tallies of what each point handed out. Balances are tracked here so
 * that no movement ever takes a balance below zero. */
static gboolean
gen_movements (Gen     *g,
               guint64  n_contacts,
               GError **error)
{
  sqlite3_stmt *mv = _tsg_store_prepare (g->store,
    "INSERT INTO stock_movements (occurred_at, kind, item_id, from_point_id, to_point_id, quantity,"
    " source, cost_yen, funding_source, reason, staff_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", error);
  guint n_points = G_N_ELEMENTS (points), n_items = G_N_ELEMENTS (items);
  g_autofree gint64 *balance = g_new0 (gint64, n_points * n_items);
  guint months = 0;
  guint per_month;

  if (!mv)
    return FALSE;
  /* About one movement for every two contacts. */
  per_month = MAX (1, (guint) (n_contacts / 2 / 120 / ((n_points - 1) * n_items)));

  for (gint64 t = g->start; t < g->end; t += 30 * 86400, months++)
    {
      for (guint j = 0; j < n_items; j++)
        {
          gint64 qty = (j == 4 ? 20 : 120) * per_month + g_rand_int_range (g->rand, 0, 40);
          gboolean donation = g_rand_boolean (g->rand);

          sqlite3_bind_int64 (mv, 1, t + 3600 * 10);
          BIND_TEXT (mv, 2, "receipt");
          sqlite3_bind_int64 (mv, 3, g->item_ids[j]);
          sqlite3_bind_null (mv, 4);
          sqlite3_bind_int64 (mv, 5, g->point_ids[0]);
          sqlite3_bind_int64 (mv, 6, qty);
          BIND_TEXT (mv, 7, donation ? "donation" : "purchase");
          if (donation)
            sqlite3_bind_null (mv, 8);
          else
            sqlite3_bind_int64 (mv, 8, qty * (j == 4 ? 1800 : 250));
          BIND_TEXT (mv, 9, donation ? "企業寄付" : "地域女性活躍推進交付金");
          sqlite3_bind_null (mv, 10);
          sqlite3_bind_int64 (mv, 11, g->staff_ids[3]);
          sqlite3_bind_int64 (mv, 12, t);
          if (!exec_bound (g->store, mv, NULL, error))
            return FALSE;
          balance[j] += qty;
        }
      for (guint p = 1; p < n_points; p++)
        for (guint j = 0; j < n_items; j++)
          {
            gint64 *office = &balance[j];
            gint64 *here = &balance[p * n_items + j];
            gint64 want = (gint64) points[p].par * (gint64) per_month + 10 - *here;
            gint64 moved = MIN (want, *office);

            if (moved > 0)
              {
                sqlite3_bind_int64 (mv, 1, t + 86400 * 2 + p * 600);
                BIND_TEXT (mv, 2, "transfer");
                sqlite3_bind_int64 (mv, 3, g->item_ids[j]);
                sqlite3_bind_int64 (mv, 4, g->point_ids[0]);
                sqlite3_bind_int64 (mv, 5, g->point_ids[p]);
                sqlite3_bind_int64 (mv, 6, moved);
                sqlite3_bind_null (mv, 7);
                sqlite3_bind_null (mv, 8);
                sqlite3_bind_null (mv, 9);
                sqlite3_bind_null (mv, 10);
                sqlite3_bind_int64 (mv, 11, g->staff_ids[3]);
                sqlite3_bind_int64 (mv, 12, t);
                if (!exec_bound (g->store, mv, NULL, error))
                  return FALSE;
                *office -= moved;
                *here += moved;
              }
            for (guint d = 0; d < per_month && *here > 0; d++)
              {
                /* MIN() evaluates its arguments twice: draw the number first. */
                gint64 wanted = g_rand_int_range (g->rand, 1, 4);
                gint64 taken = MIN (*here, wanted);
                gint64 at = t + 86400 * 3 + (gint64) d * (27 * 86400 / per_month) + 3600 * 15;

                if (at >= g->end)
                  break;
                sqlite3_bind_int64 (mv, 1, at);
                BIND_TEXT (mv, 2, "distribution");
                sqlite3_bind_int64 (mv, 3, g->item_ids[j]);
                sqlite3_bind_int64 (mv, 4, g->point_ids[p]);
                sqlite3_bind_null (mv, 5);
                sqlite3_bind_int64 (mv, 6, taken);
                sqlite3_bind_null (mv, 7);
                sqlite3_bind_null (mv, 8);
                sqlite3_bind_null (mv, 9);
                BIND_TEXT (mv, 10, "窓口での配布");
                sqlite3_bind_null (mv, 11);
                sqlite3_bind_int64 (mv, 12, at);
                if (!exec_bound (g->store, mv, NULL, error))
                  return FALSE;
                *here -= taken;
              }
          }
    }
  return TRUE;
}

static gboolean
gen_trainings (Gen     *g,
               GError **error)
{
  static const char *themes[] = {
    "困難を抱える女性への相談対応の基礎", "DV・性暴力被害者への支援と連携",
    "若年女性へのアウトリーチと居場所づくり",
  };
  static const char *affiliations[] = { "市町村職員", "相談支援機関", "NPO・民間団体" };
  sqlite3_stmt *tr = _tsg_store_prepare (g->store,
    "INSERT INTO trainings (held_on, theme, mode, survey_very_good, survey_good, survey_neutral,"
    " survey_poor, survey_very_poor, created_at) VALUES (?,?,?,?,?,?,?,?,?)", error);
  sqlite3_stmt *tp = _tsg_store_prepare (g->store,
    "INSERT INTO training_participants (training_id, affiliation, count) VALUES (?,?,?)", error);
  sqlite3_stmt *tg = _tsg_store_prepare (g->store,
    "INSERT OR REPLACE INTO targets (fiscal_year, kpi, target) VALUES (?,?,?)", error);

  if (!tr || !tp || !tg)
    return FALSE;
  for (gint64 t = g->start; t < g->end; t += 365 * 86400)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
      int fy = g_date_time_get_year (dt);

      for (guint k = 0; k < 3; k++)
        {
          gint64 held = t + (gint64) (70 + k * 100) * 86400;
          g_autoptr(GDateTime) hd = g_date_time_new_from_unix_local (held);
          g_autofree char *held_on = g_date_time_format (hd, "%Y-%m-%d");
          gint64 tid;
          int vg = g_rand_int_range (g->rand, 8, 25), gd = g_rand_int_range (g->rand, 5, 15);

          if (held >= g->end)
            break;
          BIND_TEXT (tr, 1, held_on);
          BIND_TEXT (tr, 2, themes[k]);
          BIND_TEXT (tr, 3, k == 1 ? "online" : "in_person");
          sqlite3_bind_int (tr, 4, vg);
          sqlite3_bind_int (tr, 5, gd);
          sqlite3_bind_int (tr, 6, g_rand_int_range (g->rand, 0, 4));
          sqlite3_bind_int (tr, 7, g_rand_int_range (g->rand, 0, 2));
          sqlite3_bind_int (tr, 8, 0);
          sqlite3_bind_int64 (tr, 9, held);
          if (!exec_bound (g->store, tr, &tid, error))
            return FALSE;
          for (guint a = 0; a < G_N_ELEMENTS (affiliations); a++)
            {
              sqlite3_bind_int64 (tp, 1, tid);
              BIND_TEXT (tp, 2, affiliations[a]);
              sqlite3_bind_int (tp, 3, g_rand_int_range (g->rand, 4, 20));
              if (!exec_bound (g->store, tp, NULL, error))
                return FALSE;
            }
        }
      sqlite3_bind_int (tg, 1, fy);
      BIND_TEXT (tg, 2, "first_contact_ratio");
      sqlite3_bind_double (tg, 3, 0.9);
      if (!exec_bound (g->store, tg, NULL, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 id;
  gint64 case_id;
  const char *age_band;
  const char *municipality;
} Client;

/* Opens a case for a client with needs, a plan, and what happened next. */
static gboolean
gen_case (Gen     *g,
          Client  *c,
          gint64   opened,
          GError **error)
{
  static const char *need_text[] = {
    "家賃の滞納を解消し、生活費の見通しを立てる", "安定した仕事に就く", "安全に暮らせる住まいを確保する",
    "気持ちが落ち着いて眠れるようにする", "加害者から離れて安全を確保する",
  };
  static const char *need_domain[] = { "livelihood", "work", "housing", "mental", "dv" };
  static const char *statuses[] = { "intake", "assessment", "planning", "support", "monitoring" };
  sqlite3_stmt *cs = _tsg_store_prepare (g->store,
    "INSERT INTO cases (client_id, status, lead_staff_id, opened_at, closed_at, updated_at) VALUES (?,?,?,?,?,?)", error);
  sqlite3_stmt *nd, *gl, *tk, *ev, *rf, *rv;
  gint64 case_id, need_id, goal_id, lead = g->staff_ids[g_rand_boolean (g->rand) ? 0 : 2];
  gint64 age = g->end - opened;
  gboolean closed = age > 365 * 86400 && g_rand_int_range (g->rand, 0, 10) < 8;
  int d = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (need_text));
  g_autoptr(GDateTime) due_dt = g_date_time_new_from_unix_local (opened + 30 * 86400);
  g_autofree char *due = g_date_time_format (due_dt, "%Y-%m-%d");
  guint svc = 0;

  if (!cs
      || !(nd = _tsg_store_prepare (g->store, "INSERT INTO needs (case_id, domain, description, priority, created_at) VALUES (?,?,?,?,?)", error))
      || !(gl = _tsg_store_prepare (g->store, "INSERT INTO goals (case_id, need_id, description, created_at) VALUES (?,?,?,?)", error))
      || !(tk = _tsg_store_prepare (g->store, "INSERT INTO tasks (case_id, goal_id, description, owner_staff_id, due_on, done_on, created_at) VALUES (?,?,?,?,?,?,?)", error))
      || !(ev = _tsg_store_prepare (g->store, "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body, service_id, travel_minutes, staff_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)", error))
      || !(rf = _tsg_store_prepare (g->store, "INSERT INTO referrals (client_id, case_id, service_id, status, staff_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?)", error))
      || !(rv = _tsg_store_prepare (g->store, "INSERT INTO plan_reviews (case_id, reviewed_on, summary, next_review_on, staff_id, created_at) VALUES (?,?,?,?,?,?)", error)))
    return FALSE;

  sqlite3_bind_int64 (cs, 1, c->id);
  BIND_TEXT (cs, 2, closed ? "closed" : statuses[MIN (4, age / (60 * 86400))]);
  sqlite3_bind_int64 (cs, 3, lead);
  sqlite3_bind_int64 (cs, 4, opened);
  if (closed)
    sqlite3_bind_int64 (cs, 5, opened + 200 * 86400);
  else
    sqlite3_bind_null (cs, 5);
  sqlite3_bind_int64 (cs, 6, opened);
  if (!exec_bound (g->store, cs, &case_id, error))
    return FALSE;
  c->case_id = case_id;

  sqlite3_bind_int64 (nd, 1, case_id);
  BIND_TEXT (nd, 2, need_domain[d]);
  BIND_TEXT (nd, 3, need_text[d]);
  sqlite3_bind_int (nd, 4, 1);
  sqlite3_bind_int64 (nd, 5, opened);
  if (!exec_bound (g->store, nd, &need_id, error))
    return FALSE;
  sqlite3_bind_int64 (gl, 1, case_id);
  sqlite3_bind_int64 (gl, 2, need_id);
  BIND_TEXT (gl, 3, need_text[d]);
  sqlite3_bind_int64 (gl, 4, opened);
  if (!exec_bound (g->store, gl, &goal_id, error))
    return FALSE;
  sqlite3_bind_int64 (tk, 1, case_id);
  sqlite3_bind_int64 (tk, 2, goal_id);
  BIND_TEXT (tk, 3, d == 1 ? "ハローワークへ同行し求職登録をする" : "関係機関の窓口へ同行する");
  sqlite3_bind_int64 (tk, 4, lead);
  BIND_TEXT (tk, 5, due);
  if (age > 30 * 86400)
    BIND_TEXT (tk, 6, due);
  else
    sqlite3_bind_null (tk, 6);
  sqlite3_bind_int64 (tk, 7, opened);
  if (!exec_bound (g->store, tk, NULL, error))
    return FALSE;

  /* The events: an accompaniment, a referral, outreach, a plan review. */
  for (guint e = 0; e < 4; e++)
    {
      gint64 at = opened + (gint64) (e + 1) * g_rand_int_range (g->rand, 3, 20) * 86400;
      const char *kinds[] = { "accompaniment", "referral", "outreach", "plan_review" };
      const char *titles[] = { "窓口への同行", "他機関への紹介", "訪問支援", "支援計画の見直し" };
      const char *bodies[] = {
        "窓口で担当者と面談。申請に必要な書類を一緒に確認した。",
        "本人の同意を得て紹介状を送付した。",
        "駅前のカフェで面談。最近の様子と困りごとを聞き取った。",
        "目標の進み具合を確認し、次回の見直し日を決めた。",
      };
      gint64 ev_id;

      if (at >= g->end)
        break;
      svc = d == 1 ? 0 : (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (directory));
      sqlite3_bind_int64 (ev, 1, case_id);
      BIND_TEXT (ev, 2, kinds[e]);
      sqlite3_bind_int64 (ev, 3, at);
      BIND_TEXT (ev, 4, titles[e]);
      BIND_TEXT (ev, 5, bodies[e]);
      if (e < 2)
        sqlite3_bind_int64 (ev, 6, g->service_ids[svc]);
      else
        sqlite3_bind_null (ev, 6);
      if (e == 0)
        sqlite3_bind_int (ev, 7, g_rand_int_range (g->rand, 15, 60));
      else
        sqlite3_bind_null (ev, 7);
      sqlite3_bind_int64 (ev, 8, lead);
      sqlite3_bind_int64 (ev, 9, at);
      if (!exec_bound (g->store, ev, &ev_id, error))
        return FALSE;
      if (e == 1)
        {
          sqlite3_stmt *link;
          gint64 rf_id;

          sqlite3_bind_int64 (rf, 1, c->id);
          sqlite3_bind_int64 (rf, 2, case_id);
          sqlite3_bind_int64 (rf, 3, g->service_ids[svc]);
          BIND_TEXT (rf, 4, closed ? "completed" : "sent");
          sqlite3_bind_int64 (rf, 5, lead);
          sqlite3_bind_int64 (rf, 6, at);
          sqlite3_bind_int64 (rf, 7, at);
          if (!exec_bound (g->store, rf, &rf_id, error))
            return FALSE;
          /* The event stands for the referral: the timeline shows it once. */
          if (!(link = _tsg_store_prepare (g->store, "UPDATE timeline_events SET ref_id = ? WHERE id = ?", error)))
            return FALSE;
          sqlite3_bind_int64 (link, 1, rf_id);
          sqlite3_bind_int64 (link, 2, ev_id);
          if (!exec_bound (g->store, link, NULL, error))
            return FALSE;
        }
      if (e == 3)
        {
          g_autoptr(GDateTime) rdt = g_date_time_new_from_unix_local (at);
          g_autoptr(GDateTime) ndt = g_date_time_add_days (rdt, 60);
          g_autofree char *reviewed = g_date_time_format (rdt, "%Y-%m-%d");
          g_autofree char *next = g_date_time_format (ndt, "%Y-%m-%d");

          sqlite3_bind_int64 (rv, 1, case_id);
          BIND_TEXT (rv, 2, reviewed);
          BIND_TEXT (rv, 3, bodies[3]);
          BIND_TEXT (rv, 4, next);
          sqlite3_bind_int64 (rv, 5, lead);
          sqlite3_bind_int64 (rv, 6, at);
          if (!exec_bound (g->store, rv, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
gen_client (Gen        *g,
            Client     *c,
            gint64      at,
            const char *age_band,
            const char *municipality,
            GError    **error)
{
  sqlite3_stmt *cl = _tsg_store_prepare (g->store,
    "INSERT INTO clients (code, name, kana, age_band, municipality, address, address_withheld,"
    " never_call_back, safe_contact, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", error);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);
  g_autofree char *code = g_strdup_printf ("C%02d-%06u", g_date_time_get_year (dt) % 100, ++g->n_clients);
  g_autofree char *name = NULL, *kana = NULL, *fts = NULL;
  gboolean named = g_rand_int_range (g->rand, 0, 10) < 3;
  gboolean withheld = g_rand_int_range (g->rand, 0, 10) == 0;

  if (!cl)
    return FALSE;
  if (named)
    {
      guint s = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (surnames));
      guint n = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (given_names));
      name = g_strdup_printf ("%s %s", surnames[s][0], given_names[n][0]);
      kana = g_strdup_printf ("%s %s", surnames[s][1], given_names[n][1]);
    }
  BIND_TEXT (cl, 1, code);
  BIND_TEXT (cl, 2, name);
  BIND_TEXT (cl, 3, kana);
  BIND_TEXT (cl, 4, age_band);
  BIND_TEXT (cl, 5, municipality);
  if (named && withheld)
    BIND_TEXT (cl, 6, "神奈川県川崎市高津区溝口9-9-9");
  else
    sqlite3_bind_null (cl, 6);
  sqlite3_bind_int (cl, 7, withheld);
  sqlite3_bind_int (cl, 8, withheld);
  BIND_TEXT (cl, 9, withheld ? "LINEのみ。夜間は連絡しない" : NULL);
  sqlite3_bind_int64 (cl, 10, at);
  sqlite3_bind_int64 (cl, 11, at);
  if (!exec_bound (g->store, cl, &c->id, error))
    return FALSE;
  c->case_id = 0;
  c->age_band = age_band;
  c->municipality = municipality;
  fts = g_strjoin (" ", code, name ? name : "", kana ? kana : "", NULL);
  return _tsg_store_index_text (g->store, "clients_fts", c->id, fts, error);
}

static gint64
random_time (Gen        *g,
             const char *channel)
{
  gint64 day = g->start + (gint64) (g_rand_double (g->rand) * (double) (g->end - g->start - 86400)) / 86400 * 86400;
  int hour;

  /* LINE is busiest at night (Kita City), the phone lines in office hours. */
  if (g_str_equal (channel, "line") || g_str_equal (channel, "sns"))
    hour = (18 + g_rand_int_range (g->rand, 0, 8)) % 24;
  else
    hour = g_rand_int_range (g->rand, 9, 20);
  /* 'day' is a local midnight (days count from April 1st, 00:00 local). */
  gint64 t = day + (gint64) hour * 3600 + g_rand_int_range (g->rand, 0, 3600);

  return MIN (t, g->end - 60);
}

/* A case opens within two weeks of her first contact, never in the future. */
static gint64
open_time (Gen    *g,
           gint64  first_contact)
{
  gint64 t = first_contact + 86400 * (gint64) g_rand_int_range (g->rand, 0, 14);

  return MIN (t, g->end - 3600);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
gen_contacts (Gen                 *g,
              guint64              n,
              TsgGenerateProgress  progress,
              gpointer             user_data,
              GError             **error)
{
  sqlite3_stmt *ct = _tsg_store_prepare (g->store,
    "INSERT INTO contacts (started_at, channel, call_type, duration_minutes, first_contact, age_band,"
    " municipality, topics, summary, outcome, referred_service_id, heard_via, client_id, case_id, staff_id,"
    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error);
  sqlite3_stmt *tp, *ev;
  g_autofree gint64 *times = NULL;
  GArray *clients = g_array_new (FALSE, FALSE, sizeof (Client));
  gboolean ok = FALSE;

  if (!ct
      || !(tp = _tsg_store_prepare (g->store, "INSERT OR IGNORE INTO contact_topics (contact_id, topic) VALUES (?,?)", error))
      || !(ev = _tsg_store_prepare (g->store, "INSERT INTO timeline_events (case_id, kind, occurred_at, title, body, ref_id, staff_id, created_at) VALUES (?, 'contact', ?, ?, ?, ?, ?, ?)", error)))
    goto out;

  /* Each contact's channel decides its hour, so the channel travels with its
   * time through the sort, packed in the low three bits. */
  times = g_new (gint64, n);
  for (guint64 i = 0; i < n; i++)
    {
      const char *ch = pick (g, channels);
      int idx = 0;
      while (!g_str_equal (channels[idx].id, ch))
        idx++;
      times[i] = random_time (g, ch) * 8 + idx;
    }
  /* qsort() wants an array even for no elements (--generate 0) */
  if (n > 0)
    qsort (times, n, sizeof (gint64), compare_times);

  for (guint64 i = 0; i < n; i++)
    {
      const char *channel = channels[times[i] & 7].id;
      gint64 at = times[i] >> 3;
      gboolean is_data = g_rand_int_range (g->rand, 0, 100) >= 8;
      const char *call_type = is_data ? "data" : pick (g, non_data);
      Client *c = NULL;
      gboolean first = FALSE;
      const char *age_band = pick (g, age_bands);
      const char *municipality = municipalities[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (municipalities))];
      g_autofree char *topic_list = NULL;
      g_autoptr(GString) summary = g_string_new (NULL);
      const char *outcome = NULL;
      const char *heard_via = NULL;
      gint64 contact_id, staff_id;
      guint n_topics = 0;
      const char *chosen[3] = { NULL, NULL, NULL };

      if (is_data && g_rand_int_range (g->rand, 0, 100) >= 15)
        {
          /* A new woman, or one who called before (usually recently). */
          if (clients->len == 0 || g_rand_int_range (g->rand, 0, 100) < 22)
            {
              Client nc;
              if (!gen_client (g, &nc, at, age_band, municipality, error))
                goto out;
              g_array_append_val (clients, nc);
              c = &g_array_index (clients, Client, clients->len - 1);
              first = TRUE;
              if (g_rand_int_range (g->rand, 0, 100) < 30 &&
                  !gen_case (g, c, open_time (g, at), error))
                goto out;
            }
          else
            {
              guint window = MIN (clients->len, 400);
              c = &g_array_index (clients, Client, clients->len - 1 - g_rand_int_range (g->rand, 0, window));
            }
          age_band = c->age_band;
          municipality = c->municipality;
        }
      else if (is_data)
        first = g_rand_int_range (g->rand, 0, 100) < 70;

      if (is_data)
        {
          n_topics = g_rand_int_range (g->rand, 1, 4);
          for (guint k = 0; k < n_topics; k++)
            {
              chosen[k] = pick (g, topics);
              for (guint m = 0; m < k; m++)
                if (chosen[m] == chosen[k])
                  chosen[k] = NULL;
            }
          for (guint k = 0; k < n_topics; k++)
            if (chosen[k])
              g_string_append (summary, topic_phrases[topic_index (chosen[k])][g_rand_int_range (g->rand, 0, 3)]);
          g_string_append (summary, outcome_phrases[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (outcome_phrases))]);
          outcome = pick (g, outcomes);
          if (first && g_rand_int_range (g->rand, 0, 100) < 12)
            {
              guint p = g_rand_int_range (g->rand, 1, G_N_ELEMENTS (points));
              heard_via = points[p].code;
              g_string_append_printf (summary, "（%sで配布物を見て連絡）", points[p].name);
            }
        }
      {
        GString *tl = g_string_new (NULL);
        for (guint k = 0; k < n_topics; k++)
          if (chosen[k])
            g_string_append_printf (tl, "%s%s", tl->len ? " " : "", chosen[k]);
        topic_list = g_string_free (tl, FALSE);
      }
      staff_id = g->staff_ids[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (staff))];

      sqlite3_bind_int64 (ct, 1, at);
      BIND_TEXT (ct, 2, channel);
      BIND_TEXT (ct, 3, call_type);
      sqlite3_bind_int (ct, 4, is_data ? g_rand_int_range (g->rand, 3, 60) : g_rand_int_range (g->rand, 0, 2));
      sqlite3_bind_int (ct, 5, first);
      BIND_TEXT (ct, 6, is_data ? age_band : "unknown");
      BIND_TEXT (ct, 7, is_data ? municipality : NULL);
      BIND_TEXT (ct, 8, topic_list);
      BIND_TEXT (ct, 9, summary->str);
      BIND_TEXT (ct, 10, outcome);
      if (outcome && g_str_equal (outcome, "referred"))
        sqlite3_bind_int64 (ct, 11, g->service_ids[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (directory))]);
      else
        sqlite3_bind_null (ct, 11);
      BIND_TEXT (ct, 12, heard_via);
      if (c)
        sqlite3_bind_int64 (ct, 13, c->id);
      else
        sqlite3_bind_null (ct, 13);
      if (c && c->case_id)
        sqlite3_bind_int64 (ct, 14, c->case_id);
      else
        sqlite3_bind_null (ct, 14);
      sqlite3_bind_int64 (ct, 15, staff_id);
      sqlite3_bind_int64 (ct, 16, at);
      sqlite3_bind_int64 (ct, 17, at);
      if (!exec_bound (g->store, ct, &contact_id, error))
        goto out;
      for (guint k = 0; k < n_topics; k++)
        if (chosen[k])
          {
            sqlite3_bind_int64 (tp, 1, contact_id);
            BIND_TEXT (tp, 2, chosen[k]);
            if (!exec_bound (g->store, tp, NULL, error))
              goto out;
          }
      if (c && c->case_id)
        {
          sqlite3_bind_int64 (ev, 1, c->case_id);
          sqlite3_bind_int64 (ev, 2, at);
          BIND_TEXT (ev, 3, channel);
          BIND_TEXT (ev, 4, summary->str);
          sqlite3_bind_int64 (ev, 5, contact_id);
          sqlite3_bind_int64 (ev, 6, staff_id);
          sqlite3_bind_int64 (ev, 7, at);
          if (!exec_bound (g->store, ev, NULL, error))
            goto out;
        }
      if (!_tsg_store_index_text (g->store, "contacts_fts", contact_id, summary->str, error))
        goto out;

      /* Commit in batches: a million rows in one transaction would hold a
       * huge WAL; the demo marker is written last, so a cut-off run shows. */
      if ((i + 1) % 50000 == 0)
        {
          if (!_tsg_store_commit (g->store, error) || !_tsg_store_begin (g->store, error))
            goto out;
          if (progress)
            progress (i + 1, n, user_data);
        }
    }
  ok = TRUE;

out:
  g_array_unref (clients);
  return ok;
}

/* The demo's ids, codes and ledgers assume nothing is there yet: a
 * database that holds records (a second --generate, or real ones) is
 * refused whole rather than half-filled. */
static gboolean
check_empty (TsgStore  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = _tsg_store_prepare (self,
                                           "SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM clients)"
                                           " OR EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM items)",
                                           error);
  gboolean used;

  if (stmt == NULL)
    return FALSE;
  used = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (used)
    {
      g_set_error (error, TSG_STORE_ERROR, TSG_STORE_ERROR_INVALID,
                   _("%s already holds records: synthetic data is generated only into a new, empty database."),
                   tsg_store_get_path (self));
      return FALSE;
    }
  return TRUE;
}

gboolean
tsg_store_generate (TsgStore            *self,
                    guint64              n_contacts,
                    guint32              seed,
                    gint64               end,
                    TsgGenerateProgress  progress,
                    gpointer             user_data,
                    GError             **error)
{
  Gen g = { 0 };
  g_autoptr(GDateTime) end_dt = NULL;
  g_autoptr(GDateTime) start_dt = NULL;
  g_autofree char *detail = NULL;
  int fy;

  g_return_val_if_fail (TSG_IS_STORE (self), FALSE);

  if (end <= 0)
    end = _tsg_store_now ();
  /* Ten fiscal years (April to March) ending with the one that holds @end. */
  end_dt = g_date_time_new_from_unix_local (end);
  fy = g_date_time_get_year (end_dt) - (g_date_time_get_month (end_dt) < 4 ? 1 : 0);
  start_dt = g_date_time_new_local (fy - 9, 4, 1, 0, 0, 0);

  g.store = self;
  g.rand = g_rand_new_with_seed (seed);
  g.start = g_date_time_to_unix (start_dt);
  g.end = end;

  if (!_tsg_store_begin (self, error))
    goto fail_norollback;
  if (!check_empty (self, error))
    goto fail;
  if (!gen_staff (&g, error) || !gen_directory (&g, error) || !gen_inventory_base (&g, error) ||
      !gen_movements (&g, n_contacts, error) || !gen_trainings (&g, error) ||
      !gen_contacts (&g, n_contacts, progress, user_data, error))
    goto fail;
  detail = g_strdup_printf ("%" G_GUINT64_FORMAT " contacts, seed %u", n_contacts, seed);
  {
    sqlite3_stmt *st = _tsg_store_prepare (self,
      "INSERT INTO office_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", error);
    static const char *defaults[][2] = {
      { "office_name", "つながりサポート事務所（デモ）" },
      { "office_address", "神奈川県川崎市中原区小杉町1-1-1" },
      { "office_phone", "044-000-0000" },
      { "free_dial", "0120-000-000" },
      { "line_id", "@tsunagari-demo" },
      { "line_url", "https://line.me/R/ti/p/@tsunagari-demo" },
      { "office_hours", "月〜金 10:00–20:00" },
      { "person_in_charge", "山田 恵子" },
    };
    if (!st)
      goto fail;
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      {
        BIND_TEXT (st, 1, defaults[i][0]);
        BIND_TEXT (st, 2, defaults[i][1]);
        if (!exec_bound (self, st, NULL, error))
          goto fail;
      }
    if (!(st = _tsg_store_prepare (self,
            "INSERT INTO office_settings (key, value) VALUES ('demo', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = '1'", error)) ||
        !exec_bound (self, st, NULL, error))
      goto fail;
  }
  if (!_tsg_store_audit (self, self->system_actor, "generate", "database", 0, detail, error) ||
      !_tsg_store_commit (self, error))
    goto fail;
  if (progress)
    progress (n_contacts, n_contacts, user_data);
  g_rand_free (g.rand);
  return TRUE;

fail:
  _tsg_store_rollback (self);
fail_norollback:
  g_rand_free (g.rand);
  return FALSE;
}
