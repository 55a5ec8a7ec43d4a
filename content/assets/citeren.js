// "Link kopiëren" next to each agreement: copies the citation and the permanent link.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.kopieer-link");
  if (!link) return;
  event.preventDefault();
  var url = new URL(link.getAttribute("href"), location.href).href;
  var citation = link.closest(".citaat").querySelector("em");
  var text = (citation ? citation.textContent + ", " : "") + url;
  history.replaceState(null, "", url);
  var done = function () {
    link.textContent = "Gekopieerd";
    setTimeout(function () { link.textContent = "Link kopiëren"; }, 2000);
  };
  if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, done);
  else done();
});
