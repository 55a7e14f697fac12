"""The targets of issue 18 (item 4), each as a ratio or a figure of one run: met or not."""

from __future__ import annotations

from measured import KB, Result, mib, rows, seconds, size

Row = list[str]
"""A target, what was measured, and "met", "not met" or why it was not measured."""


def verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def missing(n: int) -> str:
    if n == 10_000:
        return "not measured (run with --with-10000)"
    return f"not measured (N = {n:,} not in --sizes)"


def zensical_target(at: dict[int, Result]) -> Row:
    goal = "cold build at N = 1,000 ≥ 1.5 × faster than Zensical (aim: 2 ×)"
    r = at.get(1000)
    if r is None or r.zensical is None:
        return [goal, "—", missing(1000) if r is None else "not measured (--zensical-up-to)"]
    ratio = r.zensical_s / r.ours.wall_s
    with_index = r.zensical_s / (r.ours.wall_s + r.index.wall_s)
    measured = (
        f"{ratio:.2f} × (Zensical {seconds(r.zensical_s)}, ours {seconds(r.ours.wall_s)}; "
        f"{with_index:.2f} × with our search index)"
    )
    return [goal, measured, "met, aim too" if ratio >= 2 else verdict(ratio >= 1.5)]


def plain_target(at: dict[int, Result]) -> Row:
    goal = "cold build at N = 1,000 ≥ 20 × faster than plain MkDocs"
    r = at.get(1000)
    if r is None or r.plain is None:
        return [goal, "—", missing(1000) if r is None else "not measured (--plain-up-to)"]
    ratio = r.plain.wall_s / r.ours.wall_s
    measured = f"{ratio:.2f} × (plain {seconds(r.plain.wall_s)}, ours {seconds(r.ours.wall_s)})"
    return [goal, measured, verdict(ratio >= 20)]


def memory_target(r: Result | None) -> Row:
    goal = "N = 10,000: peak memory ≤ 1 GiB for every process of ours (the indexer's beside)"
    if r is None:
        return [goal, "—", missing(10_000)]
    measured = f"mkdocs build {mib(r.ours.peak_bytes)}; Pagefind {mib(r.index.peak_bytes)}"
    return [goal, measured, verdict(r.ours.peak_bytes <= 2**30)]


def per_point_target(at: dict[int, Result]) -> Row:
    goal = "time per meeting point at N = 10,000 ≤ 1.3 × that at 500"
    if 500 not in at or 10_000 not in at:
        return [goal, "—", missing(10_000 if 500 in at else 500)]
    small, large = at[500], at[10_000]
    ratio = (large.ours.wall_s / large.n) / (small.ours.wall_s / small.n)
    indexed = ((large.ours.wall_s + large.index.wall_s) / large.n) / (
        (small.ours.wall_s + small.index.wall_s) / small.n
    )
    measured = (
        f"{ratio:.2f} × ({large.ours.wall_s / large.n * 1000:.1f} ms against "
        f"{small.ours.wall_s / small.n * 1000:.1f} ms; {indexed:.2f} × with the search index)"
    )
    return [goal, measured, verdict(ratio <= 1.3)]


def loop_target(results: list[Result]) -> Row:
    goal = "each of the six edits in the served page within 1/15 of the cold build at N = 1,000"
    r = next((r for r in results if r.loop), None)
    if r is None:
        return [goal, "—", "not measured (--serve-at not in --sizes)"]
    limit = r.ours.wall_s / 15
    slowest = max(r.loop, key=lambda edit: r.loop[edit])
    measured = (
        f"slowest: {slowest} {seconds(r.loop[slowest])}; limit {seconds(limit)} "
        f"(cold build {seconds(r.ours.wall_s)} / 15)"
    )
    if r.n != 1000:
        measured += f", at N = {r.n:,}, not 1,000"
    return [goal, measured, verdict(r.loop[slowest] <= limit)]


def search_targets(r: Result | None, real: Result | None) -> list[Row]:
    goals = (
        "first search at N = 10,000: ≤ 300 KB compressed",
        "first search at N = 10,000: first result ≤ 1 s",
        "first search on the real site: ≤ 100 KB compressed",
    )
    found = []
    for goal, result, n in zip(goals, (r, r, real), (10_000, 10_000, 0), strict=True):
        if result is None:
            found.append([goal, "—", missing(n) if n else "not measured"])
        elif result.search is None:
            found.append([goal, "—", f"not measured ({result.search_skipped})"])
        elif "1 s" in goal:
            found.append(
                [goal, seconds(result.search.seconds), verdict(result.search.seconds <= 1)]
            )
        else:
            limit = 100 * KB if result.real else 300 * KB
            found.append([goal, size(result.search.bytes), verdict(result.search.bytes <= limit)])
    return found


def query_target(r: Result | None, real: Result | None) -> Row:
    goal = "each query of the tests: a page about it in the first three, real site and N = 10,000"
    if r is None or real is None or not r.queries or not real.queries:
        return [goal, "—", missing(10_000) if r is None else "not measured"]
    found = [sum(ok for *_, ok in x.queries) for x in (real, r)]
    asked = [len(x.queries) for x in (real, r)]
    measured = f"real site {found[0]} of {asked[0]}, N = 10,000 {found[1]} of {asked[1]}"
    return [goal, measured, verdict(found == asked)]


def first_load_target(results: list[Result]) -> Row:
    goal = "a meeting point page's first load ≤ 100 KB compressed, at every N"
    loads = {
        "the real site" if r.real else f"N = {r.n:,}": r.first_load.bytes
        for r in results
        if r.first_load
    }
    largest = max(loads, key=lambda where: loads[where])
    measured = f"largest: {size(loads[largest])}, {largest}"
    if not any(r.n == 10_000 for r in results):
        measured += " (10,000 not run)"
    return [goal, measured, verdict(loads[largest] <= 100 * KB)]


def targets_table(results: list[Result]) -> str:
    at = {r.n: r for r in results if not r.real}
    real = next((r for r in results if r.real), None)
    lines = [
        zensical_target(at),
        plain_target(at),
        memory_target(at.get(10_000)),
        per_point_target(at),
        loop_target(results),
        *search_targets(at.get(10_000), real),
        query_target(at.get(10_000), real),
        first_load_target(results),
    ]
    return rows(["target", "measured", "met?"], lines)
