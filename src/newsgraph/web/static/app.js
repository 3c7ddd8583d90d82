// newsgraph: instant search and curation. Plain DOM, no inline script (the CSP forbids it);
// every value from the server is written with textContent, never as HTML.
"use strict";

(function () {
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- instant search ------------------------------------------------------------------------
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const results = document.getElementById("results");
  if (form && input && results) {
    let timer = null;
    let seq = 0;
    const selectedType = () => {
      const checked = form.querySelector("input[name=type]:checked");
      return checked ? checked.value : "";
    };
    const render = (rows, q) => {
      results.replaceChildren();
      if (!rows.length) {
        results.appendChild(el("li", { class: "empty" }, q ? `Nothing matches “${q}”.` : "No entities."));
        return;
      }
      for (const r of rows) {
        const li = el("li");
        const a = el("a", { href: `/entities/${encodeURIComponent(r.id)}` });
        a.appendChild(el("span", { class: `badge t-${String(r.type).replace(/[^A-Za-z_]/g, "")}` }, r.type));
        a.appendChild(document.createTextNode(" "));
        a.appendChild(el("span", { class: "name" }, r.name));
        li.appendChild(a);
        li.appendChild(el("span", { class: "count" }, `${r.articles} article${r.articles === 1 ? "" : "s"}`));
        results.appendChild(li);
      }
    };
    const run = async () => {
      const q = input.value.trim();
      const type = selectedType();
      const params = new URLSearchParams({ limit: "50" });
      if (q) params.set("search", q);
      if (type) params.set("type", type);
      const mine = ++seq;
      try {
        const resp = await fetch(`/api/entities?${params}`, { headers: { Accept: "application/json" } });
        if (!resp.ok || mine !== seq) return;
        render(await resp.json(), q);
        const page = new URLSearchParams();
        if (q) page.set("q", q);
        if (type) page.set("type", type);
        history.replaceState(null, "", `/search${page.toString() ? "?" + page : ""}`);
        results.dataset.query = q;
      } catch (err) {
        /* offline or server gone: keep the last results */
      }
    };
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("change", (ev) => { if (ev.target.name === "type") run(); });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
  }

  // -- curation (only rendered when the server has a write token) ----------------------------
  const tokenInput = document.getElementById("write-token");
  const status = document.getElementById("curate-status");
  if (tokenInput) {
    tokenInput.value = sessionStorage.getItem("newsgraph-token") || "";
    tokenInput.addEventListener("change", () => sessionStorage.setItem("newsgraph-token", tokenInput.value));
    tokenInput.form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      sessionStorage.setItem("newsgraph-token", tokenInput.value);
    });
  }
  async function curate(url, body) {
    const token = tokenInput ? tokenInput.value : "";
    if (!token) { if (status) status.textContent = "enter the curation token first"; return; }
    const resp = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      credentials: "omit",
    });
    const out = await resp.json().catch(() => ({}));
    if (status) status.textContent = resp.ok ? "saved" : (out.error || `error ${resp.status}`);
    if (resp.ok) setTimeout(() => location.reload(), 300);
  }
  document.querySelectorAll("form.curate-form").forEach((f) => {
    f.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const action = f.dataset.action;
      const id = encodeURIComponent(f.dataset.entity);
      const data = new FormData(f);
      let body = {};
      if (action === "rename") body = { name: data.get("name") };
      if (action === "merge") body = { into: Number(data.get("into")) };
      if (action === "split") body = { names: String(data.get("names")).split(",").map((s) => s.trim()).filter(Boolean) };
      curate(`/api/entities/${id}/${action}`, body);
    });
  });
  document.querySelectorAll("button.curate").forEach((b) => {
    b.addEventListener("click", () => {
      curate(`/api/facts/${encodeURIComponent(b.dataset.fact)}/${b.dataset.action}`, {});
    });
  });
})();
