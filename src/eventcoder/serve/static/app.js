// eventcoder web app: vanilla JS + SVG over the REST API of the same server. No external asset.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
// quad-class colour families: each type gets a shade of its quad class's colour
const QUAD_SHADES = {
  1: ["#74c476", "#a1d99b", "#41ab5d", "#c7e9c0", "#5fb85f"],
  2: ["#238b45", "#006d2c", "#2f9e5a", "#0b5e2b"],
  3: ["#fd8d3c", "#fdae6b", "#e6550d", "#fdd0a2", "#f16913"],
  4: ["#d7301f", "#b30000", "#ef6548", "#990000", "#fc8d59"],
};
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};

const state = {
  filters: {}, offset: 0, limit: 25, total: 0, selected: null,
  interval: "month", level: "event", sort: "-date", countLevel: "event", mapView: [-180, -90, 360, 180], useMapView: false,
};
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// Each view counts its renders in a data attribute of <body> (data-events, data-timeline,
// data-network, data-map), so a test can wait for a view to be drawn again, not for a time.
const renders = {};
function rendered(view) {
  renders[view] = (renders[view] || 0) + 1;
  document.body.dataset[view] = String(renders[view]);
}

function status(message) {
  const s = $("#status");
  s.textContent = message || "";
  s.classList.toggle("on", Boolean(message));
}

async function api(path, params, options) {
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.statusText;
    throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return body;
}

// ---------------------------------------------------------------- filters
function filterParams({bbox = true} = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filters)) if (v) p.set(k, v);
  if (bbox && state.useMapView) {
    const [x, y, w, h] = state.mapView;
    const west = Math.max(-180, x), east = Math.min(180, x + w);
    const north = Math.min(90, -y), south = Math.max(-90, -(y + h));
    p.set("bbox", [west, south, east, north].map((n) => n.toFixed(3)).join(","));
  }
  return p;
}

function readFilters() {
  const form = $("#filters");
  const f = {};
  for (const input of form.querySelectorAll("input[name], select[name]")) {
    const v = input.value.trim();
    if (v) f[input.name] = v;
  }
  state.filters = f;
  state.useMapView = $("#f-mapview").checked;
  state.offset = 0;
}

function setFilter(name, value) {
  const input = $("#filters").querySelector(`[name="${name}"]`);
  if (input) input.value = value;
  readFilters();
  refresh();
}

function updateExports() {
  const p = filterParams();
  p.set("format", "csv");
  $("#export-csv").href = `/api/export?${p}`;
  p.set("format", "plover-jsonl");
  $("#export-jsonl").href = `/api/export?${p}`;
}

// ---------------------------------------------------------------- events table
function quadTag(ev) {
  return el("span", {class: `tag q${ev.quad_code || 0}`, title: QUAD_NAMES[ev.quad_code] || "", text: ev.event});
}

