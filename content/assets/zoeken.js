// Search with Pagefind's JavaScript API: results per agreement, filters, and a shareable URL.
(function () {
  var form = document.querySelector("[data-kopzoek]");
  var field = document.getElementById("kopzoek-invoer");
  var searchUrl = new URL(form.getAttribute("action"), location.href);
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("../pagefind/pagefind.js", searchUrl).href).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind marks hits with <mark> in otherwise escaped text; keep only those marks.
  function excerpt(html) {
    var node = element("p", { class: "zoekresultaat__uittreksel" });
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var hit = /^<mark>(.*)<\/mark>$/.exec(part);
      var text = new DOMParser().parseFromString(hit ? hit[1] : part, "text/html").body.textContent;
      node.appendChild(hit ? element("mark", {}, text) : document.createTextNode(text));
    });
    return node;
  }

  function entries(data) {
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
    var agreements = subs.filter(function (sub) { return /#afspraak-/.test(sub.url); });
    var chosen = agreements.length ? agreements : subs.slice(0, 3);
    if (!chosen.length) chosen = [{ title: "", url: data.url, excerpt: data.excerpt }];
    return chosen.map(function (sub) {
      var title = (data.meta.title || "") + (sub.title ? " · " + sub.title.replace(/^Afspraak/, "afspraak") : "");
      return { title: title, url: sub.url, excerpt: sub.excerpt };
    });
  }

  function render(list, results, limit) {
    list.replaceChildren();
    var shown = 0;
    results.forEach(function (data) {
      entries(data).forEach(function (entry) {
        if (shown >= limit) return;
        shown += 1;
        var item = element("li", { class: "zoekresultaat" });
        var link = element("a", { href: entry.url, class: "zoekresultaat__titel" }, entry.title);
        item.appendChild(link);
        item.appendChild(excerpt(entry.excerpt));
        list.appendChild(item);
      });
    });
    return shown;
  }

  var synonyms = fetch(new URL("../assets/synoniemen.json", searchUrl)).then(function (r) { return r.json(); }).catch(function () { return []; });

  // A query also looks for the words the site lists as meaning the same (statushouder, vergunninghouder).
  function variants(query) {
    return synonyms.then(function (groups) {
      var word = query.toLowerCase();
      var group = groups.find(function (g) { return g.indexOf(word) >= 0; });
      return group ? [query].concat(group.filter(function (w) { return w !== word; })) : [query];
    });
  }

  var latest = 0;
  function search(query, filters) {
    var ticket = ++latest;
    return new Promise(function (resolve) { setTimeout(resolve, 150); }).then(function () {
      if (ticket !== latest) return null;
      return Promise.all([load(), variants(query)]).then(function (both) {
        return Promise.all(both[1].map(function (q) { return both[0].search(q, { filters: filters || {} }); }));
      }).then(function (responses) {
        var seen = {};
        var merged = [];
        responses.forEach(function (response) {
          response.results.forEach(function (r) { if (!seen[r.id]) { seen[r.id] = true; merged.push(r); } });
        });
        merged.sort(function (a, b) { return b.score - a.score; });
        return Promise.all(merged.slice(0, 20).map(function (r) { return r.data(); }));
      }).then(function (results) { return ticket === latest ? results : null; });
    });
  }

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      field.focus();
    }
  });

  // Header: live results under the field; Enter opens the full search page.
  var dropdown = element("ol", { class: "kopzoek__resultaten", "aria-live": "polite", hidden: "" });
  form.appendChild(dropdown);
  var page = document.getElementById("zoeken");
  if (!page) {
    field.addEventListener("input", function () {
      var query = field.value.trim();
      if (query.length < 2) { dropdown.hidden = true; return; }
      search(query).then(function (results) {
        if (!results || field.value.trim() !== query) return;
        dropdown.hidden = render(dropdown, results, 8) === 0;
      });
    });
    field.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { dropdown.hidden = true; }
      if (event.key === "ArrowDown" && !dropdown.hidden) {
        event.preventDefault();
        dropdown.querySelector("a").focus();
      }
    });
    dropdown.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(dropdown.querySelectorAll("a"));
      var index = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && index < links.length - 1) { event.preventDefault(); links[index + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (index > 0 ? links[index - 1] : field).focus(); }
      if (event.key === "Escape") { dropdown.hidden = true; field.focus(); }
    });
    return;
  }

  // The search page: query and filters live in the URL, so a result list can be shared.
  var params = new URLSearchParams(location.search);
  var input = element("input", { type: "search", id: "zoekveld", name: "q", "aria-label": "Zoekterm",
    placeholder: "Zoek op een woord, bijvoorbeeld statushouders", autocomplete: "off" });
  var status = element("p", { class: "zoekpagina__status", role: "status" });
  var filterBox = element("div", { class: "zoekpagina__filters" });
  var list = element("ol", { class: "zoekpagina__resultaten" });
  page.append(input, filterBox, status, list);
  input.value = params.get("q") || "";
  var names = { gemeente: "Gemeente", jaar: "Jaar", thema: "Thema", partij: "Partij", soort: "Soort document" };

  function chosen() {
    var filters = {};
    filterBox.querySelectorAll("select").forEach(function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  function run() {
    var query = input.value.trim();
    var filters = chosen();
    var url = new URL(location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    Object.keys(filters).forEach(function (key) { url.searchParams.set(key, filters[key]); });
    history.replaceState(null, "", url);
    if (!query) { list.replaceChildren(); status.textContent = ""; return; }
    search(query, filters).then(function (results) {
      if (!results || input.value.trim() !== query) return;
      var shown = render(list, results, 200);
      status.textContent = shown ? shown + " resultaten voor ‘" + query + "’" : "Niets gevonden voor ‘" + query + "’";
    });
  }

  load().then(function (pf) { return pf.filters(); }).then(function (filters) {
    Object.keys(names).forEach(function (key) {
      if (!filters[key]) return;
      var label = element("label", {}, names[key] + " ");
      var select = element("select", { name: key });
      select.appendChild(element("option", { value: "" }, "alle"));
      Object.keys(filters[key]).sort().forEach(function (value) {
        var option = element("option", { value: value }, value);
        if (params.get(key) === value) option.selected = true;
        select.appendChild(option);
      });
      select.addEventListener("change", run);
      label.appendChild(select);
      filterBox.appendChild(label);
    });
    run();
  });
  input.addEventListener("input", run);
  input.focus();
})();
