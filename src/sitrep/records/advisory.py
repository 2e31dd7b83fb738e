"""Advisories and threats as records: ``Advisory`` (with its ``AdvisoryEvidence``) and ``AdvisoryChange``.

An advisory is a government telling its citizens to leave, not to travel or to reconsider travel
(``kind`` "advisory", an embassy drawdown folded in as ``drawdown``), an embassy drawdown told
alone ("drawdown"), or a stated threat of terrorism, kidnapping, banditry ... in a region
("threat"). They come from articles (``sitrep.advisories.extract``) or from the official
machine-readable feeds (``sitrep.advisories.imports``). Levels are on one four-step ladder
(1 normal precautions, 2 increased caution, 3 reconsider / avoid non-essential travel, 4 do not
travel / leave); threats are the US State Department's indicator letters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

KINDS = ("advisory", "drawdown", "threat")
# The US indicator letters: kidnapping, terrorism, unrest, crime, health, natural disaster,
# time-limited event, wrongful detention, other.
THREAT_LETTERS = "KTUCHNEDO"
LEVEL_LABELS = {
    1: "Exercise normal precautions",
    2: "Exercise increased caution",
    3: "Reconsider travel",
    4: "Do not travel",
}


@dataclass(frozen=True, slots=True)
class AdvisoryEvidence:
    """A quoted sentence with its character offsets in the article text."""

    text: str
    char_start: int
    char_end: int
    doc_id: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Advisory:
    """One advisory, drawdown or threat (see the module docstring)."""

    advisory_id: str  # stable: the same input gives the same id
    kind: str  # KINDS
    issuer: str  # ISO2 of the issuing government, or an organisation's name
    country: str  # ISO2 of the country it bears on
    admin1: tuple[str, ...]  # admin1 keys it is limited to ("ML.08"); empty: the whole country
    region: str | None  # the region as written ("the northern region", "northern Mali")
    level: int | None  # 1..4 on the common ladder
    level_label: str | None  # the issuer's own wording of the level
    threats: tuple[str, ...]  # THREAT_LETTERS that fit
    date: str | None  # ISO date it was issued or reported
    source: str  # "article", "import:ca", "import:gb", "import:us"
    evidence: tuple[AdvisoryEvidence, ...]
    latitude: float | None = None  # a representative point of the area
    longitude: float | None = None
    admin1_names: tuple[str, ...] = ()  # the names of the ``admin1`` areas, in the same order
    drawdown: bool = False  # an embassy drawdown or evacuation of staff is part of it
    url: str | None = None  # the official page, for an imported advisory
    title: str | None = None  # the official title or summary, for an imported advisory

    def bears_on(self, country: str | None, admin1: str | None = None) -> bool:
        """Whether a point in ``country`` (and in the admin1 area ``admin1``, a key like "ML.08"
        or a name) lies in the advisory's area."""
        if not country or country.upper() != self.country:
            return False
        if not self.admin1:
            return True
        return admin1 is not None and (admin1 in self.admin1 or admin1 in self.admin1_names)

    def to_dict(self) -> dict[str, Any]:
        """The advisory's public JSON shape."""
        return {
            "advisory_id": self.advisory_id,
            "kind": self.kind,
            "issuer": self.issuer,
            "country": self.country,
            "admin1": list(self.admin1),
            "admin1_names": list(self.admin1_names),
            "region": self.region,
            "level": self.level,
            "level_label": self.level_label,
            "threats": list(self.threats),
            "drawdown": self.drawdown,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "evidence": [
                {
                    "text": e.text,
                    "char_start": e.char_start,
                    "char_end": e.char_end,
                    "doc_id": e.doc_id,
                    "url": e.url,
                }
                for e in self.evidence
            ],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Advisory:
        """The advisory whose ``to_dict()`` is ``d``."""
        return cls(
            advisory_id=str(d["advisory_id"]),
            kind=str(d["kind"]),
            issuer=str(d["issuer"]),
            country=str(d["country"]),
            admin1=tuple(d.get("admin1") or ()),
            region=d.get("region"),
            level=d.get("level"),
            level_label=d.get("level_label"),
            threats=tuple(d.get("threats") or ()),
            date=d.get("date"),
            source=str(d["source"]),
            evidence=tuple(
                AdvisoryEvidence(
                    str(e["text"]), int(e["char_start"]), int(e["char_end"]), e.get("doc_id"), e.get("url")
                )
                for e in d.get("evidence") or ()
            ),
            latitude=d.get("latitude"),
            longitude=d.get("longitude"),
            admin1_names=tuple(d.get("admin1_names") or ()),
            drawdown=bool(d.get("drawdown")),
            url=d.get("url"),
            title=d.get("title"),
        )


@dataclass(frozen=True, slots=True)
class AdvisoryChange:
    """An imported advisory whose level changed (first sight is no change)."""

    advisory_id: str
    issuer: str
    country: str
    old_level: int | None
    new_level: int | None
    changed_at: str  # ISO timestamp (UTC) of the import that saw the change

    def to_dict(self) -> dict[str, Any]:
        """The change's public JSON shape."""
        return {
            "advisory_id": self.advisory_id,
            "issuer": self.issuer,
            "country": self.country,
            "old_level": self.old_level,
            "new_level": self.new_level,
            "changed_at": self.changed_at,
        }


def advisory_id(*parts: object) -> str:
    """A stable id from the parts that make an advisory what it is."""
    key = "|".join(
        "" if p is None else ",".join(map(str, p)) if isinstance(p, tuple) else str(p) for p in parts
    )
    return "adv_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


class AdvisoryEvidenceLike(Protocol):
    """What readers of advisories need of an ``AdvisoryEvidence`` (tests pass stand-ins)."""

    @property
    def text(self) -> str: ...
    @property
    def char_start(self) -> int: ...
    @property
    def char_end(self) -> int: ...
    @property
    def doc_id(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...


class AdvisoryLike(Protocol):
    """What readers of advisories (alerts, reports) need of an ``Advisory`` (tests pass stand-ins)."""

    @property
    def advisory_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def issuer(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def admin1(self) -> Sequence[str]: ...
    @property
    def region(self) -> str | None: ...
    @property
    def level(self) -> int | None: ...
    @property
    def level_label(self) -> str | None: ...
    @property
    def threats(self) -> Sequence[str]: ...
    @property
    def date(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def evidence(self) -> Sequence[AdvisoryEvidenceLike]: ...
