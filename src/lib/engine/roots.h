/*
 * engine/roots.h: the anatomy that names nerve roots (internal to the engine).
 *
 * Two questions are answered here, both by tables kept as data with their sources:
 *
 *  1. Which root does a herniation compress? A herniation in the canal (subarticular, and by
 *     inference central) reaches the *traversing* root, the one that leaves one level lower
 *     (L4/L5 -> L5); a foraminal or extraforaminal one reaches the *exiting* root of its own
 *     level (L4/L5 -> L4). The level table below holds one entry per level and path.
 *
 *  2. Which roots does an examination sign point to? Weakness of a muscle group (MMT < 5 on the
 *     MRC scale, whose 5 is "normal"), a sensory finding in a dermatome, a reduced or absent
 *     reflex, and the tension signs (straight-leg raise, crossed straight-leg raise, femoral
 *     stretch). The sign table holds one entry per (sign, root, source): a sign that points to
 *     two roots (ankle dorsiflexion: L4 in ISNCSCI, L4 and L5 clinically) has an entry for each
 *     root and each source that names it, so overlap is explicit and every root a sign is mapped
 *     to can be traced to a row.
 *
 * Every entry names the id of its row in data/evidence/anatomy.tsv. The unit test
 * tests/unit/engine/concordance.c checks both directions, so the two cannot drift: every id
 * named here exists, every anatomy.* row is named here, and for each sign row the roots mapped
 * here are exactly the roots its note lists ("Roots: L4, L5.").
 *
 * Tension signs point to a region of roots, not to one root, and are kept apart from the
 * root-specific deficits (motor, sensory, reflex): the concordance uses them only as support.
 */
#ifndef RESORB_ENGINE_ROOTS_H
#define RESORB_ENGINE_ROOTS_H

#include <stdbool.h>
#include <stddef.h>

#include "resorb/case.h"

typedef enum resorb_sign_kind {
    RESORB_SIGN_MOTOR = 0,       /* item: resorb_muscle; positive when MMT < 5 */
    RESORB_SIGN_SENSORY,         /* item: the dermatome (resorb_root); any recorded finding */
    RESORB_SIGN_REFLEX,          /* item: resorb_reflex; positive when reduced or absent */
    RESORB_SIGN_SLR,             /* item 0; positive straight-leg raise */
    RESORB_SIGN_CROSSED_SLR,     /* item 0; on the side of the leg pain */
    RESORB_SIGN_FEMORAL_STRETCH, /* item 0 */
    RESORB_SIGN__COUNT
} resorb_sign_kind;

/* True for the root-specific deficits; false for the tension signs. */
static inline bool resorb_sign_is_deficit(resorb_sign_kind k)
{
    return k == RESORB_SIGN_MOTOR || k == RESORB_SIGN_SENSORY || k == RESORB_SIGN_REFLEX;
}

typedef struct resorb_sign_map {
    resorb_sign_kind sign;
    int item;
    resorb_root root;
    const char *evidence; /* id of the row in data/evidence/anatomy.tsv */
} resorb_sign_map;

typedef enum resorb_root_path {
    RESORB_PATH_TRAVERSING = 0, /* subarticular zone: the root leaving one level lower */
    RESORB_PATH_EXITING,        /* foraminal, extraforaminal: the root of the level */
    RESORB_PATH_CENTRAL,        /* central zone: the traversing roots, both sides (inferred) */
    RESORB_PATH__COUNT
} resorb_root_path;

typedef struct resorb_level_map {
    resorb_level level;
    resorb_root_path path;
    resorb_root root;
    const char *evidence;
} resorb_level_map;

/* The tables themselves (for the engine and for the test that ties them to the evidence). */
const resorb_sign_map *resorb_roots__sign_table(size_t *n);
const resorb_level_map *resorb_roots__level_table(size_t *n);

/* The root a herniation at `level` reaches by `path`, and the id of the row that says so;
 * RESORB_ROOT_NONE (and *evidence NULL) when the table has no entry. */
resorb_root resorb_roots__at_level(resorb_level level, resorb_root_path path,
                                   const char **evidence);

/* A set of roots as bits (1u << resorb_root). */
typedef unsigned resorb_rootset;
#define RESORB_ROOTSET(r) (1u << (unsigned)(r))

/* The roots a sign points to; with ev non-NULL, also the ids of the rows (each once, at most
 * max_ev, their number in *n_ev). */
resorb_rootset resorb_roots__of_sign(resorb_sign_kind sign, int item, const char **ev,
                                     size_t max_ev, size_t *n_ev);
/* The rows that map this sign to one of the roots in `roots` (each id once, at most max_ev). */
size_t resorb_roots__evidence_for(resorb_sign_kind sign, int item, resorb_rootset roots,
                                  const char **ev, size_t max_ev);

/* One positive sign of the examination, on one side. */
typedef struct resorb_sign {
    resorb_sign_kind kind;
    int item;
    resorb_side side; /* LEFT or RIGHT */
    int detail;       /* MMT for motor, resorb_sensory_finding, resorb_reflex_grade, the SLR
                       * angle (RESORB_INT_NONE when not recorded); 0 otherwise */
    resorb_rootset roots;
} resorb_sign;

/* Enough for every list of the exam at its cap, plus the crossed SLR. */
#define RESORB_SIGNS_MAX (5 * RESORB_MAX_EXAM_ITEMS + 1)

typedef struct resorb_exam_signs {
    bool recorded; /* the exam has at least one root-level item (motor, sensory, reflex, SLR,
                    * crossed SLR, femoral stretch), whatever its result */
    bool crossed_unlateralised; /* positive crossed SLR, but the leg pain side is not L or R */
    size_t n;
    resorb_sign signs[RESORB_SIGNS_MAX]; /* in the exam's order: motor, sensory, reflexes,
                                          * SLR, crossed SLR, femoral stretch */
    size_t n_increased;                  /* increased reflexes (not used to localise) */
    resorb_reflex_exam increased[RESORB_MAX_EXAM_ITEMS];
} resorb_exam_signs;

/* The positive signs of c's examination with the roots each points to. Pure; absent items are
 * not assessed and produce nothing. */
void resorb_roots__exam_signs(const resorb_case *c, resorb_exam_signs *out);

/* 0 for LEFT, 1 for RIGHT, -1 otherwise. */
static inline int resorb_side_index(resorb_side s)
{
    return s == RESORB_SIDE_LEFT ? 0 : s == RESORB_SIDE_RIGHT ? 1 : -1;
}

/* Writes the roots of a set as "L4, L5" (ascending); "" for the empty set. */
void resorb_roots__format(resorb_rootset set, char *buf, size_t n);

#endif
