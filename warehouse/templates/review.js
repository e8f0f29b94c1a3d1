"use strict";
// The review page: builds every element with the DOM (text is never parsed as HTML), from
// the JSON embedded in the page (script element "data"). Filters, search, charts and counts all follow
// one state; nothing is fetched from the network.
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const L = D.labels;
  const BARS_PER_PAGE = 15;
  const OPEN_UP_TO = 3; // documents shown open when no more than this many match
  const chartPages = {};
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids) {
      if (kid === null || kid === undefined || kid === false || kid === "") continue;
      e.append(kid instanceof Node ? kid : String(kid));
    }
    return e;
  }

  function vn(v, unit) {
    if (v === null || v === undefined) return "";
    const neg = v < 0;
    const [i, d] = String(Math.round(Math.abs(v) * 100) / 100).split(".");
    const text = (neg ? "-" : "") + i.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (d ? "," + d : "");
    return unit === "%" ? text + " %" : text;
  }

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  const metric = (m) => D.metrics[m] || [m, (m || "").split(".")[0], "", "count"];
  const label = (m) => (m ? metric(m)[0] : "");
  const family = (m) => metric(m)[1];
  const periodLabel = (p) => L.periods[p] || p || "";
  const docsById = Object.fromEntries(D.docs.map((d) => [d.id, d]));

  // The number as written, marked in its sentence: [before, <mark>, after] as nodes.
  function highlighted(text, raw, value, unit) {
    const s = String(text || "");
    for (const form of [raw, vn(value, "")].filter(Boolean)) {
      let at = s.indexOf(form);
      while (at >= 0) {
        const before = s[at - 1] || " ", after = s[at + form.length] || " ";
        if (!/[0-9.,]/.test(before) && !/[0-9]/.test(after)) {
          return [s.slice(0, at), el("mark", {}, form), s.slice(at + form.length)];
        }
        at = s.indexOf(form, at + 1);
      }
    }
    return [s];
  }

  function fillSelect(select, entries) {
    for (const [value, text] of entries) select.append(el("option", { value }, text));
  }

  function setUpFilters() {
    const periods = [...new Set(D.docs.map((d) => d.period).filter(Boolean))].sort().reverse();
    fillSelect($("f-period"), periods.map((p) => [p, periodLabel(p)]));
    const fams = [...new Set(D.facts.map((f) => family(f.m)))].sort();
    fillSelect($("f-family"), fams.map((f) => [f, L.families[f] || f]));
    fillSelect($("f-review"), Object.entries(L.reviews));
    const chartPeriods = [...new Set(D.compare.rows.map((r) => r.period))].sort().reverse();
    fillSelect($("chart-period"), chartPeriods.map((p) => [p, periodLabel(p)]));
    const busiest = chartPeriods.slice().sort((a, b) =>
      D.compare.rows.filter((r) => r.period === b).length -
      D.compare.rows.filter((r) => r.period === a).length)[0];
    if (busiest) $("chart-period").value = busiest;
  }

  function state() {
    return {
      q: fold($("f-search").value.trim()),
      period: $("f-period").value,
      fam: $("f-family").value,
      sev: $("f-severity").value,
      review: $("f-review").value,
    };
  }

  const hit = (q, ...texts) => !q || texts.some((t) => fold(t).includes(q));

  // What one document shows under the filters: null when it is filtered out.
  function selection(doc, s) {
    if (s.period && doc.period !== s.period) return null;
    let facts = D.facts.filter((f) => f.d === doc.id && (!s.fam || family(f.m) === s.fam));
    let flags = D.flags.filter((g) => g.d === doc.id && (!s.fam || !g.m || family(g.m) === s.fam));
    if (s.sev === "none" && flags.length) return null;
    if (s.sev === "error" || s.sev === "warning") flags = flags.filter((g) => g.sev === s.sev);
    if (s.review) flags = flags.filter((g) => g.st === s.review);
    if ((s.sev && s.sev !== "none" || s.review) && !flags.length) return null;
    if (!hit(s.q, doc.file, doc.issuer, doc.number)) {
      facts = facts.filter((f) => hit(s.q, f.e, label(f.m), f.s));
      flags = flags.filter((g) => hit(s.q, g.e, g.msg, label(g.m), L.rules[g.rule]));
      if (!facts.length && !flags.length) return null;
    }
    return { facts, flags };
  }

  function flagCard(g) {
    const where = [
      g.pg ? "Trang " + g.pg : null,
      g.m ? "Chỉ tiêu: " + label(g.m) : null,
      "Trạng thái: " + (L.reviews[g.st] || g.st) + (g.by ? " (" + g.by + ")" : ""),
    ].filter(Boolean).join(" · ");
    const card = el("div", { class: "flag " + (g.sev === "error" ? "error" : "warning") +
      (g.st !== "unreviewed" ? " reviewed" : "") },
      el("div", { class: "msg" }, (L.rules[g.rule] || g.rule) + ": " + (g.msg || "")),
      el("div", { class: "where" }, where),
      g.n ? el("div", { class: "where" }, "Ghi chú: " + g.n) : null,
      el("div", { class: "ev" }, g.e || ""));
    if (g.cells && g.cells.length) {
      const wrap = el("div", { class: "tablewrap" });
      const table = el("table", { class: "cells" });
      table.append(el("tr", {}, ...g.cells.map((c) => el("th", {}, c[0]))));
      table.append(el("tr", {}, ...g.cells.map((c) => el("td", { class: "num" }, c[1]))));
      wrap.append(table);
      card.append(wrap);
    }
    return card;
  }

  const FACT_HEAD = ["Chỉ tiêu", "Giá trị", "Đơn vị", "Phạm vi", "Kỳ", "Trang", "Trích dẫn"];

  function factRow(f) {
    const qual = f.q && f.q !== "exact" ? (L.qualifiers[f.q] || f.q) + " " : "";
    const value = el("td", { class: "num" + (f.c ? " corrected" : ""), "data-label": FACT_HEAD[1] },
      qual + vn(f.v, ""));
    if (f.c) value.append(el("span", { class: "was" }, "đã sửa; đọc được " + vn(f.x, "")));
    const cells = [
      el("td", { "data-label": FACT_HEAD[0] }, label(f.m)), value,
      el("td", { "data-label": FACT_HEAD[2] }, f.u || ""),
      el("td", { "data-label": FACT_HEAD[3] }, f.s || ""),
      el("td", { "data-label": FACT_HEAD[4] }, periodLabel(f.p)),
      el("td", { "data-label": FACT_HEAD[5] }, f.pg || ""),
      el("td", { class: "ev", "data-label": FACT_HEAD[6] }, ...highlighted(f.e, f.r, f.x, f.u)),
    ];
    for (const td of cells) if (!td.textContent) td.classList.add("blank");
    return el("tr", {}, ...cells);
  }

  function docSection(doc, sel, open) {
    const errors = sel.flags.filter((g) => g.sev === "error").length;
    const warnings = sel.flags.length - errors;
    const meta = [doc.issuer, doc.province, periodLabel(doc.period), doc.number, doc.date]
      .filter(Boolean).join(" · ");
    const summary = el("summary", {}, el("span", { class: "name" }, doc.file),
      errors ? el("span", { class: "badge error" }, errors + " lỗi") : null,
      warnings ? el("span", { class: "badge warning" }, warnings + " cần xem lại") : null,
      el("span", { class: "badge" }, sel.facts.length + " số liệu"),
      el("div", { class: "meta" }, meta));
    const box = el("details", { class: "doc", open }, summary);
    if (doc.status !== "ok") box.append(el("p", { class: "flag" }, "Không đọc được: " + (doc.error || "")));
    for (const g of sel.flags) box.append(flagCard(g));
    if (sel.facts.length) {
      const table = el("table", { class: "facts" },
        el("thead", {}, el("tr", {}, ...FACT_HEAD.map((h) => el("th", {}, h)))),
        el("tbody", {}, ...sel.facts.map(factRow)));
      box.append(el("div", { class: "tablewrap" }, table));
    } else {
      box.append(el("p", { class: "empty" }, "Không có số liệu phù hợp."));
    }
    return box;
  }

  function renderFailed(s) {
    const failed = D.docs.filter((d) => d.status === "failed" &&
      (!s.period || !d.period || d.period === s.period) && hit(s.q, d.file, d.error, d.issuer));
    $("failed-section").hidden = !failed.length;
    $("failed-count").textContent = failed.length;
    $("failed").replaceChildren(...failed.map((d) =>
      el("li", {}, el("b", {}, d.file), ": ", el("span", { class: "reason" }, d.error || ""))));
    return failed.length;
  }

  function renderDocs(s) {
    const shown = [];
    for (const doc of D.docs) {
      // a file that failed after a good load keeps its figures: listed in both places
      if (doc.status !== "ok" && !(doc.status === "failed" && D.facts.some((f) => f.d === doc.id))) continue;
      const sel = selection(doc, s);
      if (sel) shown.push([doc, sel]);
    }
    const open = shown.length <= OPEN_UP_TO;
    $("docs").replaceChildren(...(shown.length
      ? shown.map(([doc, sel]) => docSection(doc, sel, open))
      : [el("p", { class: "empty" }, "Không có văn bản phù hợp bộ lọc.")]));
    $("doc-count").textContent = shown.length;
    return shown;
  }

  // One chart: the units of one period, largest first, BARS_PER_PAGE at a time.
  function chartOf(m, rows, unit) {
    const pages = Math.ceil(rows.length / BARS_PER_PAGE);
    const page = Math.min(chartPages[m] || 0, pages - 1);
    const part = rows.slice(page * BARS_PER_PAGE, (page + 1) * BARS_PER_PAGE);
    const max = Math.max(...rows.map((r) => Math.abs(r.values[m]))) || 1;
    const bars = el("ol", { class: "bars", start: page * BARS_PER_PAGE + 1 });
    const named = {};
    for (const r of rows) named[r.unit] = (named[r.unit] || 0) + 1;
    for (const r of part) {
      const who = named[r.unit] > 1 && r.province ? r.unit + " – " + r.province : r.unit;
      const bar = el("span", { class: "bar" });
      bar.style.width = Math.max(0.5, 100 * Math.abs(r.values[m]) / max) + "%";
      bars.append(el("li", {},
        el("span", { class: "who", title: r.unit + (r.province ? " – " + r.province : "") }, who),
        el("span", { class: "track" }, bar),
        el("span", { class: "val" }, vn(r.values[m], unit))));
    }
    const chart = el("div", { class: "chart", role: "figure", "aria-label": label(m) },
      el("h3", {}, label(m) + " – " + periodLabel(rows[0].period)), bars);
    if (pages > 1) {
      const go = (p) => { chartPages[m] = p; renderCharts(state()); };
      const prev = el("button", { type: "button", disabled: page === 0 }, "‹ Trước");
      const next = el("button", { type: "button", disabled: page >= pages - 1 }, "Sau ›");
      prev.addEventListener("click", () => go(page - 1));
      next.addEventListener("click", () => go(page + 1));
      chart.append(el("div", { class: "pager" }, prev,
        `${page * BARS_PER_PAGE + 1}–${page * BARS_PER_PAGE + part.length} / ${rows.length} đơn vị`, next));
    }
    return chart;
  }

  function renderCharts(s) {
    const period = $("chart-period").value;
    const charts = [];
    for (const m of D.compare.metrics) {
      if (s.fam && family(m) !== s.fam) continue;
      const rows = D.compare.rows
        .filter((r) => r.period === period && r.values[m] !== null && r.values[m] !== undefined)
        .filter((r) => hit(s.q, r.unit, r.province))
        .sort((a, b) => b.values[m] - a.values[m] || a.unit.localeCompare(b.unit, "vi"));
      if (rows.length) charts.push(chartOf(m, rows, metric(m)[2]));
    }
    $("charts").replaceChildren(...(charts.length ? charts
      : [el("p", { class: "empty" }, "Chưa có số liệu để so sánh trong kỳ này.")]));
    return charts.length;
  }

  function render() {
    const s = state();
    const failed = renderFailed(s);
    const shown = renderDocs(s);
    const charts = renderCharts(s);
    const facts = shown.reduce((n, [, sel]) => n + sel.facts.length, 0);
    const flags = shown.reduce((n, [, sel]) => n + sel.flags.length, 0);
    const errors = shown.reduce((n, [, sel]) => n + sel.flags.filter((g) => g.sev === "error").length, 0);
    $("counts").textContent = `${shown.length} văn bản · ${failed} tệp không đọc được · ` +
      `${facts} số liệu · ${flags} cảnh báo (${errors} lỗi)` +
      (Object.values(s).some(Boolean) ? " – theo bộ lọc" : "");
    const root = document.documentElement;
    root.dataset.docs = shown.length;
    root.dataset.charts = charts;
    root.dataset.scrollWidth = root.scrollWidth;
  }

  // The filters live in the address too (#ky=2023&tim=...), so a filtered view can be bookmarked.
  const HASH_KEYS = [["ky", "f-period"], ["linh-vuc", "f-family"], ["canh-bao", "f-severity"],
    ["xem", "f-review"], ["tim", "f-search"]];

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    for (const [key, id] of HASH_KEYS) if (params.has(key)) $(id).value = params.get(key);
  }

  function writeHash() {
    const params = new URLSearchParams();
    for (const [key, id] of HASH_KEYS) if ($(id).value) params.set(key, $(id).value);
    const hash = params.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (e) {
      // some browsers refuse history changes on file:// pages; the filters still work
    }
  }

  function syncChartPeriod() {
    const p = $("f-period").value;
    if (p && [...$("chart-period").options].some((o) => o.value === p)) {
      $("chart-period").value = p;
      resetChartPages();
    }
  }

  setUpFilters();
  readHash();
  syncChartPeriod();
  function resetChartPages() {
    for (const k of Object.keys(chartPages)) delete chartPages[k];
  }
  const update = () => { writeHash(); render(); };
  for (const id of ["f-family", "f-severity", "f-review"]) $(id).addEventListener("change", update);
  $("f-period").addEventListener("change", () => { syncChartPeriod(); update(); });
  $("chart-period").addEventListener("change", () => { resetChartPages(); render(); });
  $("f-search").addEventListener("input", update);
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("open-all").addEventListener("click", () => document.querySelectorAll("details.doc").forEach((d) => { d.open = true; }));
  $("close-all").addEventListener("click", () => document.querySelectorAll("details.doc").forEach((d) => { d.open = false; }));
  render();
})();
