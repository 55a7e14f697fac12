// Loaded before Material's bundle. Material takes every <link rel="alternate"> for a
// translation of the site and downloads sitemap.xml to match pages across languages; ours is
// the change feed (main.html), and the site has no translations. On a large site the sitemap
// would be most of what a page view downloads, so its request fails at once, without going
// out; Material then does nothing. (Material sends it with XMLHttpRequest.)
(function () {
  "use strict";
  var SITEMAP = /\/sitemap\.xml$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.sitemap = SITEMAP.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    if (!request.sitemap) return send.apply(request, arguments);
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); });
  };
})();
