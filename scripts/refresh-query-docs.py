"""Regenerate docs/queries.md from the shipped queries and a build.

python scripts/refresh-query-docs.py output/graph.trig
"""

import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = sys.argv[1]
ROWS = 12

INTRO = """# Querying the graph

kg answers SPARQL 1.1 three ways: `kg query` on the command line, `kg serve`
as an HTTP endpoint, and any triple store you push the graph into with
`kg load`. All three see the same dataset: the **merged graph is the default
graph**, and each article's own reading is a named graph
(`<{base}graph/article/{slug}>`) reachable with `GRAPH`.

## kg query

    kg query 'SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
    kg query -f queries/roles.rq                       # a ready-made query
    kg query -f queries/roles.rq --format csv > roles.csv
    echo 'ASK { ?a kg:met ?b }' | kg query -           # from stdin

- `--data` (default `output/graph.trig`) also reads `.ttl`, `.nq`, `.nt`,
  `.jsonld`. The merged graph is found by its `void:Dataset` description (or
  its `…/graph/merged` name), so a build with another `--base-iri` works as is.
- `--union` queries the union of all graphs instead (article-level nodes included).
- kg's prefixes are predeclared (`kg:`, `rdf:`, `rdfs:`, `skos:`, `prov:`,
  `schema:`, `nif:`, `dcterms:`, `owl:`, `xsd:`, `void:` …, and `:` for the
  base IRI); a `PREFIX` line in the query wins. The files in `queries/`
  declare their prefixes anyway, so they run unchanged on other stores.
- Output: an aligned table (IRIs shortened, long cells clipped at
  `--max-width`, 0 for never), or `--format csv|tsv|json|xml`, which are the
  SPARQL 1.1 result formats byte for byte. `CONSTRUCT`/`DESCRIBE` print
  Turtle (`--format ntriples` for N-Triples), `ASK` prints `true`/`false`.
- A malformed query prints one line, e.g.
  `kg query: SPARQL syntax error at line 3, column 12: expected …`, and exits
  with status 2.

From Python:

    from kg.query import run, render_table
    result = run(open("queries/roles.rq").read(), "output/graph.trig")
    print(render_table(result))
    result.serialize("csv")      # bytes; also "json", "tsv", "xml"
    result.rows, result.variables, result.boolean, result.triples

`run` also takes an `rdflib.Dataset` (e.g. from `kg.build`) or a
`pyoxigraph.Store`.

## kg serve

    kg serve                       # http://127.0.0.1:7878/
    kg serve --port 0              # any free port; the URL is printed
    kg serve --allow-update        # accept SPARQL Update at /update

A SPARQL 1.1 Protocol endpoint at `/sparql` (and `/query`): `GET ?query=`,
`POST` as a form or as `application/sparql-query`. Results follow the
`Accept` header: SPARQL JSON (default), XML, CSV, TSV; Turtle (default),
N-Triples, RDF/XML or JSON-LD for `CONSTRUCT`. `default-graph-uri` and
`named-graph-uri` choose another dataset. `/` serves the viewer,
`graph.html` next to the data file. Read-only unless `--allow-update`
(updates are refused with 403); updates live in memory until the server
stops, and an update without `GRAPH` writes to a default graph that queries
see together with the merged graph. A malformed query gets 400 with the
parser's message.

## kg load

    kg load --endpoint http://localhost:7878/store             # Oxigraph
    KG_LOAD_PASSWORD=… kg load --auth digest --user dba \\
        --endpoint http://localhost:8890/sparql-graph-crud-auth  # Virtuoso

Sends every graph of the build (merged first, then one per article) with the
SPARQL 1.1 Graph Store HTTP Protocol, `PUT {endpoint}?graph=<IRI>`, as
N-Triples (`--format turtle` for Turtle). PUT replaces a graph, so loading
again leaves the store as after the first load. `--graph-store-path /store`
is appended to an endpoint given as the server's root. `--auth` is `none`,
`basic`, `digest` or `bearer`; the password comes only from
`KG_LOAD_PASSWORD`, the token only from `KG_LOAD_TOKEN`, and neither is ever
printed or logged (`-v` logs each request). A graph that fails is reported
with the store's answer and the exit status is 1; after a refusal (401/403)
or an unreachable store the remaining graphs are not sent.

To run the ready-made queries on a store, give it the merged graph as the
default graph: `default-graph-uri=<{base}graph/merged>` in the protocol
request. (Virtuoso, without it, sees every graph it holds, system graphs
included.) On a Virtuoso with very little data, its cost estimator may refuse
queries with several `OPTIONAL`s ("estimated execution time … exceeds the
limit"); set `MaxQueryCostEstimationTime = 0` in the `[SPARQL]` section of
`virtuoso.ini`. The test suite (`tests/stores/`) loads the seed build into
real Oxigraph and Virtuoso servers and checks every query below answers
there exactly as `kg query` does.

## Ready-made queries

Each file in `queries/` starts with a comment saying what it answers and has
no `FROM` clause. The outputs below are `kg query -f queries/NAME.rq
--max-width 34` on a build of the seed articles in `sources/` (first
{rows} rows). An empty table means the current extractors find nothing of
that kind in the seeds yet; `tests/query/data/mini.trig`, a small
hand-written graph, shows every query's shape in the tests.
"""

