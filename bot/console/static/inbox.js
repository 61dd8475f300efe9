// The inbox refreshes its list when something new arrives (every 5 s it asks
// /inbox/poll; these requests do not keep the session alive). The list comes
// back as HTML the server rendered and escaped; it is parsed, not executed.
(function () {
  "use strict";
  var status = document.getElementById("refreshed");
  var rows = document.getElementById("rows");
  if (!status || !rows) { return; }
  var version = status.getAttribute("data-version");

  function busy() {
    // Never swap the list under a person choosing a status.
    var active = document.activeElement;
    return active && rows.contains(active) && active.tagName === "SELECT";
  }

  function refresh() {
    fetch(status.getAttribute("data-rows"), { credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("signed out"); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        rows.replaceChildren.apply(rows, Array.prototype.slice.call(doc.body.childNodes));
        status.textContent = "Updated at " + new Date().toLocaleTimeString() + ".";
      })
      .catch(function () { status.textContent = "Signed out: reload the page to sign in again."; });
  }

  function poll() {
    fetch(status.getAttribute("data-poll"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("signed out"); }
        return response.json();
      })
      .then(function (counts) {
        ["bookings", "updates", "handovers", "red_flags"].forEach(function (key) {
          var node = document.querySelector('[data-count="' + key + '"]');
          if (node) { node.textContent = String(counts[key]); }
        });
        if (counts.version !== version && !busy()) {
          version = counts.version;
          refresh();
        }
        window.setTimeout(poll, 5000);
      })
      .catch(function () { status.textContent = "Signed out: reload the page to sign in again."; });
  }
  window.setTimeout(poll, 5000);
}());
