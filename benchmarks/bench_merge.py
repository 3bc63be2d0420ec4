"""Benchmark the merger: synthetic articles with a realistic name distribution.

    python benchmarks/bench_merge.py            # 1k, 10k and 50k articles
    python benchmarks/bench_merge.py --quick    # 200 and 1k articles

Each article names about 15 entities: most drawn from a shared pool with a
Zipf distribution (a few people and places in every other story, a long
tail of rare ones), some names seen only once, some spelling variants
("Sergei"/"Sergey"), some bare surnames next to (or away from) the full
name, some acronyms.  ArticleExtraction objects are built directly (no
spaCy).  Each size runs in its own process so that peak memory (ru_maxrss)
is its own; the report gives seconds, peak MiB and the growth ratios
against the previous size (near-linear resolution keeps the time ratio
close to the size ratio).  Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

FIRST = ["Sergei", "Anna", "Li", "Maria", "John", "Wang", "Olga", "Ahmed", "Emma", "Carlos"]
LAST = ["Shoigu", "Petrova", "Shangfu", "Smith", "Garcia", "Keqiang", "Ivanov", "Khan", "Muller"]
ORG_WORDS = ["National", "Defence", "Energy", "Bank", "Union", "Trade", "Air", "Security"]
ORG_KINDS = ["Agency", "Ministry", "Council", "Airlines", "Group", "Institute"]
PLACES = ["Moscow", "Beijing", "Kyiv", "Washington", "Paris", "Berlin", "Tokyo", "Delhi"]
VARIANTS = {"Sergei": "Sergey", "Defence": "Defense", "Shoigu": "Shoygu", "Kyiv": "Kiev"}


def name_pool(size: int, rng: random.Random) -> list[tuple[str, str]]:
    pool = []
    for i in range(size):
        roll = rng.random()
        if roll < 0.5:
            pool.append((f"{rng.choice(FIRST)} {rng.choice(LAST)}{i}", "Person"))
        elif roll < 0.8:
            words = rng.sample(ORG_WORDS, 2)
            pool.append((f"{words[0]} {words[1]} {rng.choice(ORG_KINDS)} {i}", "Organization"))
        else:
            pool.append((f"{rng.choice(PLACES)}{i}", "City"))
    return pool


def articles(count: int, seed: int = 7):
    from kg.model import Article, ArticleExtraction, Entity, Mention

    rng = random.Random(seed)
    pool = name_pool(max(200, count // 2), rng)
    weights = [1.0 / (rank + 1) for rank in range(len(pool))]  # Zipf, s = 1
    out = []
    for a in range(count):
        chosen = {pool[i] for i in rng.choices(range(len(pool)), weights, k=12)}
        chosen |= {(f"Person{a}n{k} Lastname{a}n{k}", "Person") for k in range(2)}  # seen once
        entities = []
        for name, kind in sorted(chosen):
            words = name.split()
            if rng.random() < 0.1:
                words = [VARIANTS.get(w, w) for w in words]
            if kind == "Person" and rng.random() < 0.1:
                words = words[-1:]  # a bare surname
            aliases = [words[-1]] if kind == "Person" and len(words) > 1 else []
            if kind == "Organization" and rng.random() < 0.2:
                aliases.append("".join(w[0] for w in words if w[0].isalpha()).upper())
            text = " ".join(words)
            mentions = [Mention(0, len(text), text, kind, "PERSON" if kind == "Person" else "ORG")]
            entities.append(Entity(f"e{len(entities) + 1}", text, kind, mentions, sorted(aliases)))
        body = f"Story {a}. " + " ".join(e.name for e in entities)
        article = Article(id=f"{a:06d}.txt", source=f"{a:06d}.txt", text=body, content_hash=str(a))
        out.append(ArticleExtraction(article=article, entities=entities))
    return out


def measure(count: int) -> dict:
    from kg.merge import merge

    extractions = articles(count)
    mentions = sum(len(e.mentions) for x in extractions for e in x.entities)
    start = time.perf_counter()
    corpus = merge(extractions)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "articles": count,
        "mentions": mentions,
        "entities": len(corpus.entities),
        "seconds": round(seconds, 2),
        "peak_mib": round(peak, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)  # one size, in a child
    args = parser.parse_args()
    if args.size:
        print(json.dumps(measure(args.size)))
        return
    sizes = [200, 1_000] if args.quick else [1_000, 10_000, 50_000]
    previous = None
    print(f"{'articles':>9} {'mentions':>9} {'entities':>9} {'seconds':>8} {'peak MiB':>9} growth")
    for size in sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--size", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(child.stdout)
        growth = ""
        if previous:
            growth = (
                f"x{row['articles'] / previous['articles']:.0f} articles -> "
                f"x{row['seconds'] / max(previous['seconds'], 1e-9):.1f} time, "
                f"x{row['peak_mib'] / previous['peak_mib']:.1f} memory"
            )
        print(
            f"{row['articles']:>9} {row['mentions']:>9} {row['entities']:>9} "
            f"{row['seconds']:>8} {row['peak_mib']:>9} {growth}"
        )
        previous = row


if __name__ == "__main__":
    main()
