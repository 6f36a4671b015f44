// Refresh the page when the server rebuilt what it shows: every page on "built", a document's page when its own
// new page images are drawn ("pages" with its key).
(function () {
  var body = document.body;
  var doc = body.getAttribute("data-doc") || "";
  var after = body.getAttribute("data-event") || "0";
  var source = new EventSource("/events?after=" + encodeURIComponent(after) + "&doc=" + encodeURIComponent(doc));
  source.addEventListener("built", function () { if (!doc) { location.reload(); } });
  source.addEventListener("pages", function (e) { if (!doc || e.data === doc) { location.reload(); } });
})();
