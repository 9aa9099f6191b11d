"""Checks across data files: every reference resolves and every id is unique.

Each check walks the validated models alongside the path of each value, so a problem is
reported at the exact place in the file that names the missing thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from generator.addresses import CATALOGUE_PAGE, abbreviation_anchor, intervention_page
from generator.data.load import LoadedFile
from generator.data.projectdata import CATALOGUE_FILE, GLOSSARY_FILE, LEIDRAAD_DIR, MONITOR_DIR, REGIONS_DIR, SOURCES_FILE, Project
from generator.data.validate import suggestion
from generator.errors import Diagnostic
from generator.models import AGREEMENT_FACTS, EarlierRegion, MonitorOverview, Region, SourceRef, models_in


def check(project: Project) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    problems += _check_sources(project)
    problems += _check_glossary(project)
    problems += list(_check_monitors(project))
    problems += _check_catalogue(project)
    problems += _check_leidraden(project)
    problems += _check_regions(project)
    return problems


# Dutch adjectives agree with the noun: "het kernelement" takes "onbekend", "de interventie" "onbekende".
_NEUTER = {"kernelement", "brondocument"}


def _unknown(loaded: LoadedFile, loc: tuple, code: str, what: str, value: str, known: Iterable[str], hint: str) -> Diagnostic:
    adjective = "onbekend" if what in _NEUTER else "onbekende"
    return Diagnostic(loaded.position(loc), code, f"{adjective} {what} '{value}'{suggestion(value, known)}; {hint}")


def _duplicates(loaded: LoadedFile, items: Iterable[tuple[tuple, str]], what: str) -> Iterator[Diagnostic]:
    """E202 for every id that occurs before at another path."""
    first: dict[str, tuple] = {}
    for loc, item_id in items:
        if item_id in first:
            line = loaded.position(first[item_id]).line
            yield Diagnostic(
                loaded.position(loc), "E202", f"{what} '{item_id}' komt twee keer voor (eerst op regel {line}); geef elk een eigen id"
            )
        else:
            first[item_id] = loc


def source_refs(value: object) -> Iterator[tuple[tuple, SourceRef]]:
    """Every SourceRef inside a model, with its path."""
    return models_in(value, SourceRef)


def _check_refs_in(project: Project, loaded: LoadedFile, model: object) -> Iterator[Diagnostic]:
    documents = {d.id for d in project.sources.documenten}
    for loc, ref in source_refs(model):
        if ref.document not in documents:
            yield _unknown(loaded, (*loc, "document"), "E204", "brondocument", ref.document, documents, "voeg het toe aan data/bronnen.yml")


def _check_glossary(project: Project) -> list[Diagnostic]:
    loaded = project.files.get(GLOSSARY_FILE)
    if loaded is None:
        return []
    problems = list(_check_refs_in(project, loaded, project.glossary))
    items = [(("afkortingen", i, "afkorting"), a.afkorting) for i, a in enumerate(project.glossary.afkortingen)]
    problems += _duplicates(loaded, items, "afkorting")
    # Two spellings that become one heading id on the glossary page: links to the second lead to the first.
    places: dict[str, tuple[str, tuple]] = {}
    for loc, abbreviation in items:
        anchor = abbreviation_anchor(abbreviation)
        if anchor in places and places[anchor][0] != abbreviation:
            first, first_loc = places[anchor]
            problems.append(
                Diagnostic(
                    loaded.position(loc),
                    "E202",
                    f"afkorting '{abbreviation}' krijgt op de pagina Afkortingen dezelfde plek (#{anchor}) als '{first}' "
                    f"(regel {loaded.position(first_loc).line}); zet de ene onder 'ook' van de andere, of kies een andere schrijfwijze",
                )
            )
        places.setdefault(anchor, (abbreviation, loc))
    # A spelling under `ook` gets the abbreviation's tooltip and counts as mentioning it in search:
    # a long form there ("doktersassistente" for DA) would explain a word with itself.
    for i, a in enumerate(project.glossary.afkortingen):
        for j, form in enumerate(a.ook):
            if not _bare(form).startswith(_bare(a.afkorting)):
                problems.append(
                    Diagnostic(
                        loaded.position(("afkortingen", i, "ook", j)),
                        "E214",
                        f"'{form}' is geen schrijfwijze van de afkorting '{a.afkorting}'; zet onder 'ook' alleen vormen van de "
                        "afkorting zelf (zoals POH'er of WSV-en); wat ze voluit betekent hoort onder 'betekenis'",
                    )
                )
    return problems


def _check_monitors(project: Project) -> Iterator[Diagnostic]:
    """A published regiomonitor belongs to a region of the project and is named after it."""
    for path, loaded in project.files.items():
        if not path.startswith(MONITOR_DIR + "/"):
            continue
        region = loaded.data.get("regio") if isinstance(loaded.data, dict) else None
        if region not in project.regions:
            yield _unknown(
                loaded,
                ("regio",),
                "E216",
                "regio",
                str(region),
                project.regions,
                "publiceer het overzicht opnieuw met regioplan monitor --publish",
            )
        elif Path(path).stem != region:
            yield Diagnostic(
                loaded.position(("regio",)), "E209", f"regio '{region}' past niet bij de bestandsnaam; noem het bestand {region}.yml"
            )
        elif region in project.monitors:
            yield from _check_monitor_rows(project.monitors[region], loaded)


def _check_monitor_rows(overview: MonitorOverview, loaded: LoadedFile) -> Iterator[Diagnostic]:
    """Every count can be shown: the page lists each intervention under its kernelement, with a count
    per year. A row under a kernelement the overview does not have would be left out, and a row
    with a count too many or too few would put counts under other years."""
    again = "publiceer het overzicht opnieuw met regioplan monitor --publish, of herstel de regel"
    kernels = {row.naam for row in overview.kernelementen}
    for number, row in enumerate(overview.interventies):
        if row.kernelement not in kernels:
            under = f"kernelement '{row.kernelement}'" if row.kernelement else "geen kernelement"
            problem = f"interventie '{row.naam}' staat onder {under}, dat niet onder 'kernelementen' staat: de pagina kan haar aantallen niet tonen; {again}"
            yield Diagnostic(loaded.position(("interventies", number, "kernelement")), "E222", problem)
    for part in ("kernelementen", "interventies"):
        for number, row in enumerate(getattr(overview, part)):
            if len(row.aantallen) != len(overview.jaren):
                problem = (
                    f"'{row.naam}' heeft {len(row.aantallen)} aantallen bij {len(overview.jaren)} jaren onder 'jaren': "
                    f"de aantallen zouden onder andere jaren komen; {again}"
                )
                yield Diagnostic(loaded.position((part, number, "aantallen")), "E223", problem)


def _bare(abbreviation: str) -> str:
    """'POH-GGZ' and 'poh ggz' alike: lower case, without hyphens, apostrophes and spaces."""
    return re.sub(r"[-'’\s]", "", abbreviation.casefold())


def raw_intervention_ids(catalogue, loaded_files: list[LoadedFile]) -> list[Diagnostic]:
    """E201 for unknown intervention ids in region files that did not validate, read from their raw
    data, so a misspelt id is reported together with the file's field errors."""
    national = {v.id for v in catalogue.interventies}
    found = []
    for loaded in loaded_files:
        data = loaded.data if isinstance(loaded.data, dict) else {}
        own_items = data.get("eigen_interventies") if isinstance(data.get("eigen_interventies"), list) else []
        own = {item.get("id") for item in own_items if isinstance(item, dict)}
        items = data.get("interventies") if isinstance(data.get("interventies"), list) else []
        for i, item in enumerate(items):
            chosen = item.get("interventie") if isinstance(item, dict) else None
            if isinstance(chosen, str) and chosen not in national | own:
                found.append(
                    _unknown(
                        loaded,
                        ("interventies", i, "interventie"),
                        "E201",
                        "interventie",
                        chosen,
                        national | {o for o in own if isinstance(o, str)},
                        "gebruik een id uit data/catalogus.yml of declareer haar onder 'eigen_interventies'",
                    )
                )
    return found


