// Links that survive sharing: "Link kopiëren" copies the bare address of the agreement, "Citaat kopiëren"
// the citation with that address; the agreement a reader arrives at is marked and receives focus;
// a printed page says where and when it came from.
// Runs once Material has set up the page (it wraps tables at that moment).
function citeren() {
  var status = document.createElement("p");
  status.className = "md-visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function address(anchor) {
    return location.origin + location.pathname + "#" + anchor;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject();
    });
  }

  function confirm(control, label, done) {
    control.textContent = done;
    status.textContent = done;
    setTimeout(function () { control.textContent = label; status.textContent = ""; }, 2000);
  }

  function copyFrom(control, text, label, done) {
    copy(text).then(
      function () { confirm(control, label, done); },
      function () { confirm(control, label, "Kopiëren lukt niet: " + text); }
    );
  }

  // The page holds only the citation under each agreement's heading (its permalink works without
  // script); the two controls are made here, so that a document of a hundred agreements does not
  // carry them two hundred times.
  document.querySelectorAll(".citaat").forEach(function (citaat) {
    var heading = citaat.previousElementSibling;
    if (!heading || !heading.id || citaat.querySelector("a.kopieer-link")) return;
    var link = document.createElement("a");
    link.className = "kopieer-link";
    link.href = "#" + heading.id;
    link.title = "Kopieer de link naar deze afspraak";
    link.textContent = "Link kopiëren";
    link.setAttribute("role", "button");
    citaat.append(" ", link);
    var citation = citaat.querySelector("em");
    if (!citation) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kopieer-citaat";
    button.textContent = "Citaat kopiëren";
    button.title = "Kopieer de bronvermelding met de link";
    link.after(button);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".citaat a.kopieer-link");
    var button = event.target.closest(".citaat .kopieer-citaat");
    if (!link && !button) return;
    event.preventDefault();
    var citaat = (link || button).closest(".citaat");
    var anchor = citaat.querySelector("a.kopieer-link").getAttribute("href").slice(1);
    if (link) {
      copyFrom(link, address(anchor), "Link kopiëren", "Link gekopieerd");
    } else {
      var citation = citaat.querySelector("em").textContent;
      copyFrom(button, citation + ", " + address(anchor), "Citaat kopiëren", "Citaat gekopieerd");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target.matches && event.target.matches(".citaat a.kopieer-link")) {
      event.preventDefault();
      event.target.click();
    }
  });

  // The agreement (or any heading) the address points to: marked by CSS (:target), focused here,
  // so that Tab continues from it instead of from the top of the page.
  function land(scroll) {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.closest("article")) return;
    if (!/^H[1-6]$/.test(target.tagName)) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    if (scroll) target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", function () { land(false); });
  if (location.hash) land(true);

  // On paper: the address of the page and the day it was printed.
  var stamp = document.querySelector(".afdruk-bron");
  function fill() {
    if (!stamp) return;
    var today = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
    stamp.querySelector(".afdruk-bron__adres").textContent = location.origin + location.pathname;
    stamp.querySelector(".afdruk-bron__datum").textContent = today;
  }
  fill();
  window.addEventListener("beforeprint", fill);
}
if (window.document$) window.document$.subscribe(citeren);
else document.addEventListener("DOMContentLoaded", citeren);
