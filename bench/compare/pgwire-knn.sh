#!/usr/bin/env bash
# k-NN QPS through pgjdbc against Veles's PostgreSQL listener, next to Veles's own JDBC driver
# (embedded, and remote over the Avatica server with the Veles driver and with the stock client's
# text binding), all on the same table in one process, interleaved passes (SqlPathBenchmark).
#   bench/compare/pgwire-knn.sh OUT_DIR [SqlPathBenchmark options, e.g. --n 100000 --efs 32,64]
# Build first, from the repository root: mvn -B -o -q package -pl bench -am -DskipTests
# Writes OUT_DIR/sql-path-<N>x<D>.md (QPS, p50/p99, CPU per query, recall per path) and .csv.
set -euo pipefail
out=$1; shift
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
mkdir -p "$out"
"$java" -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.veles.bench.sql.SqlPathBenchmark \
  --n 20000 --dim 128 --queries 2000 --efs 32 --threads 1 --passes 3 \
  --paths embedded,remote-text,remote-veles,pgjdbc --ingest batch --prepare false \
  --work "$out/work" --out "$out" "$@"