def _check_sources(project: Project) -> Iterator[Diagnostic]:
    loaded = project.files[SOURCES_FILE]
    yield from _duplicates(loaded, ((("documenten", i, "id"), d.id) for i, d in enumerate(project.sources.documenten)), "brondocument")


def _check_catalogue(project: Project) -> Iterator[Diagnostic]:
    loaded = project.files[CATALOGUE_FILE]
    catalogue = project.catalogue
    kernels = {k.id for k in catalogue.kernelementen}
    yield from _duplicates(loaded, ((("kernelementen", i, "id"), k.id) for i, k in enumerate(catalogue.kernelementen)), "kernelement")
    yield from _duplicates(loaded, ((("interventies", i, "id"), v.id) for i, v in enumerate(catalogue.interventies)), "interventie")
    for i, intervention in enumerate(catalogue.interventies):
        if intervention_page(intervention.id) == CATALOGUE_PAGE:
            yield Diagnostic(
                loaded.position(("interventies", i, "id")),
                "E105",
                f"id '{intervention.id}' is de naam van de pagina van de catalogus zelf ({CATALOGUE_PAGE}); kies een andere id",
            )
        if intervention.kernelement not in kernels:
            yield _unknown(
                loaded,
                ("interventies", i, "kernelement"),
                "E203",
                "kernelement",
                intervention.kernelement,
                kernels,
                "gebruik een id uit 'kernelementen'",
            )
        variants = ((("interventies", i, "varianten", j, "id"), v.id) for j, v in enumerate(intervention.varianten))
        yield from _duplicates(loaded, variants, "variant")
    yield from _check_refs_in(project, loaded, catalogue)


