// Refit's web UI: the one script of its own (htmx does the rest).
// A browser opens at most six connections to one server. A page kept in the back/forward cache
// keeps its event stream open, so after a few clicks the streams of pages left behind use up
// every connection and the next request waits for ever. Each page closes its streams when it is
// left, and a page brought back from that cache reloads (its tables would be stale).
(function () {
  var streams = [];
  htmx.createEventSource = function (url) {
    var source = new EventSource(url, { withCredentials: true });
    streams.push(source);
    return source;
  };
  addEventListener('pagehide', function () {
    streams.forEach(function (source) { source.close(); });
  });
  addEventListener('pageshow', function (event) {
    if (event.persisted) {
      location.reload();
    }
  });
  // A notice (?notice=...) tells what the last action did, once: the address drops it, so a
  // reload, or coming back to this page hours later, does not say it again. The live refreshes
  // empty it on the open page (WebUi appends an empty #notice to each fragment), but not in its
  // first seconds: a campaign's first wave changes the page within a second, and a notice gone
  // by then was never read. A refresh that comes sooner empties it when those seconds are up.
  var address = new URL(location.href);
  if (address.searchParams.has('notice')) {
    address.searchParams.delete('notice');
    history.replaceState(history.state, '', address.pathname + address.search + address.hash);
  }
  var readable = Date.now() + 5000;
  document.addEventListener('htmx:oobBeforeSwap', function (event) {
    var slot = event.target;
    var left = readable - Date.now();
    if (slot.id === 'notice' && left > 0) {
      event.preventDefault();
      setTimeout(function () { slot.replaceChildren(); }, left);
    }
  });
})();
