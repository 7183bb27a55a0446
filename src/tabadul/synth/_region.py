"""The synthetic region: its members, regions and agencies, and the geography the
generator draws on (neighbours, border posts, towns, document-number formats).

Fifteen members of North Africa, the Sahel and the Horn of Africa, and the
organization's secretariat. Geography is real (land borders between members, border
towns, cities); every record placed on it is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from tabadul.synth._spelling import Style

__all__ = [
    "AGENCIES",
    "BORDERS",
    "COUNTRIES",
    "MEMBERS",
    "NEIGHBOURS",
    "REGIONS",
    "SECRETARIAT",
    "AgencySpec",
    "Country",
    "MemberSpec",
    "RegionSpec",
    "agency_code",
    "crossings",
]


@dataclass(frozen=True)
class MemberSpec:
    """A member country: ISO 3166-1 alpha-2 code (upper case) and English name."""

    code: str
    name: str


@dataclass(frozen=True)
class RegionSpec:
    """A named set of members (codes)."""

    code: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class AgencySpec:
    """A police service that owns records: a member's national central bureau, or the
    organization's secretariat (``country`` None)."""

    code: str
    name: str
    country: str | None
    is_secretariat: bool = False


@dataclass(frozen=True, slots=True)
class Country:
    """What the generator needs to know about one member.

    ``structure`` is how its nationals are named: ``family`` (given + family name),
    ``tunisian`` (sometimes *ben* + father before the family name), ``ould``
    (Mauritania: given + *Ould* + father), ``sahel`` (family names, *Ag* for Tuareg,
    *Ould* for Arabs), ``patronymic`` (given + father + grandfather). ``doc_format``
    spells a passport number: ``L`` a letter, ``D`` a digit, anything else literal.
    ``weight`` is the member's share of the persons.
    """

    code: str
    name: str
    capital: str
    style: Style
    arabic_registry: bool
    structure: str
    weight: float
    cities: tuple[str, ...]
    airport: str
    doc_format: str
    id_format: str


COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        Country(
            "MA", "Morocco", "Rabat", "fr", True, "family", 10,
            ("Casablanca", "Rabat", "Fès", "Marrakech", "Tanger", "Oujda", "Agadir",
             "Meknès", "Tétouan", "Nador", "Laâyoune"),
            "Casablanca airport", "LLDDDDDDD", "LDDDDDD",
        ),
        Country(
            "DZ", "Algeria", "Algiers", "fr", True, "family", 10,
            ("Alger", "Oran", "Constantine", "Annaba", "Blida", "Sétif", "Batna",
             "Tlemcen", "Ouargla", "Tamanrasset", "Adrar"),
            "Algiers airport", "DDDDDDDDD", "DDDDDDDDDDDDDDDDDD",
        ),
        Country(
            "TN", "Tunisia", "Tunis", "fr", True, "tunisian", 7,
            ("Tunis", "Sfax", "Sousse", "Kairouan", "Bizerte", "Gabès", "Gafsa",
             "Kasserine", "Ben Guerdane", "Médenine"),
            "Tunis-Carthage airport", "LDDDDDD", "DDDDDDDD",
        ),
        Country(
            "LY", "Libya", "Tripoli", "en", True, "family", 6,
            ("Tripoli", "Benghazi", "Misrata", "Sabha", "Derna", "Zawiya", "Ubari",
             "Kufra", "Ghat"),
            "Tripoli Mitiga airport", "LDDDDDDD", "DDDDDDDDDDDD",
        ),
        Country(
            "MR", "Mauritania", "Nouakchott", "fr", True, "ould", 5,
            ("Nouakchott", "Nouadhibou", "Kiffa", "Atar", "Rosso", "Néma", "Zouérate",
             "Bassikounou"),
            "Nouakchott airport", "LDDDDDDDD", "DDDDDDDDDD",
        ),
        Country(
            "EG", "Egypt", "Cairo", "eg", True, "patronymic", 14,
            ("Cairo", "Alexandria", "Giza", "Asyut", "Minya", "Aswan", "Port Said",
             "Sohag", "Mansoura", "Arish", "Marsa Matruh"),
            "Cairo airport", "LDDDDDDDD", "DDDDDDDDDDDDDD",
        ),
        Country(
            "SD", "Sudan", "Khartoum", "en", True, "patronymic", 9,
            ("Khartoum", "Omdurman", "Port Sudan", "Kassala", "El Obeid", "Nyala",
             "El Fasher", "Wad Madani", "Atbara", "Geneina"),
            "Port Sudan airport", "LDDDDDDDD", "DDDDDDDDDDD",
        ),
        Country(
            "ML", "Mali", "Bamako", "sahel", False, "sahel", 6,
            ("Bamako", "Gao", "Tombouctou", "Kidal", "Mopti", "Ségou", "Sikasso",
             "Ménaka", "Kayes"),
            "Bamako airport", "LDDDDDDD", "DDDDDDDDDDDDDDD",
        ),
        Country(
            "NE", "Niger", "Niamey", "sahel", False, "sahel", 6,
            ("Niamey", "Agadez", "Zinder", "Maradi", "Tahoua", "Diffa", "Arlit",
             "Tillabéri"),
            "Niamey airport", "LLDDDDDDD", "DDDDDDDDDD",
        ),
        Country(
            "TD", "Chad", "N'Djamena", "sahel", True, "patronymic", 5,
            ("N'Djamena", "Abéché", "Moundou", "Faya-Largeau", "Mao", "Bol", "Sarh",
             "Adré"),
            "N'Djamena airport", "LDDDDDDD", "DDDDDDDDDD",
        ),
        Country(
            "SO", "Somalia", "Mogadishu", "so", True, "patronymic", 6,
            ("Mogadishu", "Hargeisa", "Kismayo", "Baidoa", "Beledweyne", "Garowe",
             "Bosaso", "Galkayo"),
            "Mogadishu airport", "LLDDDDDDD", "DDDDDDDDDD",
        ),
        Country(
            "DJ", "Djibouti", "Djibouti", "fr", True, "patronymic", 3,
            ("Djibouti", "Ali Sabieh", "Tadjourah", "Obock", "Dikhil", "Arta"),
            "Djibouti airport", "LDDDDDDD", "DDDDDDDDD",
        ),
        Country(
            "KM", "Comoros", "Moroni", "fr", True, "patronymic", 2,
            ("Moroni", "Mutsamudu", "Fomboni", "Domoni", "Mitsamiouli"),
            "Moroni airport", "LDDDDDDD", "DDDDDDDDD",
        ),
        Country(
            "ET", "Ethiopia", "Addis Ababa", "en", False, "patronymic", 7,
            ("Addis Ababa", "Dire Dawa", "Jijiga", "Harar", "Gondar", "Mekelle",
             "Dessie", "Jimma"),
            "Addis Ababa Bole airport", "LLDDDDDDD", "DDDDDDDDDDDD",
        ),
        Country(
            "ER", "Eritrea", "Asmara", "en", False, "patronymic", 3,
            ("Asmara", "Massawa", "Keren", "Assab", "Teseney", "Agordat"),
            "Asmara airport", "LDDDDDDD", "DDDDDDDDD",
        ),
    )
}  # fmt: skip