def derived_from(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every document id in an `afgeleid_uit` list inside a model, with its path."""
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from derived_from(item, (*loc, i))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name == "afgeleid_uit":
                yield from ((((*loc, name, i)), d) for i, d in enumerate(getattr(value, name)))
            else:
                yield from derived_from(getattr(value, name), (*loc, name))


def _check_leidraden(project: Project) -> Iterator[Diagnostic]:
    kernels = {k.id for k in project.catalogue.kernelementen}
    documents = {d.id for d in project.sources.documenten}
    for leidraad in project.leidraden.values():
        loaded = project.file_of(LEIDRAAD_DIR, leidraad.id)
        yield from _check_refs_in(project, loaded, leidraad)
        for loc, document in derived_from(leidraad):
            if document not in documents:
                yield _unknown(loaded, loc, "E204", "brondocument", document, documents, "voeg het toe aan data/bronnen.yml")
        if leidraad.document and leidraad.document not in documents:
            yield _unknown(loaded, ("document",), "E204", "brondocument", leidraad.document, documents, "voeg het toe aan data/bronnen.yml")
        if leidraad.groeimodel is None:
            continue
        model = leidraad.groeimodel
        growth = ((("groeimodel", "kernelementen", i, "kernelement"), g.kernelement) for i, g in enumerate(model.kernelementen))
        yield from _duplicates(loaded, growth, "kernelement")
        for i, g in enumerate(model.kernelementen):
            if g.kernelement not in kernels:
                yield _unknown(
                    loaded,
                    ("groeimodel", "kernelementen", i, "kernelement"),
                    "E203",
                    "kernelement",
                    g.kernelement,
                    kernels,
                    "gebruik een id uit data/catalogus.yml",
                )
            years = ((("groeimodel", "kernelementen", i, "jaren", j, "jaar"), str(y.jaar)) for j, y in enumerate(g.jaren))
            yield from _duplicates(loaded, years, "jaar")
        yield from _duplicates(loaded, ((("groeimodel", "regels", i, "id"), r.id) for i, r in enumerate(model.regels)), "regel")
        for i, rule in enumerate(model.regels):
            loc = ("groeimodel", "regels", i)
            if rule.soort == "nooit-enige" and rule.kernelement is None:
                yield Diagnostic(loaded.position(loc), "E205", f"regel '{rule.id}' noemt geen kernelement; vul 'kernelement' in")
            if rule.soort in ("geen-verdieping", "eenmalig-per-zorgverlener", "personeel-onderbouwen") and rule.aard is None:
                yield Diagnostic(loaded.position(loc), "E205", f"regel '{rule.id}' noemt geen soort interventie; vul 'aard' in")
            if rule.kernelement and rule.kernelement not in kernels:
                yield _unknown(
                    loaded, (*loc, "kernelement"), "E203", "kernelement", rule.kernelement, kernels, "gebruik een id uit data/catalogus.yml"
                )


def _check_regions(project: Project) -> Iterator[Diagnostic]:
    for region in project.regions.values():
        yield from _check_region(project, project.file_of(REGIONS_DIR, region.id), region)
    yield from _check_earlier_versions(project)


def _check_region(project: Project, loaded: LoadedFile, region: Region, also_known: Iterable[str] = ()) -> Iterator[Diagnostic]:
    """One region file, or one earlier version of it (`also_known`: the current file's own interventions)."""
    catalogue = project.catalogue
    kernels = {k.id for k in catalogue.kernelementen}
    national = {v.id: v for v in catalogue.interventies}
    goals = {g.id for leidraad in project.leidraden.values() for g in leidraad.doelstellingen}
    documents = {d.id for d in project.sources.documenten}
    partial = isinstance(region, EarlierRegion) and region.gegevens == "gedeeltelijk"
    yield from _check_refs_in(project, loaded, region)
    if region.plan.leidraad is not None and region.plan.leidraad not in project.leidraden:
        yield _unknown(
            loaded,
            ("plan", "leidraad"),
            "E206",
            "leidraadversie",
            region.plan.leidraad,
            project.leidraden,
            "gebruik een id uit data/leidraad/",
        )
    if region.plan.document not in documents:
        yield _unknown(
            loaded, ("plan", "document"), "E204", "brondocument", region.plan.document, documents, "voeg het toe aan data/bronnen.yml"
        )

    own = {v.id: v for v in region.eigen_interventies}
    yield from _duplicates(
        loaded, ((("eigen_interventies", i, "id"), v.id) for i, v in enumerate(region.eigen_interventies)), "eigen interventie"
    )
    for i, item in enumerate(region.eigen_interventies):
        loc = ("eigen_interventies", i)
        if item.id in national:
            yield Diagnostic(
                loaded.position((*loc, "id")),
                "E202",
                f"eigen interventie '{item.id}' heeft dezelfde id als een landelijke interventie; verwijs naar de landelijke of kies een andere id",
            )
        if item.kernelement not in kernels:
            yield _unknown(
                loaded, (*loc, "kernelement"), "E203", "kernelement", item.kernelement, kernels, "gebruik een id uit data/catalogus.yml"
            )
        if item.verwant_aan and item.verwant_aan not in national:
            yield _unknown(
                loaded,
                (*loc, "verwant_aan"),
                "E201",
                "interventie",
                item.verwant_aan,
                national,
                "gebruik een id uit data/catalogus.yml",
            )

    filed = [(("interventies", i, "kernelement"), c.kernelement) for i, c in enumerate(region.interventies) if c.kernelement]
    filed += [(("aanbod_per_kernelement", i, "kernelement"), s.kernelement) for i, s in enumerate(region.aanbod_per_kernelement)]
    for where, kernel in filed:
        if kernel not in kernels:
            yield _unknown(
                loaded,
                where,
                "E203",
                "kernelement",
                kernel,
                kernels,
                "gebruik een id uit data/catalogus.yml",
            )
    if not region.interventies and not region.aanbod_per_kernelement and not partial:
        yield Diagnostic(
            loaded.position(("interventies",)),
            "E205",
            "de regio noemt geen interventies en geen aanbod; vul 'interventies' of 'aanbod_per_kernelement' in",
        )
    for name in type(region.horde).model_fields:
        fact = getattr(region.horde, name)
        if fact.waarde != "niet-vermeld" and fact.bron is None:
            yield Diagnostic(
                loaded.position(("horde", name, "waarde")),
                "E211",
                f"'{name}' is {fact.waarde}, maar zonder bron; zeg onder 'bron' waar het plan dit zegt, of maak het niet-vermeld",
            )
        if name in AGREEMENT_FACTS and fact.waarde == "ja" and not fact.met:
            yield Diagnostic(
                loaded.position(("horde", name, "waarde")),
                "E220",
                "een afspraak telt als 'ja' alleen als het plan de partij noemt waarmee de RHO haar maakte; "
                "noem die onder 'met', of maak het niet-vermeld",
            )

    known = set(national) | set(own) | set(also_known)
    selection = (
        (("interventies", i, "interventie"), f"{s.interventie}/{s.variant or s.vorm or ''}") for i, s in enumerate(region.interventies)
    )
    yield from _duplicates(loaded, selection, "keuze")
    for i, chosen in enumerate(region.interventies):
        loc = ("interventies", i)
        if chosen.interventie not in known:
            yield _unknown(
                loaded,
                (*loc, "interventie"),
                "E201",
                "interventie",
                chosen.interventie,
                known,
                "gebruik een id uit data/catalogus.yml of declareer haar onder 'eigen_interventies'",
            )
        if chosen.variant is not None and chosen.vorm is not None:
            yield Diagnostic(
                loaded.position((*loc, "vorm")),
                "E207",
                "kies 'variant' (een vorm die de leidraad kent) of 'vorm' (een eigen vorm van de regio), niet allebei",
            )
        elif chosen.interventie in known and chosen.variant is not None:
            variants = {v.id for v in national[chosen.interventie].varianten} if chosen.interventie in national else set()
            if chosen.variant not in variants:
                yield _unknown(
                    loaded,
                    (*loc, "variant"),
                    "E207",
                    "variant",
                    chosen.variant,
                    variants,
                    f"kies een variant van '{chosen.interventie}'",
                )
        for j, goal in enumerate(chosen.doelstellingen):
            if goal not in goals:
                yield _unknown(
                    loaded,
                    (*loc, "doelstellingen", j),
                    "E208",
                    "doelstelling",
                    goal,
                    goals,
                    "gebruik een id uit de doelstellingen van de leidraad",
                )

    yield from _duplicates(loaded, ((("regels", i, "id"), r.id) for i, r in enumerate(region.regels)), "regel")
    for i, rule in enumerate(region.regels):
        loc = ("regels", i)
        if not rule.interventies and not rule.kernelementen and not rule.intervisie:
            yield Diagnostic(loaded.position(loc), "E205", f"regel '{rule.id}' noemt geen interventies of kernelementen; vul er een van in")
        if rule.soort != "verplicht" and rule.minimaal < 1:
            yield Diagnostic(loaded.position(loc), "E205", f"regel '{rule.id}' vraagt niets: zet 'minimaal' op 1 of meer")
        for j, ref in enumerate(rule.interventies):
            if ref not in known:
                yield _unknown(
                    loaded,
                    (*loc, "interventies", j),
                    "E201",
                    "interventie",
                    ref,
                    known,
                    "gebruik een id uit data/catalogus.yml of uit 'eigen_interventies'",
                )
        for j, ref in enumerate(rule.kernelementen):
            if ref not in kernels:
                yield _unknown(
                    loaded, (*loc, "kernelementen", j), "E203", "kernelement", ref, kernels, "gebruik een id uit data/catalogus.yml"
                )
    yield from _duplicates(loaded, ((("subregios", i, "id"), s.id) for i, s in enumerate(region.subregios)), "subregio")
    yield from _check_history(loaded, region)
    for i, moment in enumerate(region.tijdlijn):
        if moment.deadline and moment.datum is None:
            yield Diagnostic(
                loaded.position(("tijdlijn", i, "deadline")),
                "E215",
                "een uiterste moment zonder datum kan niet in de agenda; vul 'datum' in of haal 'deadline: true' weg",
            )
    plan = region.praktijkplan
    if plan and plan.jaarkolommen == "kalenderjaar" and (region.plan.periode_van is None or region.plan.periode_tot is None):
        yield Diagnostic(
            loaded.position(("praktijkplan", "jaarkolommen")),
            "E212",
            "een formulier per kalenderjaar heeft het eerste en het laatste jaar van het plan nodig; vul plan.periode_van en "
            "plan.periode_tot in of kies 'mtvp-jaar'",
        )
    for i, part in enumerate(plan.onderdelen if plan else []):
        if part.soort == "interventies-met-plan" and not part.kolommen:
            yield Diagnostic(
                loaded.position(("praktijkplan", "onderdelen", i)),
                "E213",
                f"onderdeel '{part.id}' noemt niet wat de praktijk per interventie invult; zet onder 'kolommen' de kolommen die het plan noemt",
            )
        for kernel in part.aanwijzingen:
            if kernel not in kernels:
                loc = ("praktijkplan", "onderdelen", i, "aanwijzingen", kernel)
                yield _unknown(loaded, loc, "E203", "kernelement", kernel, kernels, "gebruik een id uit data/catalogus.yml als sleutel")


def _check_earlier_versions(project: Project) -> Iterator[Diagnostic]:
    """An earlier version sits in the folder of a region and is one of its listed versions, not the current one."""
    for folder, versions in project.earlier_versions.items():
        region = project.regions.get(folder)
        listed = [(v.versie, v.datum) for v in region.versiegeschiedenis[:-1]] if region else []
        for path, earlier in versions.items():
            loaded = project.files[path]
            if region is None:
                yield _unknown(
                    loaded, (), "E217", "regio", folder, project.regions, f"zet eerdere versies in {REGIONS_DIR}/<id van de regio>/"
                )
                continue
            yield from _check_region(project, loaded, earlier, also_known=(v.id for v in region.eigen_interventies))
            if (earlier.plan.versie, earlier.plan.datum) not in listed:
                shown = ", ".join(f"{v or 'zonder nummer'} van {d or 'zonder datum'}" for v, d in listed) or "geen"
                yield Diagnostic(
                    loaded.position(("plan", "versie")),
                    "E218",
                    f"deze versie ({earlier.plan.versie or 'zonder nummer'}, {earlier.plan.datum or 'zonder datum'}) staat niet als eerdere versie "
                    f"in de versiegeschiedenis van {REGIONS_DIR}/{folder}.yml (eerdere versies daar: {shown}); maak versie en datum gelijk",
                )
            if earlier.gegevens == "gedeeltelijk" and not earlier.redactie:
                yield Diagnostic(
                    loaded.position(("gegevens",)),
                    "E219",
                    "bij gedeeltelijke gegevens hoort een noot onder 'redactie': waar komen ze vandaan en wat is er niet van bekend",
                )


def _check_history(loaded: LoadedFile, region) -> Iterator[Diagnostic]:
    """The version history runs from old to new and ends at the plan as it is now."""
    history = region.versiegeschiedenis
    if not history:
        return
    dates = [(i, v.datum) for i, v in enumerate(history) if v.datum]
    for (_, earlier), (i, later) in zip(dates, dates[1:], strict=False):
        if later < earlier:
            yield Diagnostic(
                loaded.position(("versiegeschiedenis", i)),
                "E210",
                "de versiegeschiedenis loopt van oud naar nieuw; zet deze versie eerder in de lijst",
            )
    last = history[-1]
    if (last.versie, last.datum) != (region.plan.versie, region.plan.datum):
        yield Diagnostic(
            loaded.position(("versiegeschiedenis", len(history) - 1)),
            "E210",
            f"de laatste versie in de versiegeschiedenis ({last.versie or 'zonder nummer'}, {last.datum or 'zonder datum'}) "
            f"is niet die van 'plan' ({region.plan.versie or 'zonder nummer'}, {region.plan.datum or 'zonder datum'}); maak ze gelijk",
        )
