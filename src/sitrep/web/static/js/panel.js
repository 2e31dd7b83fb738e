/* The event panel: facts, the review desk (js/review.js), versions (a review's version says who,
 * when, why and what changed), and each source (outlet, link, date) with its evidence sentence
 * highlighted inside its article (/api/articles/{doc_id}). */

import { $, OTHER_TYPE, clear, colorOf, countryName, el, fmt, getJSON, isoDate, safeUrl } from "./util.js";
import { reviewSection, splitButton } from "./review.js";

const CONTEXT_CHARS = 220;
const GEO_PRECISION = { 1: "exact place", 2: "near the place", 3: "region" };
const TIME_PRECISION = { 2: "within a week", 3: "month only" };
const panelBody = $("panel-body");

/** The evidence sentence inside its article: [before][mark: sentence][after]. */
function inContext(article, ev) {
  const text = article && typeof article.text === "string" ? article.text : null;
  if (!text || text.slice(ev.start, ev.end) !== ev.text) {
    return el("blockquote", null, [el("mark", { text: ev.text })]);
  }
  const from = Math.max(0, ev.start - CONTEXT_CHARS), to = Math.min(text.length, ev.end + CONTEXT_CHARS);
  return el("blockquote", null, [
    from > 0 ? "…" + text.slice(from, ev.start) : text.slice(from, ev.start),
    el("mark", { text: ev.text }),
    to < text.length ? text.slice(ev.end, to) + "…" : text.slice(ev.end, to)
  ]);
}

// Why a source was joined to the event (dedup's explanation), in one line.
function joinedText(j) {
  const bits = ["joined " + (j.to_doc_id || "")];
  bits.push(j.km === null ? "no distance" : j.km + " km");
  bits.push(j.days === null ? "no day gap" : j.days + (j.days === 1 ? " day" : " days") + " apart");
  bits.push(j.sub_event_types[0] === j.sub_event_types[1] ? "same sub-type" : j.sub_event_types.join(" / "));
  if (j.shared_actors.length) { bits.push("both name " + j.shared_actors.join(", ")); }
  if (j.rule === "only-fit") { bits.push("country/region-level report, the only event it fits"); }
  return bits.join(" · ");
}

function facts(ev) {
  const rows = [];
  function row(label, value) {
    if (value === null || value === undefined || value === "") return;
    rows.push(el("dt", { text: label }), el("dd", { text: String(value) }));
  }
  let date = isoDate(ev.date) || "unknown";
  if (ev.date && TIME_PRECISION[ev.time_precision]) date += " (" + TIME_PRECISION[ev.time_precision] + ")";
  row("Date", date);
  let place = [ev.location, ev.admin1, countryName(ev.country)].filter(Boolean).join(", ");
  if (ev.geo_precision) {
    place += " · precision " + ev.geo_precision +
      (GEO_PRECISION[ev.geo_precision] ? " (" + GEO_PRECISION[ev.geo_precision] + ")" : "");
  }
  row("Location", place || "unknown");
  row("Actors", [ev.actor1, ev.actor2].filter(Boolean).join(" vs. ") || "not named");
  let toll = ev.fatalities === null || ev.fatalities === undefined ? "unknown" : fmt(ev.fatalities);
  if (ev.fatalities_low !== null && ev.fatalities_low !== undefined && ev.fatalities_high !== ev.fatalities_low) {
    toll += " (sources say " + fmt(ev.fatalities_low) + "–" + fmt(ev.fatalities_high) + ")";
  }
  row("Fatalities", toll);
  if (ev.confidence !== null && ev.confidence !== undefined) row("Confidence", Number(ev.confidence).toFixed(2));
  const last = isoDate(ev.last_reported), first = isoDate(ev.first_reported);
  row("Reported", (first || "?") + (last && last !== first ? " – " + last : "") + " · " +
    ev.n_sources + (ev.n_sources === 1 ? " source" : " sources"));
  return rows;
}

const ACTION = { confirm: "confirmed", correct: "corrected", merge: "merged", split: "split", reject: "rejected" };

function versionChanges(v) {
  if (v.version === 1) return "first report";
  const changed = (v.changes || []).filter(function (c) {
    return c !== "fatalities_low" && c !== "fatalities_high";  // the range follows the toll
  });
  if (v.review) return ACTION[v.review.action] + (changed.length ? ": " + changed.join(", ") : "");
  return changed.join(", ");
}

