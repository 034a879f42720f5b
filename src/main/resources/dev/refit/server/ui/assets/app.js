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
})();
