// Downloads on demand. On every page view Material for MkDocs starts its search worker and
// downloads the whole search index, before anyone searches; and, because of the change feed's
// <link rel="alternate"> in every page's head, it also downloads sitemap.xml, taking the feed
// for a translation of the site. On a large site the two are most of what a visitor
// downloads. Loaded before Material's bundle, this script holds the index and the worker back
// until the person starts a search (the search field gets the focus: by click, tap or keyboard
// shortcut), then lets them go exactly as Material asked for them. The sitemap request fails
// at once, without going out: the site has no translations (Material then does nothing), and
// the features that need the sitemap (navigation.instant and its previews) are off.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var SITEMAP = /\/sitemap\.xml$/;
  var started = false;
  var waiting = [];

  function whenStarted(run) {
    if (started) run();
    else waiting.push(run);
  }

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.path = new URL(String(url), location.href).pathname;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (SITEMAP.test(request.path)) {
      setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); });
    } else if (INDEX.test(request.path)) {
      whenStarted(function () { send.apply(request, args); });
    } else {
      send.apply(request, args);
    }
  };

  // Material talks to its worker only through these three methods.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    var worker = null;
    var listeners = [];
    var messages = [];
    var proxy = {
      addEventListener: function () {
        if (worker) worker.addEventListener.apply(worker, arguments);
        else listeners.push(arguments);
      },
      removeEventListener: function (type, listener) {
        if (worker) worker.removeEventListener.apply(worker, arguments);
        else listeners = listeners.filter(function (added) {
          return added[0] !== type || added[1] !== listener;
        });
      },
      postMessage: function () {
        if (worker) worker.postMessage.apply(worker, arguments);
        else messages.push(arguments);
      },
    };
    whenStarted(function () {
      worker = new RealWorker(url, options);
      listeners.forEach(function (added) { worker.addEventListener.apply(worker, added); });
      messages.forEach(function (message) { worker.postMessage.apply(worker, message); });
    });
    return proxy;
  };

  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches("[data-md-component=search-query]")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) start();
  });
})();