function names(ents) {
  return ents.map((e) => {
    const code = [e.code, e.sector].filter(Boolean).join(" ");
    return (e.name || e.entity_text) + (code ? ` (${code})` : "");
  }).join("; ");
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

// The reports column: how many reports (coded events, in any article) tell the row's
// real-world event, and from how many sources; "–" while the event is not clustered.
function reportsCell(ev) {
  if (!ev.cluster_id) return el("td", {class: "reports", title: "not clustered yet", text: "–"});
  const n = ev.cluster_reports || 1, s = ev.cluster_sources || 1;
  return el("td", {class: "reports", "data-cluster": ev.cluster_id, "data-reports": n, "data-sources": s,
    title: `event cluster ${ev.cluster_id}: ${plural(n, "report")} from ${plural(s, "source")}`},
  String(n), el("div", {class: "code", text: plural(s, "source")}));
}

async function loadEvents() {
  const p = filterParams();
  p.set("limit", state.limit);
  p.set("offset", state.offset);
  p.set("level", state.level);
  p.set("sort", state.sort);
  const data = await api("/api/events", p);
  state.total = data.total;
  const body = $("#events-table tbody");
  body.replaceChildren();
  for (const ev of data.events) {
    const eventId = ev.event_id || ev.id; // mention rows carry their event's id
    const row = el("tr", {"data-id": ev.id, "data-event": eventId, onclick: () => showEvent(eventId, ev.id)},
      el("td", {text: ev.date || "–"}),
      el("td", {}, quadTag(ev), ev.mode ? el("span", {class: "code", text: ` ${ev.mode}`}) : null,
        el("div", {class: "code", text: `CAMEO ${ev.cameo || "?"} · ${ev.modality}`})),
      el("td", {text: names(ev.actors) || "–"}),
      el("td", {text: names(ev.recipients) || "–"}),
      el("td", {text: ev.place_name ? `${ev.place_name}${ev.place_country ? ", " + ev.place_country : ""}` : "–"}),
      el("td", {}, ev.trigger || "", ev.mention !== undefined ? el("div", {class: "code", text: ev.mention ? `told again (#${ev.mention})` : "main sentence"}) : null),
      reportsCell(ev));
    if (ev.id === state.selectedRow) row.classList.add("selected");
    body.append(row);
  }
  if (!data.events.length) body.append(el("tr", {}, el("td", {colspan: 7, class: "empty", text: "No event matches these filters."})));
  $("#events-count").textContent = `${data.total} matching`;
  const last = Math.min(state.offset + state.limit, data.total);
  $("#page-info").textContent = data.total ? `${state.offset + 1}–${last} of ${data.total}` : "";
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = last >= data.total;
  rendered("events");
}

// ---------------------------------------------------------------- highlighting
const KIND_ORDER = ["sentence", "mention", "date", "place", "recipient", "actor", "trigger", "modality"];

function highlightText(text, spans) {
  const frag = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { frag.append(piece); continue; }
    covering.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
    const classes = covering.map((s) => `hl-${s.kind}`).join(" ");
    const title = covering.filter((s) => s.kind !== "sentence").map((s) => s.label + (s.reason ? ` — ${s.reason}` : "")).join("\n");
    frag.append(el("span", {class: classes, title: title || "evidence sentence", "data-start": a}, piece));
  }
  return frag;
}

function keyLegend() {
  const keys = el("div", {class: "keys"});
  for (const [kind, label] of [["sentence", "evidence sentence"], ["mention", "told again"], ["trigger", "trigger"], ["actor", "actor"],
    ["recipient", "recipient"], ["place", "place"], ["date", "date"], ["modality", "modality cue"]]) {
    keys.append(el("span", {class: `hl-${kind}`, text: label}));
  }
  return keys;
}

function entityRows(label, ents) {
  if (!ents || !ents.length) return [el("tr", {}, el("th", {text: label}), el("td", {text: "–"}))];
  return ents.map((e, i) => el("tr", {},
    el("th", {text: i ? "" : label}),
    el("td", {}, `${e.name || e.entity_text}`,
      el("span", {class: "code", text: ` ${[e.code, e.sector].filter(Boolean).join(" ") || "no code"}`}),
      e.office ? el("span", {class: "code", text: ` · ${e.office}`}) : null,
      el("span", {class: "reason", text: e.reason || ""}))));
}