/** One row per version; a review's version adds a row with its reason and the values it set. */
function versionsTable(versions) {
  const rows = [];
  versions.forEach(function (v) {
    const f = v.fields || {};
    const r = v.review;
    const by = r ? r.reviewer : (v.reported_by || []).join(", ");
    rows.push(el("tr", r ? { className: "by-review" } : null, [String(v.version),
      (r ? isoDate(r.at) : isoDate(v.as_of)) || "?", by,
      isoDate(f.date) || "?", f.fatalities === null || f.fatalities === undefined ? "?" : String(f.fatalities),
      versionChanges(v)].map(function (c) { return el("td", { text: c }); })));
    if (r) {
      const set = Object.keys(r.fields || {}).filter(function (k) {
        return k !== "fatalities_low" && k !== "fatalities_high" || r.fields[k] !== r.fields.fatalities;
      }).map(function (k) { return k + " = " + (r.fields[k] === null ? "none" : String(r.fields[k])); });
      rows.push(el("tr", { className: "review-note" }, [el("td", { colspan: "6" }, [
        el("span", { text: "“" + (r.reason || "") + "”" }),
        set.length ? el("span", { className: "set", text: " · set " + set.join(", ") }) : null
      ])]));
    }
  });
  return el("table", { className: "versions" }, [
    el("thead", null, [el("tr", null, ["#", "as of", "by", "date", "fatalities", "changed"].map(function (h) {
      return el("th", { text: h });
    }))]),
    el("tbody", null, rows)
  ]);
}

function outletOf(s) {
  if (s.outlet) return s.outlet;
  try { return new URL(s.url).hostname; } catch (e) { return "unknown outlet"; }
}

/** One source: outlet and date, title, the URL as a link, and its evidence in context. */
function sourceBlock(ev, s, article) {
  const url = safeUrl(s.url);
  const parts = [
    el("div", { className: "src-head" }, [
      el("span", { className: "outlet", text: outletOf(s) }),
      s.published ? el("span", { className: "published", text: isoDate(s.published) }) : null,
      splitButton(ev, { doc_id: s.doc_id, outlet: outletOf(s), published: s.published })
    ]),
    s.title ? el("div", { className: "src-title", text: s.title }) : null,
    url ? el("a", { className: "url", href: url, target: "_blank", rel: "noopener noreferrer", text: url })
      : el("div", { className: "meta", text: s.url || "no URL" }),
    el("div", { className: "meta", text: [s.copy_of ? "copy of " + s.copy_of : null, s.doc_id].filter(Boolean).join(" · ") })
  ];
  if (s.joined) { parts.push(el("div", { className: "meta joined", text: joinedText(s.joined) })); }
  return el("div", { className: "source", "data-doc": s.doc_id },
    parts.concat((s.evidence || []).map(function (e) { return inContext(article, e); })));
}

export function renderPanel(ev) {
  clear(panelBody);
  const flags = [];
  if (ev.hedged) flags.push("unconfirmed report");
  if (ev.background) flags.push("background (earlier incident)");
  if (ev.vague_place) flags.push("country/region-level reports only, not tied to a placed event");

  panelBody.appendChild(el("h2", { text: ev.sub_event_type || ev.event_type || "Event" }));
  panelBody.appendChild(el("span", { className: "tag" }, [
    el("span", { className: "swatch", style: "background:" + colorOf(ev) }), ev.event_type || OTHER_TYPE]));
  panelBody.appendChild(el("dl", null, facts(ev)));
  if (flags.length) panelBody.appendChild(el("p", { className: "flags", text: flags.join(" · ") }));
  panelBody.appendChild(reviewSection(ev));

  const versions = ev.versions || [];
  if (versions.length) {
    panelBody.appendChild(el("h3", { text: versions.length > 1 ? "Versions (revised)" : "Version" }));
    panelBody.appendChild(versionsTable(versions));
  }
  const sources = ev.sources || [];
  panelBody.appendChild(el("h3", { text: "Sources and evidence (" + sources.length + ")" }));
  const holder = el("div", { className: "sources" });
  panelBody.appendChild(holder);
  const wanted = {};
  sources.forEach(function (s) { wanted[s.copy_of || s.doc_id] = true; });
  const docs = Object.keys(wanted);
  return Promise.all(docs.map(function (d) {
    return getJSON("api/articles/" + encodeURIComponent(d)).catch(function () { return null; });
  })).then(function (articles) {
    const byDoc = {};
    docs.forEach(function (d, i) { byDoc[d] = articles[i]; });
    sources.forEach(function (s) { holder.appendChild(sourceBlock(ev, s, byDoc[s.copy_of || s.doc_id])); });
  });
}

export function panelMessage(text, isError) {
  clear(panelBody);
  panelBody.appendChild(el("p", { className: isError ? "flags" : "", text: text }));
}
