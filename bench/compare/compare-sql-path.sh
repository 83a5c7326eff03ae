#!/usr/bin/env bash
# Old build against new build on the SQL path, interleaved: old, new, old, new, ...
#   bench/compare/compare-sql-path.sh OLD_CHECKOUT NEW_CHECKOUT ROUNDS OUT_DIR [SqlPathBenchmark options]
# Each checkout must have been built with `mvn -B -q -DskipTests package` (bench/target/classpath.txt).
# Then: python3 bench/compare/summary.py OUT_DIR  (medians per path of CPU µs/query and QPS).
# MID=CHECKOUT adds a third build between them in every round (old, mid, new, ...); summary.py then
# also compares mid with new.
set -euo pipefail
old=$1; new=$2; rounds=$3; out=$4; shift 4
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
  sides="old new"; [[ -n "${MID:-}" ]] && sides="old mid new"
  for side in $sides; do
    repo=$old; [[ $side == new ]] && repo=$new; [[ $side == mid ]] && repo=$MID
    work="$out/work-$side"
    rm -rf "$work"
    echo "round $r $side $(date +%T)"
    (cd "$repo" && "$java" -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.veles.bench.sql.SqlPathBenchmark \
      --n 20000 --dim 128 --queries 4000 --passes 3 --efs 32 --threads 1 \
      --paths engine,embedded,remote-veles --ingest engine,batch --prepare false \
      --data "$out/data" --work "$work" --reuse false --out "$out/$side-$r" "$@") > "$out/$side-$r.log" 2>&1
  done
done
