// Theme pages: show only the agreements of one concreteness level or one progress status.
// Every item carries its level and status as classes (volg-item, niveau-*, status-*); without
// this script every agreement stays visible. No outside requests.
function volgen() {
  var article = document.querySelector("article.md-content__inner");
  var items = article ? Array.prototype.slice.call(article.querySelectorAll("li.volg-item")) : [];
  if (!items.length || article.querySelector(".volgfilter")) return;

  var choices = {
    niveau: [["", "alle niveaus"], ["concreet", "concreet"], ["deels-concreet", "deels concreet"], ["intentie", "intentie"]],
    status: [["", "alle"], ["gepland", "gepland"], ["loopt", "loopt"], ["gerealiseerd", "gerealiseerd"],
             ["vertraagd", "vertraagd"], ["vervallen", "vervallen"], ["onbekend", "geen voortgang bekend"]]
  };
  var form = document.createElement("form");
  form.className = "volgfilter";
  form.setAttribute("aria-label", "Afspraken filteren");
  var count = document.createElement("p");
  count.className = "volgfilter__telling";
  count.setAttribute("aria-live", "polite");

  function select(name, label) {
    var wrap = document.createElement("label");
    wrap.textContent = label + " ";
    var element = document.createElement("select");
    element.name = name;
    choices[name].forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice[0];
      option.textContent = choice[1];
      element.appendChild(option);
    });
    element.addEventListener("change", apply);
    wrap.appendChild(element);
    form.appendChild(wrap);
  }
  select("niveau", "Concreetheid");
  select("status", "Voortgang");
  form.appendChild(count);

  function apply() {
    var niveau = form.elements.niveau.value;
    var status = form.elements.status.value;
    var shown = 0;
    items.forEach(function (item) {
      var match = (!niveau || item.classList.contains("niveau-" + niveau)) &&
                  (!status || item.classList.contains("status-" + status));
      item.hidden = !match;
      if (match) shown += 1;
    });
    // A list, its chapter title and the headings above it disappear when nothing in them is shown.
    article.querySelectorAll("ul").forEach(function (list) {
      var own = list.querySelectorAll(":scope > li.volg-item");
      if (!own.length) return;
      var visible = Array.prototype.some.call(own, function (li) { return !li.hidden; });
      list.hidden = !visible;
      var title = list.previousElementSibling;
      if (title && title.tagName === "P" && !title.classList.contains("volg-telling")) title.hidden = !visible;
    });
    article.querySelectorAll("h2, h3").forEach(function (heading) {
      var rank = heading.tagName;
      var visible = false;
      for (var next = heading.nextElementSibling; next; next = next.nextElementSibling) {
        if (next.tagName === "H2" || (rank === "H3" && next.tagName === "H3")) break;
        if (next.tagName === "UL" && !next.hidden && next.querySelector(":scope > li.volg-item")) { visible = true; break; }
      }
      heading.hidden = !visible;
      var telling = heading.nextElementSibling;
      if (rank === "H3" && telling && telling.classList.contains("volg-telling")) telling.hidden = !visible;
    });
    count.textContent = shown + " van " + items.length + " afspraken";
  }

  var anchor = article.querySelector(".volgfilter-uitleg") || article.querySelector("h1");
  anchor.after(form);
  apply();
}

if (typeof document$ !== "undefined") document$.subscribe(volgen);
else document.addEventListener("DOMContentLoaded", volgen);
