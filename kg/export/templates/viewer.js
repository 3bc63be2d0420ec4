/* kg viewer. Every piece of text from the data is written with textContent,
   never innerHTML: article text may contain markup and must stay text. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = data.details;
  var articles = data.articles;
  var typeById = {};
  data.types.forEach(function (t) { typeById[t.id] = t; });

  // DOM helpers ------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function tooltipElement(text) { return el("div", "kg-tip", text); }
  function safeUrl(url) {
    if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return "";
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "";
    } catch (e) { return ""; }
  }
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Network ----------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    delete copy.tooltip;
    copy.title = tooltipElement(n.tooltip);
    return copy;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    delete copy.tooltip;
    copy.title = tooltipElement(e.tooltip);
    return copy;
  }));

  var state = { types: new Set(data.types.map(function (t) { return t.id; })), article: "", from: "", to: "" };

  function visible(node) {
    var d = details[node.id];
    if (!d) return true; // cluster nodes
    if (!state.types.has(d.type)) return false;
    if (state.article && d.sources.indexOf(state.article) < 0) return false;
    if (d.kind === "event" && (state.from || state.to)) {
      if (!d.dateStart) return false;
      if (state.from && d.dateEnd < state.from) return false;
      if (state.to && d.dateStart > state.to) return false;
    }
    return true;
  }

  var view = new vis.DataView(nodes, { filter: visible });
  var container = document.getElementById("kg-graph");
  var network = new vis.Network(container, { nodes: view, edges: edges }, data.options);
  var viewer = { network: network, nodes: nodes, edges: edges, view: view, ready: false, clustered: false };
  window.kgViewer = viewer;
  network.once("afterDrawing", function () {
    viewer.ready = true;
    document.body.setAttribute("data-ready", "true");
  });

  // Side panel -------------------------------------------------------------
  var panel = document.getElementById("kg-panel");

  function nodeButton(id, fallback) {
    var d = details[id];
    var button = el("button", "kg-link kg-inline", d ? d.label : fallback || id);
    button.type = "button";
    if (d) button.addEventListener("click", function () { selectNode(id); });
    return button;
  }

  function articleLine(id) {
    var a = articles[id];
    var li = el("div", "kg-source");
    if (!a) { li.textContent = id; return li; }
    var url = safeUrl(a.url);
    var head = url ? el("a", null, a.headline) : el("span", null, a.headline);
    if (url) { head.href = url; head.rel = "noopener noreferrer"; head.target = "_blank"; }
    li.appendChild(head);
    var meta = [a.publisher, a.date, a.source].filter(Boolean).join(" · ");
    if (meta) li.appendChild(el("div", "kg-from", meta));
    return li;
  }

  // A page capped at --viewer-nodes lists some of a long list, and says how many it left out.
  function moreNote(count, what) {
    return el("div", "kg-more", "… and " + count + " more " + what + " in the full graph");
  }

  function sourceNote(articleIds, more) {
    var names = articleIds.map(function (id) {
      var a = articles[id];
      return a ? (a.publisher ? a.headline + " (" + a.publisher + ")" : a.headline) : id;
    });
    if (more) names.push("and " + more + " more");
    return el("div", "kg-from", "— " + names.join("; "));
  }

  function evidenceList(evidence, more) {
    var box = el("div");
    if (!evidence.length) {
      box.appendChild(el("div", "kg-from", "no evidence sentence recorded"));
      return box;
    }
    evidence.forEach(function (e) {
      box.appendChild(el("blockquote", null, "“" + e.sentence + "”"));
      if (e.article) box.appendChild(sourceNote([e.article]));
    });
    if (more) box.appendChild(moreNote(more, "sentences"));
    return box;
  }

  function section(title, items, more) {
    if (!items.length && !more) return null;
    var box = el("section");
    box.appendChild(el("h2", null, title + " (" + (items.length + (more || 0)) + ")"));
    items.forEach(function (item) { box.appendChild(item); });
    if (more) box.appendChild(moreNote(more, title.toLowerCase()));
    return box;
  }

  function factItem(index, selfId) {
    var fact = data.facts[index];
    var box = el("div", "kg-fact");
    var line = el("div");
    [fact.from, null, fact.to].forEach(function (part) {
      if (part === null) line.appendChild(el("span", "kg-pred", (fact.both ? "↔ " : "→ ") + fact.label));
      else if (part === selfId) line.appendChild(el("span", "kg-this", details[part].label));
      else line.appendChild(nodeButton(part));
    });
    box.appendChild(line);
    box.appendChild(evidenceList(fact.evidence, fact.moreEvidence));
    return box;
  }

  function claimItem(claim) {
    var box = el("div", "kg-fact");
    var line = el("div", null, claim.text);
    claim.flags.forEach(function (flag) { line.appendChild(el("span", "kg-flag", flag)); });
    box.appendChild(line);
    if (claim.confidence) box.appendChild(el("div", "kg-from", "confidence " + claim.confidence));
    box.appendChild(claim.evidence.length
      ? evidenceList(claim.evidence, claim.moreEvidence)
      : sourceNote(claim.sources, claim.moreSources));
    return box;
  }

  function quoteItem(quote) {
    var box = el("div");
    box.appendChild(el("blockquote", null, "“" + quote.text + "”"));
    var who = "— " + (quote.speaker || "unknown speaker") + (quote.via ? " (via " + quote.via + ")" : "");
    box.appendChild(el("div", "kg-from", who));
    if (quote.sources.length) box.appendChild(sourceNote(quote.sources, quote.moreSources));
    return box;
  }

  function roleItem(role) {
    var box = el("div", "kg-fact");
    box.appendChild(el("div", null, role.text));
    if (role.evidence.length) box.appendChild(evidenceList(role.evidence, role.moreEvidence));
    return box;
  }

  function listItems(values) { return values.map(function (v) { return el("div", null, v); }); }

  function showDetails(id) {
    var d = details[id];
    clear(panel);
    if (!d) return;
    panel.appendChild(el("h3", null, d.label));
    var badge = el("span", "kg-type", d.type);
    badge.style.background = (typeById[d.type] || {}).color || "#79706e";
    panel.appendChild(badge);
    panel.appendChild(el("div", "kg-iri", id));
    var parts = [];
    if (d.date) {
      var when = d.date + (d.timeExpression ? " (“" + d.timeExpression + "”)" : "");
      parts.push(section("When", [el("div", null, when)]));
    }
    if (d.duration) parts.push(section("Duration", [el("div", null, d.duration)]));
    parts.push(section("Also known as", listItems(d.aliases)));
    parts.push(section("Roles", d.roles.map(roleItem), d.moreRoles));
    parts.push(section("Facts", d.facts.map(function (f) { return factItem(f, id); })));
    parts.push(section("Other claims", d.claims.map(claimItem)));
    // Left-out claims are other claims and facts with nodes not drawn: counted apart.
    if (d.moreClaims) parts.push(moreNote(d.moreClaims, "claims about " + d.label));
    parts.push(section("Quotes", d.quotes.map(quoteItem), d.moreQuotes));
    parts.push(section("Sources", d.sources.map(articleLine), d.moreSources));
    parts.push(section("Same as", listItems(d.sameAs)));
    parts.forEach(function (part) { if (part) panel.appendChild(part); });
  }

  function selectNode(id) {
    showDetails(id);
    markTimeline(id);
    if (view.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    }
  }
  viewer.selectNode = selectNode;
  viewer.showDetails = showDetails;

  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var id = params.nodes[0];
    if (network.isCluster(id)) {
      network.openCluster(id);
      viewer.clusters = viewer.clusters.filter(function (c) { return c !== id; });
      return;
    }
    showDetails(id);
    markTimeline(id);
  });

  // Legend and type filter -------------------------------------------------
  var legend = document.getElementById("kg-legend");
  data.types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.id;
    box.setAttribute("data-type", t.id);
    box.addEventListener("change", function () {
      if (box.checked) state.types.add(t.id); else state.types.delete(t.id);
      refresh();
    });
    var swatch = el("span", "kg-swatch" + (t.kind === "event" ? " kg-event" : ""));
    swatch.style.background = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, t.id));
    label.appendChild(el("span", "kg-count", t.count));
    li.appendChild(label);
    legend.appendChild(li);
  });

  // Source and date filters ------------------------------------------------
  var sourceSelect = document.getElementById("kg-source");
  Object.keys(articles).sort(function (a, b) {
    return (articles[a].date + articles[a].headline).localeCompare(articles[b].date + articles[b].headline);
  }).forEach(function (id) {
    var a = articles[id];
    var option = el("option", null, [a.date, a.headline, a.publisher].filter(Boolean).join(" · "));
    option.value = id;
    sourceSelect.appendChild(option);
  });
  sourceSelect.addEventListener("change", function () { state.article = sourceSelect.value; refresh(); });
  var dateFrom = document.getElementById("kg-date-from");
  var dateTo = document.getElementById("kg-date-to");
  [dateFrom, dateTo].forEach(function (input) {
    input.addEventListener("change", function () { state.from = dateFrom.value; state.to = dateTo.value; refresh(); });
  });

  // Timeline ---------------------------------------------------------------
  var timeline = document.getElementById("kg-timeline");
  var timelineButtons = {};
  data.timeline.forEach(function (id) {
    var d = details[id];
    var li = el("li");
    var button = el("button", "kg-link");
    button.type = "button";
    button.setAttribute("data-id", id);
    button.appendChild(el("span", "kg-date", d.dateStart));
    button.appendChild(document.createTextNode(d.label));
    button.addEventListener("click", function () { selectNode(id); });
    timelineButtons[id] = button;
    li.appendChild(button);
    timeline.appendChild(li);
  });
  var activeButton = null;
  function markTimeline(id) {
    if (activeButton) activeButton.classList.remove("kg-active");
    activeButton = timelineButtons[id] || null;
    if (activeButton) activeButton.classList.add("kg-active");
  }
  function refreshTimeline() {
    data.timeline.forEach(function (id) {
      timelineButtons[id].parentNode.hidden = !visible({ id: id });
    });
  }

  // Search -----------------------------------------------------------------
  var search = document.getElementById("kg-search");
  var resultsBox = document.getElementById("kg-results-box");
  var results = document.getElementById("kg-results");
  var searchIndex = Object.keys(details).map(function (id) {
    var d = details[id];
    return { id: id, text: fold([d.label].concat(d.aliases).join("\n")) };
  });
  function runSearch() {
    var query = fold(search.value.trim());
    clear(results);
    resultsBox.hidden = !query;
    if (!query) { network.unselectAll(); return; }
    var found = searchIndex.filter(function (entry) {
      return entry.text.indexOf(query) >= 0 && view.get(entry.id);
    }).map(function (entry) { return entry.id; });
    found.slice(0, 50).forEach(function (id) {
      var li = el("li");
      li.appendChild(nodeButton(id));
      li.firstChild.className = "kg-link";
      results.appendChild(li);
    });
    if (!found.length) results.appendChild(el("li", "kg-hint", "no match"));
    network.selectNodes(found);
    viewer.matches = found;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && viewer.matches && viewer.matches.length) selectNode(viewer.matches[0]);
  });

  // Clusters ---------------------------------------------------------------
  var clusterButton = document.getElementById("kg-cluster");
  viewer.clusters = [];
  function expandAll() {
    viewer.clusters.forEach(function (id) {
      // isCluster logs an error for ids that are gone (a cluster opened by a click).
      if (network.body.nodes[id] !== undefined && network.isCluster(id)) network.openCluster(id);
    });
    viewer.clusters = [];
    viewer.clustered = false;
    clusterButton.textContent = "Collapse by type";
  }
  function collapseByType() {
    data.types.forEach(function (t) {
      if (!state.types.has(t.id)) return;
      var members = view.getIds().filter(function (id) { return details[id] && details[id].type === t.id; });
      if (members.length < 2) return;
      var memberSet = new Set(members);
      network.cluster({
        joinCondition: function (options) { return memberSet.has(options.id); },
        clusterNodeProperties: {
          id: "cluster:" + t.id,
          label: t.id + " (" + members.length + ")",
          title: tooltipElement(t.id + ": " + members.length + " nodes — click to expand"),
          color: t.color,
          shape: t.kind === "event" ? "diamond" : "dot",
          value: members.length,
          font: { size: 16 }
        }
      });
      viewer.clusters.push("cluster:" + t.id);
    });
    viewer.clustered = true;
    clusterButton.textContent = "Expand clusters";
  }
  clusterButton.addEventListener("click", function () {
    if (viewer.clustered) expandAll(); else collapseByType();
  });
  viewer.collapseByType = collapseByType;
  viewer.expandAll = expandAll;

  // Refresh and reset ------------------------------------------------------
  var status = document.getElementById("kg-status");
  function refresh() {
    var wasClustered = viewer.clustered;
    if (wasClustered) expandAll();
    view.refresh();
    if (wasClustered) collapseByType();
    refreshTimeline();
    if (search.value) runSearch();
    status.textContent = view.length + " of " + nodes.length + " nodes · " + edges.length + " edges";
  }
  viewer.refresh = refresh;
  document.getElementById("kg-reset").addEventListener("click", function () {
    state.types = new Set(data.types.map(function (t) { return t.id; }));
    state.article = state.from = state.to = "";
    Array.prototype.forEach.call(legend.querySelectorAll("input"), function (box) { box.checked = true; });
    sourceSelect.value = dateFrom.value = dateTo.value = search.value = "";
    if (viewer.clustered) expandAll();
    refresh();
    network.fit({ animation: false });
  });
  status.textContent = view.length + " of " + nodes.length + " nodes · " + edges.length + " edges";
})();
