#!/usr/bin/env python3
"""Turns benchmark results into the README's markdown table.

Usage: python3 benchmarks/summarize.py benchmarks/results/jmh-*.json benchmarks/results/memory-*.json

For JMH files the figure is the median of all measurement iterations of all forks (the machines are
noisy: one slow iteration moves a mean by 2x), with the JMH mean +- 99.9 % error in brackets. Ratios
are greenhouse / Quasar fork-join (par 1), both from the same file, that is the same run.
"""
import json
import statistics
import sys

KIB = 1024.0
TARGETS = {
    # (benchmark, greenlets) -> (description, test(ratio, greenhouse figure, jdk))
    ("pauseRoundTrip", "100000"): ("<= 1.2x FJ and <= 200 ns (JDK 17)",
                                   lambda r, g, jdk: r <= 1.2 and (jdk != "17" or g <= 200)),
    ("createRunFinish", None): ("<= 1.0x FJ", lambda r, g, jdk: r <= 1.0),
}


def jmh_rows(path, data):
    by_key = {}
    for entry in data:
        name = entry["benchmark"].rsplit(".", 1)[-1]
        params = entry.get("params", {})
        key = (name, params.get("greenlets"))
        raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
        by_key.setdefault(key, {})[params.get("scheduler")] = {
            "median": statistics.median(raw),
            "mean": entry["primaryMetric"]["score"],
            "error": entry["primaryMetric"]["scoreError"],
            "jdk": entry["jdkVersion"].split(".")[0],
        }
    rows = []
    for (name, greenlets), impls in sorted(by_key.items(), key=lambda kv: (kv[0][0], int(kv[0][1] or 0))):
        g, q, v = impls.get("greenhouse"), impls.get("quasarForkJoin"), impls.get("virtualThreads")
        if g is None or q is None:
            continue
        ratio = g["median"] / q["median"]
        label = name + (" (%s greenlets)" % greenlets if greenlets else "")
        target = TARGETS.get((name, greenlets))
        met = ("yes" if target[1](ratio, g["median"], g["jdk"]) else "**no**") if target else "-"
        fmt = lambda m: "%.0f ns (%.0f ± %.0f)" % (m["median"], m["mean"], m["error"])
        rows.append("| %s | %s | %s | %s | %.2fx | %s | %s | %s |" % (
            label, g["jdk"], fmt(g), fmt(q), ratio, fmt(v) if v else "-", target[0] if target else "-", met))
    return rows


def memory_rows(path, data):
    by_count = {}
    for entry in data:
        by_count.setdefault(entry["count"], {})[entry["variant"]] = entry
    rows = []
    for count, variants in sorted(by_count.items()):
        g, q, v = variants.get("greenhouse"), variants.get("quasarForkJoin"), variants.get("virtualThreads")
        jdk = g["jdk"].split(".")[0]
        ratio = g["bytesPerTask"] / q["bytesPerTask"]
        met = "yes" if g["bytesPerTask"] <= 1.2 * KIB else "**no**"
        rows.append("| heap per parked greenlet (%s) | %s | %.0f B | %.0f B | %.2fx | %s | <= 1.2 KiB | %s |" % (
            "{:,}".format(count), jdk, g["bytesPerTask"], q["bytesPerTask"], ratio,
            "%.0f B" % v["bytesPerTask"] if v else "-", met))
    return rows


def main(paths):
    print("| benchmark | JDK | greenhouse | Quasar fork-join (par 1) | ratio | virtual threads | target | met? |")
    print("|---|---|---|---|---|---|---|---|")
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        rows = memory_rows(path, data) if data and "variant" in data[0] else jmh_rows(path, data)
        for row in rows:
            print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