function fieldsTable(ev) {
  const loc = ev.event_loc || {};
  const date = ev.date_info || {};
  const reasons = ev.reasons || {};
  const rows = [
    el("tr", {}, el("th", {text: "event"}), el("td", {}, quadTag(ev), ev.mode ? ` ${ev.mode}` : "",
      el("span", {class: "code", text: ` CAMEO ${ev.cameo || "?"} · quad ${ev.quad_code} ${QUAD_NAMES[ev.quad_code] || ""} · score ${ev.event_scale ?? "?"}`}),
      el("span", {class: "reason", text: reasons.event || reasons.mode || ""}))),
    el("tr", {}, el("th", {text: "modality"}), el("td", {}, ev.modality,
      ev.modality_cue ? el("span", {class: "code", text: ` cue: “${ev.modality_cue.text}”`}) : null,
      el("span", {class: "reason", text: reasons.modality || ""}))),
    el("tr", {}, el("th", {text: "salience"}), el("td", {}, ev.salience || "main",
      el("span", {class: "reason", text: reasons.salience || ""}))),
    el("tr", {}, el("th", {text: "trigger"}), el("td", {text: (ev.event_text || []).join(" ") || "–"})),
    ...entityRows("actor", ev.actor),
    ...entityRows("recipient", ev.recipient),
    el("tr", {}, el("th", {text: "place"}), el("td", {},
      loc.resolved_place || loc.extracted_place || "–",
      el("span", {class: "code", text: [loc.country_code, loc.precision, loc.lat != null ? `${loc.lat.toFixed(2)}, ${loc.lon.toFixed(2)}` : null, loc.geonameid ? `GeoNames ${loc.geonameid}` : null].filter(Boolean).map((x) => ` ${x}`).join(" ·")}),
      el("span", {class: "reason", text: loc.reason || reasons.event_loc || ""}))),
    el("tr", {}, el("th", {text: "date"}), el("td", {},
      ev.date || "–", el("span", {class: "code", text: date.precision ? ` (${date.precision})` : ""}),
      date.text ? el("span", {class: "code", text: ` from “${date.text}”`}) : null,
      el("span", {class: "reason", text: date.reason || reasons.date || ""}))),
    el("tr", {}, el("th", {text: "confidence"}), el("td", {text: `${ev.confidence} (${ev.detector}) · told ${ev.mentions}×`})),
  ];
  const shown = new Set(["event", "mode", "modality", "salience", "event_loc", "date"]);
  for (const [field, why] of Object.entries(reasons)) {
    if (shown.has(field)) continue;
    rows.push(el("tr", {}, el("th", {text: `${field} (why)`}), el("td", {}, el("span", {class: "reason", text: why}))));
  }
  return el("table", {class: "fields"}, el("tbody", {}, ...rows));
}

