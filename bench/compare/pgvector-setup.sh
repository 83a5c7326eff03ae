#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + pgvector 0.8 on a loopback port, for the pgvector path of
# SqlPathBenchmark (bench/compare/pgvector-knn.sh). Idempotent: every step is skipped when done.
#   bench/compare/pgvector-setup.sh [start] WORK_DIR   installs what is missing, starts the cluster
#   bench/compare/pgvector-setup.sh stop WORK_DIR      stops it (the data stay in WORK_DIR/data)
# Environment:
#   PG_PORT        loopback port of the cluster (default 54329; never 5432, a real one may run there)
#   PGVECTOR_SRC   pgvector's source: a git work tree or bare repository (e.g. a mirror); when unset
#                  or absent, https://github.com/pgvector/pgvector is cloned at PGVECTOR_TAG
#   PGVECTOR_TAG   the tag to build (default: the newest v0.8.* tag of the source or repository)
# Installs Debian's postgresql-15 and postgresql-server-dev-15 with apt-get when missing, builds
# pgvector with PostgreSQL's PGXS and installs it into PostgreSQL 15 (both need root), initdb's
# WORK_DIR/data (trust authentication, loopback only, superuser "bench") and runs the server as the
# "postgres" user when run as root (postgres refuses to run as root). Prints the JDBC URL last.
set -euo pipefail

mode=start
if [[ ${1:-} == start || ${1:-} == stop ]]; then
  mode=$1
  shift
fi
work=${1:?usage: pgvector-setup.sh [start|stop] WORK_DIR}
port=${PG_PORT:-54329}
pgbin=/usr/lib/postgresql/15/bin
mkdir -p "$work"
work=$(cd "$work" && pwd)
data=$work/data

as_pg() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ $mode == stop ]]; then
  if [[ -f $data/postmaster.pid ]]; then
    as_pg "$pgbin/pg_ctl" -D "$data" -m fast -w stop
  fi
  exit 0
fi

apt_install() {
  if [[ $(id -u) != 0 ]]; then
    echo "pgvector-setup: $* missing; run as root or install it (apt-get install $*)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2 || {
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2
  }
}

# 1. PostgreSQL 15 and the headers PGXS builds extensions against.
[[ -x $pgbin/postgres ]] || apt_install postgresql-15
pg_config=$pgbin/pg_config
[[ -f $("$pg_config" --includedir-server)/postgres.h ]] || apt_install postgresql-server-dev-15

# 2. pgvector 0.8, built from its source unless that version is installed already.
control=$("$pg_config" --sharedir)/extension/vector.control
if ! grep -q "^default_version = '0\.8\." "$control" 2>/dev/null; then
  src=$work/pgvector-src
  rm -rf "$src"
  mkdir -p "$src"
  if [[ -n ${PGVECTOR_SRC:-} && -e ${PGVECTOR_SRC} ]]; then
    if [[ -d $PGVECTOR_SRC/.git ]]; then
      gitdir=$PGVECTOR_SRC/.git
    elif [[ -f $PGVECTOR_SRC/HEAD && -d $PGVECTOR_SRC/objects ]]; then
      gitdir=$PGVECTOR_SRC
    else
      gitdir=
    fi
    if [[ -n $gitdir ]]; then
      tag=${PGVECTOR_TAG:-$(git --git-dir="$gitdir" tag -l 'v0.8.*' | sort -V | tail -1)}
      [[ -n $tag ]] || { echo "pgvector-setup: no v0.8 tag in $PGVECTOR_SRC" >&2; exit 1; }
      git --git-dir="$gitdir" archive "$tag" | tar -x -C "$src"
    else
      tag=${PGVECTOR_TAG:-(as found)}
      cp -a "$PGVECTOR_SRC"/. "$src"
    fi
  else
    repo=https://github.com/pgvector/pgvector
    tag=${PGVECTOR_TAG:-$(git ls-remote --tags --refs "$repo" 'v0.8.*' | sed 's#.*/##' | sort -V | tail -1)}
    [[ -n $tag ]] || { echo "pgvector-setup: no v0.8 tag at $repo" >&2; exit 1; }
    rm -rf "$src"
    git clone -q --depth 1 --branch "$tag" "$repo" "$src"
  fi
  echo "pgvector-setup: building pgvector $tag" >&2
  # with_llvm=no: no JIT bitcode, which would need clang and is not used by index scans.
  make -C "$src" -s PG_CONFIG="$pg_config" with_llvm=no >&2
  if [[ $(id -u) != 0 ]]; then
    echo "pgvector-setup: installing into PostgreSQL 15 needs root" >&2
    exit 1
  fi
  make -C "$src" -s PG_CONFIG="$pg_config" with_llvm=no install >&2
fi

# 3. The cluster: owned by postgres when run as root, reachable on loopback only.
if [[ ! -f $data/PG_VERSION ]]; then
  mkdir -p "$data"
  if [[ $(id -u) == 0 ]]; then
    chown postgres: "$work" "$data"
    chmod 0755 "$work"
  fi
  as_pg "$pgbin/initdb" -D "$data" -U bench -A trust -E UTF8 --locale=C >&2
fi
if ! as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "pgvector-setup: port $port is taken; set PG_PORT" >&2
    exit 1
  fi
  # Memory for the table and its HNSW graph (60k x 784 floats: ~190 MB each), so that neither the
  # index build nor the queries read from disk.
  as_pg "$pgbin/pg_ctl" -D "$data" -l "$work/postgres.log" -w -o \
    "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c maintenance_work_mem=2GB" \
    start >&2
fi
if ! as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U bench -d postgres -Atqc \
  "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1; then
  as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U bench bench
fi
as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U bench -d bench -qc \
  "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS vector" >&2
version=$(as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U bench -d bench -Atc \
  "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
echo "pgvector-setup: PostgreSQL 15 + pgvector $version on 127.0.0.1:$port, data in $data" >&2
echo "jdbc:postgresql://127.0.0.1:$port/bench"
