// Pagefind search: the header field jumps to the search page; "/" focuses it.
(function () {
  var base = new URL(document.querySelector("[data-kopzoek]").getAttribute("action"), location.href);
  var field = document.getElementById("kopzoek-invoer");

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      field.focus();
    }
  });

  var target = document.getElementById("zoeken");
  if (!target || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#zoeken",
    bundlePath: new URL("../pagefind/", base).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Zoek op een woord, bijvoorbeeld statushouders" }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) {
    field.value = query;
    ui.triggerSearch(query);
  }
})();
