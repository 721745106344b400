#!/usr/bin/env bash
# Relevance on the evaluation tasks of ../shared/eval: the news known-item task (SaudiNewsNet:
# each sampled title must find its own article, indexed without its title) and ARCD questions.
# Prints MRR@10, Recall@10, Recall@100 and Success@1 for each, from the release binary.
#
#   bench/relevance.sh [WORK_DIR]        (default /tmp/khabar-relevance)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
work=${1:-/tmp/khabar-relevance}
cargo build --release -q -p khabar
k=target/release/khabar
rm -rf "$work"
mkdir -p "$work"
python3 $shared/eval/make_task.py news $shared/data/news/saudinewsnet-2015.jsonl.zst "$work/t/news"
python3 $shared/eval/make_task.py qa $shared/data/qa/arcd-train.json "$work/t/qa"
for task in news qa; do
  $k --data "$work/a/$task" ingest "$work/t/$task/docs.jsonl" --quiet 2>/dev/null
  $k --data "$work/a/$task" search --batch "$work/t/$task/queries.tsv" --run "$work/$task.run" --limit 100
  printf '%s: ' "$task"
  python3 $shared/eval/score.py "$work/t/$task/qrels.txt" "$work/$task.run"
  echo
done
