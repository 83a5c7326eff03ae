"""Medians over the rounds of compare-sql-path.sh: CPU µs/query and QPS per path, ingest per CPU s."""
import csv, glob, os, re, statistics, sys

out = sys.argv[1]
knn, ingest = {}, {}
for side in ("old", "mid", "new"):
    for d in sorted(glob.glob(f"{out}/{side}-*")):
        if not os.path.isdir(d):
            continue
        for f in glob.glob(d + "/*.csv"):
            for r in csv.DictReader(open(f)):
                k = knn.setdefault((r["path"], r["ef"], r["threads"]), {}).setdefault(side, {"cpu": [], "qps": []})
                k["cpu"].append(float(r["cpu_us_per_query"]))
                k["qps"].append(float(r["qps"]))
        for f in glob.glob(d + "/*.md"):
            for line in open(f):
                if re.match(r"\| (engine insert\(List<Row>\)|JDBC executeBatch) \|", line):
                    cells = [c.strip() for c in line.strip().strip("|").split("|")]
                    ingest.setdefault(cells[0], {}).setdefault(side, []).append(float(cells[8]))
med = statistics.median


def table(a, b):
    print(f"| path | ef | threads | CPU µs/query {a} → {b} (median) | QPS {a} → {b} (median) | CPU {a}/{b} | QPS {b}/{a} | rounds |")
    print("|---|---|---|---|---|---|---|---|")
    for k, v in sorted(knn.items()):
        o, n = v.get(a), v.get(b)
        if not o or not n:
            continue
        print(f"| {k[0]} | {k[1]} | {k[2]} | {med(o['cpu']):.1f} → {med(n['cpu']):.1f} | "
              f"{med(o['qps']):.0f} → {med(n['qps']):.0f} | {med(o['cpu']) / med(n['cpu']):.3f} | "
              f"{med(n['qps']) / med(o['qps']):.3f} | {len(o['qps'])}/{len(n['qps'])} |")
    print()
    print(f"| ingest | rows per CPU s {a} → {b} (median) | {b}/{a} |")
    print("|---|---|---|")
    for k, v in ingest.items():
        if v.get(a) and v.get(b):
            print(f"| {k} | {med(v[a]):.0f} → {med(v[b]):.0f} | {med(v[b]) / med(v[a]):.3f} |")
    print()


table("old", "new")
if any("mid" in v for v in knn.values()):
    table("mid", "new")