async function showEvent(id, rowId = id) {
  state.selected = id;
  state.selectedRow = rowId;
  for (const tr of document.querySelectorAll("#events-table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === rowId);
  let data;
  try { data = await api(`/api/events/${encodeURIComponent(id)}`); } catch (e) { status(e.message); return; }
  const ev = data.event;
  const detail = $("#detail");
  detail.replaceChildren(fieldsTable(ev), keyLegend());
  const box = el("div", {class: "article", id: "article-text"});
  const art = data.article;
  if (art) {
    box.append(el("h3", {text: art.title || art.id}),
      el("div", {class: "code", text: `${art.source || ""} ${art.date || ""} · ${art.reports || 1} report(s) · ${art.id}`}));
    box.append(highlightText(art.text || "", data.highlights));
  } else {
    box.append(highlightText(ev.text, data.highlights.map((s) => ({...s, start: s.start - ev.sentence_start, end: s.end - ev.sentence_start}))));
  }
  detail.append(box);
  if (data.cluster) detail.append(clusterReports(data.cluster, id));
  const first = box.querySelector(".hl-trigger") || box.querySelector(".hl-sentence");
  if (first) box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - box.clientHeight / 3);
  rendered("detail");
}

// Every report of the event's cluster: its article's title (click: its evidence here), source,
// publication date and sentence; the article's own link and the outlets that ran a copy of it.
function clusterReports(cluster, shownId) {
  const list = el("ol", {class: "reports"});
  for (const r of cluster.reports) {
    const open = el("a", {href: `#event=${encodeURIComponent(r.event_id)}`, class: "open", "data-event": r.event_id, text: r.title || r.doc_id,
      onclick: (e) => { e.preventDefault(); showEvent(r.event_id); }});
    const copies = r.copies.length ? el("div", {class: "code", text: `also carried by ${r.copies.map((c) => `${c.source || c.id}${c.pub_date ? " (" + c.pub_date + ")" : ""}`).join(", ")}`}) : null;
    list.append(el("li", {class: r.event_id === shownId ? "shown" : null, "data-event": r.event_id},
      open, /^https?:\/\//i.test(r.url || "") ? el("a", {href: r.url, class: "code", target: "_blank", rel: "noopener noreferrer", text: " article ↗"}) : null,
      el("span", {class: "code", text: ` ${r.source || "unknown source"} · ${r.pub_date || "no date"}${r.representative ? " · representative" : ""}`}),
      el("div", {class: "sentence", text: r.sentence || ""}), copies));
  }
  const n = cluster.n_reports, s = cluster.n_sources;
  const when = cluster.first_report === cluster.last_report ? cluster.first_report : `${cluster.first_report} to ${cluster.last_report}`;
  return el("div", {id: "cluster-reports", "data-cluster": cluster.id, "data-reports": n},
    el("h3", {text: n > 1 ? `Reports of this event: ${plural(n, "report")} from ${plural(s, "source")}` : "Reports of this event: only this one"}),
    el("div", {class: "code", text: `cluster ${cluster.id} · ${cluster.event}${cluster.date ? " · " + cluster.date : ""}${cluster.place_name ? " · " + cluster.place_name : ""} · reported ${when || "?"}`}),
    list);
}

// ---------------------------------------------------------------- timeline
function typeColours(series) {
  const used = {1: 0, 2: 0, 3: 0, 4: 0};
  const out = {};
  for (const s of series) {
    const q = s.quad_code || 3;
    const shades = QUAD_SHADES[q] || ["#999"];
    out[s.event] = shades[used[q]++ % shades.length];
  }
  return out;
}

async function loadTimeline() {
  const p = filterParams();
  p.set("interval", state.interval);
  p.set("level", state.countLevel);
  const data = await api("/api/aggregates/time", p);
  const box = $("#timeline");
  const legend = $("#timeline-legend");
  box.replaceChildren();
  legend.replaceChildren();
  const outside = [];
  if (data.before) outside.push(`${data.before} dated before ${data.periods[0] || "the axis"} (from ${data.first_date})`);
  if (data.after) outside.push(`${data.after} dated after ${data.periods[data.periods.length - 1] || "the axis"} (to ${data.last_date})`);
  $("#timeline-outside").textContent = outside.length ? `Not drawn, outside the bulk of the dates: ${outside.join("; ")}.` : "";
  if (!data.periods.length) { box.append(el("div", {class: "empty", text: "No dated event matches."})); rendered("timeline"); return; }
  const W = Math.max(box.clientWidth, 400), H = 220, m = {l: 34, r: 8, t: 8, b: 38};
  const n = data.periods.length;
  const totals = data.periods.map((_, i) => data.series.reduce((acc, s) => acc + s.counts[i], 0));
  const max = Math.max(...totals, 1);
  const bw = (W - m.l - m.r) / n;
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  const svg = el("svg:svg", {viewBox: `0 0 ${W} ${H}`, height: H, role: "img", "aria-label": "event counts by period and type"});
  const colours = typeColours(data.series);
  const ticks = Math.min(4, max);
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((max * i) / ticks);
    svg.append(el("svg:line", {x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), stroke: "#eceff3"}),
      el("svg:text", {x: m.l - 4, y: y(v) + 4, "text-anchor": "end", "font-size": 10, fill: "#6b7380", text: v}));
  }
  const every = Math.ceil(n / Math.max(1, Math.floor((W - m.l) / 70)));
  data.periods.forEach((period, i) => {
    let base = 0;
    const x = m.l + i * bw;
    for (const s of data.series) {
      const v = s.counts[i];
      if (!v) continue;
      svg.append(el("svg:rect", {class: "bar", x: x + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(base + v), height: y(base) - y(base + v),
        fill: colours[s.event], "data-type": s.event, "data-period": period, "data-count": v, onclick: () => filterPeriod(period)},
      el("svg:title", {text: `${period}: ${s.event} ${v} (click: only this ${state.interval})`})));
      base += v;
    }
    if (i % every === 0) svg.append(el("svg:text", {x: x + bw / 2, y: H - m.b + 14, "text-anchor": "middle", "font-size": 10, fill: "#6b7380", text: period}));
  });
  svg.append(el("svg:line", {x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, stroke: "#9aa1ab"}));
  box.append(svg);
  for (const s of data.series) {
    legend.append(el("span", {title: QUAD_NAMES[s.quad_code] || ""}, el("span", {class: "sw", style: `background:${colours[s.event]}`}), s.event));
  }
  if (data.coarser || data.undated) legend.append(el("span", {class: "muted", text: `(${data.coarser} dated only to a coarser period, ${data.undated} undated: not drawn)`}));
  rendered("timeline");
}

