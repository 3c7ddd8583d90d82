// newsgraph: the network view (Cytoscape.js). Nodes open profiles; edges show their evidence.
"use strict";

(function () {
  const box = document.getElementById("graph");
  const panel = document.getElementById("edge-panel");
  const form = document.getElementById("network-form");
  if (!box || typeof cytoscape !== "function") return;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const MAX_SHOWN = 150;
  const colours = { PERSON: "#1f77b4", ORG: "#d9822b", GPE: "#2ca02c", LOC: "#2ca02c", NORP: "#9467bd" };
  const edgeColours = { position: "#8da2c0", appointment: "#1f5fbf", dismissal: "#c0392b", succession: "#8e44ad",
    event: "#16a085", rival_of: "#e74c3c", cooperates_with: "#27ae60", allied_with: "#27ae60" };

  function showEdge(edge) {
    const d = edge.data();
    const shown = d.evidence.slice(0, 20);
    const dates = d.evidence.map((ev) => ev.published).filter(Boolean).sort();
    panel.replaceChildren();
    panel.appendChild(el("h3", {}, `${d.sourceName} — ${d.targetName}`));
    panel.appendChild(el("p", { class: "meta" },
      `${d.kind.replace(/_/g, " ")}${d.relation ? ": " + String(d.relation).replace(/_/g, " ") : ""}` +
      ` · ${d.weight} fact${d.weight === 1 ? "" : "s"}` +
      (dates.length ? ` · ${dates[0]}${dates[dates.length - 1] !== dates[0] ? " – " + dates[dates.length - 1] : ""}` : "")));
    const list = el("ul", { class: "evidence-list" });
    for (const ev of shown) {
      const li = el("li");
      if (ev.evidence) li.appendChild(el("blockquote", {}, ev.evidence));
      const a = el("a", { href: `/articles/${encodeURIComponent(ev.article)}#fact-${encodeURIComponent(ev.fact)}`,
        class: "evidence-link" }, ev.title || ev.article);
      li.appendChild(a);
      li.appendChild(el("span", { class: "src" }, [ev.source, ev.published].filter(Boolean).map((s) => ` · ${s}`).join("")));
      list.appendChild(li);
    }
    panel.appendChild(list);
    if (d.evidence.length > shown.length) panel.appendChild(el("p", { class: "hint" }, `and ${d.evidence.length - shown.length} more`));
  }

  async function load() {
    const resp = await fetch(box.dataset.api, { headers: { Accept: "application/json" } });
    if (!resp.ok) { panel.replaceChildren(el("p", { class: "empty" }, `Could not load the network (${resp.status}).`)); return; }
    const graph = await resp.json();
    const total = { nodes: graph.nodes.length, edges: graph.edges.length };
    if (graph.nodes.length > MAX_SHOWN) {
      // keep the centre and the best-connected nodes (the API sorts by depth, then degree); the filters narrow it
      const keep = new Set(graph.nodes.slice().sort((a, b) => (a.depth === 0 ? -1 : b.depth === 0 ? 1 : b.degree - a.degree))
        .slice(0, MAX_SHOWN).map((n) => n.id));
      graph.nodes = graph.nodes.filter((n) => keep.has(n.id));
      graph.edges = graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    }
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const elements = [];
    for (const n of graph.nodes) {
      elements.push({ group: "nodes", data: { id: String(n.id), entity: n.id, label: n.name || `#${n.id}`, type: n.type || "",
        depth: n.depth, degree: n.degree, colour: colours[n.type] || "#7f7f7f", center: n.id === graph.center ? 1 : 0 } });
    }
    graph.edges.forEach((e, i) => {
      elements.push({ group: "edges", data: { id: `e${i}`, source: String(e.source), target: String(e.target), kind: e.kind,
        relation: e.relation, weight: e.weight, evidence: e.evidence || [],
        sourceName: names.get(e.source), targetName: names.get(e.target),
        colour: edgeColours[e.relation] || edgeColours[e.kind] || "#95a5a6", width: Math.min(1.5 + e.weight, 8) } });
    });
    const maxDepth = Math.max(1, ...graph.nodes.map((n) => n.depth));
    const cy = cytoscape({
      container: box,
      elements,
      maxZoom: 1.6,
      minZoom: 0.05,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 11,
          "text-valign": "bottom", "text-margin-y": 3, width: 22, height: 22, "text-wrap": "ellipsis", "text-max-width": 140, "min-zoomed-font-size": 7 } },
        { selector: "node[center = 1]", style: { width: 34, height: 34, "border-width": 3, "border-color": "#16202e", "font-weight": "bold" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier", opacity: 0.8 } },
        { selector: "edge:selected", style: { "line-color": "#f1c40f", opacity: 1 } },
      ],
      layout: { name: "concentric", concentric: (n) => maxDepth + 1 - n.data("depth"), levelWidth: () => 1,
        minNodeSpacing: 30, animate: false, padding: 30 },
    });
    cy.on("tap", "node", (evt) => { window.location.href = `/entities/${encodeURIComponent(evt.target.data("entity"))}`; });
    cy.on("tap", "edge", (evt) => showEdge(evt.target));
    window.newsgraphGraph = cy;
    box.dataset.ready = "1";
    box.dataset.nodes = String(graph.nodes.length);
    box.dataset.edges = String(graph.edges.length);
    const count = document.getElementById("graph-count");
    if (count) {
      count.textContent = total.nodes > graph.nodes.length
        ? `showing the ${graph.nodes.length} best-connected of ${total.nodes} nodes (${total.edges} edges): narrow by relation or dates`
        : `${graph.nodes.length} nodes · ${graph.edges.length} edges`;
    }
    if (!graph.nodes.length) panel.replaceChildren(el("p", { class: "empty" }, "No connections in this window."));
  }

  if (form) {
    form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.requestSubmit()));
  }
  load();
})();
