// A hand-over's conversation refreshes every 3 s while staff answer, so the
// patient's new messages appear without a reload (these requests do not keep
// the session alive). The HTML is the server's, escaped; it is parsed, not run.
(function () {
  "use strict";
  var list = document.getElementById("transcript");
  if (!list || !list.getAttribute("data-refresh")) { return; }
  function refresh() {
    fetch(list.getAttribute("data-refresh"), { credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("signed out"); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString("<ol>" + html + "</ol>", "text/html");
        var items = doc.querySelector("ol").children;
        if (items.length !== list.children.length) {
          list.replaceChildren.apply(list, Array.prototype.slice.call(items));
        }
        window.setTimeout(refresh, 3000);
      })
      .catch(function () { /* signed out or unreachable: the Refresh link still works */ });
  }
  window.setTimeout(refresh, 3000);
}());
