/* sitrep dashboard.
 *
 * Reads only the public API: /api/stats (filters, histogram), /api/events (map and list),
 * /api/events/{id} (panel), /api/articles/{doc_id} (evidence in context), plus the
 * vendored country outlines. No tile layer. All text from the data goes through textContent /
 * DOM attributes, never innerHTML.
 */
(function () {
  "use strict";

  var MAX_EVENTS = 10000;
  var LIST_MAX = 300;
  var CONTEXT_CHARS = 220;
  var OUTLINES_URL = "static/vendor/world-atlas/countries-50m.json";
  var FILTER_KEYS = ["country", "type", "actor", "text", "since", "until"];

  // ACLED event types, in ACLED's order, with colours that stay apart for common colour-blindness.
  var EVENT_TYPES = [
    ["Battles", "#c0392b"],
    ["Explosions/Remote violence", "#e67e22"],
    ["Violence against civilians", "#8e44ad"],
    ["Protests", "#2e86c1"],
    ["Riots", "#d4ac0d"],
    ["Strategic developments", "#229954"]
  ];
  var OTHER_TYPE = "Other";
  var OTHER_COLOR = "#7f8c8d";
  var COLORS = {};
  EVENT_TYPES.forEach(function (t) { COLORS[t[0]] = t[1]; });

  var GEO_PRECISION = { 1: "exact place", 2: "near the place", 3: "region" };
  var TIME_PRECISION = { 2: "within a week", 3: "month only" };

  var $ = function (id) { return document.getElementById(id); };
  var body = document.body;
  var countEl = $("count");
  var noticeEl = $("notice");
  var form = $("filters");
  var inputs = {
    country: $("f-country"), type: $("f-type"), actor: $("f-actor"), text: $("f-text"),
    since: $("f-since"), until: $("f-until")
  };
  var listEl = $("list");
  var listNote = $("list-note");
  var panel = $("panel");
  var panelBody = $("panel-body");
  var svg = $("histogram");
  var rangeLabel = $("range-label");
  var rangeClear = $("range-clear");
  var SVGNS = "http://www.w3.org/2000/svg";

  var regionNames = null;
  try { regionNames = new Intl.DisplayNames(["en"], { type: "region" }); } catch (e) { regionNames = null; }

  // ---------------------------------------------------------------- small helpers

  /** Create an element; children are nodes or strings (strings become text nodes). */
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else if (k === "className") node.className = props[k];
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === "") return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function notice(message, isError) {
    noticeEl.textContent = message;
    noticeEl.className = isError ? "notice error" : "notice";
    noticeEl.hidden = !message;
  }

  function countryName(code) {
    if (!code) return "";
    if (regionNames) {
      try {
        var name = regionNames.of(String(code).toUpperCase());
        if (name && name !== code) return name + " (" + code + ")";
      } catch (e) { /* not a region code */ }
    }
    return String(code);
  }

  function colorOf(p) { return COLORS[p.event_type] || OTHER_COLOR; }
  function typeOf(p) { return COLORS[p.event_type] ? p.event_type : OTHER_TYPE; }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok) throw new Error(data && data.error ? data.error : resp.status + " " + resp.statusText);
        return data;
      });
    });
  }

  function query(filters, extra) {
    var q = new URLSearchParams(extra || {});
    FILTER_KEYS.forEach(function (k) { if (filters[k]) q.set(k, filters[k]); });
    return q.toString();
  }

  function currentFilters() {
    var f = {};
    FILTER_KEYS.forEach(function (k) { f[k] = (inputs[k].value || "").trim(); });
    return f;
  }

  // ---------------------------------------------------------------- map

  var map, clusters, legend, onLoaded = null, markersById = {};

  function makeMap() {
    map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas · Leaflet");
    map.createPane("land");
    map.getPane("land").style.zIndex = 250;
    map.getPane("land").style.pointerEvents = "none";
    map.setView([15, 10], 2);
    clusters = L.markerClusterGroup({
      maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true,
      chunkProgress: function (done, total) {
        if (done === total && onLoaded) { var cb = onLoaded; onLoaded = null; window.setTimeout(cb, 0); }
      },
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
        var inner = el("div", { className: "cluster", style: "width:" + size + "px;height:" + size + "px" },
          [el("span", { text: String(n) })]);
        return L.divIcon({ html: inner, className: "cluster-icon", iconSize: L.point(size, size) });
      }
    });
    map.addLayer(clusters);
    legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "legend");
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    legend.addTo(map);
  }

  /** world-atlas rings cross the antimeridian; unwrap them for a flat map (see git history). */
  function flatRing(ring) {
    var out = [[ring[0][0], ring[0][1]]];
    var shift = 0, min = ring[0][0], max = ring[0][0], latSum = ring[0][1];
    for (var i = 1; i < ring.length; i++) {
      var d = ring[i][0] - ring[i - 1][0];
      if (d > 180) shift -= 360; else if (d < -180) shift += 360;
      var lon = ring[i][0] + shift;
      out.push([lon, ring[i][1]]);
      min = Math.min(min, lon); max = Math.max(max, lon); latSum += ring[i][1];
    }
    var first = out[0], last = out[out.length - 1];
    if (Math.abs(last[0] - first[0]) > 180) {
      var pole = latSum / ring.length < 0 ? -90 : 90;
      out.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
    }
    var centre = (min + max) / 2;
    var offset = centre > 180 ? -360 : centre < -180 ? 360 : 0;
    if (offset) out.forEach(function (pt) { pt[0] += offset; });
    return out;
  }

  function flatGeometry(g) {
    if (!g) return g;
    if (g.type === "Polygon") return { type: "Polygon", coordinates: g.coordinates.map(flatRing) };
    if (g.type === "MultiPolygon") {
      return { type: "MultiPolygon", coordinates: g.coordinates.map(function (p) { return p.map(flatRing); }) };
    }
    return g;
  }

  function drawOutlines(topo) {
    var object = topo.objects.countries || topo.objects[Object.keys(topo.objects)[0]];
    var land = topojson.feature(topo, object);
    land.features.forEach(function (f) { f.geometry = flatGeometry(f.geometry); });
    L.geoJSON(land, {
      pane: "land", interactive: false, renderer: L.canvas({ pane: "land", padding: 0.5 }),
      style: { color: "#b9bdbf", weight: 0.7, fillColor: "#eeeeea", fillOpacity: 1 }
    }).addTo(map);
  }

  function drawLegend(counts) {
    var div = legend.getContainer();
    clear(div);
    var items = EVENT_TYPES.slice();
    if (counts[OTHER_TYPE]) items.push([OTHER_TYPE, OTHER_COLOR]);
    div.appendChild(el("h2", { text: "Event type" }));
    div.appendChild(el("ul", null, items.map(function (it) {
      return el("li", null, [el("span", { className: "swatch", style: "background:" + it[1] }), it[0],
        el("span", { className: "n", text: fmt(counts[it[0]] || 0) })]);
    })));
    div.appendChild(el("p", { className: "note", text: "Circle size grows with fatalities." }));
  }

  function markerFor(feature) {
    var p = feature.properties || {};
    var c = feature.geometry.coordinates;
    var f = Number(p.fatalities) > 0 ? Number(p.fatalities) : 0;
    var m = L.circleMarker([c[1], c[0]], {
      radius: 5 + Math.min(9, Math.sqrt(f) * 1.6), color: "#ffffff", weight: 1.2, fillColor: colorOf(p),
      fillOpacity: p.hedged ? 0.55 : 0.88, dashArray: p.hedged ? "2,2" : null, className: "event-marker"
    });
    m.event = p;
    m.on("click", function () { select(p.event_id); });
    markersById[p.event_id] = m;
    return m;
  }

  function renderMap(fc) {
    var features = (fc && fc.features) || [];
    var counts = {};
    features.forEach(function (f) { var t = typeOf(f.properties || {}); counts[t] = (counts[t] || 0) + 1; });
    drawLegend(counts);
    clusters.clearLayers();
    markersById = {};
    var markers = features.filter(function (f) { return f.geometry && f.geometry.type === "Point"; }).map(markerFor);
    if (markers.length) {
      var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
      var legendWidth = legend.getContainer().offsetWidth || 0;
      var right = map.getSize().x > 3 * legendWidth ? legendWidth + 30 : 40;
      map.fitBounds(bounds, { paddingTopLeft: [40, 40], paddingBottomRight: [right, 40], maxZoom: 7, animate: false });
    } else {
      map.setView([15, 10], 2, { animate: false });
    }
    return new Promise(function (resolve) {
      onLoaded = function () { body.dataset.markers = String(markers.length); resolve(); };
      clusters.addLayers(markers);
      if (!markers.length && onLoaded) { var cb = onLoaded; onLoaded = null; cb(); }
    });
  }

  // ---------------------------------------------------------------- list

  /** Located events as GeoJSON-like features; the others are counted as skipped. */
  function asFeatures(events) {
    var features = [];
    events.forEach(function (e) {
      if (e.latitude === null || e.latitude === undefined || e.longitude === null || e.longitude === undefined) return;
      features.push({ type: "Feature", geometry: { type: "Point", coordinates: [e.longitude, e.latitude] }, properties: e });
    });
    return { features: features, skipped: events.length - features.length };
  }

  function renderList(events) {
    var features = events;
    clear(listEl);
    features.slice(0, LIST_MAX).forEach(function (p) {
      var n = p.n_sources || 1;
      var btn = el("button", { type: "button" }, [
        el("span", { className: "swatch", style: "background:" + colorOf(p) }), " ",
        el("span", { className: "when", text: p.date || "undated" }), " · ",
        el("span", { className: "what", text: p.sub_event_type || p.event_type || "Event" }), " · ",
        [p.location, p.country].filter(Boolean).join(", ") || "unknown place",
        el("div", { className: "srcs", text: n + (n === 1 ? " source" : " sources") +
          (p.fatalities ? " · " + fmt(p.fatalities) + " killed" : "") +
          (p.version > 1 ? " · revised (v" + p.version + ")" : "") })
      ]);
      btn.addEventListener("click", function () { select(p.event_id); });
      listEl.appendChild(el("li", { "data-id": p.event_id }, [btn]));
    });
    listNote.textContent = features.length > LIST_MAX ? "(first " + LIST_MAX + ")" : "(" + features.length + ")";
  }

  function renderCount(fc) {
    var features = (fc && fc.features) || [];
    clear(countEl);
    countEl.appendChild(el("strong", { text: fmt(features.length) }));
    countEl.appendChild(document.createTextNode(features.length === 1 ? " event" : " events"));
    if (fc && fc.skipped) countEl.appendChild(document.createTextNode(" · " + fmt(fc.skipped) + " without coordinates"));
    if (features.length + ((fc && fc.skipped) || 0) >= MAX_EVENTS) {
      countEl.appendChild(document.createTextNode(" · first " + fmt(MAX_EVENTS) + " only"));
    }
  }

  // ---------------------------------------------------------------- event panel

  var selected = null;

  function highlight(id) {
    Array.prototype.forEach.call(listEl.querySelectorAll("li"), function (li) {
      li.classList.toggle("selected", li.getAttribute("data-id") === id);
    });
    Object.keys(markersById).forEach(function (k) {
      var on = k === id;
      markersById[k].setStyle({ color: on ? "#111111" : "#ffffff", weight: on ? 2.5 : 1.2 });
      if (on) markersById[k].bringToFront();
    });
  }

  function select(id) {
    selected = id;
    highlight(id);
    syncUrl();
    panel.hidden = false;
    body.dataset.panel = "loading";
    clear(panelBody);
    panelBody.appendChild(el("p", { text: "Loading…" }));
    return getJSON("api/events/" + encodeURIComponent(id)).then(function (ev) {
      if (selected !== id) return null;
      return renderPanel(ev);
    }).then(function () {
      if (selected === id) body.dataset.panel = "ready";
    }).catch(function (err) {
      clear(panelBody);
      panelBody.appendChild(el("p", { className: "flags", text: "Could not load the event: " + err.message }));
      body.dataset.panel = "error";
    });
  }

  function closePanel() {
    selected = null;
    panel.hidden = true;
    body.dataset.panel = "";
    highlight(null);
    syncUrl();
  }

  /** The evidence sentence inside its article: [before][mark: sentence][after]. */
  function inContext(article, ev) {
    var text = article && typeof article.text === "string" ? article.text : null;
    if (!text || text.slice(ev.start, ev.end) !== ev.text) {
      return el("blockquote", null, [el("mark", { text: ev.text })]);
    }
    var from = Math.max(0, ev.start - CONTEXT_CHARS), to = Math.min(text.length, ev.end + CONTEXT_CHARS);
    return el("blockquote", null, [
      from > 0 ? "…" + text.slice(from, ev.start) : text.slice(from, ev.start),
      el("mark", { text: ev.text }),
      to < text.length ? text.slice(ev.end, to) + "…" : text.slice(ev.end, to)
    ]);
  }

  function renderPanel(ev) {
    clear(panelBody);
    var rows = [];
    function row(label, value) {
      if (value === null || value === undefined || value === "") return;
      rows.push(el("dt", { text: label }), el("dd", { text: String(value) }));
    }
    var date = ev.date || "unknown";
    if (ev.date && TIME_PRECISION[ev.time_precision]) date += " (" + TIME_PRECISION[ev.time_precision] + ")";
    row("Date", date);
    var place = [ev.location, ev.admin1, countryName(ev.country)].filter(Boolean).join(", ");
    if (ev.geo_precision) {
      place += " · precision " + ev.geo_precision +
        (GEO_PRECISION[ev.geo_precision] ? " (" + GEO_PRECISION[ev.geo_precision] + ")" : "");
    }
    row("Location", place || "unknown");
    row("Actors", [ev.actor1, ev.actor2].filter(Boolean).join(" vs. ") || "not named");
    var toll = ev.fatalities === null || ev.fatalities === undefined ? "unknown" : fmt(ev.fatalities);
    if (ev.fatalities_low !== null && ev.fatalities_low !== undefined && ev.fatalities_high !== ev.fatalities_low) {
      toll += " (sources say " + fmt(ev.fatalities_low) + "–" + fmt(ev.fatalities_high) + ")";
    }
    row("Fatalities", toll);
    row("Reported", (ev.first_reported || "?") + (ev.last_reported && ev.last_reported !== ev.first_reported
      ? " – " + ev.last_reported : "") + " · " + ev.n_sources + (ev.n_sources === 1 ? " source" : " sources"));
    var flags = [];
    if (ev.hedged) flags.push("unconfirmed report");
    if (ev.background) flags.push("background (earlier incident)");
    if (ev.vague_place) flags.push("country/region-level reports only, not tied to a placed event");

    panelBody.appendChild(el("h2", { text: ev.sub_event_type || ev.event_type || "Event" }));
    panelBody.appendChild(el("span", { className: "tag" }, [
      el("span", { className: "swatch", style: "background:" + colorOf(ev) }), ev.event_type || OTHER_TYPE]));
    panelBody.appendChild(el("dl", null, rows));
    if (flags.length) panelBody.appendChild(el("p", { className: "flags", text: flags.join(" · ") }));

    var versions = ev.versions || [];
    if (versions.length) {
      panelBody.appendChild(el("h3", { text: versions.length > 1 ? "Versions (revised)" : "Version" }));
      panelBody.appendChild(el("table", { className: "versions" }, [
        el("thead", null, [el("tr", null, ["#", "as of", "by", "date", "fatalities", "changed"].map(function (h) {
          return el("th", { text: h });
        }))]),
        el("tbody", null, versions.map(function (v) {
          var f = v.fields || {};
          return el("tr", null, [String(v.version), v.as_of || "?", (v.reported_by || []).join(", "), f.date || "?",
            f.fatalities === null || f.fatalities === undefined ? "?" : String(f.fatalities),
            v.version === 1 ? "first report" : (v.changes || []).filter(function (c) {
              return c !== "fatalities_low" && c !== "fatalities_high";  // the range follows the toll
            }).join(", ")].map(function (c) {
            return el("td", { text: c });
          }));
        }))
      ]));
    }

    panelBody.appendChild(el("h3", { text: "Sources and evidence" }));
    var holder = el("div", { className: "sources" });
    panelBody.appendChild(holder);
    var sources = ev.sources || [];
    var wanted = {};
    sources.forEach(function (s) { wanted[s.copy_of || s.doc_id] = true; });
    var docs = Object.keys(wanted);
    return Promise.all(docs.map(function (d) {
      return getJSON("api/articles/" + encodeURIComponent(d)).catch(function () { return null; });
    })).then(function (articles) {
      var byDoc = {};
      docs.forEach(function (d, i) { byDoc[d] = articles[i]; });
      sources.forEach(function (s) {
        var label = s.title || s.outlet || s.url || s.doc_id;
        var url = safeUrl(s.url);
        var link = url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label }) : label;
        var meta = [s.outlet, s.published, s.copy_of ? "copy of " + s.copy_of : null, s.doc_id]
          .filter(Boolean).join(" · ");
        var article = byDoc[s.copy_of || s.doc_id];
        var parts = [el("div", null, [link]), el("div", { className: "meta", text: meta })];
        if (s.joined) { parts.push(el("div", { className: "meta joined", text: joinedText(s.joined) })); }
        holder.appendChild(el("div", { className: "source", "data-doc": s.doc_id },
          parts.concat((s.evidence || []).map(function (e) { return inContext(article, e); }))));
      });
    });
  }

  // Feed health (``sitrep watch``): one line per feed, shown only when the store watches some.
  function renderFeeds(body) {
    var feeds = (body && body.feeds) || [];
    var box = document.getElementById("feeds");
    if (!feeds.length) { box.hidden = true; return; }
    var lat = body.latency || {};
    document.getElementById("feeds-note").textContent = "(" + feeds.length + ")" +
      (lat.p95_s === null || lat.p95_s === undefined ? "" : " · p95 " + Math.round(lat.p95_s) + " s to stored");
    var list = document.getElementById("feeds-list");
    list.textContent = "";
    feeds.forEach(function (f) {
      var state = f.failures ? "failing ×" + f.failures + ": " + (f.last_error || f.last_status) : (f.last_status || "not polled yet");
      list.appendChild(el("li", { className: f.failures ? "feed bad" : "feed" }, [
        el("div", { text: f.title || f.url }),
        el("div", { className: "meta", text: [state, "last poll " + (f.last_polled || "never"),
          f.stored + " stored", f.rejected + " rejected"].join(" · ") })
      ]));
    });
    box.hidden = false;
  }

  // Why a source was joined to the event (dedup's explanation), in one line.
  function joinedText(j) {
    var bits = ["joined " + (j.to_doc_id || "")];
    bits.push(j.km === null ? "no distance" : j.km + " km");
    bits.push(j.days === null ? "no day gap" : j.days + (j.days === 1 ? " day" : " days") + " apart");
    bits.push(j.sub_event_types[0] === j.sub_event_types[1] ? "same sub-type" : j.sub_event_types.join(" / "));
    if (j.shared_actors.length) { bits.push("both name " + j.shared_actors.join(", ")); }
    if (j.rule === "only-fit") { bits.push("country/region-level report, the only event it fits"); }
    return bits.join(" · ");
  }

  // ---------------------------------------------------------------- histogram

  var buckets = [];   // [{start, end, n}] in date order: days, or months when the span is long
  var drag = null;
  var DAY_MS = 86400000;

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function renderHistogram(byDay) {
    var keys = Object.keys(byDay || {}).filter(function (k) { return /^\d{4}-\d\d-\d\d$/.test(k); }).sort();
    buckets = [];
    if (!keys.length) { drawHistogram(); return; }
    var first = Date.parse(keys[0]), last = Date.parse(keys[keys.length - 1]);
    var monthly = (last - first) / DAY_MS > 730;
    var index = {};
    if (monthly) {
      var d = new Date(first); d.setUTCDate(1);
      while (d.getTime() <= last) {
        var next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
        index[iso(d.getTime()).slice(0, 7)] = buckets.length;
        buckets.push({ start: iso(d.getTime()), end: iso(next.getTime() - DAY_MS), n: 0 });
        d = next;
      }
      keys.forEach(function (k) { buckets[index[k.slice(0, 7)]].n += byDay[k]; });
    } else {
      for (var t = first; t <= last; t += DAY_MS) {
        index[iso(t)] = buckets.length;
        buckets.push({ start: iso(t), end: iso(t), n: 0 });
      }
      keys.forEach(function (k) { buckets[index[k]].n += byDay[k]; });
    }
    drawHistogram();
  }

  function drawHistogram() {
    clear(svg);
    var w = svg.clientWidth || 800, h = svg.clientHeight || 70;
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    var f = currentFilters();
    rangeLabel.textContent = f.since || f.until ? (f.since || "…") + " – " + (f.until || "…") : "all dates";
    rangeClear.hidden = !(f.since || f.until);
    if (!buckets.length) {
      var t = svgEl("text", { x: 4, y: h / 2, class: "axis" }); t.textContent = "No dated events";
      svg.appendChild(t);
      return;
    }
    var max = Math.max.apply(null, buckets.map(function (b) { return b.n; })) || 1;
    var bw = w / buckets.length;
    buckets.forEach(function (b, i) {
      if (!b.n) return;
      var bh = Math.max(2, (h - 14) * b.n / max);
      var inside = (!f.since || b.end >= f.since) && (!f.until || b.start <= f.until);
      var r = svgEl("rect", { x: i * bw + 0.5, y: h - 12 - bh, width: Math.max(1, bw - 1), height: bh,
        class: inside ? "b in" : "b", "data-start": b.start });
      var tip = svgEl("title", {});
      tip.textContent = (b.start === b.end ? b.start : b.start.slice(0, 7)) + ": " + b.n;
      r.appendChild(tip);
      svg.appendChild(r);
    });
    [[0, "start"], [buckets.length - 1, "end"]].forEach(function (a) {
      var t = svgEl("text", { x: a[1] === "start" ? 2 : w - 2, y: h - 1, class: "axis", "text-anchor": a[1] });
      t.textContent = a[1] === "start" ? buckets[a[0]].start : buckets[a[0]].end;
      svg.appendChild(t);
    });
    if (drag) {
      var x0 = Math.min(drag.a, drag.b), x1 = Math.max(drag.a, drag.b);
      svg.appendChild(svgEl("rect", { x: x0, y: 0, width: Math.max(1, x1 - x0), height: h - 12, class: "brush" }));
    }
  }

  function xToBucket(x) {
    var w = svg.clientWidth || 800;
    return buckets[Math.max(0, Math.min(buckets.length - 1, Math.floor(x / (w / buckets.length))))];
  }

  function svgX(evt) { return evt.clientX - svg.getBoundingClientRect().left; }

  svg.addEventListener("pointerdown", function (evt) {
    if (!buckets.length) return;
    drag = { a: svgX(evt), b: svgX(evt) };
    svg.setPointerCapture(evt.pointerId);
    drawHistogram();
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    drag.b = svgX(evt);
    drawHistogram();
  });
  svg.addEventListener("pointerup", function (evt) {
    if (!drag) return;
    drag.b = svgX(evt);
    var a = xToBucket(Math.min(drag.a, drag.b)), b = xToBucket(Math.max(drag.a, drag.b));
    drag = null;
    inputs.since.value = a.start;
    inputs.until.value = b.end;
    reload(false);
  });
  rangeClear.addEventListener("click", function () {
    inputs.since.value = "";
    inputs.until.value = "";
    reload(false);
  });

  // ---------------------------------------------------------------- loading

  function fillSelect(select, counts, label, order) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    var keys = Object.keys(counts || {}).filter(function (k) { return k && k !== "?"; });
    keys.sort(order);
    keys.forEach(function (k) { select.add(new Option(label(k) + " (" + fmt(counts[k]) + ")", k)); });
    select.value = keep;
    if (select.value !== keep) select.value = "";
  }

  function fillFilters(stats) {
    fillSelect(inputs.country, stats.by_country, countryName, function (a, b) {
      return countryName(a).localeCompare(countryName(b));
    });
    var order = EVENT_TYPES.map(function (t) { return t[0]; });
    fillSelect(inputs.type, stats.by_type, function (v) { return v; }, function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
  }

  function syncUrl() {
    var q = new URLSearchParams(query(currentFilters()));
    if (selected) q.set("event", selected);
    var s = q.toString();
    history.replaceState(null, "", s ? "?" + s : location.pathname);
  }

  /** Fetch events (and the histogram unless only the range changed) for the current filters. */
  function reload(withHistogram) {
    var f = currentFilters();
    syncUrl();
    body.dataset.state = "loading";
    var histF = {};
    FILTER_KEYS.forEach(function (k) { if (k !== "since" && k !== "until") histF[k] = f[k]; });
    var jobs = [getJSON("api/events?" + query(f, { limit: String(MAX_EVENTS) })).then(function (data) {
      var fc = asFeatures(data.events || []);
      renderCount(fc);
      renderList(data.events || []);
      highlight(selected);
      return renderMap(fc);
    })];
    if (withHistogram !== false) {
      jobs.push(getJSON("api/stats?" + query(histF)).then(function (st) { renderHistogram(st.by_day); }));
    } else {
      drawHistogram();
    }
    return Promise.all(jobs).then(function () {
      notice("");
      if (started) body.dataset.state = "ready";
    }).catch(fail);
  }

  var started = false;

  function fail(err) {
    body.dataset.state = "error";
    notice("Could not load events: " + (err && err.message ? err.message : String(err)), true);
    countEl.textContent = "No events loaded";
  }

  function start() {
    if (!window.L || !L.markerClusterGroup || !window.topojson) {
      body.dataset.state = "error";
      countEl.textContent = "Map unavailable";
      notice("The map assets are not installed. Run `bash scripts/install_web.sh` (or `make install`) and reload.", true);
      return;
    }
    makeMap();
    window.sitrep = { map: map, clusters: clusters, select: select, markers: function () { return markersById; } };
    var params = new URLSearchParams(location.search);
    var outlines = getJSON(OUTLINES_URL).then(drawOutlines).catch(function (err) {
      notice("Country outlines could not be loaded (" + err.message + "); markers are still shown.", false);
    });
    var first = getJSON("api/stats").then(function (st) {
      fillFilters(st);
      FILTER_KEYS.forEach(function (k) { inputs[k].value = params.get(k) || ""; });
      if (inputs.country.value !== (params.get("country") || "")) inputs.country.value = "";
      if (inputs.type.value !== (params.get("type") || "")) inputs.type.value = "";
      return reload(true);
    });
    getJSON("api/feeds").then(renderFeeds).catch(function () { /* no feeds route: an older server */ });
    Promise.all([outlines, first]).then(function () {
      started = true;
      body.dataset.state = "ready";
      if (params.get("event")) select(params.get("event"));
    }).catch(fail);

    ["country", "type", "since", "until"].forEach(function (k) {
      inputs[k].addEventListener("change", function () { reload(k !== "since" && k !== "until"); });
    });
    var timer = null;
    ["actor", "text"].forEach(function (k) {
      inputs[k].addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { reload(true); }, 300);
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); reload(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { reload(true); }, 0); });
    $("panel-close").addEventListener("click", closePanel);
    window.addEventListener("resize", drawHistogram);
  }

  start();
})();