MEMBERS: tuple[MemberSpec, ...] = tuple(MemberSpec(c.code, c.name) for c in COUNTRIES.values())

REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec("MAGHREB", "Maghreb", ("MA", "DZ", "TN", "LY", "MR")),
    RegionSpec("SAHEL", "Sahel", ("MR", "ML", "NE", "TD")),
    RegionSpec("HORN", "Horn of Africa", ("SO", "DJ", "ET", "ER")),
    RegionSpec(
        "AIMC",
        "Arab Interior Ministers' Council",
        ("MA", "DZ", "TN", "LY", "MR", "EG", "SD", "SO", "DJ", "KM"),
    ),
)

SECRETARIAT = AgencySpec("ORG-SEC", "General Secretariat", None, is_secretariat=True)


def agency_code(country: str) -> str:
    """The code of a member's national central bureau: ``MA`` → ``MA-NCB``."""
    return f"{country}-NCB"


AGENCIES: tuple[AgencySpec, ...] = (
    *(
        AgencySpec(agency_code(c.code), f"National Central Bureau {c.capital}", c.code)
        for c in COUNTRIES.values()
    ),
    SECRETARIAT,
)

# Land borders between members (the Morocco-Mauritania crossing is the one at
# Guerguerat), each with towns at or near its crossing points.
BORDERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("DZ", "MA"): ("Zouj Beghal", "Figuig"),
    ("MA", "MR"): ("Guerguerat",),
    ("DZ", "TN"): ("Oum Teboul", "Bouchebka", "Hazoua"),
    ("DZ", "LY"): ("Debdeb", "Tin Alkoum"),
    ("DZ", "MR"): ("Tindouf",),
    ("DZ", "ML"): ("Bordj Badji Mokhtar", "Tinzaouatine"),
    ("DZ", "NE"): ("In Guezzam", "Assamaka"),
    ("LY", "TN"): ("Ras Ajdir", "Dehiba"),
    ("EG", "LY"): ("Salloum",),
    ("LY", "NE"): ("Madama", "Tumu"),
    ("LY", "TD"): ("Ounianga Kébir",),
    ("LY", "SD"): ("Al Uwaynat",),
    ("EG", "SD"): ("Argeen", "Qustul", "Wadi Halfa"),
    ("SD", "TD"): ("Adré", "Tiné"),
    ("ER", "SD"): ("Kassala", "Teseney"),
    ("ET", "SD"): ("Gallabat", "Metema"),
    ("ML", "MR"): ("Gogui", "Fassala"),
    ("ML", "NE"): ("Labbezanga",),
    ("NE", "TD"): ("Nguigmi",),
    ("ET", "SO"): ("Dolow", "Feerfeer"),
    ("DJ", "ET"): ("Galafi", "Dewele"),
    ("DJ", "SO"): ("Loyada",),
    ("DJ", "ER"): ("Moulhoulé",),
    ("ER", "ET"): ("Zalambessa", "Bure"),
}


def _neighbours() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {code: [] for code in COUNTRIES}
    for a, b in BORDERS:
        found[a].append(b)
        found[b].append(a)
    return {code: tuple(sorted(others)) for code, others in found.items()}


NEIGHBOURS: dict[str, tuple[str, ...]] = _neighbours()


def crossings(a: str, b: str) -> tuple[str, ...]:
    """The border posts between two neighbouring members."""
    return BORDERS[(a, b) if a < b else (b, a)]
