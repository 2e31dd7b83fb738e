"""Records from what the sentences found (``extract``): drawdowns folded into the same
government's advice for the same country, threats merged per area, generic issuers named by the
article's one advice issuer, each with its evidence sentences."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span

from ..records import Advisory, AdvisoryEvidence, Article, Place, outlet_of
from ..records.advisory import advisory_id
from . import words as W


@dataclass(frozen=True, slots=True)
class Area:
    """Where a record bears: a country, maybe some of its admin1 areas, and a point."""

    country: str
    admin1: tuple[tuple[str, str], ...] = ()  # (key, name)
    region: str | None = None
    point: Place | None = None


@dataclass
class Found:
    """One record in the making (merged with others of its key)."""

    kind: str
    issuer: str | None  # None: generic ("the department"), to be named by the article's advice
    area: Area
    level: int | None = None
    label: str | None = None
    threats: set[str] = field(default_factory=set)
    evidence: list[Span] = field(default_factory=list)
    drawdown: bool = False


def records(
    article: Article, advice: list[Found], drawdowns: list[Found], threats: list[Found]
) -> list[Advisory]:
    """Merge what the sentences found into records: drawdowns folded into the same government's
    advice for the same country, threats merged per area; generic issuers named by the advice."""
    merged: dict[tuple[str, str, tuple[str, ...]], Found] = {}
    for f in advice:
        key = (f.issuer or "", f.area.country, tuple(k for k, _ in f.area.admin1))
        if key in merged:
            have = merged[key]
            have.level = max(have.level or 0, f.level or 0)
            have.evidence += f.evidence
        else:
            merged[key] = f
    issuers = {f.issuer for f in advice if f.issuer}
    alone: list[Found] = []
    for d in drawdowns:
        issuer = d.issuer or (next(iter(issuers)) if len(issuers) == 1 else None)
        if not issuer:
            continue
        host = next((f for k, f in merged.items() if k[0] == issuer and k[1] == d.area.country), None)
        if host is not None:
            host.drawdown = True
            host.evidence += [s for s in d.evidence if s not in host.evidence]
            continue
        same = next((a for a in alone if a.issuer == issuer and a.area.country == d.area.country), None)
        if same is not None:
            same.evidence += [s for s in d.evidence if s not in same.evidence]
        else:
            alone.append(replace(d, issuer=issuer, evidence=list(d.evidence)))
    areas: dict[tuple[str, tuple[str, ...]], Found] = {}
    for t in threats:
        told = next(
            (
                f
                for f in merged.values()
                if f.area.country == t.area.country and set(t.evidence) & set(f.evidence)
            ),
            None,
        )
        if told is not None and not t.area.admin1:  # "told them to leave, warning of the risk of detention"
            told.threats |= t.threats
            continue
        where = (t.area.country, tuple(k for k, _ in t.area.admin1))
        if where in areas:
            areas[where].threats |= t.threats
            areas[where].evidence += [s for s in t.evidence if s not in areas[where].evidence]
            areas[where].issuer = areas[where].issuer or t.issuer
        else:
            areas[where] = replace(t, threats=set(t.threats), evidence=list(t.evidence))
    fallback = next(iter(issuers)) if len(issuers) == 1 else (outlet_of(article.url) or "unattributed")
    out = []
    for f in [*merged.values(), *alone, *areas.values()]:
        issuer = f.issuer or fallback
        out.append(_advisory(article, f, issuer))
    return out


def _advisory(article: Article, f: Found, issuer: str) -> Advisory:
    """The record of one found advice, drawdown or threat."""
    keys = tuple(k for k, _ in f.area.admin1)
    point = f.area.point
    ev = sorted(set(f.evidence), key=lambda s: s.start_char)
    return Advisory(
        advisory_id=advisory_id("article", article.content_hash, f.kind, issuer, f.area.country, keys),
        kind=f.kind,
        issuer=issuer,
        country=f.area.country,
        admin1=keys,
        region=f.area.region,
        level=f.level,
        level_label=f.label,
        threats=tuple(sorted(f.threats, key=W.HAZARDS_ORDER.index)),
        date=article.published.isoformat() if article.published else None,
        source="article",
        evidence=tuple(_evidence(article, s) for s in ev),
        latitude=point.latitude if point else None,
        longitude=point.longitude if point else None,
        admin1_names=tuple(n for _, n in f.area.admin1),
        drawdown=f.drawdown,
    )


def _evidence(article: Article, sent: Span) -> AdvisoryEvidence:
    """A sentence as evidence, without its surrounding white space, offsets into the article."""
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    body = text.strip()
    return AdvisoryEvidence(body, start, start + len(body), article.doc_id, article.url)
