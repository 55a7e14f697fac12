"""Realistic content of any size for scale tests: N meeting points with every field used, plus
evaluations and parliamentary items that reference them. Deterministic for a given N and seed.

    python bench/content.py N OUT [--seed S]

The shapes come from the complete test fixture (tests/fixtures/minimal); names, places, hours,
amounts and texts vary. All of it is invented test data, never published.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "minimal"

PER_MUNICIPALITY = 20
PER_EVALUATION = 100
PER_PARLIAMENTARY_ITEM = 10
PER_SOURCE_FILE = 100
"""Meeting points whose own sources share one file of `sources/`, so no file grows with N."""

_PLACES = [
    "Büllingen",
    "Großbach",
    "Überdorf",
    "Schönau",
    "Mützenich",
    "Straßheim",
    "Kälberg",
    "Öhlingen",
    "Weißenfeld",
    "Bärenthal",
    "Rödgen",
    "Fußwinkel",
    "Lüttringen",
    "Märzdorf",
]
_KINDS = [
    "Nachbarschaftstreff",
    "Begegnungscafé",
    "Generationenhaus",
    "Treffpunkt",
    "Stadtteilladen",
]
_OFFERS = [
    "Erzählcafé",
    "Spielenachmittag",
    "Sprachcafé",
    "Repair-Café",
    "Mittagstisch",
    "Strickkreis",
    "Hausaufgabenhilfe",
    "Computersprechstunde",
    "Spaziergruppe",
    "Singkreis",
]
_WORDS = [
    "Begegnung",
    "Nachbarschaft",
    "Ehrenamt",
    "Austausch",
    "Beratung",
    "Bildung",
    "Gemeinschaft",
    "Teilhabe",
    "Einsamkeit",
    "Familien",
    "Senioren",
    "Jugendliche",
    "Straße",
    "Größe",
    "Öffnung",
    "Übergang",
    "Gemüsegarten",
    "Förderung",
]
_FIRST_NAMES = [
    "Anna",
    "Bernd",
    "Chantal",
    "Dieter",
    "Elke",
    "Frank",
    "Gisela",
    "Hubert",
    "Ines",
    "Jürgen",
    "Karin",
    "Lothar",
    "Marion",
    "Norbert",
    "Olga",
    "Paul",
    "Renate",
    "Stefan",
    "Tanja",
    "Uwe",
]
_LAST_NAMES = [
    "Baumann",
    "Cremer",
    "Dederichs",
    "Emonts",
    "Fank",
    "Gennen",
    "Heinen",
    "Jousten",
    "Kessler",
    "Lambertz",
    "Mertes",
    "Nelles",
    "Offermann",
    "Pankert",
    "Quadflieg",
    "Rauw",
    "Schröder",
    "Thönnissen",
    "Ulrich",
    "Völl",
    "Weynand",
    "Zimmer",
    "Brüll",
    "Göbbels",
    "Hüsch",
]
"""People's names: a meeting point's people follow from its number (the random sequence of the
rest stays as it was), so each name recurs every 100 meeting points, as names do."""
_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


def _load(rel: str) -> Any:
    """A fixture file with every scalar as text, as the site's loader reads it."""
    return yaml.load((FIXTURE / rel).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the site's loader refuses anchors and aliases


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.random = random.Random(seed)
        self.municipalities = [
            {
                "id": f"gemeinde-{m:04d}",
                "name": f"{self.random.choice(_PLACES)}-{m}",
                "region": "north" if m % 2 else "south",
            }
            for m in range(max(2, n // PER_MUNICIPALITY))
        ]

    def sentence(self, words: int = 12) -> str:
        chosen = [self.random.choice(_WORDS) for _ in range(words)]
        return " ".join(chosen).capitalize() + "."

    def hours(self) -> list[dict[str, Any]]:
        start = self.random.randrange(8, 14)
        days = sorted(self.random.sample(_DAYS, self.random.randrange(1, 5)), key=_DAYS.index)
        return [{"days": days, "opens": f"{start:02d}:00", "closes": f"{start + 3:02d}:30"}]

    def meeting_point(self, i: int, template: dict[str, Any]) -> dict[str, Any]:
        r = self.random
        point = copy.deepcopy(template)
        place = self.municipalities[i % len(self.municipalities)]
        source = [f"quelle-{i:05d}", "quelle-a"]
        point.update(
            name=f"{r.choice(_KINDS)} {place['name']} {i}",
            municipality=place["id"],
            summary=self.sentence(20),
            easy_language=[{"text": self.sentence(10), "sources": source}],
            description=[{"text": self.sentence(40), "sources": source} for _ in range(2)],
            area_of_activity={"text": self.sentence(15), "sources": source},
            contact={
                "phone": "+32 87 " + " ".join(str(r.randrange(10, 99)) for _ in range(3)),
                "email": f"kontakt{i}@example.org",
                "website": f"https://example.org/treffpunkt/{i}",
                "sources": source,
            },
            people=[
                {
                    "name": _FIRST_NAMES[(7 * i + k) % 20]
                    + " "
                    + _LAST_NAMES[(3 * i + 11 * k) % 25],
                    "role": "Koordination",
                    "sources": source,
                }
                for k in range(2)
            ],
            history=[{"date": str(2010 + i % 10), "text": self.sentence(15), "sources": source}],
        )
        point["operator"]["name"] = f"VoG {r.choice(_WORDS)} {i}"
        point["address"].update(
            street=f"{r.choice(_WORDS)}straße {i % 200 + 1}",
            postal_code=str(4700 + i % 90),
            locality=place["name"],
        )
        point["opening_hours"]["regular"] = self.hours() + self.hours()
        point["funding"] = [
            {
                "year": str(2015 + k),
                "amount_eur": f"{r.randrange(5000, 90000)}.{r.randrange(100):02d}",
                "sources": source,
            }
            for k in range(3)
        ]
        point["offers"] = [
            {
                "name": r.choice(_OFFERS),
                "target_groups": ["seniors"],
                "schedule": self.hours(),
                # as the fixture: a calendar file is made while the build date is within a year
                "schedule_confirmed": "2026-11-20",
                "sources": source,
            }
            for _ in range(r.randrange(2, 5))
        ]
        return point

    def source(self, i: int) -> dict[str, Any]:
        """The source that meeting point `i` cites (with the fixture's `quelle-a`)."""
        return {
            "id": f"quelle-{i:05d}",
            "title": f"Jahresbericht Treffpunkt {i}",
            "publisher": "Beispielverlag",
            "url": f"https://example.org/bericht/{i}",
            "date": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
        }

    def evaluation(self, e: int, points: list[str], template: dict[str, Any]) -> dict[str, Any]:
        r = self.random
        evaluation = copy.deepcopy(template)
        evaluation["title"] = f"Qualitätsreflexion {e + 1}"
        evaluation["participants"]["meeting_points"] = points
        evaluation["findings"] = [
            {
                "id": f"befund-{e}-{k}",
                "kind": r.choice(["strength", "need"]),
                "text": self.sentence(25),
                "meeting_points": r.sample(points, min(5, len(points))),
                "sources": ["quelle-a"],
            }
            for k in range(10)
        ]
        recommendations = evaluation["recommendations"]
        for k, rec in enumerate(recommendations):
            rec["id"] = f"empfehlung-{e}-{k}"
            rec["title"] = f"{r.choice(_WORDS)} stärken ({e}-{k})"
            rec["findings"] = [f"befund-{e}-{k}"]
        for withdrawn in evaluation.get("withdrawn", []):
            withdrawn["id"] = f"{withdrawn['id']}-{e}"
            if "merged_into" in withdrawn:
                withdrawn["merged_into"] = f"empfehlung-{e}-0"
        return evaluation

    def parliamentary_item(
        self, p: int, template: dict[str, Any], evaluations: int
    ) -> dict[str, Any]:
        r = self.random
        e = r.randrange(evaluations)
        item = copy.deepcopy(template)
        item.update(
            title=f"Frage zu {r.choice(_WORDS)} ({p})",
            question_summary=self.sentence(20),
            answer_summary=self.sentence(30),
            meeting_points=[f"treffpunkt-{r.randrange(self.n):05d}" for _ in range(2)],
            evaluations=[f"reflexion-{e:03d}"],
            findings=[f"befund-{e}-{r.randrange(10)}"],
            recommendations=[f"empfehlung-{e}-0"],
        )
        item["meeting_points"] = sorted(set(item["meeting_points"]))
        for k, commitment in enumerate(item["commitments"]):
            commitment["id"] = f"zusage-{p}-{k}"
            commitment["title"] = f"{r.choice(_WORDS)} zusagen ({p}-{k})"
            for kind in ("meeting_points", "evaluations", "findings", "recommendations"):
                if commitment.get(kind):
                    commitment[kind] = item[kind][:1]
        for withdrawn in item["withdrawn"]:
            withdrawn["id"] = f"{withdrawn['id']}-{p}"
            withdrawn["merged_into"] = f"zusage-{p}-0"
        return item

    def write(self, out: Path) -> None:
        if out.exists():
            shutil.rmtree(out)
        for name in ("site.yaml", "programme.yaml", "accessibility.yaml"):
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(FIXTURE / name, out / name)
        vocabularies = _load("vocabularies.yaml")
        vocabularies["municipalities"] = self.municipalities
        _write(out / "vocabularies.yaml", vocabularies)
        shutil.copytree(FIXTURE / "sources", out / "sources")
        for first in range(0, self.n, PER_SOURCE_FILE):
            batch = range(first, min(first + PER_SOURCE_FILE, self.n))
            sources = {"sources": [self.source(i) for i in batch]}
            _write(out / "sources" / f"treffpunkte-{first:05d}.yaml", sources)
        point = _load("meeting_points/alpha.yaml")
        ids = [f"treffpunkt-{i:05d}" for i in range(self.n)]
        for i, point_id in enumerate(ids):
            _write(out / "meeting_points" / f"{point_id}.yaml", self.meeting_point(i, point))
        evaluation = _load("evaluations/reflexion.yaml")
        evaluations = max(1, self.n // PER_EVALUATION)
        for e in range(evaluations):
            points = ids[e * PER_EVALUATION : (e + 1) * PER_EVALUATION] or ids
            _write(
                out / "evaluations" / f"reflexion-{e:03d}.yaml",
                self.evaluation(e, points, evaluation),
            )
        item = _load("parliament/frage.yaml")
        for p in range(max(1, self.n // PER_PARLIAMENTARY_ITEM)):
            _write(
                out / "parliament" / f"frage-{p:04d}.yaml",
                self.parliamentary_item(p, item, evaluations),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of meeting points")
    parser.add_argument("out", type=Path, help="content folder to (re)create")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    Generator(args.n, args.seed).write(args.out)


if __name__ == "__main__":
    main()
