/*
 * tests/support/gencases.c: resorb-gencases, a generator of realistic, valid cases.
 *
 *   resorb-gencases [--seed N] [--count N] [--pretty]
 *
 * Writes N cases (format resorb.case/1, docs/case-format.md) to stdout as NDJSON: one compact
 * JSON object per line (--pretty indents them instead, for reading). The output is a pure
 * function of the seed: the PRNG is a splitmix64 whose state lives in main's locals and is
 * passed down, so the same seed gives byte-identical output on every machine.
 *
 * What "realistic" means here. Each case starts from one clinical scenario: a herniation at a
 * level (L4/L5 and L5/S1 most often), on a side, in an axial zone, which compresses one root (the
 * traversing root for central/subarticular herniations, the exiting root for foraminal ones).
 * The history, the examination (straight-leg raise, femoral stretch, myotome, dermatome, reflex),
 * the blocks' target root and the follow-up MMT are drawn from that root and side most of the
 * time; about one case in seven is deliberately discordant, as real exams sometimes are. Later
 * MRI studies show the same herniation (same level and side) shrinking at a rate that depends on
 * its morphology (sequestrations resorb fastest), and visit pain falls with time since onset. A
 * few midline herniations come with cauda equina signs. Every optional field is sometimes
 * absent, so over a few hundred cases every field of the format, the questionnaires extension
 * included, appears both present and absent.
 *
 * Validity is by construction: every date is a real day, onset <= studies, treatments, visits
 * and questionnaires <= as_of, treatment end >= start, visits ascend, one finding per level and
 * side in a study, no duplicate exam items, pregnant only for female patients, all values in the
 * documented ranges. tests/sh/gencases_valid.sh checks it with `resorb validate --ndjson`.
 */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resorb/date.h"

/* ---- PRNG: splitmix64 (Steele, Lea, Flood 2014), state passed explicitly ---- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi] (hi >= lo; the tiny modulo bias does not matter here). */
static int rng_int(rng *r, int lo, int hi)
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static bool rng_chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

