#!/usr/bin/env bash
# Seeds the fuzz corpora from docs-input: each page alone, and every page of a folder as one
# tree (pages joined by `%%%%` lines, each led by its path). Usage: seed.sh [CORPUS_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${1:-$root/generator/fuzz/corpus}"
mkdir -p "$corpus/parse_page" "$corpus/pipeline"
cd "$root/docs-input"
for f in api/*.md resources/*.md; do
  name="$(echo "$f" | tr '/' '_')"
  cp "$f" "$corpus/parse_page/$name"
  { echo "$f"; cat "$f"; } > "$corpus/pipeline/$name"
done
for dir in api resources; do
  for f in "$dir"/*.md; do printf '%s\n' "$f"; cat "$f"; printf '\n%%%%%%%%\n'; done > "$corpus/pipeline/all_$dir"
done
echo "seeded $(ls "$corpus/parse_page" | wc -l) parse_page and $(ls "$corpus/pipeline" | wc -l) pipeline inputs in $corpus"
