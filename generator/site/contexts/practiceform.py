"""A region's praktijkplan form: its parts and fields, for the web page, the PDF and `fill-plan`.

The form has only what the region's plan asks for (its parts, fields and columns, from the
region file), plus what every plan a practice hands in needs: who it is (name, AGB code,
contact person, date, when it started MTVP) and what the rules ask of the plan (who follows a
training, which staff and hours for extra personnel, the reasons for a deepening).

Every field has a Dutch title (the tooltip in a PDF reader, /TU) and says which value of a
saved plan file fills it (`fills`), so the page, the PDF and `regioplan fill-plan` agree on
every field without a second list. `form_values` reads a plan file into those fields.
"""

from __future__ import annotations

import re
from typing import Any

from generator.dutch import NOT_STATED, dutch_date
from generator.models import PlanPart, Region
from generator.rules import plancheck
from generator.rules.plancheck import quarter_label
from generator.rules.planrules import describe_rule

from .base import Lookups

# Identity of the practice: (field name, which is also the plan file's key; label).
IDENTITY = [
    ("praktijk", "Naam van de praktijk"),
    ("agb", "AGB-code van de praktijk"),
    ("contactpersoon", "Contactpersoon voor dit plan"),
    ("datum", "Datum"),
]
# A 'keuze' part with this id is the practice's promise to take part in the intervisie.
INTERVISIE_PART = "intervisie"
IDENTITY_PART = ("praktijkgegevens", "Gegevens van de praktijk")
# The fields of a part when the region's plan does not name them.
DEFAULT_FIELDS = {
    "praktijkgegevens": [label for _, label in IDENTITY],
    "ondertekening": ["Plaats", "Datum", "Naam", "Handtekening"],
    "keuze": ["Akkoord"],
}
# How the year columns count, said on the form itself (by calendar year or not).
YEARS_EXPLAINED = {
    True: "Een kolom per kalenderjaar. Vul onder elk jaar in welk MTVP-jaar het voor uw praktijk is: het jaar waarin de praktijk begon, is MTVP-jaar 1.",
    False: "MTVP-jaar 1 is het eerste jaar vanaf het kwartaal waarin de praktijk begon. Vul onder elk jaar in welke periode het voor uw praktijk is, bijvoorbeeld 2024, of april 2024 tot en met maart 2025.",
}
# What the form asks per year beside the tick, by kind of intervention: for a training who
# follows it, for extra staff which staff and hours (leidraad v3 asks both). (field prefix,
# label, plan file block, title)
YEAR_NOTES = {
    # Names between quotes: an offer's name keeps its own capital ("Het voeren van …") mid-sentence.
    "training": ("wie", "Wie volgt de training", "deelnemers", "Wie volgt “{naam}” {when} (rollen of namen)"),
    "personeel": ("personeel", "Welk personeel, hoeveel uren", "personeel", "“{naam}” {when}: welk personeel en hoeveel uren"),
}
# Empty rows for a plan per intervention when the region does not list the interventions.
PLAN_ROWS = 4