/* Approximately normal (Irwin-Hall of 6 uniforms), mean mu, standard deviation sd. */
static double rng_normal(rng *r, double mu, double sd)
{
    double s = 0;
    for (int i = 0; i < 6; i++)
        s += rng_unit(r);
    return mu + (s - 3.0) * sd * 1.4142135623730951;
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Rounds a non-negative value to one decimal. */
static double round1(double v)
{
    return (double)(long long)(v * 10.0 + 0.5) / 10.0;
}

/* Index drawn from weights (per mille or any positive scale). */
static int rng_pick(rng *r, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int x = rng_int(r, 0, total - 1);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- JSON building: every setter records an allocation failure in g->oom ---- */

typedef struct gen {
    rng r;
    bool oom;
} gen;

static void put(gen *g, json_t *obj, const char *key, json_t *v)
{
    /* json_object_set_new steals v (and frees it on failure); NULL v also fails. */
    if (json_object_set_new(obj, key, v) != 0)
        g->oom = true;
}

static void append(gen *g, json_t *arr, json_t *v)
{
    if (json_array_append_new(arr, v) != 0)
        g->oom = true;
}

static void put_str(gen *g, json_t *obj, const char *key, const char *s)
{
    put(g, obj, key, json_string(s));
}

static void put_int(gen *g, json_t *obj, const char *key, int v)
{
    put(g, obj, key, json_integer(v));
}

static void put_real(gen *g, json_t *obj, const char *key, double v)
{
    put(g, obj, key, json_real(v));
}

static void put_bool(gen *g, json_t *obj, const char *key, bool v)
{
    put(g, obj, key, json_boolean(v));
}

static void put_date(gen *g, json_t *obj, const char *key, resorb_date d)
{
    char text[RESORB_DATE_TEXT];
    resorb_date_format(d, text);
    put_str(g, obj, key, text);
}

/* ---- the vocabulary of the format ---- */

static const char *const LEVELS[] = {"L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1"};
static const int LEVEL_WEIGHTS[] = {5, 15, 60, 450, 470};
static const char *const ROOTS[] = {"L1", "L2", "L3", "L4", "L5", "S1", "S2"};
enum { R_L1, R_L2, R_L3, R_L4, R_L5, R_S1, R_S2 };

static const char *const MORPHS[] = {"bulge", "protrusion", "extrusion", "sequestration"};
static const int MORPH_WEIGHTS[] = {8, 35, 45, 12};
enum { M_BULGE, M_PROTRUSION, M_EXTRUSION, M_SEQUESTRATION };

static const char *const ZONES[] = {"central", "subarticular", "foraminal", "extraforaminal"};
enum { Z_CENTRAL, Z_SUBARTICULAR, Z_FORAMINAL, Z_EXTRAFORAMINAL };

static const char *const CONDITIONS[] = {"peptic_ulcer",
                                         "gi_bleeding_history",
                                         "ckd",
                                         "dialysis",
                                         "heart_failure",
                                         "hepatic_impairment",
                                         "aspirin_exacerbated_respiratory_disease",
                                         "cancer_history",
                                         "immunosuppression",
                                         "iv_drug_use",
                                         "osteoporosis",
                                         "diabetes",
                                         "hypertension"};
/* Per-mille prevalence among patients with a conditions list. */
static const int CONDITION_PM[] = {40, 20, 40, 0 /* set from ckd */, 20, 15, 10, 40, 20, 8,
                                   50, 90, 200};

static const char *const MEDICATIONS[] = {
    "anticoagulant",  "antiplatelet", "ssri_snri", "corticosteroid",       "opioid",
    "benzodiazepine", "maoi",         "lithium",   "ace_inhibitor_or_arb", "diuretic"};
static const int MEDICATION_PM[] = {40, 60, 90, 30, 50, 40, 5, 8, 150, 60};

static const char *const ALLERGIES[] = {"nsaid", "acetaminophen", "local_anesthetic",
                                        "corticosteroid", "contrast"};
static const int ALLERGY_PM[] = {40, 8, 15, 8, 25};

static const char *const RED_FLAGS[] = {"urinary_retention",
                                        "urinary_incontinence",
                                        "bowel_incontinence",
                                        "saddle_anesthesia",
                                        "sexual_dysfunction",
                                        "bilateral_leg_symptoms",
                                        "fever",
                                        "unexplained_weight_loss",
                                        "significant_trauma",
                                        "night_pain"};
enum {
    RF_RETENTION,
    RF_URINARY_INCONT,
    RF_BOWEL_INCONT,
    RF_SADDLE,
    RF_SEXUAL,
    RF_BILATERAL,
    RF_FEVER,
    RF_WEIGHT_LOSS,
    RF_TRAUMA,
    RF_NIGHT_PAIN,
    RF__COUNT
};
/* Per-mille rate of "true" when asked, outside the cauda equina scenario. */
static const int RED_FLAG_PM[] = {8, 8, 4, 8, 10, 0 /* from leg side */, 10, 10, 15, 120};

static const char *const COURSES[] = {"improving", "stable", "worsening"};

static const char *const TX_KINDS[] = {
    "nsaid",    "acetaminophen", "gabapentinoid",    "snri",
    "tramadol", "opioid",        "muscle_relaxant",  "vasodilator",
    "kampo",    "physiotherapy", "epidural_steroid", "nerve_root_block",
    "surgery"};
static const int TX_WEIGHTS[] = {300, 120, 120, 40, 50, 25, 60, 30, 30, 150, 40, 50, 15};
enum { TX_NSAID = 0, TX_EPIDURAL = 10, TX_NRB = 11, TX_SURGERY = 12 };
static const char *const RESPONSES[] = {"none", "partial", "good"};
static const char *const GUIDANCE[] = {"fluoroscopy", "ultrasound", "ct", "landmark"};
static const int GUIDANCE_WEIGHTS[] = {60, 25, 5, 10};

static const char *const PD_COURSES[] = {"persistent_slight_fluctuations",
                                         "persistent_with_attacks", "attacks_without_pain_between",
                                         "attacks_with_pain_between"};
static const char *const BOTHER[] = {"not_at_all", "slightly", "moderately", "very_much",
                                     "extremely"};

/* Muscles examined per root, most characteristic first (myotomes). */
typedef struct root_exam {
    const char *muscles[3];
    const char *reflex; /* the reflex this root carries, or NULL */
} root_exam;

static const root_exam ROOT_EXAM[] = {
    [R_L1] = {{"hip_flexion", NULL, NULL}, NULL},
    [R_L2] = {{"hip_flexion", "knee_extension", NULL}, NULL},
    [R_L3] = {{"knee_extension", "hip_flexion", NULL}, "patellar"},
    [R_L4] = {{"knee_extension", "ankle_dorsiflexion", NULL}, "patellar"},
    [R_L5] = {{"great_toe_extension", "ankle_dorsiflexion", "hip_abduction"}, NULL},
    [R_S1] = {{"ankle_plantarflexion", "knee_flexion", NULL}, "achilles"},
    [R_S2] = {{"knee_flexion", NULL, NULL}, NULL},
};

/* ---- one case's scenario ---- */

enum { SIDE_LEFT, SIDE_RIGHT, SIDE_MIDLINE };
static const char *const FINDING_SIDES[] = {"left", "right", "midline"};
static const char *const EXAM_SIDES[] = {"left", "right"};

typedef struct scenario {
    resorb_date as_of, onset;
    int age;
    bool female, male;
    int level;       /* index in LEVELS */
    int side;        /* SIDE_* */
    int zone;        /* Z_* */
    int morph;       /* M_* */
    int root;        /* R_* compressed root */
    bool ces;        /* cauda equina syndrome scenario */
    bool discordant; /* exam does not match the imaging */
    int exam_side;   /* SIDE_LEFT/RIGHT where the signs are; for midline, random */
    int exam_root;
    int deficit;        /* 0 none, else MMT drop of the weakest muscle (1..4) */
    double ap_mm;       /* size at the first study */
    double pain_offset; /* this patient's pain level above or below the typical course */
    bool nsaid_allergy;
} scenario;

static int months_between(resorb_date a, resorb_date b)
{
    return (int)((b - a) / 30);
}

static void make_scenario(gen *g, scenario *s)
{
    rng *r = &g->r;
    memset(s, 0, sizeof *s);
    s->as_of = resorb_date_from_ymd(2015, 1, 1) + rng_int(r, 0, 4017); /* to 2025-12-31 */
    /* Onset 0-24 months before: most patients present within a few weeks or months. */
    int days = rng_chance(r, 0.6) ? rng_int(r, 0, 90) : rng_int(r, 0, 730);
    s->onset = s->as_of - days;

    if (rng_chance(r, 0.01))
        s->age = rng_int(r, 13, 17);
    else
        s->age = clampi((int)rng_normal(r, 44, 13), 18, 90);
    int sex = rng_pick(r, (const int[]){47, 49, 2, 2}, 4);
    s->female = sex == 0;
    s->male = sex == 1;

    s->level = rng_pick(r, LEVEL_WEIGHTS, COUNT(LEVEL_WEIGHTS));
    s->morph = rng_pick(r, MORPH_WEIGHTS, COUNT(MORPH_WEIGHTS));
    if (rng_chance(r, 0.06)) {
        s->side = SIDE_MIDLINE;
        s->zone = Z_CENTRAL;
        s->ces = s->morph >= M_EXTRUSION && rng_chance(r, 0.4);
    } else {
        s->side = rng_chance(r, 0.5) ? SIDE_LEFT : SIDE_RIGHT;
        s->zone = rng_pick(r, (const int[]){5, 75, 15, 5}, 4);
    }
    /* Traversing root for central/subarticular, exiting root for foraminal/extraforaminal. */
    bool exiting = s->zone == Z_FORAMINAL || s->zone == Z_EXTRAFORAMINAL;
    s->root = exiting ? R_L1 + s->level : R_L2 + s->level;
    s->exam_side = s->side == SIDE_MIDLINE ? rng_int(r, 0, 1) : s->side;
    s->exam_root = s->root;
    s->discordant = rng_chance(r, 0.14);
    if (s->discordant) {
        if (rng_chance(r, 0.5))
            s->exam_side = 1 - s->exam_side;
        else
            s->exam_root = clampi(s->root + (rng_chance(r, 0.5) ? 1 : -1), R_L2, R_S1);
    }
    s->deficit = rng_chance(r, 0.45) ? rng_pick(r, (const int[]){55, 30, 10, 5}, 4) + 1 : 0;
    if (s->ces && s->deficit == 0)
        s->deficit = 2;
    static const double ap_lo[] = {2, 3, 5, 6}, ap_hi[] = {4, 7, 12, 15};
    s->pain_offset = rng_normal(r, 0, 1.3);
    s->ap_mm = ap_lo[s->morph] + rng_unit(r) * (ap_hi[s->morph] - ap_lo[s->morph]);
}

/* A date uniformly in [lo, hi]. */
static resorb_date date_between(rng *r, resorb_date lo, resorb_date hi)
{
    return hi <= lo ? lo : lo + rng_int(r, 0, (int)(hi - lo));
}

/* Up to n dates in [lo, hi], ascending, at least min_gap days apart (fewer when the window is
 * too short for n). Returns how many were written. */
static int spaced_dates(rng *r, resorb_date lo, resorb_date hi, int min_gap, resorb_date *out,
                        int n)
{
    resorb_date raw[8];
    if (n > 8)
        n = 8;
    for (int i = 0; i < n; i++) {
        resorb_date d = date_between(r, lo, hi);
        int j = i;
        while (j > 0 && raw[j - 1] > d) {
            raw[j] = raw[j - 1];
            j--;
        }
        raw[j] = d;
    }
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || raw[i] - out[k - 1] >= min_gap)
            out[k++] = raw[i];
    return k;
}

/* Leg pain expected t months after onset: high at first, falling as the herniation resorbs. */
static int leg_nrs_at(gen *g, const scenario *s, int months)
{
    double base = (s->ces ? 8 : 6.8) + s->pain_offset;
    double v = base - 0.45 * months + rng_normal(&g->r, 0, 0.8);
    if (months > 8)
        v = clampd(v, 0, 10) * 0.6 + rng_normal(&g->r, 1.5, 0.8); /* a chronic tail */
    return clampi((int)(v + 0.5), 0, 10);
}

/* ---- sections ---- */

static json_t *codes(gen *g, const char *const *names, const int *pm, int n, bool skip_dialysis,
                     bool *has)
{
    json_t *arr = json_array();
    if (!arr) {
        g->oom = true;
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        has[i] = rng_int(&g->r, 0, 999) < pm[i];
        if (skip_dialysis && i == 3) /* dialysis only on top of ckd */
            has[i] = has[2] && rng_chance(&g->r, 0.15);
        if (has[i])
            append(g, arr, json_string(names[i]));
    }
    return arr;
}

static json_t *make_patient(gen *g, scenario *s)
{
    rng *r = &g->r;
    json_t *p = json_object();
    if (!p) {
        g->oom = true;
        return NULL;
    }
    put_int(g, p, "age", s->age);
    put_str(g, p, "sex",
            s->female            ? "female"
            : s->male            ? "male"
            : rng_chance(r, 0.5) ? "other"
                                 : "unknown");

    bool has_cond[COUNT(CONDITIONS)] = {false};
    bool cond_given = rng_chance(r, 0.7);
    if (cond_given)
        put(g, p, "conditions",
            codes(g, CONDITIONS, CONDITION_PM, COUNT(CONDITIONS), true, has_cond));

    if (rng_chance(r, 0.85)) {
        double w = s->female ? rng_normal(r, 64, 11) : rng_normal(r, 80, 13);
        if (s->age < 18)
            w -= 8;
        w = clampd(w, 38, 180);
        if (rng_chance(r, 0.5))
            put_int(g, p, "weight_kg", (int)(w + 0.5));
        else
            put_real(g, p, "weight_kg", round1(w));
    }
    if (rng_chance(r, 0.6)) {
        double h = s->female ? rng_normal(r, 161, 7) : rng_normal(r, 174, 7);
        put_real(g, p, "height_cm", round1(clampd(h, 135, 210)));
    }
    if (rng_chance(r, 0.6)) {
        double c = s->female ? rng_normal(r, 0.72, 0.13) : rng_normal(r, 0.92, 0.16);
        if (s->age > 70)
            c += 0.15;
        if (cond_given && has_cond[3])
            c = 4 + rng_unit(r) * 7; /* on dialysis */
        else if (cond_given && has_cond[2])
            c = 1.4 + rng_unit(r) * 2.5;
        put_real(g, p, "serum_creatinine_mg_dl",
                 (double)(long long)(clampd(c, 0.3, 12) * 100 + 0.5) / 100);
    }
    if (s->female && s->age >= 18 && s->age <= 45 && rng_chance(r, 0.3))
        put_bool(g, p, "pregnant", rng_chance(r, 0.05));

    bool scratch[16];
    if (rng_chance(r, 0.6))
        put(g, p, "medications",
            codes(g, MEDICATIONS, MEDICATION_PM, COUNT(MEDICATIONS), false, scratch));
    if (rng_chance(r, 0.55)) {
        put(g, p, "allergies", codes(g, ALLERGIES, ALLERGY_PM, COUNT(ALLERGIES), false, scratch));
        s->nsaid_allergy = scratch[0];
    }
    return p;
}

static json_t *make_history(gen *g, const scenario *s)
{
    rng *r = &g->r;
    json_t *h = json_object();
    if (!h) {
        g->oom = true;
        return NULL;
    }
    put_date(g, h, "onset", s->onset);
    bool bilateral =
        s->side == SIDE_MIDLINE ? rng_chance(r, s->ces ? 0.8 : 0.5) : rng_chance(r, 0.03);
    bool no_leg = !bilateral && s->side == SIDE_MIDLINE && rng_chance(r, 0.3);
    int leg = no_leg ? 0 : leg_nrs_at(g, s, months_between(s->onset, s->as_of));
    if (rng_chance(r, 0.9))
        put_int(g, h, "leg_pain_nrs", leg);
    if (rng_chance(r, 0.8))
        put_int(g, h, "back_pain_nrs", clampi((int)rng_normal(r, 4, 2.2), 0, 10));
    if (rng_chance(r, 0.9)) {
        const char *side = no_leg ? "none" : bilateral ? "both" : EXAM_SIDES[s->exam_side];
        put_str(g, h, "leg_pain_side", side);
    }
    if (rng_chance(r, 0.75)) {
        int m = months_between(s->onset, s->as_of);
        int c = m >= 2 ? rng_pick(r, (const int[]){55, 30, 15}, 3)
                       : rng_pick(r, (const int[]){20, 50, 30}, 3);
        put_str(g, h, "course", COURSES[s->ces ? 2 : c]);
    }
    if (rng_chance(r, 0.85) || s->ces) {
        json_t *rf = json_object();
        for (int i = 0; i < RF__COUNT; i++) {
            bool ces_flag = i <= RF_SEXUAL;
            if (!(s->ces && ces_flag) && !rng_chance(r, 0.8))
                continue; /* not asked */
            bool v;
            if (s->ces && ces_flag)
                v = i == RF_RETENTION || i == RF_SADDLE || rng_chance(r, 0.5);
            else if (i == RF_BILATERAL)
                v = bilateral;
            else
                v = rng_int(r, 0, 999) < RED_FLAG_PM[i];
            put_bool(g, rf, RED_FLAGS[i], v);
        }
        put(g, h, "red_flags", rf);
    }
    if (rng_chance(r, 0.6))
        put_bool(g, h, "prior_lumbar_surgery", rng_chance(r, 0.06));
    return h;
}

/* One MMT entry. */
static json_t *motor_item(gen *g, const char *muscle, int side, int mmt, int progressive)
{
    json_t *m = json_object();
    if (!m) {
        g->oom = true;
        return NULL;
    }
    put_str(g, m, "muscle", muscle);
    put_str(g, m, "side", EXAM_SIDES[side]);
    put_int(g, m, "mmt", mmt);
    if (progressive >= 0)
        put_bool(g, m, "progressive", progressive != 0);
    return m;
}

/* The MMT of the k-th muscle of the exam root at the first exam. */
static int base_mmt(const scenario *s, int k)
{
    int v = 5 - s->deficit + k; /* the characteristic muscle is the weakest */
    return clampi(v, 0, 5);
}

static json_t *make_exam(gen *g, const scenario *s)
{
    rng *r = &g->r;
    json_t *e = json_object();
    if (!e) {
        g->oom = true;
        return NULL;
    }
    int side = s->exam_side, other = 1 - side;
    bool lower = s->exam_root >= R_L5;
    bool normal = s->discordant && rng_chance(r, 0.3); /* a normal exam despite imaging */

    if (rng_chance(r, 0.85)) {
        json_t *slr = json_array();
        json_t *a = json_object();
        bool pos = !normal && (lower ? rng_chance(r, 0.85) : rng_chance(r, 0.3));
        put_str(g, a, "side", EXAM_SIDES[side]);
        put_bool(g, a, "positive", pos);
        if (pos || rng_chance(r, 0.5))
            put_int(g, a, "angle_deg", pos ? rng_int(r, 15, 65) : rng_int(r, 70, 90));
        append(g, slr, a);
        if (rng_chance(r, 0.7)) {
            json_t *b = json_object();
            bool bpos = s->side == SIDE_MIDLINE && rng_chance(r, 0.4);
            put_str(g, b, "side", EXAM_SIDES[other]);
            put_bool(g, b, "positive", bpos);
            if (rng_chance(r, 0.5))
                put_int(g, b, "angle_deg", bpos ? rng_int(r, 30, 70) : rng_int(r, 70, 90));
            append(g, slr, b);
        }
        put(g, e, "slr", slr);
    }
    if (rng_chance(r, 0.5))
        put_bool(g, e, "crossed_slr", !normal && lower && rng_chance(r, s->ap_mm > 9 ? 0.35 : 0.1));
    if (s->exam_root <= R_L4 || rng_chance(r, 0.15)) {
        json_t *fs = json_array();
        json_t *a = json_object();
        put_str(g, a, "side", EXAM_SIDES[side]);
        put_bool(g, a, "positive", !normal && s->exam_root <= R_L4 && rng_chance(r, 0.75));
        append(g, fs, a);
        if (rng_chance(r, 0.5)) {
            json_t *b = json_object();
            put_str(g, b, "side", EXAM_SIDES[other]);
            put_bool(g, b, "positive", false);
            append(g, fs, b);
        }
        put(g, e, "femoral_stretch", fs);
    }
    const root_exam *re = &ROOT_EXAM[s->exam_root];
    if (rng_chance(r, 0.8)) {
        json_t *motor = json_array();
        for (int k = 0; k < 3 && re->muscles[k]; k++) {
            int mmt = normal ? 5 : base_mmt(s, k);
            int prog = rng_chance(r, 0.4) ? (mmt < 5 && s->ces ? 1 : 0) : -1;
            append(g, motor, motor_item(g, re->muscles[k], side, mmt, prog));
            if (rng_chance(r, 0.4))
                append(g, motor, motor_item(g, re->muscles[k], other, 5, -1));
        }
        put(g, e, "motor", motor);
    }
    if (rng_chance(r, 0.75)) {
        json_t *sens = json_array();
        if (!normal) {
            json_t *a = json_object();
            put_str(g, a, "dermatome", ROOTS[s->exam_root]);
            put_str(g, a, "side", EXAM_SIDES[side]);
            put_str(g, a, "finding",
                    rng_pick(r, (const int[]){60, 10, 30}, 3) == 0 ? "reduced"
                    : rng_chance(r, 0.25)                          ? "absent"
                                                                   : "paresthesia");
            append(g, sens, a);
        }
        if (s->ces) {
            for (int sd = 0; sd < 2; sd++) {
                json_t *b = json_object();
                put_str(g, b, "dermatome", "S2");
                put_str(g, b, "side", EXAM_SIDES[sd]);
                put_str(g, b, "finding", "reduced");
                append(g, sens, b);
            }
        }
        put(g, e, "sensory", sens);
    }
    if (rng_chance(r, 0.7)) {
        json_t *refl = json_array();
        static const char *const REFLEXES[] = {"patellar", "achilles"};
        for (int k = 0; k < 2; k++) {
            if (!rng_chance(r, 0.8))
                continue;
            for (int sd = 0; sd < 2; sd++) {
                const char *grade = "normal";
                if (!normal && re->reflex && strcmp(re->reflex, REFLEXES[k]) == 0 &&
                    (sd == side || s->ces))
                    grade = rng_chance(r, 0.7) ? "reduced" : "absent";
                else if (rng_chance(r, 0.03))
                    grade = "increased";
                json_t *a = json_object();
                put_str(g, a, "reflex", REFLEXES[k]);
                put_str(g, a, "side", EXAM_SIDES[sd]);
                put_str(g, a, "grade", grade);
                append(g, refl, a);
            }
        }
        put(g, e, "reflexes", refl);
    }
    if (s->ces || rng_chance(r, 0.12)) {
        put_str(g, e, "perianal_sensation",
                s->ces ? (rng_chance(r, 0.7) ? "reduced" : "absent") : "normal");
        if (s->ces || rng_chance(r, 0.7))
            put_str(g, e, "anal_tone", s->ces && rng_chance(r, 0.6) ? "reduced" : "normal");
    }
    if (s->ces || rng_chance(r, 0.04)) {
        double pvr = s->ces ? 250 + rng_unit(r) * 700 : rng_unit(r) * 80;
        put_real(g, e, "post_void_residual_ml", (double)(int)pvr);
    }
    return e;
}

/* One finding of size ap (mm); detail forces the zone and size to be given. */
static json_t *finding(gen *g, int level, int side, int zone, int morph, double ap, bool detail,
                       bool contrast, int migration)
{
    rng *r = &g->r;
    json_t *f = json_object();
    if (!f) {
        g->oom = true;
        return NULL;
    }
    put_str(g, f, "level", LEVELS[level]);
    put_str(g, f, "morphology", MORPHS[morph]);
    if (detail || rng_chance(r, 0.9))
        put_str(g, f, "zone", ZONES[zone]);
    put_str(g, f, "side", FINDING_SIDES[side]);
    if (migration >= 0) {
        static const char *const MIG[] = {"none", "cranial", "caudal"};
        put_str(g, f, "migration", MIG[migration]);
        if (rng_chance(r, 0.4))
            put_int(g, f, "komori_grade", migration == 0 ? 1 : rng_int(r, 2, 3));
    }
    if (contrast)
        put_str(g, f, "rim_enhancement",
                morph >= M_EXTRUSION ? (rng_chance(r, 0.5) ? "complete" : "partial")
                                     : (rng_chance(r, 0.7) ? "none" : "partial"));
    if (rng_chance(r, 0.5))
        put_str(g, f, "t2_signal",
                morph >= M_EXTRUSION && rng_chance(r, 0.6) ? "high"
                : rng_chance(r, 0.5)                       ? "iso"
                                                           : "low");
    if (rng_chance(r, 0.4))
        put_int(g, f, "modic", rng_pick(r, (const int[]){60, 25, 12, 3}, 4));
    if (rng_chance(r, 0.4))
        put_int(g, f, "pfirrmann", rng_int(r, 2, 5));
    if (detail || rng_chance(r, 0.6))
        put_real(g, f, "ap_mm", round1(clampd(ap, 0, 30)));
    if (rng_chance(r, 0.4))
        put_real(g, f, "canal_compromise_pct",
                 round1(clampd(ap * 4.5 + rng_normal(r, 0, 5), 0, 100)));
    if (rng_chance(r, 0.25))
        put_real(g, f, "area_mm2", round1(clampd(ap * ap * 1.3 + rng_normal(r, 0, 8), 0, 500)));
    if (rng_chance(r, 0.15))
        put_real(g, f, "volume_mm3",
                 round1(clampd(ap * ap * ap * 1.6 + rng_normal(r, 0, 30), 0, 9000)));
    return f;
}

static json_t *make_imaging(gen *g, const scenario *s)
{
    rng *r = &g->r;
    json_t *arr = json_array();
    if (!arr) {
        g->oom = true;
        return NULL;
    }
    int n = rng_pick(r, (const int[]){60, 28, 12}, 3) + 1;
    resorb_date dates[3];
    /* The first study within two months of onset; follow-up scans at least 4 weeks apart. */
    resorb_date first_hi = s->onset + 60 < s->as_of ? s->onset + 60 : s->as_of;
    dates[0] = date_between(r, s->onset, first_hi);
    n = 1 + spaced_dates(r, dates[0] + 28, s->as_of, 28, dates + 1, n - 1);
    if (dates[0] + 28 > s->as_of)
        n = 1;

    static const double rate[] = {0.0, 0.03, 0.08, 0.12}; /* fraction of size lost per month */
    int second_level = -1, second_side = 0, second_morph = M_BULGE;
    if (rng_chance(r, 0.3)) {
        second_level = s->level == 4 ? 3 : s->level == 3 ? 4 : s->level + 1;
        second_side = rng_int(r, 0, 2);
        second_morph = rng_chance(r, 0.7) ? M_BULGE : M_PROTRUSION;
    }
    int migration = s->morph >= M_EXTRUSION && rng_chance(r, 0.7)
                        ? rng_pick(r, (const int[]){40, 20, 40}, 3)
                        : (rng_chance(r, 0.3) ? 0 : -1);
    for (int i = 0; i < n; i++) {
        json_t *st = json_object();
        put_date(g, st, "date", dates[i]);
        put_str(g, st, "modality", rng_chance(r, 0.06) ? "ct" : "mri");
        bool contrast = rng_chance(r, 0.12);
        json_t *fs = json_array();
        double left = 1.0 - rate[s->morph] * (dates[i] - dates[0]) / 30.0;
        left = clampd(left, 0.08, 1.0);
        append(g, fs,
               finding(g, s->level, s->side, s->zone, s->morph, s->ap_mm * left, i > 0, contrast,
                       migration));
        if (second_level >= 0)
            append(g, fs,
                   finding(g, second_level, second_side,
                           second_side == SIDE_MIDLINE ? Z_CENTRAL : Z_SUBARTICULAR, second_morph,
                           2 + rng_unit(r) * 2.5, false, contrast, -1));
        put(g, st, "findings", fs);
        append(g, arr, st);
    }
    return arr;
}

static json_t *make_treatments(gen *g, const scenario *s)
{
    rng *r = &g->r;
    json_t *arr = json_array();
    if (!arr) {
        g->oom = true;
        return NULL;
    }
    int n = rng_pick(r, (const int[]){8, 30, 30, 18, 9, 5}, 6);
    unsigned used = 0;
    for (int i = 0; i < n; i++) {
        int kind = rng_pick(r, TX_WEIGHTS, COUNT(TX_WEIGHTS));
        bool block = kind == TX_EPIDURAL || kind == TX_NRB;
        if ((used & (1u << kind)) && !block)
            continue; /* drugs once each; blocks may repeat */
        if (kind == TX_NSAID && s->nsaid_allergy)
            continue;
        used |= 1u << kind;
        json_t *t = json_object();
        put_str(g, t, "kind", TX_KINDS[kind]);
        resorb_date start = date_between(r, s->onset, s->as_of);
        put_date(g, t, "start", start);
        if (kind == TX_SURGERY || block) {
            if (rng_chance(r, 0.5))
                put_date(g, t, "end", start);
        } else if (rng_chance(r, 0.55)) {
            resorb_date end = start + rng_int(r, 3, 120);
            put_date(g, t, "end", end > s->as_of ? s->as_of : end);
        }
        if (rng_chance(r, 0.6))
            put_str(g, t, "response", RESPONSES[rng_pick(r, (const int[]){25, 45, 30}, 3)]);
        if (block) {
            if (rng_chance(r, 0.8))
                put_str(g, t, "root", ROOTS[rng_chance(r, 0.85) ? s->root : s->exam_root]);
            if (rng_chance(r, 0.8))
                put_str(g, t, "side", s->side == SIDE_MIDLINE ? "both" : FINDING_SIDES[s->side]);
            if (rng_chance(r, 0.7))
                put_str(g, t, "guidance",
                        GUIDANCE[rng_pick(r, GUIDANCE_WEIGHTS, COUNT(GUIDANCE_WEIGHTS))]);
        }
        append(g, arr, t);
    }
    return arr;
}

static json_t *make_visits(gen *g, const scenario *s)
{
    rng *r = &g->r;
    json_t *arr = json_array();
    if (!arr) {
        g->oom = true;
        return NULL;
    }
    int n = rng_pick(r, (const int[]){5, 30, 25, 18, 10, 7, 5}, 7);
    resorb_date dates[6];
    n = spaced_dates(r, s->onset, s->as_of, 7, dates, n);
    const root_exam *re = &ROOT_EXAM[s->exam_root];
    int mmt = base_mmt(s, 0);
    bool progressing = s->deficit > 0 && rng_chance(r, 0.08);
    int prev_leg = -1;
    for (int i = 0; i < n; i++) {
        json_t *v = json_object();
        put_date(g, v, "date", dates[i]);
        int leg = leg_nrs_at(g, s, months_between(s->onset, dates[i]));
        if (rng_chance(r, 0.85))
            put_int(g, v, "leg_pain_nrs", leg);
        if (rng_chance(r, 0.7))
            put_int(g, v, "back_pain_nrs", clampi((int)rng_normal(r, 3.5, 2), 0, 10));
        if (rng_chance(r, 0.5))
            put_str(g, v, "course",
                    prev_leg < 0 || leg == prev_leg ? "stable"
                    : leg < prev_leg                ? "improving"
                                                    : "worsening");
        prev_leg = leg;
        if (s->deficit > 0 && rng_chance(r, 0.35)) {
            if (progressing)
                mmt = clampi(mmt - rng_int(r, 0, 1), 0, 5);
            else if (rng_chance(r, 0.5))
                mmt = clampi(mmt + 1, 0, 5);
            json_t *m = json_array();
            append(g, m,
                   motor_item(g, re->muscles[0], s->exam_side, mmt,
                              rng_chance(r, 0.3) ? (progressing ? 1 : 0) : -1));
            for (int k = 1; k < 3 && re->muscles[k]; k++)
                if (rng_chance(r, 0.3))
                    append(g, m,
                           motor_item(g, re->muscles[k], s->exam_side, clampi(mmt + k, 0, 5), -1));
            put(g, v, "motor", m);
        }
        append(g, arr, v);
    }
    return arr;
}

static json_t *int_items(gen *g, int n, int lo, int hi, double null_p)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        append(g, a,
               rng_chance(&g->r, null_p) ? json_null() : json_integer(rng_int(&g->r, lo, hi)));
    return a;
}

