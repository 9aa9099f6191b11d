"""The data model: one typed class per kind of thing in the data files.

Field names are the Dutch words the data files use (the vocabulary of the domain and of the
RHO staff who write them); each field's description is Dutch because it is also the field
reference in the author guide and the JSON Schema that editors show.

Models are strict: no type coercion (a quoted "3" is not a number) and no unknown fields (a
misspelt key is an error, not silently ignored).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# A slug becomes a URL path segment and a file name: lower-case letters, digits and single
# hyphens only, so no path traversal ("../x", "/etc", "a/b") can ever be spelled in one.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
# Invisible control characters: XML (the feed) cannot hold them and a terminal may act on them
# (also the 8-bit ones, U+0080 to U+009F: U+009B starts an escape sequence in some terminals).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# Unicode's noncharacters (U+FDD0 to U+FDEF, and the last two code points of every plane, such as
# U+FFFE and U+FFFF) are not text: XML may not hold them, so one in a plan title broke the feed.
_NONCHARACTER = re.compile("[\ufdd0-\ufdef" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17)) + "]")


def _no_control_characters(value: str) -> str:
    if found := _CONTROL.search(value):
        raise ValueError(f"bevat een onzichtbaar stuurteken (U+{ord(found.group()):04X}); verwijder het (vaak meegekopieerd uit een PDF)")
    if found := _NONCHARACTER.search(value):
        raise ValueError(f"bevat U+{ord(found.group()):04X}, een code die geen teken is; verwijder het")
    return value


def _nothing_invisible(value: str) -> str:
    """Published text holds no control character and no invisible format character (Unicode Cf):
    a zero-width space, soft hyphen or word joiner makes a name look like another one, a
    right-to-left override turns the text around on screen. They arrive by copying from a PDF."""
    _no_control_characters(value)
    # Every format character comes after U+00AC (the soft hyphen, U+00AD, is the first): most text
    # is checked without asking Unicode's tables (at 200 regions 0.6 million asks, 0.1 s of loading).
    if value.isascii():
        return value
    if found := next((c for c in value if c > "\xac" and unicodedata.category(c) == "Cf"), None):
        name = unicodedata.name(found, "onbekend").lower()
        raise ValueError(
            f"bevat een onzichtbaar teken (U+{ord(found):04X}, {name}) dat de tekst anders laat lijken dan hij is; "
            "verwijder het (vaak meegekopieerd uit een PDF)"
        )
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("moet op één regel staan (een naam of titel heeft geen regeleinde); gebruik geen | of > in YAML")
    return _nothing_invisible(value)


# Text shown to readers. Plain text: it is always escaped, never interpreted as Markdown/HTML.
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), AfterValidator(_nothing_invisible)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500), AfterValidator(_one_line)]


# An abbreviation as written: letters and digits, joined by a hyphen, an apostrophe or & (POH-GGZ, POH'er, O&I).
def _safe_for_markdown(value: str) -> str:
    """Markdown marks the HTML and inline parts it sets aside with placeholders such as
    "wzxhzdk:40" and "klzzwxh:0001"; an abbreviation found inside one breaks the page (the plan
    builder vanished, every "(" was lost). So: at least one letter, and none of those words."""
    if not any(c.isalpha() for c in value):
        raise ValueError(f"'{value}' heeft geen letter; een afkorting van alleen cijfers zou ook in getallen gevonden worden")
    if any(word in value.casefold() for word in ("wzxhzdk", "klzzwxh")):
        raise ValueError(f"'{value}' is een woord dat Markdown zelf gebruikt; kies een andere schrijfwijze")
    return value


Abbreviated = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9]+([-'’&][A-Za-z0-9]+)*$", max_length=20), AfterValidator(_safe_for_markdown)
]


def _iso_date(value: object) -> object:
    # YAML gives us the text the author typed; only the unambiguous ISO form is a date.
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2025-07-01")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} bestaat niet; controleer de dag en de maand") from None
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _web_address(value: object) -> object:
    # A full address only, and nothing that could end a Markdown link early: the site links it.
    if isinstance(value, str) and not re.fullmatch(r"https?://[^\s<>\"'()\[\]{}|\\^`]+", value):
        raise ValueError(
            "schrijf een volledig webadres met https://, zonder spaties of haakjes, bijvoorbeeld https://www.voorbeeld.nl/mtvp"
        )
    return value


WebAddress = Annotated[str, BeforeValidator(_web_address), StringConstraints(max_length=2000)]
Year = Annotated[int, Field(ge=2000, le=2100)]
# Whether a source states something. Where a plan is silent the data says "niet-vermeld", and
# every verdict, count and form treats that as unknown: never as "nee" and never as zero.
Stated = Literal["ja", "nee", "niet-vermeld"]
# Ids of source documents (data/bronnen.yml) a rule was reconstructed from, when the leidraad's
# own text is not among the sources or not readable there.
DerivedFrom = Annotated[
    list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]],
    Field(
        description="Ids van brondocumenten (regioplannen) waaruit deze regel is afgeleid, omdat de tekst van de leidraad "
        "zelf niet in de bronnen staat of daar onleesbaar is. Een oordeel op zo'n regel is indicatief, en een regioplan "
        "wordt er nooit alleen aan getoetst als de regel uit dat plan zelf komt."
    ),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


M = TypeVar("M", bound=BaseModel)


def models_in(value: object, kind: type[M] = BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, M]]:
    """Every instance of `kind` inside `value` (a model, or lists, tuples and dicts that hold
    models), each with its path from `value` (field names, list positions, dict keys), in the
    order of the data: an instance before what it holds."""
    if isinstance(value, kind):
        yield path, value
    if isinstance(value, BaseModel):
        items = [(name, getattr(value, name)) for name in type(value).model_fields]
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
    else:
        return
    for key, item in items:
        # A text or number, most of the data, holds no model: passed over without starting a
        # generator for it (at 200 regions 0.1 million of them).
        if isinstance(item, _MAY_HOLD_MODELS):
            yield from models_in(item, kind, (*path, key))


_MAY_HOLD_MODELS = (BaseModel, list, tuple, dict)


# --------------------------------------------------------------------------------------------
# Sources


class WebPage(Model):
    """Een webpagina die (deel van) een bron is."""

    titel: Line = Field(description="Titel van de pagina, zoals de pagina hem noemt.")
    adres: WebAddress = Field(description="Het volledige webadres, met https://.")
    geraadpleegd: IsoDate | None = Field(None, description="Wanneer de pagina is gelezen (JJJJ-MM-DD): webpagina's veranderen.")


class SourceDocument(Model):
    """Een brondocument waar de gegevens uit komen, zodat een lezer het origineel kan nalezen.

    Een bron is een document (een PDF, een brief) of een reeks webpagina's; bij beide kan een
    webadres staan.
    """

    id: Slug = Field(description="Korte naam waarmee bronverwijzingen naar dit document verwijzen.")
    titel: Line = Field(description="Titel van het document.")
    uitgever: Line = Field(description="Wie het document heeft opgesteld of uitgegeven.")
    versie: Line | None = Field(None, description="Versie zoals het document die noemt.")
    datum: IsoDate | None = Field(None, description="Datum van het document (JJJJ-MM-DD).")
    toelichting: Text | None = Field(None, description="Wat voor document dit is.")
    adres: WebAddress | None = Field(None, description="Waar het document online staat (volledig webadres met https://).")
    geraadpleegd: IsoDate | None = Field(None, description="Wanneer het document online is gelezen (JJJJ-MM-DD).")
    paginas: list[WebPage] = Field(
        [], description="Als de bron uit webpagina's bestaat: elke pagina met titel, adres en datum van raadplegen."
    )


class SourceRef(Model):
    """Verwijzing naar de plek in een brondocument waar een gegeven staat."""

    document: Slug = Field(description="Id van het brondocument (uit data/bronnen.yml).")
    sectie: Line = Field(description="Hoofdstuk, paragraaf, bijlage of dia waar het staat.")


class Sources(Model):
    """Inhoud van data/bronnen.yml."""

    documenten: list[SourceDocument] = Field(description="Alle brondocumenten.")


class Abbreviation(Model):
    """Een afkorting zoals huisartsen en de plannen haar gebruiken, met wat ze betekent."""

    afkorting: Abbreviated = Field(description="De afkorting zoals ze geschreven wordt, bijvoorbeeld POH of POH-GGZ.")
    betekenis: Line = Field(description="Voluit, bijvoorbeeld 'praktijkondersteuner huisartsenzorg'.")
    uitleg: Text = Field(description="Wat het is en waarom het in MTVP telt, in eigen woorden.")
    ook: list[Abbreviated] = Field([], description="Andere schrijfwijzen die lezers typen of de documenten gebruiken (POH'er).")
    bron: SourceRef | None = Field(None, description="Waar de afkorting of haar betekenis in een brondocument staat.")
    redactie: Text | None = Field(
        None, description="Noot van de redactie, bijvoorbeeld dat de documenten de afkorting niet uitschrijven en de uitleg van ons is."
    )


class Glossary(Model):
    """Inhoud van data/afkortingen.yml: de afkortingen die de site uitlegt en die de zoekfunctie kent."""

    afkortingen: list[Abbreviation] = Field(description="Alle afkortingen.")


class Point(Model):
    """Een los punt uit een document: een titel en een toelichting in eigen woorden."""

    titel: Line = Field(description="Korte kop.")
    tekst: Text = Field(description="Toelichting in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat.")


# --------------------------------------------------------------------------------------------
# The national catalogue: kernelementen and interventions


class Kernelement(Model):
    """Een van de vier kernelementen van MTVP."""

    id: Slug = Field(description="Korte naam, gebruikt in verwijzingen en adressen.")
    nummer: int = Field(ge=1, le=9, description="Volgorde waarin de leidraad het kernelement noemt.")
    naam: Line = Field(description="Volledige naam.")
    facultatief: bool = Field(False, description="Waar als praktijken dit kernelement mogen overslaan.")
    samenvatting: Line = Field(description="Eén zin over wat het kernelement inhoudt.")
    beschrijving: Text = Field(description="Toelichting in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


Nature = Literal["werkwijze", "training", "ict", "samenwerking", "personeel"]


class Variant(Model):
    """Een uitvoeringsvorm van een interventie (bijvoorbeeld een soort gesprekstraining)."""

    id: Slug = Field(description="Korte naam van de variant, uniek binnen de interventie; regio's verwijzen ernaar met 'variant'.")
    naam: Line = Field(description="De naam zoals de bron hem gebruikt.")
    beschrijving: Text = Field(description="Beschrijving in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Intervention(Model):
    """Een landelijke MTVP-interventie uit de leidraad."""

    id: Slug = Field(description="Korte naam; de pagina staat op interventies/<id>/.")
    naam: Line = Field(description="Naam zoals de leidraad hem noemt.")
    kernelement: Slug = Field(description="Id van het kernelement waaronder de interventie valt.")
    nummer: int | None = Field(
        None, ge=1, description="Nummer in de lijst van leidraad hoofdstuk 4; leeg als de interventie alleen in bijlage B staat."
    )
    aard: Nature = Field(
        description="Soort interventie, voor de regels van het groeimodel: training (eenmalig per zorgverlener), "
        "ict (na invoering niet te verdiepen), werkwijze, samenwerking of personeel."
    )
    samenvatting: Line = Field(description="Eén zin: wat de interventie is.")
    beschrijving: Text = Field(description="Toelichting in eigen woorden.")
    voorbeelden: list[Line] = Field([], description="Voorbeelden die de leidraad noemt.")
    let_op: list[Line] = Field([], description="Aandachtspunten en uitzonderingen.")
    varianten: list[Variant] = Field([], description="Uitvoeringsvormen van deze interventie.")
    bron: list[SourceRef] = Field(min_length=1, description="Waar de interventie in de leidraad staat.")


class Catalogue(Model):
    """Inhoud van data/catalogus.yml: kernelementen en landelijke interventies."""

    kernelementen: list[Kernelement] = Field(description="De vier kernelementen van MTVP.")
    interventies: list[Intervention] = Field(description="Alle landelijke interventies uit de leidraad.")


# --------------------------------------------------------------------------------------------
# The leidraad: groeimodel rules, minimale horde, goals, monitoring, financing

# What a year's rule asks of a practice for one kernelement:
#   nieuw                 at least `minimaal` interventions started new in that year
#   actief                at least `minimaal` interventions running in that year (new or continued)
#   nieuw-of-verdieping   at least `minimaal` new ones or justified deepenings of current ones
#   continueren           what was implemented keeps running (maintenance, refresher training)
#   optioneel             nothing required
Requirement = Literal["nieuw", "actief", "nieuw-of-verdieping", "continueren", "optioneel"]


class YearRule(Model):
    """Wat het groeimodel in één implementatiejaar per kernelement vraagt."""

    jaar: int = Field(ge=1, le=10, description="Implementatiejaar (1, 2, 3, …).")
    en_verder: bool = Field(False, description="Waar als de regel ook voor alle latere jaren geldt.")
    eis: Requirement = Field(description="nieuw, actief, nieuw-of-verdieping, continueren of optioneel.")
    minimaal: int = Field(0, ge=0, le=20, description="Minimum aantal interventies dat aan de eis voldoet.")
    toelichting: Text = Field(description="Toelichting in eigen woorden.")
    afgeleid_uit: DerivedFrom = []


class KernelementGrowth(Model):
    """De regels van het groeimodel voor één kernelement."""

    kernelement: Slug = Field(description="Id van het kernelement (uit data/catalogus.yml).")
    aanbod_minimaal: int | None = Field(None, ge=0, description="Minimum aantal interventies dat de RHO in het regioplan aanbiedt.")
    toelichting: Text = Field(description="Toelichting in eigen woorden.")
    jaren: list[YearRule] = Field(min_length=1, description="Wat elk implementatiejaar vraagt.")
    afgeleid_uit: DerivedFrom = []
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


# General rules that hold across kernelementen:
#   nooit-enige                 interventions of `kernelement` never make up a plan on their own
#   verdieping-onderbouwen      deepening an intervention needs a written justification
#   geen-verdieping             interventions of `aard` cannot be deepened once implemented
#   eenmalig-per-zorgverlener   interventions of `aard` count for one year per care provider
#   geen-herhaling              an implemented intervention may not be repeated without deepening
#   intervisie                  the practice takes part in the intervisie the RHO organises (minimale horde)
RuleKind = Literal[
    "nooit-enige",
    "verdieping-onderbouwen",
    "geen-verdieping",
    "eenmalig-per-zorgverlener",
    "geen-herhaling",
    "personeel-onderbouwen",
    "intervisie",
]


class GeneralRule(Model):
    """Een regel van het groeimodel die voor alle jaren of kernelementen geldt."""

    id: Slug = Field(description="Korte naam: kleine letters, cijfers en koppeltekens; uniek in deze lijst.")
    soort: RuleKind = Field(
        description="Soort regel: nooit-enige, verdieping-onderbouwen, geen-verdieping, eenmalig-per-zorgverlener, geen-herhaling, "
        "personeel-onderbouwen of intervisie."
    )
    kernelement: Slug | None = Field(None, description="Het kernelement waar de regel over gaat (bij nooit-enige).")
    aard: Nature | None = Field(None, description="De soort interventie waar de regel over gaat.")
    titel: Line = Field(description="Korte kop.")
    toelichting: Text = Field(description="Toelichting in eigen woorden.")
    afgeleid_uit: DerivedFrom = []
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Groeimodel(Model):
    """Het groeimodel: per kernelement en jaar wat een praktijk minimaal doet."""

    samenvatting: Text = Field(description="Samenvatting in eigen woorden.")
    kernelementen: list[KernelementGrowth] = Field(description="De regels per kernelement.")
    regels: list[GeneralRule] = Field(description="Regels die voor alle jaren of kernelementen gelden.")
    afgeleid_uit: DerivedFrom = []
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


# What a regioplan must show for the minimale horde; each is a field of a region's `horde` block.
HordeFact = Literal[
    "intervisie_door_rho",
    "regioplan_geaccordeerd",
    "praktijken_committeren",
    "netwerk_sociaal_domein",
    "netwerk_tweede_lijn",
    "netwerk_ggz",
    "onderbouwing_personeel",
    "verdieping_onderbouwing",
    "eigen_interventies_akkoord",
]


class HordeCheck(Model):
    """Wat de site bij een voorwaarde van de minimale horde in elk regioplan nagaat."""

    feit: HordeFact = Field(description="Het veld in het blok 'horde' van een regio dat deze toets beantwoordt.")
    titel: Line = Field(description="Wat het regioplan moet laten zien, als korte zin.")
    alleen_bij: Literal["eigen-interventies"] | None = Field(
        None, description="Toets dit alleen bij een regio met eigen interventies (buiten de landelijke lijst)."
    )
    bron: SourceRef = Field(description="Waar de leidraad dit vraagt.")


class HordeCondition(Model):
    """Eén voorwaarde van de minimale horde."""

    nummer: int = Field(ge=1, description="Volgnummer zoals de bron het gebruikt.")
    id: Slug = Field(description="Korte naam van de voorwaarde.")
    titel: Line = Field(description="Korte kop.")
    tekst: Text = Field(description="Toelichting in eigen woorden.")
    rho_taken: list[Line] = Field([], description="Werkzaamheden van de RHO die bij deze voorwaarde horen.")
    toetsing: list[HordeCheck] = Field(
        [], description="Wat de site bij deze voorwaarde in elk regioplan nagaat; leeg als de voorwaarde via het groeimodel wordt getoetst."
    )
    afgeleid_uit: DerivedFrom = []
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Goal(Model):
    """Een doelstelling van MTVP."""

    nummer: int = Field(ge=1, description="Volgnummer zoals de bron het gebruikt.")
    id: Slug = Field(description="Korte naam van de doelstelling; regio's verwijzen ernaar bij 'doelstellingen'.")
    titel: Line = Field(description="Korte kop.")
    tekst: Text = Field(description="Toelichting in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


Direction = Literal["dalen", "gelijk-of-dalen", "gelijk-of-hoger", "stijgen"]


class Indicator(Model):
    """Een indicator die de zorgverzekeraars minimaal volgen, met het doel erbij."""

    id: Slug = Field(description="Korte naam: kleine letters, cijfers en koppeltekens; uniek in deze lijst.")
    naam: Line = Field(description="Naam van de indicator.")
    doel: Text = Field(description="Wat de beoogde beweging is, in eigen woorden.")
    richting: Direction = Field(description="De gewenste richting: dalen, gelijk-of-dalen, gelijk-of-hoger of stijgen.")
    # Bounded: a share, a count or an amount is never near 10^9, and far larger numbers cannot be
    # written as Dutch numbers (the build ended in a traceback).
    referentiewaarde: float | None = Field(
        None, ge=-1e9, le=1e9, description="Het getal waartegen gemeten wordt, als de leidraad er een noemt."
    )
    eenheid: Line | None = Field(None, description="Eenheid van de referentiewaarde.")
    doelstelling: Slug | None = Field(None, description="Id van de doelstelling waar deze indicator bij hoort.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Monitoring(Model):
    """Hoe MTVP wordt gemonitord en geëvalueerd."""

    inleiding: Text = Field(description="Inleiding op de monitoring.")
    vormen: list[Point] = Field(description="De vormen van monitoring en evaluatie.")
    verantwoording: Text = Field(description="Waarvoor de uitkomsten dienen.")
    indicatoren: list[Indicator] = Field(description="De indicatoren die de zorgverzekeraars minimaal volgen.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class ProcessStep(Model):
    """Een stap in een proces."""

    nummer: int = Field(ge=1, description="Volgnummer zoals de bron het gebruikt.")
    tekst: Text = Field(description="Wat er in deze stap gebeurt.")


class Financing(Model):
    """Bekostiging en contractering."""

    samenvatting: Text = Field(description="Samenvatting in eigen woorden.")
    punten: list[Point] = Field(description="De afspraken over bekostiging, elk als los punt.")
    contracteerproces: list[ProcessStep] = Field(description="De stappen van het contracteerproces, op volgorde.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Milestone(Model):
    """Een moment in een tijdlijn."""

    wanneer: Line = Field(description="Wanneer, zoals het document het zegt (datum, maand, kwartaal of jaar).")
    datum: IsoDate | None = Field(None, description="De datum, als die exact bekend is.")
    deadline: bool = Field(
        False,
        description="Waar als het plan een uiterste moment noemt: het moet vóór deze datum gebeurd zijn ('Vóór 20 maart'). "
        "In de agenda van de regio staat het dan als taak met die uiterste datum, niet als gebeurtenis op die dag.",
    )
    wat: Text = Field(description="Wat er op dat moment gebeurt.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Leidraad(Model):
    """Een versie van de landelijke Leidraad MTVP (data/leidraad/<id>.yml)."""

    id: Slug = Field(description="Bijvoorbeeld leidraad-v3; regioplannen verwijzen hiernaar.")
    titel: Line = Field(description="Titel van de leidraad.")
    versie: Line = Field(description="Versienummer zoals de leidraad het noemt.")
    datum: IsoDate | None = Field(None, description="Datum van deze versie (JJJJ-MM-DD), als die bekend is.")
    opgesteld_door: list[Line] = Field(min_length=1, description="De partijen die de leidraad opstelden.")
    geldig_voor: list[Year] = Field(description="De kalenderjaren waarvoor deze versie geldt.")
    document: Slug | None = Field(None, description="Id van het brondocument, als het in data/bronnen.yml staat.")
    bron: list[SourceRef] = Field(
        [], description="Waar de gegevens over deze versie vandaan komen, als de leidraad zelf geen brondocument is."
    )
    samenvatting: Text = Field(description="Waar deze versie over gaat, in eigen woorden.")
    uitgangspunten: list[Point] = Field([], description="De uitgangspunten van de leidraad.")
    definitie: Point | None = Field(None, description="De definitie van MTVP.")
    kernelementen_toelichting: Text | None = Field(None, description="Hoe de kernelementen samenhangen.")
    minimale_horde: list[HordeCondition] = Field([], description="De voorwaarden om mee te doen (de minimale horde).")
    groeimodel: Groeimodel | None = Field(
        None, description="De regels van het groeimodel; leeg als die voor deze versie niet in de gegevens staan."
    )
    selectieregels: list[Point] = Field([], description="Hoe regio's en praktijken interventies kiezen.")
    doelstellingen: list[Goal] = Field([], description="De doelstellingen van MTVP.")
    monitoring: Monitoring | None = Field(None, description="Monitoring en evaluatie.")
    bekostiging: Financing | None = Field(None, description="Bekostiging en contractering.")
    actualisatie: list[Milestone] = Field([], description="Momenten waarop de leidraad wordt bijgewerkt.")


# --------------------------------------------------------------------------------------------
# Regions

_RETIRED_STATUSES = {
    "aangeboden-met-ondersteuning": "ja",
    "aangeboden-zonder-ondersteuning": "nee",
}


def _current_status(value: object) -> object:
    # Files written before support became its own field: say how to rewrite them.
    if isinstance(value, str) and value in _RETIRED_STATUSES:
        raise ValueError(
            f"'{value}' bestaat niet meer: schrijf 'status: aangeboden' en, alleen als het plan het zegt, "
            f"'ondersteund: {_RETIRED_STATUSES[value]}' (anders laat u 'ondersteund' weg: niet vermeld)"
        )
    return value


RegionStatus = Annotated[Literal["verplicht", "aangeboden", "in-overweging", "niet-aangeboden"], BeforeValidator(_current_status)]


class Organisation(Model):
    naam: Line = Field(description="Naam van de organisatie.")
    afkorting: Line | None = Field(None, description="Afkorting, als de bron die gebruikt.")
    rol: Line | None = Field(None, description="Rol in het regioplan, bijvoorbeeld 'preferente zorgverzekeraar'.")
    website: WebAddress | None = Field(None, description="Website, als volledig webadres met https://.")


class Contact(Model):
    """Waar een praktijk terechtkan met vragen over het regioplan."""

    organisatie: Line = Field(description="Organisatie om contact mee op te nemen.")
    naam: Line | None = Field(None, description="Naam van een contactpersoon.")
    functie: Line | None = Field(None, description="Functie of rol van de contactpersoon.")
    email: Line | None = Field(None, description="E-mailadres.")
    telefoon: Line | None = Field(None, description="Telefoonnummer.")
    website: WebAddress | None = Field(None, description="Website, als volledig webadres met https://.")
    adres: Line | None = Field(None, description="Adres.")
    bron: SourceRef | None = Field(None, description="Waar de contactgegevens in de bron staan.")


class SubRegion(Model):
    id: Slug = Field(description="Korte naam: kleine letters, cijfers en koppeltekens; uniek in deze lijst.")
    naam: Line = Field(description="Naam van de subregio.")
    toelichting: Text | None = Field(None, description="Toelichting in eigen woorden.")


class PlanInfo(Model):
    """Gegevens over het regioplan zelf."""

    titel: Line | None = Field(None, description="Titel van het regioplan; leeg als de bron er geen noemt (dan: niet vermeld).")
    versie: Line | None = Field(
        None, description="Versie zoals het plan die noemt, bijvoorbeeld '2.7'; leeg als het plan geen versie noemt."
    )
    datum: IsoDate | None = Field(None, description="Datum van het plan (JJJJ-MM-DD), als het plan die noemt.")
    status: Literal["concept", "definitief", "onbekend"] = Field(description="concept, definitief of onbekend.")
    periode_van: Year | None = Field(
        None,
        description="Eerste jaar waarvoor het plan geldt; leeg als de bron het niet noemt (raad het niet: dan staat er 'niet vermeld').",
    )
    periode_tot: Year | None = Field(None, description="Laatste jaar waarvoor het plan geldt, als het plan dat noemt.")
    einde: Line | None = Field(
        None,
        description="Het einde zoals het plan het noemt, als dat preciezer is dan een jaar (bijvoorbeeld 'tot en met het tweede "
        "kwartaal van 2025'); `periode_tot` blijft het jaar waarin het valt.",
    )
    leidraad: Slug = Field(description="Id van de leidraadversie die het plan volgt (data/leidraad/<id>.yml).")
    leidraad_redactie: Text | None = Field(
        None,
        description="Noot van de redactie als het plan de versie van de leidraad niet zelf noemt: waarom deze versie is gekozen.",
    )
    document: Slug = Field(description="Id van het brondocument in data/bronnen.yml.")
    bron_volledig: bool = Field(
        True,
        description="Waar als het brondocument het hele regioplan is. Onwaar als de gegevens uit losse webpagina's of een "
        "samenvatting komen: wat er dan niet staat, is 'niet vermeld' en niet 'niet aangeboden', en telt nergens als nul.",
    )


class PlanVersion(Model):
    """Een versie van het regioplan en wat er in die versie veranderde."""

    versie: Line | None = Field(None, description="Versienummer, als het plan er een noemt.")
    datum: IsoDate | None = Field(None, description="Datum van die versie (JJJJ-MM-DD).")
    wijzigingen: list[Text] = Field(
        min_length=1, description="Wat deze versie veranderde ten opzichte van de vorige (bij de eerste: wat ze was)."
    )
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class RegionIntervention(Model):
    """Een interventie zoals de regio haar aanbiedt, met de eisen en steun van de regio."""

    interventie: Slug = Field(description="Id van een landelijke interventie of van een eigen interventie van de regio.")
    variant: Slug | None = Field(None, description="Id van een variant van de interventie, als de regio één vorm kiest.")
    vorm: Slug | None = Field(
        None,
        description="Korte naam voor een eigen vorm van de regio binnen een landelijke interventie, als het plan er meer dan één "
        "noemt die de leidraad niet als variant kent (zoals 'smarttyping' onder digicoach). Niet samen met 'variant'.",
    )
    naam: Line | None = Field(None, description="De naam die de regio gebruikt, als die afwijkt.")
    kernelement: Slug | None = Field(
        None,
        description="Het kernelement waaronder de regio de interventie zet, als dat een ander is dan in de leidraad; de site "
        "toont, telt en toetst haar daar en noemt waar de leidraad haar zet.",
    )
    status: RegionStatus = Field(
        description="verplicht, aangeboden, in-overweging of niet-aangeboden. Alleen verplicht en aangeboden tellen als aanbod."
    )
    ondersteund: Stated = Field(
        "niet-vermeld",
        description="Of het plan zegt dat de RHO de praktijk bij deze interventie ondersteunt: ja, nee of niet-vermeld. "
        "Dat een interventie in het aanbod staat, is nog geen ondersteuning.",
    )
    sinds: Line | None = Field(None, description="Sinds wanneer de regio dit aanbiedt.")
    jaar: int | None = Field(None, ge=1, le=10, description="Implementatiejaar waarin de regio de interventie plaatst.")
    wat: Text | None = Field(None, description="Wat er gebeurt, in eigen woorden.")
    waarom: Text | None = Field(None, description="Waarom de regio deze interventie koos.")
    hoe: Text | None = Field(None, description="Hoe de praktijk de interventie uitvoert.")
    opbrengst: Text | None = Field(None, description="Wat de interventie de praktijk of patiënt oplevert.")
    minimale_eis: Text | None = Field(None, description="Wat de praktijk minimaal moet doen of aantonen.")
    einddoel: Text | None = Field(None, description="Wat er aan het eind bereikt moet zijn.")
    verdieping: list[Line] = Field([], description="Mogelijkheden om de interventie later te verdiepen.")
    ondersteuning: Text | None = Field(None, description="Wat de RHO biedt.")
    doelgroep: Text | None = Field(None, description="Voor wie de interventie bedoeld is.")
    inspanningsverplichting: Text | None = Field(None, description="Waartoe de praktijk zich verplicht.")
    tips: list[Text] = Field([], description="Tips van de regio, elk als los punt.")
    kosten: Text | None = Field(None, description="Wat het kost en wie betaalt.")
    doelstellingen: list[Slug] = Field([], description="Ids van de MTVP-doelstellingen waaraan de regio de interventie koppelt.")
    bron: list[SourceRef] = Field(min_length=1, description="Waar de interventie in het regioplan staat.")


class RegionOwnIntervention(Model):
    """Een interventie die de regio aanbiedt maar die niet in de landelijke lijst staat."""

    id: Slug = Field(description="Korte naam van de eigen interventie; niet dezelfde als een landelijke.")
    naam: Line = Field(description="Naam zoals de regio haar noemt.")
    kernelement: Slug = Field(description="Id van het kernelement (uit data/catalogus.yml).")
    verwant_aan: Slug | None = Field(None, description="Id van de landelijke interventie die er het dichtst bij ligt.")
    aard: Nature = Field(
        description="Soort interventie, voor de regels van het groeimodel: training (eenmalig per zorgverlener), "
        "ict (na invoering niet te verdiepen), werkwijze, samenwerking of personeel. Kies hem uit de beschrijving in het plan."
    )
    beschrijving: Text = Field(description="Beschrijving in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class KernelOffer(Model):
    """Wat het plan zegt over het aantal opties bij een kernelement, los van de interventies die het bij naam noemt."""

    kernelement: Slug = Field(description="Id van het kernelement (uit data/catalogus.yml).")
    aantal: int | None = Field(
        None, ge=1, le=50, description="Het aantal opties dat het plan noemt (bij 'minimaal drie': 3); leeg als het plan geen aantal noemt."
    )
    wie_kiest: Line | None = Field(
        None, description="Wie de opties kiest, als het plan dat zegt (bijvoorbeeld 'de RHO met een afvaardiging van huisartsen')."
    )
    tekst: Text = Field(description="Wat het plan over dit aanbod zegt, in eigen woorden.")
    redactie: Text | None = Field(
        None,
        description="Noot van de redactie: een eigen oordeel (bijvoorbeeld hoe de opties te tellen zijn), apart van de tekst van het plan.",
    )
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class StatedFact(Model):
    """Wat het regioplan over één voorwaarde zegt: ja, nee of niet vermeld."""

    waarde: Stated = Field(description="ja, nee of niet-vermeld.")
    toelichting: Text | None = Field(
        None, description="Wat het plan precies zegt, in eigen woorden; bij niet-vermeld: wat het plan wel zegt of wat ontbreekt."
    )
    redactie: Text | None = Field(None, description="Noot van de redactie: een eigen oordeel, apart van de tekst van het plan.")
    met: list[Line] = Field(
        [],
        description="Bij een afspraak (netwerk_…): de partijen waarmee de RHO haar maakte, zoals het plan ze noemt. Zonder "
        "partij telt een afspraak niet als ja (één maatstaf voor elke regio, zie de handleiding Toetsing).",
    )
    strijdig_met_nieuwste: Text | None = Field(
        None,
        description="Noot van de redactie voor 'Naar leidraad versie …': wat het plan hierover zelf zegt dat niet past bij de "
        "meest recente leidraad. Alleen als het plan iets zegt; zwijgt het, laat het veld weg (dan: niet aangetoond).",
    )
    bron: SourceRef | None = Field(None, description="Waar het plan dit zegt; verplicht bij ja en nee.")


# The horde facts that are agreements of the RHO with a domain: "ja" needs the party (`met`).
AGREEMENT_FACTS = ("netwerk_sociaal_domein", "netwerk_tweede_lijn", "netwerk_ggz")


def _unstated() -> StatedFact:
    return StatedFact(waarde="niet-vermeld")


class HordeFacts(Model):
    """Wat het regioplan zegt over de voorwaarden van de minimale horde; elk veld is ja, nee of niet vermeld."""

    intervisie_door_rho: StatedFact = Field(default_factory=_unstated, description="De RHO organiseert de intervisie over MTVP.")
    regioplan_geaccordeerd: StatedFact = Field(
        default_factory=_unstated,
        description="Het regioplan is met de zorgverzekeraars (of de ene zorgverzekeraar) besproken en door hen geaccordeerd.",
    )
    praktijken_committeren: StatedFact = Field(
        default_factory=_unstated, description="Deelnemende praktijken verbinden zich aan het regioplan."
    )
    netwerk_sociaal_domein: StatedFact = Field(
        default_factory=_unstated, description="De RHO heeft samenwerkingsafspraken met het sociaal domein (gemeenten, welzijn, wijkteams)."
    )
    netwerk_tweede_lijn: StatedFact = Field(
        default_factory=_unstated, description="De RHO heeft samenwerkingsafspraken met de tweede lijn (ziekenhuis, medisch specialisten)."
    )
    netwerk_ggz: StatedFact = Field(default_factory=_unstated, description="De RHO heeft samenwerkingsafspraken met de GGZ.")
    onderbouwing_personeel: StatedFact = Field(
        default_factory=_unstated,
        description="Het praktijkplan vraagt bij uitbreiding van personele capaciteit om het type personeel en het aantal uren.",
    )
    verdieping_onderbouwing: StatedFact = Field(
        default_factory=_unstated,
        description="Het plan zegt hoe een verdieping wordt onderbouwd, of welke interventies wel en niet te verdiepen zijn.",
    )
    eigen_interventies_akkoord: StatedFact = Field(
        default_factory=_unstated,
        description="De zorgverzekeraar stemde in met de interventies van de regio die niet op de landelijke lijst staan.",
    )


RegionRuleKind = Literal["verplicht", "minimaal-aantal", "keuze-uit-kernelementen"]


class RegionRule(Model):
    """Een eigen regel van de regio bovenop het groeimodel.

    verplicht: de genoemde interventies zijn in `jaar` verplicht;
    minimaal-aantal: in `jaar` minimaal `minimaal` interventies uit `kernelementen`, of uit de genoemde
    `interventies` (met `uiterlijk: true`: 'binnen twee jaar één van deze interventies');
    keuze-uit-kernelementen: in `jaar` minimaal `minimaal` interventies (of één) uit één van `kernelementen`.
    """

    id: Slug = Field(description="Korte naam van de regel.")
    soort: RegionRuleKind = Field(description="verplicht, minimaal-aantal of keuze-uit-kernelementen.")
    jaar: int = Field(ge=1, le=10, description="Het implementatiejaar waarin de regel geldt.")
    en_verder: bool = Field(False, description="Waar als de regel ook in alle latere jaren geldt.")
    uiterlijk: bool = Field(
        False,
        description="Waar als de regel vraagt dat het uiterlijk in `jaar` gebeurt: eerder mag ook ('binnen het eerste jaar', 'uiterlijk in jaar 2').",
    )
    minimaal: int = Field(0, ge=0, le=20, description="Minimum aantal interventies (bij minimaal-aantal en keuze-uit-kernelementen).")
    interventies: list[Slug] = Field([], description="Ids van de interventies waar de regel over gaat.")
    kernelementen: list[Slug] = Field([], description="Ids van de kernelementen waar de regel over gaat.")
    intervisie: bool = Field(False, description="Waar als de regel ook deelname aan de intervisie verplicht stelt.")
    titel: Line = Field(description="Korte kop.")
    toelichting: Text = Field(description="Toelichting in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class Intervisie(Model):
    """Hoe de lerende omgeving (intervisie) in de regio is georganiseerd."""

    organisator: Line | None = Field(None, description="Wie de intervisie organiseert.")
    frequentie: Line | None = Field(None, description="Hoe vaak de intervisie is.")
    eerste: Line | None = Field(None, description="Wanneer de eerste bijeenkomst is.")
    groepsgrootte: Line | None = Field(None, description="Hoe groot de groepen zijn.")
    deelnemers: Line | None = Field(None, description="Wie er meedoen.")
    vorm: Text | None = Field(None, description="Hoe de bijeenkomsten verlopen.")
    toelichting: Text | None = Field(None, description="Toelichting in eigen woorden.")
    doelstellingen: list[Slug] = Field([], description="Ids van de MTVP-doelstellingen waaraan de regio de intervisie koppelt.")
    getoond_als_interventie: Line | None = Field(
        None,
        description="Naam waaronder het regioplan de intervisie tussen zijn interventies noemt, als het dat doet. "
        "Intervisie is de lerende omgeving uit de minimale horde, geen interventie; de site toont haar wel op die plek.",
    )
    bron: list[SourceRef] = Field(min_length=1, description="Waar de intervisie in het regioplan staat.")


PlanPartKind = Literal[
    "praktijkgegevens",
    "zorgverleners",
    "tekst",
    "interventies-per-jaar",
    "interventies-met-plan",
    "keuze",
    "ondertekening",
]


# A quarter in which a practice started MTVP, as "2024-K1" (first quarter of 2024).
StartQuarter = Annotated[str, StringConstraints(pattern=r"^20[0-9]{2}-K[1-4]$")]


class Lichting(Model):
    """Een groep praktijken die op hetzelfde moment met MTVP begint, zoals het plan die noemt."""

    naam: Line = Field(description="Naam zoals het plan die noemt, bijvoorbeeld 'Lichting 1'.")
    start: StartQuarter = Field(description="Het kwartaal waarin deze lichting begint, als JJJJ-K1 tot JJJJ-K4, bijvoorbeeld 2023-K2.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class TransitionYear(Model):
    """Een jaar waarin de regio de jaarcyclus van het praktijkplan omzet."""

    jaar: Year = Field(description="Het overgangsjaar.")
    toelichting: Text = Field(description="Wat er in dat jaar verandert, in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class PlanPart(Model):
    """Een onderdeel van het praktijkplan-formulier van de regio."""

    id: Slug = Field(
        description="Korte naam van het onderdeel; ook de naam van de invulvelden. Een onderdeel 'keuze' met id 'intervisie' "
        "is de toezegging om aan de intervisie deel te nemen (de planbouwer vult het in)."
    )
    titel: Line = Field(description="Kop van het onderdeel op het formulier.")
    soort: PlanPartKind = Field(description="Wat voor onderdeel: bepaalt hoe het formulier het toont.")
    toelichting: Text | None = Field(None, description="Toelichting in eigen woorden.")
    verplicht: bool = Field(True, description="Waar als de praktijk dit onderdeel moet invullen.")
    velden: list[Line] = Field(
        [],
        description="De invulvelden van dit onderdeel, als het plan ze noemt (bijvoorbeeld 'Plaats', 'Datum'); anders kiest het formulier ze bij de soort.",
    )
    aanwijzingen: dict[Slug, Text] = Field(
        {}, description="Bij interventies-per-jaar: de aanwijzing van de regio per kernelement (id van het kernelement als sleutel)."
    )
    alle_interventies: bool = Field(
        False, description="Bij interventies-met-plan: elke aangeboden interventie krijgt een eigen regel, in plaats van lege regels."
    )
    kolommen: list[Line] = Field(
        [],
        description="Bij interventies-met-plan: de kolommen die de praktijk per interventie invult, met de woorden van het plan "
        "(bijvoorbeeld 'Korte aanpak', 'SMART-doelstelling'). Alleen wat het plan vraagt.",
    )
    per_jaar: bool = Field(
        False, description="Bij interventies-met-plan: waar als de praktijk per interventie ook aankruist in welk jaar zij die uitvoert."
    )
    toezegging: bool = Field(
        False,
        description="Bij keuze: waar als de praktijk dit moet aanvinken om mee te doen (een toezegging, zoals deelname aan de "
        "monitoring); de planbouwer toetst het dan. Een keuze die geen toezegging is (zoals gewenste ondersteuning) wordt alleen gevraagd.",
    )
    redactie: Text | None = Field(
        None, description="Noot van de redactie: wat het formulier toevoegt of anders doet dan het plan beschrijft, en waarom."
    )


class RegionPracticePlan(Model):
    """Wat de regio van het praktijkplan vraagt."""

    vorm: Text = Field(description="Hoe het plan eruitziet (formulier, bijlage van één A4, digitaal formulier …).")
    deadline: Text | None = Field(None, description="Wanneer het praktijkplan uiterlijk binnen moet zijn.")
    indienen: Text | None = Field(None, description="Waar en hoe de praktijk het plan indient.")
    onderdelen: list[PlanPart] = Field([], description="De onderdelen van het formulier, op volgorde.")
    instructies: list[Text] = Field([], description="Aanwijzingen van de regio bij het invullen.")
    cyclus: Literal["jaarlijks", "meerjarig", "niet-vermeld"] = Field(
        "niet-vermeld",
        description="'jaarlijks' als de praktijk elk jaar een plan voor het komende jaar maakt (de planbouwer toetst dan dat jaar; "
        "eerdere jaren zijn geschiedenis), 'meerjarig' als één plan alle jaren beslaat; niet-vermeld als het plan het niet zegt "
        "(dan toetst de planbouwer elk ingevuld jaar binnen het regioplan).",
    )
    jaarkolommen: Literal["mtvp-jaar", "kalenderjaar"] = Field(
        "mtvp-jaar",
        description="Hoe het formulier de jaren telt: 'mtvp-jaar' (jaar 1 is het eerste jaar vanaf het startkwartaal van de "
        "praktijk) of 'kalenderjaar' (een kolom per jaar van de planperiode; dan moet plan.periode_tot ingevuld zijn).",
    )
    overgangsjaar: TransitionYear | None = Field(
        None, description="Een jaar waarin de regio de cyclus van het praktijkplan omzet, als het plan dat noemt."
    )
    lichtingen: list[Lichting] = Field(
        [], description="De lichtingen waarin praktijken beginnen, als het plan ze noemt; de praktijk kiest dan haar lichting."
    )
    bron: list[SourceRef] = Field(min_length=1, description="Waar het praktijkplan in het regioplan staat.")


class RegionIndicator(Model):
    id: Slug = Field(description="Korte naam: kleine letters, cijfers en koppeltekens; uniek in deze lijst.")
    naam: Line = Field(description="Naam van de indicator.")
    doel: Text | None = Field(None, description="Wat de indicator moet laten zien.")
    norm: Line | None = Field(None, description="Streefwaarde, zoals het plan die noemt.")
    niveau: Literal["praktijk", "regio", "geaggregeerd", "landelijk", "niet-vermeld"] = Field(
        "niet-vermeld",
        description="Waarop de indicator meet: per praktijk, voor de regio als geheel, geaggregeerd (alleen opgeteld over praktijken, "
        "nooit per praktijk) of landelijk; niet-vermeld als het plan het niet zegt. "
        "Een regionale indicator is geen doel voor de afzonderlijke praktijk.",
    )
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class RegionMonitoring(Model):
    toelichting: Text | None = Field(None, description="Toelichting in eigen woorden.")
    indicatoren: list[RegionIndicator] = Field([], description="De indicatoren van de regio.")
    punten: list[Point] = Field([], description="Overige afspraken over monitoring, elk als los punt.")
    bron: list[SourceRef] = Field(min_length=1, description="Waar de monitoring in het regioplan staat.")


class Tariff(Model):
    """Een tarief dat een zorgverzekeraar betaalt."""

    verzekeraar: Line = Field(description="De zorgverzekeraar die het tarief betaalt.")
    # Bounded like a reference value: no tariff or budget reaches a billion euro.
    bedrag: float = Field(ge=0, le=1e9, description="Bedrag in euro.")
    eenheid: Line = Field(description="Bijvoorbeeld 'per ingeschreven patiënt (ION) per kwartaal'.")
    jaar: Year | None = Field(None, description="Het jaar waarvoor het tarief geldt.")
    prestatiecode: Line | None = Field(None, description="De prestatiecode waaronder de praktijk declareert.")
    toelichting: Text | None = Field(None, description="Toelichting in eigen woorden.")
    bron: SourceRef = Field(description="Waar dit in de bron staat: het brondocument en de sectie.")


class RegionFinancing(Model):
    toelichting: Text | None = Field(None, description="Toelichting in eigen woorden.")
    tarieven: list[Tariff] = Field([], description="Tarieven per zorgverzekeraar.")
    punten: list[Point] = Field([], description="Overige afspraken over geld, elk als los punt.")
    bron: list[SourceRef] = Field(min_length=1, description="Waar de financiering in het regioplan staat.")


class Region(Model):
    """Een regio en haar regioplan (data/regios/<id>.yml)."""

    id: Slug = Field(description="Korte naam; de pagina's staan op regios/<id>/.")
    naam: Line = Field(description="Naam van de regio.")
    rho: Organisation = Field(description="De regionale huisartsenorganisatie die het regioplan maakte.")
    cooperaties: list[Organisation] = Field([], description="Coöperaties van huisartsen die het plan noemt.")
    partners: list[Organisation] = Field(
        [], description="Partners in het netwerk die het plan bij naam noemt (gemeenten, ziekenhuizen, welzijn …)."
    )
    subregios: list[SubRegion] = Field([], description="Delen van de regio, als het plan die onderscheidt.")
    zorgverzekeraars: list[Organisation] = Field(
        [],
        description="De zorgverzekeraars waarmee het plan is afgesproken, zoals de bron ze noemt; leeg of weggelaten als de bron er "
        "geen noemt (dan staat er 'niet vermeld'; schrijf geen 'niet vermeld' als naam).",
    )
    plan: PlanInfo = Field(description="Gegevens over het regioplan: titel, versie, datum, periode en leidraadversie.")
    contact: Contact = Field(description="Waar een praktijk met vragen terechtkan.")
    samenvatting: Text = Field(description="Waar het regioplan over gaat, in een paar zinnen.")
    visie: list[Point] = Field([], description="Visie, doelen en uitgangspunten van de regio.")
    interventies: list[RegionIntervention] = Field(
        [], description="Elke interventie die het plan bij naam noemt, met haar status in de regio."
    )
    eigen_interventies: list[RegionOwnIntervention] = Field(
        [], description="Interventies van de regio die niet in de landelijke lijst staan."
    )
    aanbod_per_kernelement: list[KernelOffer] = Field(
        [],
        description="Wat het plan zegt over het aantal opties per kernelement, als het niet elke optie bij naam noemt "
        "('de RHO kiest minimaal drie opties', 'zie het aparte handboek').",
    )
    horde: HordeFacts = Field(
        default_factory=HordeFacts,
        description="Wat het plan zegt over de voorwaarden van de minimale horde; wat het plan niet zegt, blijft niet-vermeld.",
    )
    regels: list[RegionRule] = Field([], description="Eigen regels van de regio bovenop het groeimodel.")
    ondersteuning: list[Point] = Field([], description="Wat de RHO in het algemeen biedt (praktijkconsulent, scholing …).")
    verplichtingen: list[Point] = Field([], description="Wat een deelnemende praktijk in elk geval moet doen.")
    intervisie: Intervisie | None = Field(None, description="Hoe de intervisie (lerende omgeving) is georganiseerd.")
    praktijkplan: RegionPracticePlan | None = Field(
        None, description="Wat de regio van het praktijkplan vraagt, en hoe het formulier eruitziet."
    )
    monitoring: RegionMonitoring | None = Field(None, description="Hoe de regio monitort.")
    financiering: RegionFinancing | None = Field(None, description="Tarieven en andere afspraken over geld.")
    tijdlijn: list[Milestone] = Field([], description="Momenten in de tijd: start, loting, deadlines.")
    overig: list[Point] = Field([], description="Wat het plan verder zegt (communicatie, dubbelfinanciering …).")
    versiegeschiedenis: list[PlanVersion] = Field(
        [],
        description="De versies van het regioplan, van oud naar nieuw, met wat er per versie veranderde; de laatste is het huidige plan.",
    )


class EarlierPlanInfo(PlanInfo):
    """Gegevens over een eerdere versie van het regioplan; wat niet bekend is, blijft leeg."""

    titel: Line | None = Field(None, description="Titel van die versie, als die bekend is.")
    status: Literal["concept", "definitief", "onbekend"] = Field("onbekend", description="concept, definitief of onbekend.")
    leidraad: Slug | None = Field(None, description="Id van de leidraadversie die die versie volgde, als die bekend is.")
    bron_volledig: bool = Field(
        False, description="Waar als `document` die eerdere versie zelf is; onwaar als de gegevens uit een latere versie komen."
    )


class AbsentIntervention(Model):
    """Een interventie waarvan een latere versie zegt dat ze er in deze versie nog niet in stond."""

    interventie: Slug = Field(description="Id van de interventie (landelijk of eigen interventie van de regio).")
    variant: Slug | None = Field(None, description="Id van de variant, als het om één vorm gaat.")
    bron: SourceRef = Field(description="Waar de latere versie zegt dat de interventie nieuw is.")


class EarlierRegion(Region):
    """Een eerdere versie van een regioplan (data/regios/<regio>/<naam>.yml).

    Zelfde vorm als het regiobestand: een kopie van het bestand zoals het was, met `gegevens: volledig`.
    Is die versie alleen bekend uit wat een latere versie erover zegt, dan `gegevens: gedeeltelijk`: het
    bestand bevat dan alleen wat bekend is, en alleen dat wordt met de volgende versie vergeleken.
    """

    id: Slug | None = Field(None, description="Id van de regio (gelijk aan de naam van de map), mag leeg blijven.")
    naam: Line | None = Field(None, description="Naam van de regio in die versie, als die bekend is.")
    rho: Organisation | None = Field(None, description="De RHO van die versie, als die bekend is.")
    zorgverzekeraars: list[Organisation] = Field([], description="De zorgverzekeraars van die versie, als die bekend zijn.")
    contact: Contact | None = Field(None, description="Contact in die versie, als dat bekend is.")
    samenvatting: Text | None = Field(None, description="Waar die versie over ging, in een paar zinnen.")
    plan: EarlierPlanInfo = Field(description="Versie, datum en periode van die versie; versie en datum zoals in de versiegeschiedenis.")
    gegevens: Literal["volledig", "gedeeltelijk"] = Field(
        description="volledig: een kopie van het regiobestand van die versie, en wat er niet in staat, stond niet in het plan. "
        "gedeeltelijk: alleen wat een latere versie over deze versie zegt; de rest is niet te vergelijken."
    )
    redactie: Text | None = Field(
        None, description="Noot van de redactie: waar de gegevens van deze versie vandaan komen en wat er niet van bekend is."
    )
    niet_in_deze_versie: list[AbsentIntervention] = Field(
        [],
        description="Bij gedeeltelijke gegevens: interventies waarvan een latere versie zegt dat ze er nog niet in stonden "
        "(zoals 'Per 2025 nemen wij … op').",
    )


# --------------------------------------------------------------------------------------------
# Practice plans: the file the plan builder saves and `regioplan check-plan` reads (JSON)

PlanState = Literal["actief", "verdieping"]
# A year of the plan as the JSON key the builder writes: "1" to "10".
PlanYear = Annotated[str, StringConstraints(pattern=r"^([1-9]|10)$")]
# An intervention as the plan builder names it: the intervention id, and its variant after a '/'.
ChoiceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$", max_length=161)]
ShortText = Annotated[str, StringConstraints(max_length=5_000), AfterValidator(_no_control_characters)]


# A count as the regiomonitor publishes it: "< 5" below five (zero included), never a smaller number.
ShownCount = Annotated[str, StringConstraints(pattern=r"^(< 5|[5-9]|[1-9][0-9]+|[1-9][0-9]* of meer)$")]


class MonitorRow(Model):
    naam: Line = Field(description="Kernelement of interventie.")
    kernelement: Line | None = Field(None, description="Bij een interventie: haar kernelement.")
    aantallen: list[ShownCount] = Field(description="Per MTVP-jaar (zie 'jaren') het aantal praktijken, of '< 5'.")


class MonitorRule(Model):
    regel: Text = Field(description="De regel, in woorden.")
    aantal: ShownCount = Field(description="Plannen die de regel niet halen, of '< 5'.")


class MonitorOverview(Model):
    """Inhoud van data/monitor/<regio>.yml: het gepubliceerde overzicht van de regiomonitor.

    `regioplan monitor … --publish` schrijft dit bestand; het bevat alleen afgeronde aantallen,
    nooit een praktijk of een aantal onder de vijf.
    """

    regio: Slug = Field(description="Id van de regio.")
    stand: IsoDate = Field(description="Stand van de gegevens (JJJJ-MM-DD).")
    plannen: ShownCount = Field(description="Ingelezen praktijkplannen.")
    voldoet: ShownCount = Field(description="Plannen die aan alle regels voldoen.")
    jaren: list[int] = Field(description="De MTVP-jaren van de kolommen.")
    kernelementen: list[MonitorRow] = Field(description="Per kernelement: praktijken met minstens één interventie erin.")
    interventies: list[MonitorRow] = Field(description="Per interventie: praktijken die haar kozen.")
    regels: list[MonitorRule] = Field([], description="De regels die het vaakst niet gehaald worden.")


# A short text a practice typed: printed in the PDF and on the terminal of whoever checks the plan,
# so no control character (an escape sequence could clear or rewrite that terminal).
PlanText = Annotated[str, StringConstraints(max_length=500), AfterValidator(_no_control_characters)]


def _a_number_not_yes_or_no(value: object) -> object:
    """JSON's true equals 1 to Python: a file with "formaat": true is not a file of format 1."""
    if isinstance(value, bool):
        raise ValueError("schrijf het nummer van het formaat (1), niet true of false")
    return value


