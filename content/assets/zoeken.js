// Search with Pagefind's JavaScript API. Each record is one agreement (or one other part of a
// document, a glossary letter, a page about the site): see generator/searchrecords.py.
(function () {
  var form = document.querySelector("[data-kopzoek]");
  var field = document.getElementById("kopzoek-invoer");
  var searchUrl = new URL(form.getAttribute("action"), location.href);
  // Ten results at a time: each result's text is fetched when it is shown, and on a phone ten
  // are several screens already.
  var PAGE = 10;

  // A large index comes in parts (generator/pagefind_index.py PARTS), merged into the first and
  // sharing its WebAssembly. Every search gets the filter PARTS names (it hides each part's word
  // list). Merged results come by score; without a word, each part lists its own records in reading
  // order (the order they were indexed in), so those are asked part by part (a synthetic filter
  // PART marks each part's records). A search within one gemeente or party loads only the parts
  // that hold it (pagefind_index.py NARROWING): each part scores its own records, so the results
  // and their order are those of the whole index.
  var PART = "_deel";
  var base = new URL("../pagefind/", searchUrl);
  var options = { excerptLength: 24 };
  var started = null;
  var loaded = {};
  var held = {};

  function json(name) {
    return fetch(new URL(name, base)).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
  }

  // The numbers of the parts that can hold a result for these filters, and the filters to ask
  // Pagefind for: a gemeente or party by its own filter, whose values are a few hundred bytes to
  // load instead of every gemeente's or party's (pagefind_index.py NARROWING).
  function needed(listed, filters) {
    var all = [1].concat((listed.delen || []).map(function (_, at) { return at + 2; }));
    var keys = (listed.bij || []).filter(function (key) { return typeof filters[key] === "string"; });
    return Promise.all(keys.map(function (key) {
      return held[key] || (held[key] = json("delen-" + key + ".json"));
    })).then(function (maps) {
      var asked = Object.assign({}, filters);
      var some = all;
      maps.forEach(function (map, at) {
        var key = keys[at];
        var entry = Object.prototype.hasOwnProperty.call(map, filters[key]) ? map[filters[key]] : null;
        some = some.filter(function (number) { return entry && entry.delen.indexOf(number) >= 0; });
        if (entry) { delete asked[key]; Object.assign(asked, entry.filter); }
      });
      return { numbers: some.length ? some : [1], filters: asked };
    });
  }

  // Pagefind's script and the list of parts, fetched once for every index this page asks.
  function begin() {
    started = started || Promise.all([import(new URL("pagefind.js", base).href), json("delen.json")]);
    return started;
  }

  function load(filters) {
    return begin().then(function (ready) {
      var module = ready[0], listed = ready[1], parts = listed.delen || [];
      return needed(listed, filters || {}).then(function (wanted) {
        var numbers = wanted.numbers;
        var key = loaded.alle || numbers.length === 1 + parts.length ? "alle" : numbers.join(",");
        if (!loaded[key]) {
          var folder = function (number) { return number === 1 ? base.href : new URL(parts[number - 2], base).href; };
          var marked = function (number) { var filter = {}; filter[PART] = String(number); return Object.assign({ mergeFilter: filter }, options); };
          var own = parts.length ? marked(numbers[0]) : options;
          var pf = module.createInstance(Object.assign({ basePath: folder(numbers[0]), noWorker: true }, own));
          loaded[key] = Promise.all(numbers.slice(1).map(function (number) {
            return pf.mergeIndex(folder(number), marked(number));
          })).then(function () { return { pagefind: pf, numbers: numbers, always: listed.filter || {} }; });
        }
        return loaded[key].then(function (index) {
          return { pagefind: index.pagefind, numbers: index.numbers, filters: Object.assign({}, wanted.filters, index.always) };
        });
      });
    });
  }

  // An index in parts has an overview (pagefind_index.py OVERVIEW): a record per gemeente with every
  // word of its agreements once and the parties they name, the glossary's letters and the
  // hand-written pages. One word without filters, or a party alone, is asked there first: which
  // gemeenten have agreements with it. A search in every part loads every agreement's name and
  // word count, the overview one per gemeente. Its records are named in PLACES, so a gemeente is
  // known by the result's name alone, without loading the record.
  var overviewIndex = null;
  function overview() {
    return begin().then(function (ready) {
      var listed = ready[1];
      if (!listed.overzicht) return null;
      if (!overviewIndex) {
        var folder = new URL(listed.overzicht, base);
        overviewIndex = fetch(new URL("gemeenten.json", folder)).then(function (r) { return r.json(); }).then(function (places) {
          return { pagefind: ready[0].createInstance(Object.assign({ basePath: folder.href, noWorker: true }, options)), places: places };
        });
      }
      return overviewIndex;
    });
  }

  // What the overview answers: one word without filters, or a party without a word.
  function broad(query, filters) {
    var keys = Object.keys(filters);
    return query ? !/\s/.test(query) && !keys.length : keys.length === 1 && keys[0] === "partij";
  }

  // The gemeenten whose agreements hold the word (or one of its synonyms) or name the party, by
  // name; and the hand-written pages and glossary letters with the word, as results. Null when
  // the index has no overview.
  function places(query, filters) {
    return overview().then(function (index) {
      if (!index) return null;
      function one(term) {
        return index.pagefind.search(term, { filters: filters }).then(function (r) { return r.results; });
      }
      return (query ? withSynonyms(query, one) : one(null)).then(function (results) {
        var gemeenten = {}, pages = [];
        results.forEach(function (r) {
          if (Object.prototype.hasOwnProperty.call(index.places, r.id)) gemeenten[index.places[r.id]] = true;
          else pages.push(r);
        });
        var names = Object.keys(gemeenten).sort(function (a, b) { return a.localeCompare(b, "nl"); });
        return { pages: pages, gemeenten: names, total: Object.keys(index.places).length };
      });
    });
  }

  // The search page's address for the query and filters, within the gemeente if one is given.
  function within(gemeente, query, filters) {
    var url = new URL(searchUrl);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    Object.keys(filters).forEach(function (key) { url.searchParams.set(key, filters[key]); });
    if (gemeente) url.searchParams.set("gemeente", gemeente);
    return url.pathname + url.search;
  }

  function find(term, options) {
    return load(options.filters).then(function (index) {
      var filters = index.filters;
      if (term !== null || index.numbers.length === 1) {
        return index.pagefind.search(term, Object.assign({}, options, { filters: filters })).then(function (r) { return r.results; });
      }
      return Promise.all(index.numbers.map(function (number) {
        var own = Object.assign({}, filters);
        own[PART] = String(number);
        return index.pagefind.search(null, Object.assign({}, options, { filters: own }));
      })).then(function (responses) {
        return [].concat.apply([], responses.map(function (r) { return r.results; }));
      });
    });
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is the record's plain text, not escaped, as words joined by single spaces,
  // each hit wrapped as <mark>word</mark>. Rebuild it word by word as text, spaces included.
  function excerpt(text) {
    var node = element("p", { class: "zoekresultaat__uittreksel" });
    (text || "").split(" ").forEach(function (word, at) {
      if (at) node.appendChild(document.createTextNode(" "));
      var hit = /^<mark>([\s\S]*)<\/mark>$/.exec(word);
      node.appendChild(hit ? element("mark", {}, hit[1]) : document.createTextNode(word));
    });
    return node;
  }

  var synonyms = fetch(new URL("../assets/synoniemen.json", searchUrl)).then(function (r) { return r.json(); }).catch(function () { return []; });

  // The other spellings the site lists for a word of the query (statushouder: vergunninghouder).
  function variants(query) {
    return synonyms.then(function (groups) {
      var words = query.toLowerCase().split(/\s+/);
      var found = [];
      words.forEach(function (word, at) {
        var group = groups.find(function (g) { return g.indexOf(word) >= 0; });
        (group || []).forEach(function (other) {
          if (other === word) return;
          var copy = words.slice();
          copy[at] = other;
          found.push({ query: copy.join(" "), word: other });
        });
      });
      return found;
    });
  }

  // What `one(term)` finds for the query: exact hits first, in Pagefind's order; then hits that
  // only a synonym finds, by score. `early`, if given, gets the exact hits first (they come first
  // anyway): the synonyms are searched once the promise it returns is settled, as their search
  // would hold up the page while it shows them.
  function withSynonyms(query, one, early) {
    return one(query).then(function (exact) {
      return Promise.resolve(early ? early(exact) : null).then(function () {
        return variants(query);
      }).then(function (found) {
        var seen = {};
        exact.forEach(function (r) { seen[r.id] = true; });
        return Promise.all(found.map(function (v) {
          return one(v.query).then(function (results) {
            return results.map(function (r) { r.via = v.word; return r; });
          });
        })).then(function (lists) {
          var more = [].concat.apply([], lists).sort(function (a, b) { return b.score - a.score; });
          return exact.concat(more.filter(function (r) { return !seen[r.id] && (seen[r.id] = true); }));
        });
      });
    });
  }

  // A word with its synonyms (see `withSynonyms`); without a word: everything the filters select,
  // in reading order (the order of the index). With `wide`, what the overview answers (see
  // `broad`) gets its answer ({ pages, gemeenten, total }) when the index has one.
  var latest = 0;
  function search(query, filters, delay, early, wide) {
    var ticket = ++latest;
    return new Promise(function (resolve) { setTimeout(resolve, delay); }).then(function () {
      if (ticket !== latest) return null;
      return wide && broad(query, filters) ? places(query, filters) : null;
    }).then(function (answer) {
      if (answer || ticket !== latest) return answer;
      function one(term) { return find(term, { filters: filters }); }
      if (!query) return one(null);
      return withSynonyms(query, one, early && function (exact) { return ticket === latest ? early(exact) : null; });
    }).then(function (results) { return ticket === latest ? results : null; });
  }

  function item(result, data) {
    var node = element("li", { class: "zoekresultaat" });
    var address = data.meta.adres || data.url;
    node.appendChild(element("a", { href: address, class: "zoekresultaat__titel" }, data.meta.title || address));
    node.appendChild(excerpt(data.excerpt));
    if (result.via) node.appendChild(element("p", { class: "zoekresultaat__via" }, "Gevonden via het verwante woord ‘" + result.via + "’"));
    return node;
  }

  // Load and show results[from, from + count); a result's text is fetched only when it is shown.
  function show(list, results, from, count) {
    var part = results.slice(from, from + count);
    return Promise.all(part.map(function (r) { return r.data(); })).then(function (datas) {
      datas.forEach(function (data, at) { list.appendChild(item(part[at], data)); });
      return from + part.length;
    });
  }

  var shortcut = window.matchMedia("(min-width: 45em) and (hover: hover)");
  function placeholder() { field.placeholder = shortcut.matches ? "Zoeken (/)" : "Zoeken"; }
  placeholder();
  shortcut.addEventListener("change", placeholder);

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
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
      search(query, {}, 150, null, true).then(function (results) {
        if (!results || field.value.trim() !== query) return;
        dropdown.replaceChildren();
        if (!results.gemeenten) return show(dropdown, results, 0, 8).then(function (shown) { dropdown.hidden = shown === 0; });
        // A few gemeenten each by name; more as one link to the search page's overview.
        return show(dropdown, results.pages, 0, 3).then(function () {
          var many = results.gemeenten.length > 3;
          (many ? [null] : results.gemeenten).forEach(function (gemeente) {
            var node = element("li", { class: "zoekresultaat zoekgemeente" });
            var href = within(gemeente, query, {});
            var title = gemeente || "Afspraken in " + results.gemeenten.length + " gemeenten";
            node.appendChild(element("a", { href: href, class: "zoekresultaat__titel" }, title));
            node.appendChild(element("p", { class: "zoekresultaat__uittreksel" }, gemeente ? "Afspraken met ‘" + query + "’" : "Kies een gemeente, of bekijk alle afspraken met ‘" + query + "’"));
            dropdown.appendChild(node);
          });
          dropdown.hidden = !dropdown.children.length;
        });
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
    placeholder: "Zoek op een woord, bijvoorbeeld statushouders", autocomplete: "off", enterkeyhint: "search" });
  var status = element("p", { class: "zoekpagina__status", role: "status" });
  var filterBox = element("div", { class: "zoekpagina__filters" });
  var list = element("ol", { class: "zoekpagina__resultaten" });
  var more = element("button", { type: "button", class: "zoekpagina__meer", hidden: "" });
  var placesBox = element("div", { class: "zoekpagina__gemeenten", hidden: "" });
  var explained = element("h2", { class: "zoekpagina__uitleg", hidden: "" }, "In de uitleg op deze site");
  page.append(input, filterBox, status, explained, list, more, placesBox);
  input.value = params.get("q") || "";
  // Set by the overview's button (and `overal=ja` in the address): what the overview answers is
  // searched in every part instead, until the word changes.
  var everywhere = params.get("overal") === "ja";
  var names = { gemeente: "Gemeente", jaar: "Jaar", thema: "Thema", partij: "Partij", soort: "Soort document" };
  var current = { results: [], shown: 0 };

  function chosen() {
    var filters = {};
    filterBox.querySelectorAll("select").forEach(function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  function describe(query, filters) {
    var parts = Object.keys(filters).map(function (key) { return names[key].toLowerCase() + " " + filters[key]; });
    return (query ? "‘" + query + "’" : "") + (query && parts.length ? " met " : "") + parts.join(", ");
  }

  function paged() {
    var left = current.results.length - current.shown;
    more.hidden = left <= 0;
    more.textContent = "Toon " + Math.min(left, PAGE) + " meer (nog " + left + ")";
  }

  more.addEventListener("click", function () {
    more.disabled = true;
    show(list, current.results, current.shown, PAGE).then(function (shown) {
      current.shown = shown;
      more.disabled = false;
      paged();
      var next = list.children[shown - Math.min(PAGE, shown)];
      if (next) next.querySelector("a").focus();
    });
  });

  // While typing, wait 150 ms for the next key; the address's own query runs at once.
  function run(now) {
    var query = input.value.trim();
    var filters = chosen();
    var url = new URL(location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    Object.keys(filters).forEach(function (key) { url.searchParams.set(key, filters[key]); });
    if (everywhere && broad(query, filters)) url.searchParams.set("overal", "ja");
    history.replaceState(null, "", url);
    placesBox.hidden = true;
    explained.hidden = true;
    placesBox.replaceChildren();
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Typ een woord of kies een filter.";
      list.setAttribute("aria-busy", "false");
      return;
    }
    // The exact hits are shown as soon as they are known; the synonyms' hits follow them. The list
    // is busy until the last of them are shown.
    list.setAttribute("aria-busy", "true");
    var mine = {};
    var shown = Promise.resolve();
    function present(results, done) {
      shown = shown.then(function () {
        if (!results || input.value.trim() !== query) return;
        if (results.gemeenten) return presentPlaces(query, filters, results);
        var from = current.run === mine ? current.shown : 0;
        if (!from) list.replaceChildren();
        current = { results: results, shown: from, run: mine };
        return show(list, results, from, PAGE - from).then(function (count) {
          current.shown = count;
          paged();
          var what = describe(query, filters);
          status.textContent = results.length
            ? results.length + (results.length === 1 ? " resultaat" : " resultaten") + " voor " + what
            : "Niets gevonden voor " + what + "." + (Object.keys(filters).length ? " Kies minder filters of een ander woord." : " Probeer een ander woord.");
          if (done) list.setAttribute("aria-busy", "false");
        });
      });
    }
    function early(exact) {
      if (exact.length) present(exact, false);
      return shown;
    }
    search(query, filters, query && now !== true ? 150 : 0, early, !everywhere).then(function (results) { present(results, true); });
  }

  // The overview's answer: the best three of the hand-written pages and glossary letters with the
  // word (the rest behind the button for more), then every gemeente with agreements that hold it
  // or name the party, each a link to the search within that gemeente, and a button that searches
  // every agreement in the country instead.
  function presentPlaces(query, filters, answer) {
    var what = describe(query, filters);
    list.replaceChildren();
    current = { results: answer.pages, shown: 0 };
    return show(list, answer.pages, 0, 3).then(function (shown) {
      current.shown = shown;
      paged();
      explained.hidden = !shown;
      var count = answer.pages.length;
      var found = answer.gemeenten.length;
      var heading = element("h2", {}, "In " + found + " van de " + answer.total + " gemeenten");
      var links = element("ul", { class: "zoekpagina__gemeentelijst" });
      answer.gemeenten.forEach(function (gemeente) {
        var node = element("li", { class: "zoekgemeente" });
        node.appendChild(element("a", { href: within(gemeente, query, filters) }, gemeente));
        links.appendChild(node);
      });
      var all = element("button", { type: "button", class: "zoekpagina__overal" }, "Toon alle afspraken met " + what + " uit het hele land");
      all.addEventListener("click", function () { everywhere = true; run(true); });
      placesBox.replaceChildren(heading, element("p", {}, "Kies een gemeente om haar afspraken met " + what + " te zien."), all, links);
      placesBox.hidden = !found;
      var said = [];
      if (found) said.push("afspraken in " + found + (found === 1 ? " gemeente" : " gemeenten"));
      if (count) said.push(count + (count === 1 ? " resultaat" : " resultaten") + " in de uitleg op deze site");
      status.textContent = said.length ? what.charAt(0).toUpperCase() + what.slice(1) + ": " + said.join(", en ") + "." : "Niets gevonden voor " + what + "." + (query ? " Probeer een ander woord." : " Kies een ander filter.");
      list.setAttribute("aria-busy", "false");
    });
  }

  // A select for every filter in the index (generator/searchrecords.py FILTERS), the known ones first.
  // The values come from a small file the generator writes next to the index (pagefind_index.py
  // CHOICES), not from Pagefind's filters(): that loads every filter chunk (megabytes for the whole
  // country) and makes every later search count every value. Pagefind loads a filter's chunk when
  // a search uses that filter. Pagefind itself starts loading meanwhile.
  var asked = {};
  params.forEach(function (value, key) { if (key !== "q" && key !== "overal") asked[key] = value; });
  if (everywhere || !broad(input.value.trim(), asked)) load(asked);
  else overview().then(function (index) { if (!index) load(asked); });
  json("zoekfilters.json").then(function (filters) {
    var keys = Object.keys(names).filter(function (key) { return filters[key]; });
    Object.keys(filters).sort().forEach(function (key) {
      if (!names[key]) { names[key] = key.charAt(0).toUpperCase() + key.slice(1); keys.push(key); }
    });
    keys.forEach(function (key) {
      var label = element("label", {}, names[key] + " ");
      var select = element("select", { name: key });
      select.appendChild(element("option", { value: "" }, "alle"));
      filters[key].slice().sort().forEach(function (value) {
        var option = element("option", { value: value }, value);
        if (params.get(key) === value) option.selected = true;
        select.appendChild(option);
      });
      select.addEventListener("change", run);
      label.appendChild(select);
      filterBox.appendChild(label);
    });
    run(true);
  });
  input.addEventListener("input", function () { everywhere = false; run(); });
  input.focus();
})();
