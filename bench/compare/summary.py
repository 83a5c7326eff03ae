"""Medians over the rounds of compare-sql-path.sh: CPU µs/query and QPS per path, ingest per CPU s."""
import csv, glob, os, re, statistics, sys

out = sys.argv[1]
knn, ingest = {}, {}
for side in ("old", "new"):
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
print("| path | ef | threads | CPU µs/query old → new (median) | QPS old → new (median) | QPS new/old | rounds |")
print("|---|---|---|---|---|---|---|")
for k, v in sorted(knn.items()):
    o, n = v.get("old"), v.get("new")
    if not o or not n:
        continue
    print(f"| {k[0]} | {k[1]} | {k[2]} | {med(o['cpu']):.0f} → {med(n['cpu']):.0f} | "
          f"{med(o['qps']):.0f} → {med(n['qps']):.0f} | {med(n['qps']) / med(o['qps']):.3f} | {len(o['qps'])}/{len(n['qps'])} |")
print()
print("| ingest | rows per CPU s old → new (median) | new/old |")
print("|---|---|---|")
for k, v in ingest.items():
    if v.get("old") and v.get("new"):
        print(f"| {k} | {med(v['old']):.0f} → {med(v['new']):.0f} | {med(v['new']) / med(v['old']):.3f} |")
