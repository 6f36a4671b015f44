// Refresh the page when the server rebuilt what it shows: the overview on every rebuild and every document's new
// pages, a document's page when its own new page images are drawn; never while a form is being sent.
(function () {
  var body = document.body;
  var doc = body.getAttribute("data-doc") || "";
  var kind = body.getAttribute("data-page") || "";
  var after = body.getAttribute("data-event") || "0";
  var sending = false;
  document.addEventListener("submit", function () { sending = true; });
  function refresh(show) { if (show && !sending) { location.reload(); } }
  var source = new EventSource("/events?after=" + encodeURIComponent(after) + "&doc=" + encodeURIComponent(doc));
  source.addEventListener("built", function () { refresh(kind === "overview"); });
  source.addEventListener("pages", function (e) { refresh(kind === "overview" || (doc && e.data === doc)); });
})();
