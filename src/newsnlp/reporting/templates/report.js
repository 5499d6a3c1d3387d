(function () {
  "use strict";
  var PAGE_SIZE = 50;
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var colors = data("topic-colors");
  var docs = data("docs-data");      // [id, date, page view number or -1]
  var topics = data("topics-data");  // topic names
  // Rows as stored: [document, headline, column, authors, topic, score, summary], shared values
  // by reference; expanded once to [date, page view, id, headline, column, authors, topic, score, summary].
  var rows = data("rows-data").map(function (r) {
    var d = docs[r[0]];
    return [d[1], d[2], d[0], r[1], r[2], r[3], topics[r[4]], r[5], r[6]];
  });
  var KEYS = { date: 0, page: 2, title: 3, column: 4, authors: 5, topic: 6, score: 7, summary: 8 };
  var hay = null;  // lower-cased searchable text per row, built on the first search
  var shown = rows.map(function (_, i) { return i; });
  var sortKey = null, sortDir = 1, current = 0;
  var body = document.getElementById("article-rows");
  var query = document.getElementById("filter");
  var topicSel = document.getElementById("topic-filter");
  var count = document.getElementById("row-count");
  var pageNo = document.getElementById("table-page");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function shortId(id) { var parts = String(id).split(/[\\/]/); return parts[parts.length - 1]; }

  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    if (current >= pages) current = pages - 1;
    var frag = document.createDocumentFragment();
    var end = Math.min(shown.length, (current + 1) * PAGE_SIZE);
    for (var i = current * PAGE_SIZE; i < end; i++) {
      var r = rows[shown[i]], tr = el("tr");
      tr.appendChild(el("td", r[0]));
      var pc = el("td", null, "id");
      if (r[1] >= 0) {
        var a = el("a", shortId(r[2])); a.href = "#page-" + r[1]; a.title = r[2]; pc.appendChild(a);
      } else { pc.textContent = shortId(r[2]); pc.title = r[2]; }
      tr.appendChild(pc);
      tr.appendChild(el("td", r[3]));
      tr.appendChild(el("td", r[4]));
      tr.appendChild(el("td", r[5]));
      var tc = el("td"), b = el("span", r[6], "badge"); b.style.background = colors[r[6]] || "#999"; tc.appendChild(b);
      tr.appendChild(tc);
      tr.appendChild(el("td", r[7].toFixed(3), "num"));
      tr.appendChild(el("td", r[8]));
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    count.textContent = shown.length.toLocaleString() + " of " + rows.length.toLocaleString() + " articles";
    pageNo.textContent = "page " + (current + 1) + " / " + pages;
    document.getElementById("prev-rows").disabled = current === 0;
    document.getElementById("next-rows").disabled = current >= pages - 1;
  }

  function applyFilter() {
    var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    var topic = topicSel.value;
    if (words.length && hay === null) {
      hay = rows.map(function (r) { return [r[0], r[2], r[3], r[4], r[5], r[6], r[8]].join("\u0001").toLowerCase(); });
    }
    shown = [];
    for (var i = 0; i < rows.length; i++) {
      if (topic && rows[i][6] !== topic) continue;
      var ok = true;
      for (var w = 0; w < words.length && ok; w++) ok = hay[i].indexOf(words[w]) >= 0;
      if (ok) shown.push(i);
    }
    sortRows();
    current = 0;
    render();
    document.body.dataset.filtered = query.value;
  }

  function sortRows() {
    if (sortKey === null) return;
    var k = KEYS[sortKey];
    shown.sort(function (a, b) {
      var x = rows[a][k], y = rows[b][k];
      return (x < y ? -1 : x > y ? 1 : a - b) * sortDir;
    });
  }

  var timer = null;
  query.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(applyFilter, 120); });
  topicSel.addEventListener("change", applyFilter);
  document.getElementById("prev-rows").addEventListener("click", function () { current--; render(); });
  document.getElementById("next-rows").addEventListener("click", function () { current++; render(); });
  document.querySelectorAll("table.articles th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      sortDir = sortKey === key ? -sortDir : (key === "score" ? -1 : 1);
      sortKey = key;
      document.querySelectorAll("table.articles th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      sortRows(); current = 0; render();
    });
  });

  // Page views: one shown at a time.
  var pageSel = document.getElementById("page-select");
  var shownPage = null;
  function showPage(n) {
    var next = document.getElementById("page-" + n);
    if (!next) return false;
    if (shownPage) shownPage.hidden = true;
    next.hidden = false; shownPage = next;
    if (pageSel) pageSel.value = String(n);
    return true;
  }
  function fromHash() {
    var m = /^#page-(\d+)$/.exec(location.hash);
    if (m && showPage(m[1])) document.getElementById("pages").scrollIntoView();
  }
  if (pageSel) {
    pageSel.addEventListener("change", function () { showPage(pageSel.value); });
    document.getElementById("prev-page").addEventListener("click", function () { showPage(Math.max(0, +pageSel.value - 1)); });
    document.getElementById("next-page").addEventListener("click", function () { showPage(Math.min(pageSel.options.length - 1, +pageSel.value + 1)); });
    showPage(0);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  render();
})();
