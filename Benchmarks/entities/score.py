#!/usr/bin/env python3
"""Scores entity predictions against the gold set.

Usage:  score.py PREDICTIONS.jsonl [--gold DIR] [--only-caps] [--errors]
PREDICTIONS: one JSON object per line, {"id": ..., "entities": [{"name", "type", "aliases": [...]}]}
(entities-eval extract and spacy_baseline.py both write this).

Document level: a predicted entity matches a gold entity of the same type when any of its name or
aliases equals the gold name or one of its aliases, case-insensitively, after folding punctuation
(`U.S.` = `US`, `Al-Attiyah` = `Al Attiyah`, a trailing possessive dropped). Each gold entity is matched at
most once; a second predicted entity for the same gold entity (a merging error) is a false positive. Precision, recall and F1 per type and micro-averaged over all types."""
import argparse, json, os, re, sys, unicodedata

TYPES = ("person", "organization", "location")

def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"\(.*?\)", " ", s)          # "Ministry of Foreign Affairs (Russia)" -> the name
    s = re.sub(r"[.'\u2019]", "", s)         # U.S. -> us, O'Mara -> omara
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s

def forms(e):
    # "Stuart E.Jones" and "Stuart E. Jones" are one form: try periods both dropped and spaced.
    out = set()
    for x in [e["name"]] + list(e.get("aliases", [])):
        for variant in (x, x.replace(".", ". ")):
            n = norm(variant)
            if n:
                out.add(n)
    return out

def score(pred_path, gold_dir, only_caps=False, errors=False):
    gold = {}
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".json"):
            g = json.load(open(os.path.join(gold_dir, name)))
            if only_caps and not g.get("allcaps"):
                continue
            gold[g["id"]] = g
    preds = {}
    for line in open(pred_path):
        line = line.strip()
        if line:
            p = json.loads(line)
            preds[p["id"]] = p
    missing = sorted(set(gold) - set(preds))
    if missing:
        print(f"warning: no prediction for {len(missing)} gold cables: {' '.join(missing)}", file=sys.stderr)
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, fp, fn
    for cid, g in gold.items():
        p = preds.get(cid, {"entities": []})
        for t in TYPES:
            gold_ents = [forms(e) for e in g["entities"] if e["type"] == t]
            pred_ents = [(e, forms(e)) for e in p["entities"] if e["type"] == t]
            used = set()
            fps = []
            for e, f in pred_ents:
                hit = next((i for i, gf in enumerate(gold_ents) if i not in used and gf & f), None)
                if hit is None:
                    # Includes a second entity for a name already matched: a merging error.
                    counts[t][1] += 1
                    fps.append(e["name"] + (" (duplicate)" if any(gold_ents[i] & f for i in used) else ""))
                else:
                    used.add(hit)
                    counts[t][0] += 1
            fns = [sorted(gold_ents[i])[0] for i in range(len(gold_ents)) if i not in used]
            counts[t][2] += len(fns)
            if errors and (fps or fns):
                print(f"{cid} {t}: FP {fps}  FN {fns}")
    rows = []
    total = [0, 0, 0]
    for t in TYPES:
        tp, fp, fn = counts[t]
        total = [a + b for a, b in zip(total, counts[t])]
        rows.append((t, tp, fp, fn))
    rows.append(("micro", *total))
    out = []
    for t, tp, fp, fn in rows:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append({"type": t, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f})
    return out, len(gold)

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("predictions")
    ap.add_argument("--gold", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "gold"))
    ap.add_argument("--only-caps", action="store_true")
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    rows, n = score(a.predictions, a.gold, a.only_caps, a.errors)
    print(f"{n} gold cables{' (ALL-CAPS only)' if a.only_caps else ''}")
    print(f"{'type':<13}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for r in rows:
        print(f"{r['type']:<13}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