def _field_name(label: str) -> str:
    """A form field name from its label: 'AGB-code van de praktijk' -> 'agb-code-van-de-praktijk'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "veld"


def _field(name: str, label: str, kind: str = "text", fills: tuple = (), title: str | None = None) -> dict[str, Any]:
    return {"naam": name, "label": label, "titel": title or label, "soort": kind, "vult": fills}


# Said on the form, web and PDF, of a region whose sources describe no praktijkplan form.
NO_FORM = "De bronnen van dit regioplan beschrijven geen formulier voor het praktijkplan; vraag de RHO welk formulier zij gebruikt."


class PracticeForm:
    """Builds the form of one region from the shared lookups."""

    def __init__(self, lookups: Lookups, region: Region):
        self.lookups = lookups
        self.region = region
        self.rules = lookups.plan_rules(region)
        self.plan = region.praktijkplan
        self.offers = {o.choice.interventie: o for o in lookups.offers_of(region)}
        # The regioplan's interventions with a field-name-safe key ('id/variant' -> 'id-variant'); the
        # leidraad's others, which a practice may add, are not on the region's form.
        self.items = [
            {**item, "veld": item["key"].replace("/", "-")} for item in self.rules["interventies"] if not item["buiten_regioplan"]
        ]

    def build(self) -> dict[str, Any]:
        plan = self.plan
        parts = (
            list(plan.onderdelen)
            if plan and plan.onderdelen
            else [PlanPart(id="interventies", titel="Gekozen interventies per jaar", soort="interventies-per-jaar")]
        )
        columns = self.columns()
        self._identity_used: set[str] = set()
        built = [self.part(part, columns) for part in parts]
        self._add_identity(built)
        if any(r["soort"] == "verdieping-onderbouwen" for r in self.rules["regels"]):
            position = next(
                (i + 1 for i, p in enumerate(built) if p["soort"] in ("interventies-per-jaar", "interventies-met-plan")), len(built)
            )
            built.insert(position, self._deepening_part())
        transition = plan.overgangsjaar if plan else None
        return {
            "regio": self.region.naam,
            "eigen_formulier": plan is not None,
            "geen_formulier": NO_FORM,
            "plan_titel": self.region.plan.titel or "",
            "plan_versie": self.region.plan.versie or "",
            "plan_datum": dutch_date(self.region.plan.datum),
            "vorm": plan.vorm if plan else None,
            "deadline": (plan.deadline or NOT_STATED) if plan else None,
            "indienen": (plan.indienen or NOT_STATED) if plan else None,
            "instructies": plan.instructies if plan else [],
            "onderdelen": built,
            "kolommen": columns,
            "per_kalenderjaar": self._by_calendar(),
            "jaaruitleg": YEARS_EXPLAINED[self._by_calendar()],
            "overgangsjaar": {"jaar": transition.jaar, "toelichting": transition.toelichting} if transition else None,
            "velden": [field for part in built for field in _fields_of(part, columns)],
            # The interventions on this form: those of the regioplan (a plan may add others from the leidraad).
            "interventies": [{"key": item["key"]} for item in self.items],
        }

    # ------------------------------------------------------------------ years

    def _by_calendar(self) -> bool:
        return bool(self.plan and self.plan.jaarkolommen == "kalenderjaar")

    def columns(self) -> list[dict[str, Any]]:
        """The year columns: per MTVP year, or per calendar year of the plan's period, each with a
        field for the other count (the calendar months of an MTVP year, the MTVP year of a calendar year)."""
        if self._by_calendar():
            transition = self.plan.overgangsjaar.jaar if self.plan.overgangsjaar else None
            return [
                {
                    "id": str(year),
                    "kop": str(year),
                    "noot": "overgangsjaar" if year == transition else "",
                    "kalender": year,
                    "mtvp": None,
                    "veld": _field(
                        f"mtvp-jaar_{year}", "MTVP-jaar", fills=("mtvp-jaar", year), title=f"Welk MTVP-jaar is {year} voor de praktijk?"
                    ),
                }
                for year in range(self.region.plan.periode_van, self.region.plan.periode_tot + 1)
            ]
        return [
            {
                "id": f"jaar-{n}",
                "kop": f"MTVP-jaar {n}",
                "noot": "",
                "kalender": None,
                "mtvp": n,
                "veld": _field(
                    f"periode_jaar-{n}", "Periode", fills=("periode", n), title=f"Periode van MTVP-jaar {n} (kalenderjaar of maanden)"
                ),
            }
            for n in range(1, self.rules["jaren"] + 1)
        ]

    # ------------------------------------------------------------------ parts

    def part(self, part: PlanPart, columns: list[dict[str, Any]]) -> dict[str, Any]:
        built: dict[str, Any] = {
            "id": part.id,
            "titel": part.titel,
            "soort": part.soort,
            "toelichting": part.toelichting,
            "redactie": part.redactie,
            "velden": [],
        }
        if part.soort in ("praktijkgegevens", "ondertekening", "keuze"):
            identity = {label.lower(): name for name, label in IDENTITY}
            for label in part.velden or DEFAULT_FIELDS[part.soort]:
                name = identity.get(label.lower())
                if name:
                    # The date under the signature is the practice's date again, in a field of its own:
                    # one name per field, or the form's labels and the PDF's fields would collide.
                    unique = name if name not in self._identity_used else f"{part.id}_{name}"
                    self._identity_used.add(name)
                    built["velden"].append(_field(unique, label, fills=("identiteit", name)))
                elif part.soort == "keuze":
                    # The region's own promise to take part in the intervisie is the intervisie field.
                    fills = ("intervisie",) if part.id == INTERVISIE_PART else ("onderdeel", part.id)
                    built["velden"].append(_field(f"{part.id}_{_field_name(label)}", label, "checkbox", fills, f"{part.titel}: {label}"))
                else:
                    kind = "textarea" if label.lower().startswith("handtekening") else "text"
                    built["velden"].append(_field(f"{part.id}_{_field_name(label)}", label, kind))
        elif part.soort == "zorgverleners":
            built["kolomkoppen"] = ["Naam", "Functie", "AGB-code"]
            built["rijen"] = [
                {
                    "velden": [
                        _field(f"{part.id}_{n}_{_field_name(c)}", f"Zorgverlener {n}: {c.lower() if c != 'AGB-code' else c}")
                        for c in ("Naam", "Functie", "AGB-code")
                    ]
                }
                for n in range(1, 5)
            ]
        elif part.soort == "interventies-per-jaar":
            built["groepen"] = self._groups(part, columns)
            promised = self.plan and any(p.id == INTERVISIE_PART and p.soort == "keuze" for p in self.plan.onderdelen)
            if self.region.intervisie is not None and not promised:
                built["velden"].append(
                    _field(
                        "intervisie",
                        "De praktijk neemt deel aan de intervisie van de regio.",
                        "checkbox",
                        ("intervisie",),
                        "Deelname aan de intervisie van de regio",
                    )
                )
        elif part.soort == "interventies-met-plan":
            built["jaarkolommen"] = columns if part.per_jaar else []
            built["tekstkolommen"] = part.kolommen
            built["rijen"] = self._plan_rows(part, columns)
        else:  # tekst
            built["velden"].append(_field(f"deel_{part.id}", part.titel, "textarea", ("onderdeel", part.id)))
        return built

    def _add_identity(self, parts: list[dict[str, Any]]) -> None:
        """Put the identity fields the region's form lacks into its first part with the practice's
        details, or into a part of their own at the top."""
        present = {f["naam"] for part in parts for f in part["velden"]}
        missing = [_field(name, label, fills=("identiteit", name)) for name, label in IDENTITY if name not in present]
        lichtingen = self.plan.lichtingen if self.plan else []
        if lichtingen:
            choices = "; ".join(f"{item.naam}: {quarter_label(item.start)}" for item in lichtingen)
            missing.append(_field("start", "Lichting", fills=("start",), title=f"Lichting waarmee de praktijk begon ({choices})"))
        else:
            missing.append(
                _field(
                    "start",
                    "Begonnen met MTVP (kwartaal en jaar)",
                    fills=("start",),
                    title="Kwartaal en jaar waarin de praktijk met MTVP begon, bijvoorbeeld 1e kwartaal 2024",
                )
            )
        home = next((p for p in parts if p["soort"] == "praktijkgegevens"), None)
        if home is None:
            home = {
                "id": IDENTITY_PART[0],
                "titel": IDENTITY_PART[1],
                "soort": "praktijkgegevens",
                "toelichting": None,
                "redactie": None,
                "velden": [],
            }
            parts.insert(0, home)
        home["velden"].extend(missing)
        if lichtingen:
            home["toelichting"] = (
                "Lichtingen: " + "; ".join(f"{item.naam} begon in het {quarter_label(item.start)}" for item in lichtingen) + "."
            )

    def _deepening_part(self) -> dict[str, Any]:
        return {
            "id": "onderbouwing",
            "titel": "Onderbouwing van verdiepingen",
            "soort": "tekst",
            "redactie": None,
            "toelichting": "Verdiept of ontwikkelt de praktijk een interventie verder die zij al eerder deed, dan onderbouwt zij dat: per interventie wat er verdiept wordt en waarom.",
            "velden": [_field("onderbouwingen", "Onderbouwing van verdiepingen", "textarea", ("onderbouwingen",))],
        }

    def _cells(self, item: dict[str, Any], columns: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
        """Per year column: the tick, and for a training who follows it, for personnel which staff and hours."""
        cells = []
        for column in columns:
            when = f"in {column['kop']}"
            tick = _field(
                f"{prefix}_{item['veld']}_{column['id']}",
                f"{item['naam']}, {column['kop']}",
                "checkbox",
                ("keuze", item["key"], column["id"]),
                f"{item['naam']}: uitvoeren {when}",
            )
            note = YEAR_NOTES.get(item["aard"])
            extra = None
            if note:
                prefix_, label, block, title = note
                extra = _field(
                    f"{prefix_}_{item['veld']}_{column['id']}",
                    label,
                    "textarea",
                    fills=(block, item["key"], column["id"]),
                    title=title.format(naam=item["naam"], when=when),
                )
            heading = column["kop"] + (f" ({column['noot']})" if column["noot"] else "")
            cells.append({"kop": heading, "vink": tick, "extra": extra})
        return cells

    def _groups(self, part: PlanPart, columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
        groups = []
        for kernel in self.lookups.kernels:
            items = [i for i in self.items if i["kernelement"] == kernel.id]
            if not items:
                continue
            derived = [
                describe_rule(r, self.rules["kernelementen"])
                for r in self.rules["regels"]
                if kernel.id in r["kernelementen"] and r["soort"] != "nooit-enige"
            ]
            rows = []
            for item in items:
                offer = self.offers.get(item["interventie"])
                rows.append(
                    {
                        "naam": item["naam"],
                        "verplicht": item["status"] == "verplicht",
                        "inspanning": offer.choice.inspanningsverplichting if offer and offer.choice.status == "verplicht" else None,
                        "cellen": self._cells(item, columns, "interventie"),
                    }
                )
            own = part.aanwijzingen.get(kernel.id)
            groups.append({"id": kernel.id, "naam": kernel.naam, "instructies": [own] if own else derived, "rijen": rows})
        return groups

    # Field names start with the part's id: a form can have more than one part with a row per
    # intervention (Eemland's plan of approach and its evaluation), and a PDF field is one per name.
    def _plan_rows(self, part: PlanPart, columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
        year_columns = columns if part.per_jaar else []
        if part.alle_interventies:
            rows = []
            for item in self.items:
                texts = [
                    {
                        "kop": c,
                        "veld": _field(
                            f"{part.id}_{item['veld']}_{_field_name(c)}",
                            f"{item['naam']}: {c}",
                            "textarea",
                            ("aanpak", part.id, item["key"], i),
                        ),
                    }
                    for i, c in enumerate(part.kolommen)
                ]
                rows.append({"naam": item["naam"], "veld": None, "cellen": self._cells(item, year_columns, "aanpak"), "teksten": texts})
            return rows
        # Rows the practice fills in order: the n-th intervention of the plan that has this part.
        return [
            {
                "naam": None,
                "veld": _field(f"{part.id}_{n}_interventie", f"Interventie {n}", "textarea", ("aanpak-naam", part.id, n)),
                "cellen": [],
                "teksten": [
                    {
                        "kop": c,
                        "veld": _field(
                            f"{part.id}_{n}_{_field_name(c)}", f"Interventie {n}: {c}", "textarea", ("aanpak-rij", part.id, n, i)
                        ),
                    }
                    for i, c in enumerate(part.kolommen)
                ],
            }
            for n in range(1, PLAN_ROWS + 1)
        ]


def _fields_of(part: dict[str, Any], columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every field of a built part, in reading order."""
    found: list[dict[str, Any]] = []
    if part["soort"] == "interventies-per-jaar" or part.get("jaarkolommen"):
        found += [column["veld"] for column in columns]
    rows = part.get("rijen", []) + [row for group in part.get("groepen", []) for row in group["rijen"]]
    for row in rows:
        found += row.get("velden", [])
        if row.get("veld"):
            found.append(row["veld"])
        for cell in row.get("cellen", []):
            found += [cell["vink"], *([cell["extra"]] if cell["extra"] else [])]
        found += [text["veld"] for text in row.get("teksten", [])]
    return found + part["velden"]


