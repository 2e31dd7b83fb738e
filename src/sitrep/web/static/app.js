/* sitrep map page.
 *
 * Reads only the public API (/api/events?format=geojson) and the vendored country outlines.
 * No tile layer: the base map is world-atlas countries (TopoJSON -> GeoJSON via topojson-client).
 * All text from the data goes through textContent / DOM attributes, never innerHTML.
 */
(function () {
  "use strict";

  var MAX_EVENTS = 10000;
  var OUTLINES_URL = "static/vendor/world-atlas/countries-50m.json";
  var EVENTS_URL = "api/events";

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

  var body = document.body;
  var countEl = document.getElementById("count");
  var noticeEl = document.getElementById("notice");
  var countrySel = document.getElementById("f-country");
  var typeSel = document.getElementById("f-type");
  var form = document.getElementById("filters");

  var regionNames = null;
  try {
    regionNames = new Intl.DisplayNames(["en"], { type: "region" });
  } catch (e) {
    regionNames = null;
  }

  // ---------------------------------------------------------------- small DOM helpers

  /** Create an element; children are nodes or strings (strings become text nodes). */
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") node.textContent = props[k];
        else if (k === "className") node.className = props[k];
        else node.setAttribute(k, props[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === "") return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

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
      } catch (e) { /* not a region code: fall through */ }
    }
    return String(code);
  }

  function typeOf(props) {
    return COLORS[props.event_type] ? props.event_type : OTHER_TYPE;
  }

  function colorOf(props) {
    return COLORS[props.event_type] || OTHER_COLOR;
  }

  function fmt(n) {
    return Number(n).toLocaleString("en");
  }

  // ---------------------------------------------------------------- fetching

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok) {
          var msg = data && data.error ? data.error : resp.status + " " + resp.statusText;
          throw new Error(msg);
        }
        return data;
      });
    });
  }

  function eventsUrl(filters) {
    var q = new URLSearchParams({ format: "geojson", limit: String(MAX_EVENTS) });
    if (filters.country) q.set("country", filters.country);
    if (filters.type) q.set("type", filters.type);
    return EVENTS_URL + "?" + q.toString();
  }

  // ---------------------------------------------------------------- popup

  function popupContent(p) {
    var rows = [];
    function row(label, value) {
      if (value === null || value === undefined || value === "") return;
      rows.push(el("dt", { text: label }), el("dd", { text: String(value) }));
    }

    var date = p.date || "unknown";
    if (p.date && TIME_PRECISION[p.time_precision]) date += " (" + TIME_PRECISION[p.time_precision] + ")";
    row("Date", date);

    var place = [p.location, p.admin1, countryName(p.country)].filter(Boolean).join(", ");
    if (p.geo_precision) {
      place += " · precision " + p.geo_precision +
        (GEO_PRECISION[p.geo_precision] ? " (" + GEO_PRECISION[p.geo_precision] + ")" : "");
    }
    row("Location", place || "unknown");

    var actors = [p.actor1, p.actor2].filter(Boolean).join(" vs. ");
    row("Actors", actors || "not named");
    row("Fatalities", p.fatalities === null || p.fatalities === undefined ? "unknown" : fmt(p.fatalities));

    var flags = [];
    if (p.hedged) flags.push("unconfirmed report");
    if (p.background) flags.push("background (earlier incident)");

    var evidence = p.evidence && p.evidence.length ? p.evidence[0].text : null;

    var src = null;
    if (p.source) {
      var label = p.source.title || p.source.url || p.source.doc_id || "";
      var url = typeof p.source.url === "string" && /^https?:\/\//i.test(p.source.url) ? p.source.url : null;
      var link = url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label }) : label;
      src = el("p", { className: "src" }, ["Source: ", link, p.source.published ? " · " + p.source.published : ""]);
    }

    return el("div", { className: "ev" }, [
      el("h3", { text: p.sub_event_type || p.event_type || "Event" }),
      el("span", { className: "tag" }, [
        el("span", { className: "swatch", style: "background:" + colorOf(p) }),
        p.event_type || OTHER_TYPE
      ]),
      el("dl", null, rows),
      evidence ? el("blockquote", { text: evidence }) : null,
      flags.length ? el("p", { className: "flags", text: flags.join(" · ") }) : null,
      src
    ]);
  }

  // ---------------------------------------------------------------- map

  var map = null;
  var clusters = null;
  var legend = null;
  var onLoaded = null;

  function makeMap() {
    map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.25, worldCopyJump: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas · Leaflet");
    map.createPane("land");
    map.getPane("land").style.zIndex = 250;
    map.getPane("land").style.pointerEvents = "none";
    map.setView([15, 10], 2);

    clusters = L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
      chunkProgress: function (done, total) {
        if (done === total && onLoaded) {
          var cb = onLoaded;
          onLoaded = null;
          window.setTimeout(cb, 0);
        }
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

  /**
   * world-atlas rings are made for spherical rendering: they jump across the antimeridian
   * (Russia, Fiji) and Antarctica winds round the pole. On a flat map that draws stripes across
   * the world, so unwrap the longitudes, keep each ring mostly within -180..180, and close
   * pole-encircling rings through the pole.
   */
  function flatRing(ring) {
    var out = [[ring[0][0], ring[0][1]]];
    var shift = 0, min = ring[0][0], max = ring[0][0], latSum = ring[0][1];
    for (var i = 1; i < ring.length; i++) {
      var d = ring[i][0] - ring[i - 1][0];
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
      var lon = ring[i][0] + shift;
      out.push([lon, ring[i][1]]);
      min = Math.min(min, lon);
      max = Math.max(max, lon);
      latSum += ring[i][1];
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
      pane: "land",
      interactive: false,
      renderer: L.canvas({ pane: "land", padding: 0.5 }),
      style: { color: "#b9bdbf", weight: 0.7, fillColor: "#eeeeea", fillOpacity: 1 }
    }).addTo(map);
  }

  function drawLegend(counts) {
    var div = legend.getContainer();
    clear(div);
    var items = EVENT_TYPES.map(function (t) { return [t[0], t[1]]; });
    if (counts[OTHER_TYPE]) items.push([OTHER_TYPE, OTHER_COLOR]);
    div.appendChild(el("h2", { text: "Event type" }));
    div.appendChild(el("ul", null, items.map(function (it) {
      return el("li", null, [
        el("span", { className: "swatch", style: "background:" + it[1] }),
        it[0],
        el("span", { className: "n", text: fmt(counts[it[0]] || 0) })
      ]);
    })));
    div.appendChild(el("p", { className: "note", text: "Circle size grows with fatalities." }));
  }

  function markerFor(feature) {
    var p = feature.properties || {};
    var c = feature.geometry.coordinates;
    var f = Number(p.fatalities) > 0 ? Number(p.fatalities) : 0;
    var m = L.circleMarker([c[1], c[0]], {
      radius: 5 + Math.min(9, Math.sqrt(f) * 1.6),
      color: "#ffffff",
      weight: 1.2,
      fillColor: colorOf(p),
      fillOpacity: p.hedged ? 0.55 : 0.88,
      dashArray: p.hedged ? "2,2" : null,
      className: "event-marker"
    });
    m.event = p;
    m.bindPopup(function () { return popupContent(p); }, { maxWidth: 360 });
    return m;
  }

  function render(fc) {
    var features = (fc && fc.features) || [];
    var counts = {};
    features.forEach(function (f) {
      var t = typeOf(f.properties || {});
      counts[t] = (counts[t] || 0) + 1;
    });
    drawLegend(counts);

    clear(countEl);
    countEl.appendChild(el("strong", { text: fmt(features.length) }));
    countEl.appendChild(document.createTextNode(features.length === 1 ? " event" : " events"));
    if (fc && fc.skipped) countEl.appendChild(document.createTextNode(" · " + fmt(fc.skipped) + " without coordinates"));
    if (features.length + ((fc && fc.skipped) || 0) >= MAX_EVENTS) {
      countEl.appendChild(document.createTextNode(" · first " + fmt(MAX_EVENTS) + " only"));
    }

    clusters.clearLayers();
    var markers = features.filter(function (f) {
      return f.geometry && f.geometry.type === "Point";
    }).map(markerFor);
    if (markers.length) {
      var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
      // Keep markers clear of the legend (bottom right) when the map is wide enough to spare it.
      var legendWidth = legend.getContainer().offsetWidth || 0;
      var right = map.getSize().x > 3 * legendWidth ? legendWidth + 30 : 40;
      map.fitBounds(bounds, { paddingTopLeft: [40, 40], paddingBottomRight: [right, 40], maxZoom: 7, animate: false });
    } else {
      map.setView([15, 10], 2, { animate: false });
    }
    return new Promise(function (resolve) {
      onLoaded = function () {
        body.dataset.markers = String(markers.length);
        resolve();
      };
      clusters.addLayers(markers);
    });
  }

  // ---------------------------------------------------------------- filters

  function fillSelect(select, values, label) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) {
      select.add(new Option(label(v[0]) + " (" + fmt(v[1]) + ")", v[0]));
    });
    select.value = keep;
    if (select.value !== keep) select.value = "";
  }

  function fillFilters(fc) {
    var countries = {};
    var types = {};
    ((fc && fc.features) || []).forEach(function (f) {
      var p = f.properties || {};
      if (p.country) countries[p.country] = (countries[p.country] || 0) + 1;
      if (p.event_type) types[p.event_type] = (types[p.event_type] || 0) + 1;
    });
    var byName = Object.keys(countries).map(function (k) { return [k, countries[k]]; });
    byName.sort(function (a, b) { return countryName(a[0]).localeCompare(countryName(b[0])); });
    fillSelect(countrySel, byName, countryName);
    var order = EVENT_TYPES.map(function (t) { return t[0]; });
    var typeList = Object.keys(types).map(function (k) { return [k, types[k]]; });
    typeList.sort(function (a, b) {
      var ia = order.indexOf(a[0]), ib = order.indexOf(b[0]);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a[0].localeCompare(b[0]);
    });
    fillSelect(typeSel, typeList, function (v) { return v; });
  }

  function currentFilters() {
    return { country: countrySel.value, type: typeSel.value };
  }

  function syncUrl(filters) {
    var q = new URLSearchParams();
    if (filters.country) q.set("country", filters.country);
    if (filters.type) q.set("type", filters.type);
    var s = q.toString();
    history.replaceState(null, "", s ? "?" + s : location.pathname);
  }

  function loadFiltered() {
    var filters = currentFilters();
    syncUrl(filters);
    body.dataset.state = "loading";
    return getJSON(eventsUrl(filters)).then(render).then(function () {
      notice("");
      body.dataset.state = "ready";
    }).catch(fail);
  }

  function fail(err) {
    body.dataset.state = "error";
    notice("Could not load events: " + (err && err.message ? err.message : String(err)), true);
    countEl.textContent = "No events loaded";
  }

  // ---------------------------------------------------------------- start

  function start() {
    if (!window.L || !L.markerClusterGroup || !window.topojson) {
      body.dataset.state = "error";
      countEl.textContent = "Map unavailable";
      notice("The map assets are not installed. Run `bash scripts/install_web.sh` (or `make install`) " +
        "and reload.", true);
      return;
    }
    makeMap();
    // Handle for the browser console and the browser test (read-only use).
    window.sitrep = { map: map, clusters: clusters };

    var params = new URLSearchParams(location.search);
    var wanted = { country: params.get("country") || "", type: params.get("type") || "" };

    var outlines = getJSON(OUTLINES_URL).then(drawOutlines).catch(function (err) {
      notice("Country outlines could not be loaded (" + err.message + "); markers are still shown.", false);
    });

    var events = getJSON(eventsUrl({})).then(function (fc) {
      fillFilters(fc);
      countrySel.value = wanted.country;
      typeSel.value = wanted.type;
      if (countrySel.value !== wanted.country) countrySel.value = "";
      if (typeSel.value !== wanted.type) typeSel.value = "";
      var filters = currentFilters();
      if (filters.country || filters.type) return getJSON(eventsUrl(filters)).then(render);
      return render(fc);
    });

    Promise.all([outlines, events]).then(function () {
      body.dataset.state = "ready";
    }).catch(fail);

    countrySel.addEventListener("change", loadFiltered);
    typeSel.addEventListener("change", loadFiltered);
    form.addEventListener("reset", function () {
      window.setTimeout(loadFiltered, 0);
    });
  }

  start();
})();