SECTIONS = [
    (
        "who-met-whom",
        "Who met whom, when, where",
        "Every `kg:met` fact and every pair of participants of a `kg:Meeting`, one row per pair and "
        "meeting, with the meeting's `kg:date` and `kg:place`. Each pair appears once, whichever way "
        "round the graph states it; a met fact with no recorded meeting has empty date and place.",
    ),
    (
        "roles",
        "Roles",
        "Every role each person holds (`kg:holdsRole` or `kg:roleHolder`): its label, what it is a "
        'role of (`kg:roleOf`, a country or organisation) and its `kg:roleQualifier` ("newly '
        'appointed", "former").',
    ),
    (
        "quotes-by-person",
        "Quotes by a person",
        "All `kg:Quote`s with their speaker, the intermediary who relayed them (`kg:intermediary`), "
        "the event they are about and each article they appear in. To keep one person's quotes, "
        'uncomment the line `# BIND ("shoigu" AS ?who)` and put in any part of the name, in any case '
        "(`rdfs:label` and `skos:altLabel` are searched).",
    ),
    (
        "fact-sources",
        "Where a fact comes from",
        "Each claim node (`rdf:subject`, `rdf:predicate`, `rdf:object`), each article it was derived "
        "from (`prov:wasDerivedFrom`) paired with the sentence that article states it in "
        "(`kg:evidence` / `kg:sentence`), with the claim's `kg:confidence`, `kg:negated` and "
        "`kg:hedged`. Negated and hedged claims only exist here, never as plain triples. Uncomment a "
        "`VALUES` line to look at one predicate or one subject.",
    ),
    (
        "conflicts",
        "Conflicts between sources",
        "Each `kg:Conflict`: the node and property the sources disagree on, and one row per competing "
        "value (`kg:alternative` claims) with its confidence and the articles giving it.",
    ),
    (
        "entities-by-articles",
        "Most-reported entities",
        "People, organisations and places ranked by the number of distinct articles they were derived "
        "from (`prov:wasDerivedFrom`); `kind` is the entity's class.",
    ),
    (
        "timeline",
        "Timeline",
        "Every event with a `kg:date` (or only a `kg:startDate`) in date order, with its kind, place, "
        "interval (`kg:startDate`/`kg:endDate`) and the words used for its time "
        "(`kg:timeExpression`). Dates can be days, months or years; they sort by their text, so "
        "`2023` comes before `2023-04` and `2023-04-16`.",
    ),
]


def output(name):
    text = (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "query",
                "--data",
                DATA,
                "-f",
                f"queries/{name}.rq",
                "--max-width",
                "34",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.rstrip("\n")
        .splitlines()
    )
    if len(text) > ROWS + 3:
        text = text[: ROWS + 2] + ["…", text[-1]]
    return "\n".join(text)


parts = [INTRO.replace("{rows}", str(ROWS))]
for name, title, prose in SECTIONS:
    parts.append(
        f"### {title} — `queries/{name}.rq`\n\n{prose}\n\n```\n$ kg query -f queries/{name}.rq\n{output(name)}\n```\n"
    )
(ROOT / "docs" / "queries.md").write_text("\n".join(parts), encoding="utf-8")