function filterPeriod(period) {
  let from = period, to = period;
  if (state.interval === "week") {
    const end = new Date(`${period}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 6);
    to = end.toISOString().slice(0, 10);
  }
  $("#f-from").value = from;
  $("#f-to").value = to;
  readFilters();
  refresh();
}

// ---------------------------------------------------------------- map
const map = {svg: null, countries: null, markers: null, places: [], basemap: null};

function projectRing(ring) {
  return ring.map(([lon, lat], i) => `${i ? "L" : "M"}${lon.toFixed(2)},${(-lat).toFixed(2)}`).join("") + "Z";
}

function geometryPath(g) {
  if (g.type === "Polygon") return g.coordinates.map(projectRing).join("");
  if (g.type === "MultiPolygon") return g.coordinates.map((poly) => poly.map(projectRing).join("")).join("");
  return "";
}

async function initMap() {
  const box = $("#map");
  const svg = el("svg:svg", {viewBox: state.mapView.join(" "), preserveAspectRatio: "xMidYMid meet", role: "img", "aria-label": "map of event places"});
  const countries = el("svg:g", {class: "countries"});
  const markers = el("svg:g", {class: "markers"});
  svg.append(el("svg:rect", {x: -180, y: -90, width: 360, height: 180, fill: "#dfeaf5"}), countries, markers);
  box.replaceChildren(svg);
  Object.assign(map, {svg, countries, markers});
  const resize = () => { svg.setAttribute("height", Math.round(box.clientWidth / 2)); };
  resize();
  window.addEventListener("resize", () => { resize(); drawMarkers(); });
  const geo = await api("/api/basemap.geojson");
  for (const f of geo.features) {
    countries.append(el("svg:path", {class: "country", d: geometryPath(f.geometry)}, el("svg:title", {text: f.properties.name || f.id})));
  }
  // pan and zoom
  let drag = null;
  svg.addEventListener("pointerdown", (e) => { drag = {x: e.clientX, y: e.clientY, view: [...state.mapView], moved: false}; });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const scale = state.mapView[2] / svg.clientWidth;
    const dx = (e.clientX - drag.x) * scale, dy = (e.clientY - drag.y) * scale;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) { drag.moved = true; svg.classList.add("dragging"); }
    if (drag.moved) setView([drag.view[0] - dx, drag.view[1] - dy, drag.view[2], drag.view[3]], false);
  });
  window.addEventListener("pointerup", () => {
    if (drag && drag.moved) viewChanged();
    drag = null; svg.classList.remove("dragging");
  });
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    const [x, y, w, h] = state.mapView;
    const px = x + ((e.clientX - r.left) / r.width) * w, py = y + ((e.clientY - r.top) / r.height) * h;
    zoomAt(px, py, e.deltaY < 0 ? 0.7 : 1 / 0.7);
  }, {passive: false});
  $("#zoom-in").addEventListener("click", () => zoomAt(state.mapView[0] + state.mapView[2] / 2, state.mapView[1] + state.mapView[3] / 2, 0.6));
  $("#zoom-out").addEventListener("click", () => zoomAt(state.mapView[0] + state.mapView[2] / 2, state.mapView[1] + state.mapView[3] / 2, 1 / 0.6));
  $("#zoom-reset").addEventListener("click", () => { setView([-180, -90, 360, 180]); viewChanged(); });
}

function clampView([x, y, w, h]) {
  w = Math.min(360, Math.max(2, w)); h = w / 2;
  x = Math.min(180 - w, Math.max(-180, x)); y = Math.min(90 - h, Math.max(-90, y));
  return [x, y, w, h];
}

function setView(view, redraw = true) {
  state.mapView = clampView(view);
  map.svg.setAttribute("viewBox", state.mapView.join(" "));
  if (redraw) drawMarkers();
}

let viewTimer = null;
function viewChanged() {
  drawMarkers();
  if (!state.useMapView) return;
  clearTimeout(viewTimer);
  viewTimer = setTimeout(() => { state.offset = 0; refresh({map: false}); }, 250);
}

function zoomAt(px, py, factor) {
  const [x, y, w, h] = state.mapView;
  const nw = Math.min(360, Math.max(2, w * factor));
  const k = nw / w;
  setView([px - (px - x) * k, py - (py - y) * k, nw, nw / 2]);
  viewChanged();
}

async function loadMap() {
  const p = filterParams({bbox: false});
  p.set("limit", 1000);
  const data = await api("/api/places", p);
  map.places = data.places;
  drawMarkers();
  rendered("map");
}

function clusterColour(q) {
  const coop = (q["1"] || 0) + (q["2"] || 0), conflict = (q["3"] || 0) + (q["4"] || 0);
  if (coop > conflict * 1.5) return "var(--coop)";
  if (conflict > coop * 1.5) return "var(--conflict)";
  return "var(--mixed)";
}

function drawMarkers() {
  if (!map.svg) return;
  const pxPerUnit = map.svg.clientWidth / state.mapView[2] || 1;
  const cell = 44 / pxPerUnit; // cluster places closer than ~44 px on screen
  const groups = new Map();
  for (const pl of map.places) {
    const key = `${Math.floor(pl.lon / cell)}:${Math.floor(-pl.lat / cell)}`;
    const g = groups.get(key) || {places: [], events: 0, q: {1: 0, 2: 0, 3: 0, 4: 0}, sx: 0, sy: 0};
    g.places.push(pl); g.events += pl.events; g.sx += pl.lon * pl.events; g.sy += -pl.lat * pl.events;
    for (const k of ["1", "2", "3", "4"]) g.q[k] += pl.by_quad[k] || 0;
    groups.set(key, g);
  }
  map.markers.replaceChildren();
  for (const g of groups.values()) {
    const cx = g.sx / g.events, cy = g.sy / g.events;
    const rpx = 7 + Math.min(14, Math.sqrt(g.events) * 2.4);
    const r = rpx / pxPerUnit;
    const single = g.places.length === 1;
    const label = single ? `${g.places[0].name}${g.places[0].country ? ", " + g.places[0].country : ""}: ${g.events} event(s)`
      : `${g.places.length} places, ${g.events} events: ${g.places.map((p) => p.name).slice(0, 8).join(", ")}`;
    const marker = el("svg:g", {class: single ? "marker place" : "marker cluster", "data-places": g.places.length, "data-events": g.events, "data-name": single ? g.places[0].name : null,
      onclick: (e) => {
        e.stopPropagation();
        if (single) setFilter("place", g.places[0].name);
        else zoomAt(cx, cy, 0.35);
      }},
    el("svg:circle", {cx, cy, r, fill: clusterColour(g.q)}),
    el("svg:text", {x: cx, y: cy, "font-size": (rpx * 0.9) / pxPerUnit, text: g.events}),
    el("svg:title", {text: label}));
    map.markers.append(marker);
  }
}

// ---------------------------------------------------------------- network
async function loadNetwork() {
  const p = filterParams();
  p.set("limit", 80);
  const data = await api("/api/network", p);
  const box = $("#network");
  box.replaceChildren();
  $("#network-note").textContent = data.unnamed ? `${data.unnamed} event(s) left out: an actor or recipient with no name, country or sector (a pronoun, a common noun).` : "";
  if (!data.edges.length) { box.append(el("div", {class: "empty", text: "No actor–recipient pair in these events."})); rendered("network"); return; }
  const W = Math.max(box.clientWidth, 360), H = Math.round(W * 0.6);
  const nodes = data.nodes.filter((n) => data.edges.some((e) => e.source === n.id || e.target === n.id));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const links = data.edges.map((e) => ({...e, s: index.get(e.source), t: index.get(e.target)})).filter((e) => e.s !== undefined && e.t !== undefined);
  layout(nodes, links, W, H);
  const svg = el("svg:svg", {viewBox: `0 0 ${W} ${H}`, height: H, role: "img", "aria-label": "actor network"});
  for (const e of links) {
    const a = nodes[e.s], b = nodes[e.t];
    const colour = e.cooperation > e.conflict ? "var(--coop)" : e.conflict > e.cooperation ? "var(--conflict)" : "var(--mixed)";
    svg.append(el("svg:line", {class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, "stroke-width": 1 + Math.min(6, e.count),
      "data-kind": e.cooperation > e.conflict ? "cooperation" : "conflict"},
    el("svg:title", {text: `${e.source} → ${e.target}: ${e.count} event(s), ${e.cooperation} cooperation, ${e.conflict} conflict`})));
  }
  const labelled = new Set([...nodes].sort((a, b) => b.events - a.events).slice(0, 18).map((n) => n.id));
  for (const n of nodes) {
    const r = 4 + Math.min(10, Math.sqrt(n.events) * 2);
    svg.append(el("svg:g", {class: `node ${n.kind}`, "data-id": n.id, onclick: () => filterNode(n)},
      el("svg:circle", {cx: n.x, cy: n.y, r, fill: countryColour(n.code)}),
      labelled.has(n.id) ? el("svg:text", {x: n.x + r + 2, y: n.y + 3, text: n.id.length > 24 ? n.id.slice(0, 23) + "…" : n.id}) : null,
      el("svg:title", {text: `${n.id} (${n.code || "no country"}): ${n.events} event(s)`})));
  }
  box.append(svg);
  rendered("network");
}

function filterNode(n) {
  if (n.kind !== "group") { setFilter("actor", n.id); return; }
  const [code, sector] = n.id.split(" "); // a country + sector group: "IND COP"
  $("#f-country").value = code || "";
  $("#f-sector").value = sector || "";
  setFilter("actor", "");
}

function countryColour(code) {
  if (!code) return "#9aa1ab";
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h}, 45%, 48%)`;
}

function layout(nodes, links, W, H) {
  // a small force-directed layout: repulsion between all nodes, springs along edges, gravity
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / n;
    node.x = W / 2 + (W / 3) * Math.cos(a); node.y = H / 2 + (H / 3) * Math.sin(a);
  });
  const k = 52;
  for (let it = 0; it < 300; it++) {
    const temp = (1 - it / 300) * W * 0.05 + 0.5;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ex = nodes[i].x - nodes[j].x, ey = nodes[i].y - nodes[j].y;
        const d2 = Math.max(ex * ex + ey * ey, 0.01);
        if (d2 > 25 * k * k) continue; // local repulsion only: far components do not blow the cloud up
        const f = (k * k) / d2;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    for (const e of links) {
      const a = nodes[e.s], b = nodes[e.t];
      const ex = a.x - b.x, ey = a.y - b.y, d = Math.sqrt(ex * ex + ey * ey) || 0.01, f = d / k;
      dx[e.s] -= ex * f; dy[e.s] -= ey * f; dx[e.t] += ex * f; dy[e.t] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (W / 2 - nodes[i].x) * 0.03; dy[i] += ((H / 2 - nodes[i].y) * 0.06);
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      nodes[i].x += (dx[i] / len) * Math.min(len, temp); nodes[i].y += (dy[i] / len) * Math.min(len, temp);
    }
  }
  // fit into the box, leaving room for labels
  const xs = nodes.map((p) => p.x), ys = nodes.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const sx = (W - 150) / Math.max(x1 - x0, 1), sy = (H - 30) / Math.max(y1 - y0, 1);
  for (const p of nodes) { p.x = 15 + (p.x - x0) * sx; p.y = 15 + (p.y - y0) * sy; }
}