static json_t *bool_items(gen *g, int n, double p)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        append(g, a, json_boolean(rng_chance(&g->r, p)));
    return a;
}

static json_t *make_questionnaires(gen *g, const scenario *s)
{
    rng *r = &g->r;
    json_t *q = json_object();
    if (!q) {
        g->oom = true;
        return NULL;
    }
    static const char *const NAMES[] = {"odi",       "rdq", "dn4",    "paindetect",
                                        "startback", "joa", "joabpeq"};
    static const double PRESENT[] = {0.55, 0.25, 0.3, 0.25, 0.3, 0.25, 0.2};
    int first = rng_int(r, 0, COUNT(NAMES) - 1); /* at least one instrument */
    for (int k = 0; k < COUNT(NAMES); k++) {
        if (k != first && !rng_chance(r, PRESENT[k]))
            continue;
        int n = rng_pick(r, (const int[]){75, 20, 5}, 3) + 1;
        resorb_date dates[3];
        n = spaced_dates(r, s->onset, s->as_of, 14, dates, n);
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            json_t *a = json_object();
            if (rng_chance(r, 0.9))
                put_date(g, a, "date", dates[i]);
            double sev = clampd(rng_normal(r, 0.45, 0.18), 0, 1); /* disability, 0..1 */
            switch (k) {
            case 0:
                put(g, a, "items", int_items(g, 10, (int)(sev * 3), (int)(sev * 3) + 2, 0.04));
                break;
            case 1:
                put(g, a, "items", bool_items(g, 24, sev));
                break;
            case 2:
                put(g, a, "items", bool_items(g, 10, s->discordant ? 0.2 : 0.35));
                break;
            case 3:
                put(g, a, "items", int_items(g, 7, 0, (int)(sev * 5 + 0.5), 0));
                put_str(g, a, "course", PD_COURSES[rng_int(r, 0, 3)]);
                put_bool(g, a, "radiating", rng_chance(r, 0.75));
                break;
            case 4:
                put(g, a, "items", bool_items(g, 8, sev * 0.8));
                put_str(g, a, "bothersomeness", BOTHER[clampi((int)(sev * 5), 0, 4)]);
                break;
            case 5: {
                put_int(g, a, "low_back_pain", rng_int(r, 0, 3));
                put_int(g, a, "leg_pain", clampi(3 - (int)(sev * 4), 0, 3));
                put_int(g, a, "gait", clampi(3 - (int)(sev * 3.5), 0, 3));
                put_int(g, a, "slr", rng_int(r, 0, 2));
                put_int(g, a, "sensory", rng_int(r, 0, 2));
                put_int(g, a, "motor", s->deficit > 0 ? rng_int(r, 0, 1) : 2);
                put(g, a, "adl", int_items(g, 7, clampi(1 - (int)(sev * 2), 0, 1), 2, 0));
                put_int(g, a, "bladder", s->ces ? (rng_chance(r, 0.5) ? -3 : -6) : 0);
                break;
            }
            default: {
                json_t *d = json_object();
                static const char *const DOMAINS[] = {"pain", "lumbar_function", "walking",
                                                      "social", "mental"};
                for (int j = 0; j < 5; j++) {
                    double v = clampd(rng_normal(r, 100 * (1 - sev), 15), 0, 100);
                    if (rng_chance(r, 0.5))
                        put_int(g, d, DOMAINS[j], (int)v);
                    else
                        put_real(g, d, DOMAINS[j], round1(v));
                }
                put(g, a, "domains", d);
                break;
            }
            }
            append(g, arr, a);
        }
        put(g, q, NAMES[k], arr);
    }
    return q;
}

