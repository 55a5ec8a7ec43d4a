// Reading aids for long pages on a phone: each agreement in its own block, an "Inhoud" control that
// reaches every chapter in two taps and every agreement in three, and tables that say they scroll and
// can be scrolled with the keyboard.
// Runs once Material has set up the page (it wraps tables at that moment).
function lezen() {
  var article = document.querySelector("article.md-content__inner");
  if (!article) return;

  function level(element) {
    var match = /^H([1-6])$/.exec(element.tagName);
    return match ? Number(match[1]) : 0;
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // An agreement is its heading and everything up to the next heading of the same or a higher rank.
  article.querySelectorAll(".afspraak[id]").forEach(function (heading) {
    var rank = level(heading);
    var block = document.createElement("div");
    block.className = "afspraak-blok";
    heading.before(block);
    var next = heading;
    while (next) {
      var following = next.nextElementSibling;
      block.appendChild(next);
      next = following;
      if (next && ((level(next) && level(next) <= rank) || next.classList.contains("afspraak-blok"))) break;
    }
  });

  // A table wider than the screen: a text table becomes one card per row, each value with its column
  // name; a table of figures scrolls sideways, says so, keeps its first column in view and takes focus.
  var tables = [];
  article.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, index) {
    var table = wrap.querySelector("table");
    if (!table) return;
    var heads = [].map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.replace(/\s+/g, " ").trim(); });
    var right = [].filter.call(table.querySelectorAll("thead th"), function (th) { return /right/.test(th.getAttribute("style") || th.getAttribute("align") || ""); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      [].forEach.call(row.children, function (cell, i) { if (heads[i]) cell.setAttribute("data-label", heads[i]); });
    });
    var title = wrap.previousElementSibling;
    var hint = document.createElement("p");
    hint.className = "tabel-hint";
    hint.id = "tabel-hint-" + (index + 1);
    hint.textContent = "De tabel is breder dan het scherm: schuif hem opzij (of gebruik de pijltjestoetsen) voor alle kolommen.";
    hint.hidden = true;
    wrap.before(hint);
    if (title && title.id && title.id.indexOf("tabel-") === 0) wrap.setAttribute("aria-labelledby", title.id);
    else wrap.setAttribute("aria-label", "Tabel: " + heads.filter(Boolean).slice(0, 4).join(", "));
    tables.push({ wrap: wrap, table: table, hint: hint, figures: right.length * 2 >= heads.length });
  });
  var ROLES = [["table", "table"], ["thead, tbody", "rowgroup"], ["tr", "row"], ["th", "columnheader"], ["td", "cell"]];
  function stack(t, on) {
    t.wrap.classList.toggle("tabel-gestapeld", on);
    ROLES.forEach(function (pair) {
      var nodes = pair[0] === "table" ? [t.table] : t.table.querySelectorAll(pair[0]);
      [].forEach.call(nodes, function (node) {
        if (on) node.setAttribute("role", pair[1]); else node.removeAttribute("role");
      });
    });
  }
  function measure() {
    tables.forEach(function (t) {
      stack(t, false);
      var wide = t.wrap.scrollWidth > t.wrap.clientWidth + 1;
      if (wide && !t.figures) { stack(t, true); wide = false; }
      t.hint.hidden = !wide;
      t.wrap.classList.toggle("tabel-schuift", wide);
      if (wide) {
        t.wrap.setAttribute("tabindex", "0");
        t.wrap.setAttribute("role", "region");
        t.wrap.setAttribute("aria-describedby", t.hint.id);
      } else {
        t.wrap.removeAttribute("tabindex");
        t.wrap.removeAttribute("role");
        t.wrap.removeAttribute("aria-describedby");
      }
    });
  }
  measure();
  var width = window.innerWidth;
  window.addEventListener("resize", function () {
    if (window.innerWidth !== width) { width = window.innerWidth; measure(); }
  });

  // "Inhoud": chapters (h2) with their agreements, or their sections (h3) where there are no agreements.
  var chapters = [].filter.call(article.querySelectorAll("h2[id]"), function (h) { return !h.closest(".inhoud"); });
  if (chapters.length < 3 || document.documentElement.scrollHeight < 3 * window.innerHeight) return;
  var hasAgreements = article.querySelector(".afspraak[id]") !== null;
  var childSelector = hasAgreements ? ".afspraak[id]" : "h3[id]";
  var all = [].slice.call(article.querySelectorAll("h2[id], " + childSelector));

  var nav = document.createElement("nav");
  nav.className = "inhoud";
  nav.setAttribute("aria-label", "Inhoud van deze pagina");
  nav.setAttribute("data-pagefind-ignore", "");
  var bar = document.createElement("div");
  bar.className = "inhoud__balk";
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "inhoud__knop";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "inhoud-lijst");
  toggle.textContent = "Inhoud";
  var here = document.createElement("span");
  here.className = "inhoud__hier";
  bar.append(toggle, here);
  var list = document.createElement("ol");
  list.className = "inhoud__lijst";
  list.id = "inhoud-lijst";
  list.hidden = true;

  chapters.forEach(function (chapter, index) {
    var item = document.createElement("li");
    var row = document.createElement("div");
    row.className = "inhoud__rij";
    var link = document.createElement("a");
    link.href = "#" + chapter.id;
    link.textContent = headingText(chapter);
    row.appendChild(link);
    item.appendChild(row);
    var start = all.indexOf(chapter);
    var children = [];
    for (var i = start + 1; i < all.length && all[i].tagName !== "H2"; i++) children.push(all[i]);
    if (children.length) {
      var sub = document.createElement("ol");
      sub.className = "inhoud__sub";
      sub.id = "inhoud-sub-" + (index + 1);
      sub.hidden = true;
      children.forEach(function (child) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + child.id;
        var text = headingText(child);
        if (hasAgreements) {
          text = text.split(" · ")[0];
          var first = child.parentNode.querySelector(":scope > p:not(.citaat)");
          if (first) {
            var words = first.textContent.replace(/\s+/g, " ").trim();
            var more = document.createElement("span");
            more.className = "inhoud__begin";
            more.textContent = words.length > 70 ? words.slice(0, 68).replace(/\s+\S*$/, "") + " …" : words;
            a.append(text, " ", more);
          } else a.textContent = text;
        } else a.textContent = text;
        li.appendChild(a);
        sub.appendChild(li);
      });
      var open = document.createElement("button");
      open.type = "button";
      open.className = "inhoud__open";
      open.setAttribute("aria-expanded", "false");
      open.setAttribute("aria-controls", sub.id);
      var noun = hasAgreements ? (children.length === 1 ? "afspraak" : "afspraken") : (children.length === 1 ? "onderdeel" : "onderdelen");
      open.textContent = children.length + " " + noun;
      open.setAttribute("aria-label", children.length + " " + noun + " in " + link.textContent);
      row.appendChild(open);
      item.appendChild(sub);
    }
    list.appendChild(item);
  });
  nav.append(bar, list);
  var title = article.querySelector("h1");
  if (title) title.after(nav); else article.prepend(nav);

  function show(open) {
    list.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("inhoud--open", open);
  }
  toggle.addEventListener("click", function () { show(list.hidden); });
  list.addEventListener("click", function (event) {
    var button = event.target.closest(".inhoud__open");
    if (button) {
      var sub = document.getElementById(button.getAttribute("aria-controls"));
      sub.hidden = !sub.hidden;
      button.setAttribute("aria-expanded", String(!sub.hidden));
      return;
    }
    if (event.target.closest("a")) show(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !list.hidden) {
      show(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!list.hidden && !nav.contains(event.target)) show(false);
  });

  // The chapter being read, next to the control.
  var ticking = false;
  function current() {
    ticking = false;
    var line = nav.getBoundingClientRect().bottom + 8;
    var seen = null;
    for (var i = 0; i < chapters.length; i++) {
      if (chapters[i].getBoundingClientRect().top <= line) seen = chapters[i];
      else break;
    }
    here.textContent = seen ? headingText(seen) : "";
  }
  window.addEventListener("scroll", function () {
    if (!ticking) { ticking = true; requestAnimationFrame(current); }
  }, { passive: true });
  current();
}
if (window.document$) window.document$.subscribe(lezen);
else document.addEventListener("DOMContentLoaded", lezen);
