#!/usr/bin/env python3
"""Tables of final best per engine for protocols without an Optuna reference (P3, P4).

Reads one or more candidate files written by `./parzen bench quality` and prints, per problem and
protocol, the median [q25, q75] of the final best of every engine, then pairwise verdicts
(two-sided Mann-Whitney U, p < 0.05) with the statistics of ../shared/bench/bench_stats.py.

  python3 optimizer-service/bench/scripts/protocol_table.py --bench ../shared/bench A.json B.json \
      --pairs auto:random,gp:random,optuna:random,gp:optuna,auto:optuna
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--bench", default="../shared/bench", help="folder of bench_stats.py and problems.json")
    ap.add_argument("--pairs", default="auto:random,gp:random,optuna:random,gp:optuna,auto:optuna")
    ap.add_argument("--cross", help="also compare each engine across two protocols of the same budget, e.g. P4:P2 "
                    "(asynchronous against synchronous batches)")
    args = ap.parse_args()
    sys.path.insert(0, args.bench)
    import bench_stats  # noqa: E402

    directions = {p["name"]: p["direction"] for p in json.load(open(args.bench + "/problems.json"))}
    finals = {}  # (problem, protocol) -> engine -> [final best]
    for f in args.files:
        doc = json.load(open(f))
        for problem, protocols in doc["results"].items():
            for protocol, entry in protocols.items():
                for name, run in entry["optimizers"].items():
                    best = min if directions[problem] == "minimize" else max
                    finals.setdefault((problem, protocol), {})[name.removeprefix("parzen_")] = (
                        [b[-1] for b in run["best_so_far"]] if "best_so_far" in run
                        else [best(v) for v in run["values"]])
    engines = sorted({e for v in finals.values() for e in v})
    print("| problem | protocol | " + " | ".join(engines) + " |")
    print("|---|---|" + "---|" * len(engines))
    for (problem, protocol), by in sorted(finals.items()):
        cells = []
        for e in engines:
            if e in by:
                d = bench_stats.describe(by[e])
                cells.append("%.4g [%.4g, %.4g]" % (d["median"], d["q25"], d["q75"]))
            else:
                cells.append("")
        print("| %s | %s | %s |" % (problem, protocol, " | ".join(cells)))
    pairs = [p.split(":") for p in args.pairs.split(",")]
    print()
    print("| problem | protocol | " + " | ".join("%s vs %s" % (a, b) for a, b in pairs) + " |")
    print("|---|---|" + "---|" * len(pairs))
    tally = {tuple(p): {"W": 0, "T": 0, "L": 0} for p in pairs}
    for (problem, protocol), by in sorted(finals.items()):
        cells = []
        for a, b in pairs:
            if a in by and b in by:
                v, p = bench_stats.verdict(by[a], by[b], directions[problem])
                tally[(a, b)][v] += 1
                cells.append("%s (p=%.2g)" % (v, p))
            else:
                cells.append("")
        print("| %s | %s | %s |" % (problem, protocol, " | ".join(cells)))
    print()
    for (a, b), t in tally.items():
        print("- %s vs %s: %d W / %d T / %d L" % (a, b, t["W"], t["T"], t["L"]))
    if args.cross:
        pa, pb = args.cross.split(":")
        print()
        print("| problem | engine | %s | %s | %s vs %s |" % (pa, pb, pa, pb))
        print("|---|---|---|---|---|")
        for problem in sorted({k[0] for k in finals}):
            a, b = finals.get((problem, pa), {}), finals.get((problem, pb), {})
            for e in engines:
                if e in a and e in b:
                    v, p = bench_stats.verdict(a[e], b[e], directions[problem])
                    print("| %s | %s | %.4g | %.4g | %s (p=%.2g) |" % (problem, e, bench_stats.describe(a[e])["median"],
                                                               bench_stats.describe(b[e])["median"], v, p))


if __name__ == "__main__":
    main()