static json_t *make_case(gen *g, uint64_t seed, unsigned long index)
{
    rng *r = &g->r;
    scenario s;
    make_scenario(g, &s);
    json_t *c = json_object();
    if (!c) {
        g->oom = true;
        return NULL;
    }
    put_str(g, c, "format", "resorb.case/1");
    if (rng_chance(r, 0.95)) {
        char id[64];
        int n = snprintf(id, sizeof id, "gen-%llu-%lu", (unsigned long long)seed, index);
        if (n > 0 && (size_t)n < sizeof id)
            put_str(g, c, "id", id);
    }
    /* as_of is sometimes left to the CLI's default (today), only when that is surely later. */
    if (s.as_of > resorb_date_from_ymd(2024, 12, 31) || rng_chance(r, 0.98))
        put_date(g, c, "as_of", s.as_of);
    put(g, c, "patient", make_patient(g, &s));
    put(g, c, "history", make_history(g, &s));
    if (rng_chance(r, 0.9))
        put(g, c, "exam", make_exam(g, &s));
    if (rng_chance(r, 0.95))
        put(g, c, "imaging", make_imaging(g, &s));
    if (rng_chance(r, 0.6))
        put(g, c, "treatments", make_treatments(g, &s));
    if (rng_chance(r, 0.5))
        put(g, c, "visits", make_visits(g, &s));
    if (rng_chance(r, 0.3))
        put(g, c, "questionnaires", make_questionnaires(g, &s));
    return c;
}