def _a_real_day(value: str) -> str:
    """'2026-02-30' matches the pattern but is no day; the empty text means no date."""
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is geen bestaande datum; schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-30") from None
    return value


class PracticePlan(Model):
    """Een praktijkplan zoals de planbouwer het opslaat (JSON): per interventie en jaar wat de praktijk doet."""

    formaat: Annotated[Literal[1], BeforeValidator(_a_number_not_yes_or_no)] = Field(1, description="Versie van dit bestandsformaat.")
    regio: Slug | None = Field(None, description="Id van de regio waarvoor het plan is gemaakt.")
    praktijk: PlanText = Field("", description="Naam van de praktijk.")
    keuzes: dict[ChoiceKey, dict[PlanYear, PlanState]] = Field(
        {},
        description="Per interventie (id, of id/variant) en per jaar ('1', '2', …): 'actief' (uitvoeren) of 'verdieping' "
        "(doorontwikkelen of verdiepen, met een onderbouwing).",
    )
    onderbouwingen: dict[ChoiceKey, ShortText] = Field({}, description="Per interventie de onderbouwing van een verdieping.")
    deelnemers: dict[ChoiceKey, dict[PlanYear, list[Line]]] = Field(
        {},
        description="Per training en per jaar wie haar volgt (namen of rollen, bijvoorbeeld 'tweede huisarts', 'POH-GGZ'). "
        "Een training telt één jaar per zorgverlener: in een later jaar mogen alleen teamleden die haar nog niet volgden.",
    )
    intervisie: bool = Field(False, description="Waar als de praktijk deelneemt aan de intervisie van de regio.")
    agb: Annotated[PlanText, StringConstraints(max_length=50)] = Field("", description="AGB-code van de praktijk.")
    contactpersoon: PlanText = Field("", description="Wie de regio over dit plan kan bellen of mailen.")
    datum: Annotated[str, StringConstraints(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"), AfterValidator(_a_real_day)] = Field(
        "", description="Datum van het plan (JJJJ-MM-DD)."
    )
    start: StartQuarter | None = Field(
        None,
        description="Het kwartaal waarin de praktijk met MTVP begon (JJJJ-K1 tot JJJJ-K4). Daaruit volgt welk kalenderjaar "
        "bij welk MTVP-jaar hoort.",
    )
    personeel: dict[ChoiceKey, dict[PlanYear, ShortText]] = Field(
        {},
        description="Bij uitbreiding van personele capaciteit, per jaar: welk personeel en hoeveel uren (de leidraad vraagt "
        "die onderbouwing in het praktijkplan).",
    )
    onderdelen: dict[Slug, ShortText | bool | dict[ChoiceKey, list[ShortText]]] = Field(
        {},
        description="De onderdelen die de regio in het praktijkplan vraagt (praktijkplan.onderdelen in het regiobestand), per id "
        "van het onderdeel: een tekst (zoals de MTVP-doelstelling van de praktijk), waar of onwaar (een toezegging), of per "
        "interventie de kolommen van het onderdeel op volgorde (zoals een kort plan van aanpak en een SMART-doelstelling).",
    )


# How the product treats one obligation a source puts on a practice.
ObligationKind = Literal["controleerbaar", "formulier", "tonen", "niet-voor-praktijk"]
# What checks an obligation besides a plan rule: the plan check's own handling.
CHECKED_BY_THE_CHECK = {
    "toets:buiten-regioplan": "de toets neemt een interventie uit de leidraad buiten het regioplan aan en telt haar mee",
    "toets:onbekende-interventie": "een interventie die niet in het regioplan en niet in de leidraad staat, is een fout in het planbestand (E504)",
    "toets:leeg-plan": "een plan zonder keuzes voldoet nooit",
}


class Obligation(Model):
    """Eén zin uit een bron die iets van een praktijk vraagt, en wat het product ermee doet."""

    regel: int = Field(ge=1, description="De regel in de tekst van de bron waar de zin begint.")
    tekst: Text = Field(description="Wat de praktijk moet doen, in eigen woorden.")
    soort: ObligationKind = Field(
        description="controleerbaar (de planbouwer toetst het), formulier (een onderdeel van het plan, niet inhoudelijk te "
        "beoordelen), tonen (de praktijk moet het weten, een plan kan het niet laten zien) of niet-voor-praktijk."
    )
    getoetst_door: list[Line] = Field(
        [],
        description="Bij controleerbaar: de id's van de regels van de plancontrole die dit toetsen (zoals 'anders-werken-jaar-2' "
        "of 'regio-lerende-omgeving'), of een van: " + ", ".join(CHECKED_BY_THE_CHECK) + ".",
    )
    veld: Text | None = Field(None, description="Bij formulier: welk deel van het plan het draagt.")
    waarom: Text | None = Field(None, description="Bij tonen: waarom een planbestand het niet kan laten zien.")
    jaren: Text | None = Field(None, description="Voor welke jaren het geldt, zoals de bron het zegt.")


class Ledger(Model):
    """Inhoud van data/verplichtingen/<bron>.yml: elke zin van één bron die iets van een praktijk vraagt."""

    bron: Slug = Field(description="Id van het brondocument (uit data/bronnen.yml).")
    gelezen: list[Line] = Field(min_length=1, description="De delen van de bron die van begin tot eind gelezen zijn, met hun regels.")
    verplichtingen: list[Obligation] = Field(min_length=1, description="Elke zin uit die delen die iets van een praktijk vraagt.")