// ---------------------------------------------------------------- code this text
async function codeText(event) {
  event.preventDefault();
  const text = $("#code-text").value;
  const out = $("#code-results");
  if (!text.trim()) { out.replaceChildren(el("div", {class: "empty", text: "Paste some text first."})); return; }
  out.replaceChildren(el("div", {class: "empty", text: "coding…"}));
  let data;
  try {
    data = await api("/api/code", null, {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text, date: $("#code-date").value.trim() || null, include_unrealised: $("#code-unrealised").checked})});
  } catch (e) { out.replaceChildren(el("div", {class: "empty", text: e.message})); return; }
  const list = el("div", {class: "code-list"});
  const textBox = el("div", {class: "article", id: "code-text-highlighted"});
  const allSpans = Object.values(data.highlights).flat().filter((s) => s.kind !== "sentence" && s.kind !== "mention");
  const show = (spans) => { textBox.replaceChildren(highlightText(data.text, spans)); };
  if (!data.events.length) list.append(el("div", {class: "empty", text: "No event found in this text."}));
  for (const ev of data.events) {
    const card = el("div", {class: "code-event", "data-id": ev.id},
      quadTag(ev), ev.mode ? ` ${ev.mode}` : "", el("span", {class: "code", text: ` CAMEO ${ev.cameo} · ${ev.modality} · ${ev.date || "no date"}`}),
      el("div", {}, `${names(ev.actor) || "–"} → ${names(ev.recipient) || "–"}`),
      el("div", {class: "code", text: `${(ev.event_loc && (ev.event_loc.resolved_place || ev.event_loc.extracted_place)) || "no place"} · trigger: ${(ev.event_text || []).join(" ")}`}));
    card.addEventListener("click", () => {
      for (const c of list.querySelectorAll(".code-event")) c.classList.toggle("selected", c === card);
      show(data.highlights[ev.id]);
    });
    list.append(card);
  }
  show(allSpans);
  out.replaceChildren(el("div", {class: "code-results"}, list, el("div", {}, keyLegend(), textBox)));
}