/* ---- command line ---- */

static void usage(FILE *f)
{
    fputs("usage: resorb-gencases [--seed N] [--count N] [--pretty]\n"
          "  Writes N valid, realistic resorb.case/1 cases to stdout, one JSON object per line\n"
          "  (NDJSON; --pretty indents them). The same seed gives the same bytes.\n"
          "  --seed N   PRNG seed, 0..18446744073709551615 (default 1)\n"
          "  --count N  number of cases, 0..1000000000 (default 10)\n",
          f);
}

/* Parses a whole decimal number in [0, max]; returns 0 or -1. */
static int parse_u64(const char *s, unsigned long long max, unsigned long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || !end || *end != '\0' || v > max)
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long seed = 1, count = 10;
    bool pretty = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        unsigned long long *dest = NULL, max = 0;
        if (strcmp(arg, "--pretty") == 0) {
            pretty = true;
            continue;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(arg, "--seed") == 0 || strncmp(arg, "--seed=", 7) == 0) {
            dest = &seed;
            max = UINT64_MAX;
            value = arg[6] == '=' ? arg + 7 : (i + 1 < argc ? argv[++i] : NULL);
        } else if (strcmp(arg, "--count") == 0 || strncmp(arg, "--count=", 8) == 0) {
            dest = &count;
            max = 1000000000ULL;
            value = arg[7] == '=' ? arg + 8 : (i + 1 < argc ? argv[++i] : NULL);
        } else {
            fprintf(stderr, "resorb-gencases: unknown argument '%s'\n", arg);
            usage(stderr);
            return 1;
        }
        const char *name = dest == &seed ? "--seed" : "--count";
        if (!value) {
            fprintf(stderr, "resorb-gencases: %s needs a value\n", name);
            return 1;
        }
        if (parse_u64(value, max, dest) != 0) {
            fprintf(stderr, "resorb-gencases: bad value '%s' for %s (a whole number 0..%llu)\n",
                    value, name, max);
            return 1;
        }
    }

    gen g = {.r = {.s = (uint64_t)seed}, .oom = false};
    size_t flags = pretty ? JSON_INDENT(2) : JSON_COMPACT;
    flags |= JSON_REAL_PRECISION(10);
    for (unsigned long long i = 0; i < count; i++) {
        json_t *c = make_case(&g, (uint64_t)seed, (unsigned long)i);
        int rc = g.oom || !c ? -1 : json_dumpf(c, stdout, flags);
        json_decref(c);
        if (rc != 0 || putchar('\n') == EOF) {
            fprintf(stderr, "resorb-gencases: %s\n",
                    g.oom ? "out of memory" : "cannot write to standard output");
            return 1;
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("resorb-gencases: cannot write to standard output\n", stderr);
        return 1;
    }
    return 0;
}
