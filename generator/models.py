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
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# A slug becomes a URL path segment and a file name: lower-case letters, digits and single
# hyphens only, so no path traversal ("../x", "/etc", "a/b") can ever be spelled in one.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
# Text shown to readers. Plain text: it is always escaped, never interpreted as Markdown/HTML.
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]


def _iso_date(value: object) -> object:
    # YAML gives us the text the author typed; only the unambiguous ISO form is a date.
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2025-07-01")
        return dt.date.fromisoformat(value)
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Year = Annotated[int, Field(ge=2000, le=2100)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --------------------------------------------------------------------------------------------
# Sources


class SourceDocument(Model):
    """Een brondocument waar de gegevens uit komen, zodat een lezer het origineel kan nalezen."""

    id: Slug = Field(description="Korte naam waarmee bronverwijzingen naar dit document verwijzen.")
    titel: Line = Field(description="Titel van het document.")
    uitgever: Line = Field(description="Wie het document heeft opgesteld of uitgegeven.")
    versie: Line | None = Field(None, description="Versie zoals het document die noemt.")
    datum: IsoDate | None = Field(None, description="Datum van het document (JJJJ-MM-DD).")
    toelichting: Text | None = Field(None, description="Wat voor document dit is.")


class SourceRef(Model):
    """Verwijzing naar de plek in een brondocument waar een gegeven staat."""

    document: Slug = Field(description="Id van het brondocument (uit data/bronnen.yml).")
    sectie: Line = Field(description="Hoofdstuk, paragraaf, bijlage of dia waar het staat.")


class Sources(Model):
    """Inhoud van data/bronnen.yml."""

    documenten: list[SourceDocument] = Field(description="Alle brondocumenten.")


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
    bron: SourceRef


Nature = Literal["werkwijze", "training", "ict", "samenwerking", "personeel"]


class Variant(Model):
    """Een uitvoeringsvorm van een interventie (bijvoorbeeld een soort gesprekstraining)."""

    id: Slug
    naam: Line
    beschrijving: Text
    bron: SourceRef


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

    kernelementen: list[Kernelement]
    interventies: list[Intervention]


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
    toelichting: Text


class KernelementGrowth(Model):
    """De regels van het groeimodel voor één kernelement."""

    kernelement: Slug
    aanbod_minimaal: int | None = Field(None, ge=0, description="Minimum aantal interventies dat de RHO in het regioplan aanbiedt.")
    toelichting: Text
    jaren: list[YearRule] = Field(min_length=1)
    bron: SourceRef


# General rules that hold across kernelementen:
#   nooit-enige                 interventions of `kernelement` never make up a plan on their own
#   verdieping-onderbouwen      deepening an intervention needs a written justification
#   geen-verdieping             interventions of `aard` cannot be deepened once implemented
#   eenmalig-per-zorgverlener   interventions of `aard` count for one year per care provider
#   geen-herhaling              an implemented intervention may not be repeated without deepening
RuleKind = Literal["nooit-enige", "verdieping-onderbouwen", "geen-verdieping", "eenmalig-per-zorgverlener", "geen-herhaling"]


class GeneralRule(Model):
    """Een regel van het groeimodel die voor alle jaren of kernelementen geldt."""

    id: Slug
    soort: RuleKind
    kernelement: Slug | None = Field(None, description="Het kernelement waar de regel over gaat (bij nooit-enige).")
    aard: Nature | None = Field(None, description="De soort interventie waar de regel over gaat.")
    titel: Line
    toelichting: Text
    bron: SourceRef


class Groeimodel(Model):
    """Het groeimodel: per kernelement en jaar wat een praktijk minimaal doet."""

    samenvatting: Text
    kernelementen: list[KernelementGrowth]
    regels: list[GeneralRule]
    bron: SourceRef


class HordeCondition(Model):
    """Eén voorwaarde van de minimale horde."""

    nummer: int = Field(ge=1)
    id: Slug
    titel: Line
    tekst: Text
    rho_taken: list[Line] = Field([], description="Werkzaamheden van de RHO die bij deze voorwaarde horen.")
    bron: SourceRef


class Goal(Model):
    """Een doelstelling van MTVP."""

    nummer: int = Field(ge=1)
    id: Slug
    titel: Line
    tekst: Text
    bron: SourceRef


Direction = Literal["dalen", "gelijk-of-dalen", "gelijk-of-hoger", "stijgen"]


class Indicator(Model):
    """Een indicator die de zorgverzekeraars minimaal volgen, met het doel erbij."""

    id: Slug
    naam: Line
    doel: Text = Field(description="Wat de beoogde beweging is, in eigen woorden.")
    richting: Direction = Field(description="De gewenste richting: dalen, gelijk-of-dalen, gelijk-of-hoger of stijgen.")
    referentiewaarde: float | None = Field(None, description="Het getal waartegen gemeten wordt, als de leidraad er een noemt.")
    eenheid: Line | None = Field(None, description="Eenheid van de referentiewaarde.")
    doelstelling: Slug | None = Field(None, description="Id van de doelstelling waar deze indicator bij hoort.")
    bron: SourceRef


class Monitoring(Model):
    """Hoe MTVP wordt gemonitord en geëvalueerd."""

    inleiding: Text
    vormen: list[Point] = Field(description="De vormen van monitoring en evaluatie.")
    verantwoording: Text
    indicatoren: list[Indicator]
    bron: SourceRef


class ProcessStep(Model):
    """Een stap in een proces."""

    nummer: int = Field(ge=1)
    tekst: Text


class Financing(Model):
    """Bekostiging en contractering."""

    samenvatting: Text
    punten: list[Point]
    contracteerproces: list[ProcessStep]
    bron: SourceRef


class Milestone(Model):
    """Een moment in een tijdlijn."""

    wanneer: Line = Field(description="Wanneer, zoals het document het zegt (datum, maand, kwartaal of jaar).")
    datum: IsoDate | None = Field(None, description="De datum, als die exact bekend is.")
    wat: Text
    bron: SourceRef


class Leidraad(Model):
    """Een versie van de landelijke Leidraad MTVP (data/leidraad/<id>.yml)."""

    id: Slug = Field(description="Bijvoorbeeld leidraad-v3; regioplannen verwijzen hiernaar.")
    titel: Line
    versie: Line = Field(description="Versienummer zoals de leidraad het noemt.")
    datum: IsoDate | None = None
    opgesteld_door: list[Line] = Field(min_length=1)
    geldig_voor: list[Year] = Field(description="De kalenderjaren waarvoor deze versie geldt.")
    document: Slug | None = Field(None, description="Id van het brondocument, als het in data/bronnen.yml staat.")
    bron: list[SourceRef] = Field(
        [], description="Waar de gegevens over deze versie vandaan komen, als de leidraad zelf geen brondocument is."
    )
    samenvatting: Text
    uitgangspunten: list[Point] = []
    definitie: Point | None = None
    kernelementen_toelichting: Text | None = None
    minimale_horde: list[HordeCondition] = []
    groeimodel: Groeimodel | None = Field(
        None, description="De regels van het groeimodel; leeg als die voor deze versie niet in de gegevens staan."
    )
    selectieregels: list[Point] = []
    doelstellingen: list[Goal] = []
    monitoring: Monitoring | None = None
    bekostiging: Financing | None = None
    actualisatie: list[Milestone] = []


# --------------------------------------------------------------------------------------------
# Regions

RegionStatus = Literal[
    "verplicht",
    "aangeboden-met-ondersteuning",
    "aangeboden-zonder-ondersteuning",
    "in-overweging",
    "niet-aangeboden",
]


class Organisation(Model):
    naam: Line
    afkorting: Line | None = None
    rol: Line | None = Field(None, description="Rol in het regioplan, bijvoorbeeld 'preferente zorgverzekeraar'.")
    website: Line | None = None


class Contact(Model):
    """Waar een praktijk terechtkan met vragen over het regioplan."""

    organisatie: Line
    naam: Line | None = None
    functie: Line | None = None
    email: Line | None = None
    telefoon: Line | None = None
    website: Line | None = None
    adres: Line | None = None
    bron: SourceRef | None = None


class SubRegion(Model):
    id: Slug
    naam: Line
    toelichting: Text | None = None


class PlanInfo(Model):
    """Gegevens over het regioplan zelf."""

    titel: Line
    versie: Line | None = Field(
        None, description="Versie zoals het plan die noemt, bijvoorbeeld '2.7'; leeg als het plan geen versie noemt."
    )
    datum: IsoDate | None = None
    status: Literal["concept", "definitief", "onbekend"]
    periode_van: Year
    periode_tot: Year | None = None
    leidraad: Slug = Field(description="Id van de leidraadversie die het plan volgt (data/leidraad/<id>.yml).")
    document: Slug = Field(description="Id van het brondocument in data/bronnen.yml.")


class RegionIntervention(Model):
    """Een interventie zoals de regio haar aanbiedt, met de eisen en steun van de regio."""

    interventie: Slug = Field(description="Id van een landelijke interventie of van een eigen interventie van de regio.")
    variant: Slug | None = Field(None, description="Id van een variant van de interventie, als de regio één vorm kiest.")
    naam: Line | None = Field(None, description="De naam die de regio gebruikt, als die afwijkt.")
    status: RegionStatus
    sinds: Line | None = Field(None, description="Sinds wanneer de regio dit aanbiedt.")
    jaar: int | None = Field(None, ge=1, le=10, description="Implementatiejaar waarin de regio de interventie plaatst.")
    wat: Text | None = None
    waarom: Text | None = Field(None, description="Waarom de regio deze interventie koos.")
    hoe: Text | None = None
    opbrengst: Text | None = Field(None, description="Wat de interventie de praktijk of patiënt oplevert.")
    minimale_eis: Text | None = None
    einddoel: Text | None = None
    verdieping: list[Line] = Field([], description="Mogelijkheden om de interventie later te verdiepen.")
    ondersteuning: Text | None = Field(None, description="Wat de RHO biedt.")
    doelgroep: Text | None = None
    inspanningsverplichting: Text | None = None
    tips: list[Text] = []
    kosten: Text | None = Field(None, description="Wat het kost en wie betaalt.")
    doelstellingen: list[Slug] = Field([], description="Ids van de MTVP-doelstellingen waaraan de regio de interventie koppelt.")
    bron: list[SourceRef] = Field(min_length=1)


class RegionOwnIntervention(Model):
    """Een interventie die de regio aanbiedt maar die niet in de landelijke lijst staat."""

    id: Slug
    naam: Line
    kernelement: Slug
    verwant_aan: Slug | None = Field(None, description="Id van de landelijke interventie die er het dichtst bij ligt.")
    beschrijving: Text
    bron: SourceRef


RegionRuleKind = Literal["verplicht", "minimaal-aantal", "keuze-uit-kernelementen"]


class RegionRule(Model):
    """Een eigen regel van de regio bovenop het groeimodel.

    verplicht: de genoemde interventies zijn in `jaar` verplicht;
    minimaal-aantal: in `jaar` minimaal `minimaal` interventies uit `kernelementen`;
    keuze-uit-kernelementen: in `jaar` minimaal `minimaal` interventie(s) uit één van `kernelementen`.
    """

    id: Slug
    soort: RegionRuleKind
    jaar: int = Field(ge=1, le=10)
    en_verder: bool = False
    minimaal: int = Field(0, ge=0, le=20)
    interventies: list[Slug] = []
    kernelementen: list[Slug] = []
    intervisie: bool = Field(False, description="Waar als de regel ook deelname aan de intervisie verplicht stelt.")
    titel: Line
    toelichting: Text
    bron: SourceRef


class Intervisie(Model):
    """Hoe de lerende omgeving (intervisie) in de regio is georganiseerd."""

    organisator: Line | None = None
    frequentie: Line | None = None
    eerste: Line | None = Field(None, description="Wanneer de eerste bijeenkomst is.")
    groepsgrootte: Line | None = None
    deelnemers: Line | None = None
    vorm: Text | None = None
    toelichting: Text | None = None
    doelstellingen: list[Slug] = Field([], description="Ids van de MTVP-doelstellingen waaraan de regio de intervisie koppelt.")
    getoond_als_interventie: Line | None = Field(
        None,
        description="Naam waaronder het regioplan de intervisie tussen zijn interventies noemt, als het dat doet. "
        "Intervisie is de lerende omgeving uit de minimale horde, geen interventie; de site toont haar wel op die plek.",
    )
    bron: list[SourceRef] = Field(min_length=1)


PlanPartKind = Literal[
    "praktijkgegevens",
    "zorgverleners",
    "tekst",
    "interventies-per-jaar",
    "interventies-met-plan",
    "keuze",
    "ondertekening",
]


class PlanPart(Model):
    """Een onderdeel van het praktijkplan-formulier van de regio."""

    id: Slug
    titel: Line
    soort: PlanPartKind = Field(description="Wat voor onderdeel: bepaalt hoe het formulier het toont.")
    toelichting: Text | None = None
    verplicht: bool = True
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


class PracticePlanRules(Model):
    """Wat de regio van het praktijkplan vraagt."""

    vorm: Text = Field(description="Hoe het plan eruitziet (formulier, bijlage van één A4, digitaal formulier …).")
    deadline: Text | None = None
    indienen: Text | None = Field(None, description="Waar en hoe de praktijk het plan indient.")
    onderdelen: list[PlanPart] = []
    instructies: list[Text] = []
    bron: list[SourceRef] = Field(min_length=1)


class RegionIndicator(Model):
    id: Slug
    naam: Line
    doel: Text | None = None
    norm: Line | None = Field(None, description="Streefwaarde, zoals het plan die noemt.")
    bron: SourceRef


class RegionMonitoring(Model):
    toelichting: Text | None = None
    indicatoren: list[RegionIndicator] = []
    punten: list[Point] = []
    bron: list[SourceRef] = Field(min_length=1)


class Tariff(Model):
    """Een tarief dat een zorgverzekeraar betaalt."""

    verzekeraar: Line
    bedrag: float = Field(ge=0, description="Bedrag in euro.")
    eenheid: Line = Field(description="Bijvoorbeeld 'per ingeschreven patiënt (ION) per kwartaal'.")
    jaar: Year | None = None
    prestatiecode: Line | None = None
    toelichting: Text | None = None
    bron: SourceRef


class RegionFinancing(Model):
    toelichting: Text | None = None
    tarieven: list[Tariff] = []
    punten: list[Point] = []
    bron: list[SourceRef] = Field(min_length=1)


class Region(Model):
    """Een regio en haar regioplan (data/regios/<id>.yml)."""

    id: Slug = Field(description="Korte naam; de pagina's staan op regios/<id>/.")
    naam: Line
    rho: Organisation
    cooperaties: list[Organisation] = []
    partners: list[Organisation] = Field(
        [], description="Partners in het netwerk die het plan bij naam noemt (gemeenten, ziekenhuizen, welzijn …)."
    )
    subregios: list[SubRegion] = []
    zorgverzekeraars: list[Organisation] = Field(min_length=1)
    plan: PlanInfo
    contact: Contact
    samenvatting: Text = Field(description="Waar het regioplan over gaat, in een paar zinnen.")
    visie: list[Point] = Field([], description="Visie, doelen en uitgangspunten van de regio.")
    interventies: list[RegionIntervention] = Field(min_length=1)
    eigen_interventies: list[RegionOwnIntervention] = []
    regels: list[RegionRule] = []
    ondersteuning: list[Point] = Field([], description="Wat de RHO in het algemeen biedt (praktijkconsulent, scholing …).")
    verplichtingen: list[Point] = Field([], description="Wat een deelnemende praktijk in elk geval moet doen.")
    intervisie: Intervisie | None = None
    praktijkplan: PracticePlanRules | None = None
    monitoring: RegionMonitoring | None = None
    financiering: RegionFinancing | None = None
    tijdlijn: list[Milestone] = []
    overig: list[Point] = Field([], description="Wat het plan verder zegt (communicatie, dubbelfinanciering …).")