// ---------------------------------------------------------------- wiring
async function refresh({map: withMap = true} = {}) {
  status("");
  updateExports();
  const jobs = [loadEvents(), loadTimeline(), loadNetwork()];
  if (withMap) jobs.push(loadMap());
  const results = await Promise.allSettled(jobs);
  const failed = results.filter((r) => r.status === "rejected").map((r) => r.reason.message);
  if (failed.length) status(failed[0]);
}

async function init() {
  const typeSelect = $("#f-type");
  for (const t of TYPES) typeSelect.append(el("option", {value: t, text: t}));
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); readFilters(); refresh(); });
  $("#reset").addEventListener("click", () => { HTMLFormElement.prototype.reset.call($("#filters")); /* the button's id "reset" shadows form.reset */ readFilters(); setView([-180, -90, 360, 180]); refresh(); });
  $("#f-mapview").addEventListener("change", () => { readFilters(); refresh({map: false}); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadEvents().catch((e) => status(e.message)); });
  $("#next").addEventListener("click", () => { state.offset += state.limit; loadEvents().catch((e) => status(e.message)); });
  $("#interval").addEventListener("change", (e) => { state.interval = e.target.value; loadTimeline().catch((err) => status(err.message)); });
  $("#count-level").addEventListener("change", (e) => { state.countLevel = e.target.value; loadTimeline().catch((err) => status(err.message)); });
  $("#sort").addEventListener("change", (e) => { state.sort = e.target.value; state.offset = 0; loadEvents().catch((err) => status(err.message)); });
  $("#level").addEventListener("change", (e) => { state.level = e.target.value; state.offset = 0; loadEvents().catch((err) => status(err.message)); });
  $("#code-form").addEventListener("submit", codeText);
  try {
    const o = await api("/api/overview");
    $("#overview").textContent = `${o.counts.articles} articles · ${o.counts.events} events · ${o.first_date || "?"} to ${o.last_date || "?"} · ${o.writable ? "read-write" : "read-only"}`;
  } catch (e) { status(e.message); }
  try { await initMap(); } catch (e) { status(`basemap: ${e.message}`); }
  readFilters(); // the form's defaults (historical mentions hidden) apply from the first view
  await refresh();
  document.body.dataset.ready = "1";
}

init();
