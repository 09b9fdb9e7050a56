// localties pages: the timeline, the tie network, evidence highlighting, ingest progress.
// Data comes from <script type="application/json"> blocks or the JSON API; no inline code.
"use strict";

function readJSON(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);  // text children are escaped by the DOM
  return node;
}

const KIND_COLOURS = {
  meeting: "#1f77b4", agreement: "#2ca02c", exchange_event: "#ff7f0e", fact: "#9467bd",
};

function drawTimeline() {
  const target = document.getElementById("timeline");
  const rows = readJSON("timeline-data");
  if (!target || !rows || typeof Plotly === "undefined") return;
  const labels = JSON.parse(target.dataset.kinds || "{}");
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const traces = Object.keys(KIND_COLOURS).map((kind) => {
    const byMonth = new Map(rows.filter((r) => r.kind === kind).map((r) => [r.month, r.events]));
    return {
      type: "bar", name: labels[kind] || kind, x: months.map((m) => m + "-01"),
      y: months.map((m) => byMonth.get(m) || 0), marker: { color: KIND_COLOURS[kind] },
      hovertemplate: "%{x|%b %Y}: %{y}<extra>" + (labels[kind] || kind) + "</extra>",
    };
  }).filter((t) => t.y.some((v) => v > 0));
  Plotly.newPlot(target, traces, {
    barmode: "stack", margin: { t: 10, r: 10, b: 40, l: 40 }, height: 320,
    xaxis: { type: "date" }, yaxis: { title: { text: "events" } }, legend: { orientation: "h" },
  }, { displaylogo: false, responsive: true }).then(() => { target.dataset.ready = "1"; });
}

function showEvidence(a, b) {
  const panel = document.getElementById("evidence");
  if (!panel) return;
  panel.replaceChildren(el("p", { class: "hint" }, "Loading…"));
  fetch(`/api/ties/evidence?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`)
    .then((r) => r.json())
    .then((rows) => {
      const list = el("ul", { class: "evidence" });
      for (const row of rows) {
        const link = el("a", { href: `/articles/${encodeURIComponent(row.article)}#${encodeURIComponent(row.id)}` },
          row.title || row.article);
        list.append(el("li", {}, el("blockquote", {}, row.text), link, " ", row.published || ""));
      }
      panel.replaceChildren(el("h2", {}, `${a} – ${b}`), el("p", {}, `${rows.length} report(s)`), list);
      panel.dataset.pair = `${a}|${b}`;
    })
    .catch(() => panel.replaceChildren(el("p", { class: "error" }, "Could not load the evidence.")));
}

function drawNetwork() {
  const target = document.getElementById("network");
  const graph = readJSON("network-data");
  if (!target || !graph || typeof vis === "undefined") return;
  const nodes = new vis.DataSet(graph.nodes.map((n) => ({
    id: n.id, label: n.name, title: `${n.name} (${n.id}): ${n.activity} report(s)`,
    value: n.activity, color: n.country === "JP" ? "#d62728" : n.country === "VN" ? "#e6b800" : "#7f7f7f",
    shape: "dot",
  })));
  const edges = new vis.DataSet(graph.edges.map((e) => ({
    id: `${e.a}|${e.b}`, from: e.a, to: e.b, value: e.weight,
    title: `${e.weight} report(s), ${e.first || "?"} to ${e.last || "?"}`,
  })));
  const network = new vis.Network(target, { nodes, edges }, {
    nodes: { scaling: { min: 8, max: 40 }, font: { size: 14 } },
    edges: { scaling: { min: 1, max: 12 }, color: { color: "#999", highlight: "#333" }, smooth: false },
    physics: { stabilization: { iterations: 300 } },
    interaction: { hover: true, selectConnectedEdges: false },
  });
  network.on("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    target.dataset.ready = "1";
  });
  network.on("click", (params) => {
    if (params.edges.length && !params.nodes.length) {
      const [a, b] = params.edges[0].split("|");
      showEvidence(a, b);
    } else if (params.nodes.length) {
      window.location.href = `/places/${encodeURIComponent(params.nodes[0])}`;
    }
  });
  window.localtiesNetwork = network;
  for (const row of document.querySelectorAll("tr.edge")) {
    row.addEventListener("click", (ev) => {
      if (ev.target.tagName === "A") return;
      showEvidence(row.dataset.a, row.dataset.b);
    });
  }
}

function highlight(record) {
  for (const node of document.querySelectorAll(".ev.hl, .record.hl")) node.classList.remove("hl");
  const spans = [...document.querySelectorAll(".ev")].filter(
    (s) => (s.dataset.records || "").split(" ").includes(record));
  for (const span of spans) span.classList.add("hl");
  const card = document.getElementById(record);
  if (card) card.classList.add("hl");
  if (spans.length) spans[0].scrollIntoView({ block: "center" });
}

function wireArticle() {
  if (!document.getElementById("text")) return;
  for (const button of document.querySelectorAll("button.show")) {
    button.addEventListener("click", () => {
      highlight(button.dataset.record);
      history.replaceState(null, "", "#" + encodeURIComponent(button.dataset.record));
    });
  }
  for (const span of document.querySelectorAll(".ev")) {
    span.addEventListener("click", () => {
      const first = (span.dataset.records || "").split(" ")[0];
      const card = document.getElementById(first);
      if (card) { highlight(first); card.scrollIntoView({ block: "nearest" }); }
    });
  }
  if (location.hash.length > 1) highlight(decodeURIComponent(location.hash.slice(1)));
}

function pollJob() {
  const box = document.getElementById("job");
  if (!box) return;
  const tick = () => fetch(`/api/jobs/${encodeURIComponent(box.dataset.job)}`)
    .then((r) => r.json())
    .then((job) => {
      document.getElementById("job-state").textContent = job.state;
      const bar = document.getElementById("job-progress");
      bar.max = job.total; bar.value = job.done;
      document.getElementById("job-done").textContent = job.done;
      document.getElementById("job-stored").textContent = job.stored;
      document.getElementById("job-extracted").textContent = job.extracted;
      document.getElementById("job-errors").replaceChildren(...job.errors.map((e) => el("li", {}, e)));
      if (job.state === "running" || job.state === "queued") setTimeout(tick, 400);
    });
  tick();
}

document.addEventListener("DOMContentLoaded", () => {
  drawTimeline();
  drawNetwork();
  wireArticle();
  pollJob();
});
