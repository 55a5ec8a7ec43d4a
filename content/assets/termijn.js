// Days left until a publication deadline, counted in the reader's browser: the built page stays the
// same whatever day it was built. Without JavaScript the element keeps the deadline date itself.
(function () {
  var months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];
  var today = new Date();
  var start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  document.querySelectorAll("[data-termijn]").forEach(function (element) {
    var parts = element.getAttribute("data-termijn").split("-").map(Number);
    if (parts.length !== 3 || parts.some(isNaN)) return;
    var deadline = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    var days = Math.round((deadline - start) / 86400000);
    var date = parts[2] + " " + months[parts[1] - 1] + " " + parts[0];
    if (days > 0) element.textContent = "Nog " + days + (days === 1 ? " dag" : " dagen") + " tot " + date + ".";
    else element.textContent = "De termijn (vóór " + date + ") is verstreken.";
    element.setAttribute("data-dagen", String(days));
  });
})();