def form_values(form: dict[str, Any], plan: dict[str, Any], names: dict[str, str]) -> tuple[dict[str, str | bool], list[str]]:
    """The value of every field the plan file fills, and notes on what does not fit this form.

    `plan` is a validated plan file (PracticePlan.model_dump()); `names` maps choice keys to names.
    """
    start = plan.get("start") if plancheck.valid_start(plan.get("start")) else None
    columns = {c["id"]: c for c in form["kolommen"]}
    notes: list[str] = []

    def plan_year(column_id: str) -> int | None:
        column = columns[column_id]
        if column["mtvp"] is not None:
            return column["mtvp"]
        return plancheck.mtvp_year(start, column["kalender"]) if start else None

    values: dict[str, str | bool] = {}
    for field in form["velden"]:
        fills = field["vult"]
        if not fills:
            continue
        kind = fills[0]
        if kind == "identiteit":
            values[field["naam"]] = plan.get(fills[1]) or ""
        elif kind == "start":
            values[field["naam"]] = quarter_label(plan["start"]) if plan.get("start") else ""
        elif kind == "periode":
            values[field["naam"]] = plancheck.span(start, fills[1]) if start else ""
        elif kind == "mtvp-jaar":
            year = plancheck.mtvp_year(start, fills[1]) if start else None
            values[field["naam"]] = "" if year is None else (str(year) if year >= 1 else "nog niet begonnen")
        elif kind == "intervisie":
            values[field["naam"]] = bool(plan.get("intervisie"))
        elif kind == "onderdeel":
            answer = plan.get("onderdelen", {}).get(fills[1])
            values[field["naam"]] = answer if isinstance(answer, bool | str) else False if field["soort"] == "checkbox" else ""
        elif kind in ("aanpak", "aanpak-naam", "aanpak-rij"):
            answers = plan.get("onderdelen", {}).get(fills[1])
            answers = answers if isinstance(answers, dict) else {}
            if kind == "aanpak":
                texts = answers.get(fills[2], [])
                values[field["naam"]] = texts[fills[3]] if fills[3] < len(texts) else ""
            else:
                keys = list(answers)
                key = keys[fills[2] - 1] if fills[2] <= len(keys) else None
                if kind == "aanpak-naam":
                    values[field["naam"]] = names.get(key, key) if key else ""
                else:
                    texts = answers.get(key, []) if key else []
                    values[field["naam"]] = texts[fills[3]] if fills[3] < len(texts) else ""
        elif kind == "onderbouwingen":
            values[field["naam"]] = "\n".join(
                f"{names.get(k, k)}: {text.strip()}" for k, text in plan.get("onderbouwingen", {}).items() if text.strip()
            )
        else:
            year = plan_year(fills[2])
            block = plan.get({"keuze": "keuzes", "deelnemers": "deelnemers", "personeel": "personeel"}[kind], {})
            value = block.get(fills[1], {}).get(str(year)) if year else None
            if kind == "keuze":
                values[field["naam"]] = bool(value)
            elif kind == "deelnemers":
                values[field["naam"]] = ", ".join(value or [])
            else:
                values[field["naam"]] = value or ""
    for part in form["onderdelen"]:
        rows = [r for r in part.get("rijen", []) if r.get("veld") and r["veld"]["vult"][:1] == ("aanpak-naam",)]
        answers = plan.get("onderdelen", {}).get(part["id"])
        if rows and isinstance(answers, dict) and len(answers) > len(rows):
            left = ", ".join(names.get(k, k) for k in list(answers)[len(rows) :])
            notes.append(f"{part['titel']}: het formulier heeft {len(rows)} regels; niet op het formulier: {left}.")
    outside = [names.get(k, k) for k in plan.get("keuzes", {}) if k not in {i["key"] for i in form.get("interventies", [])}]
    if outside and form.get("interventies"):
        notes.append(f"Niet in het regioplan en dus niet op dit formulier: {', '.join(outside)}; zet ze er met de hand bij.")
    if form["per_kalenderjaar"]:
        if start is None:
            notes.append(
                "Het plan zegt niet wanneer de praktijk met MTVP begon; daarom zijn de jaarkolommen leeg gebleven. Vul in de planbouwer het startkwartaal in."
            )
        else:
            shown = {plancheck.mtvp_year(start, c["kalender"]) for c in form["kolommen"]}
            other = sorted({int(y) for years in plan.get("keuzes", {}).values() for y in years} - shown)
            if other:
                outside = ", ".join(str(plancheck.calendar_year(start, y)) for y in other)
                notes.append(f"Keuzes voor {outside} staan niet op dit formulier: het telt alleen de jaren van het regioplan.")
    return values, notes
