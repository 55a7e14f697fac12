// Zensical only (loaded by partials/javascripts/base.html when Zensical builds the site).
// Zensical's search dialog lives in a shadow root and brings its CSS as a <style> element,
// which the site's policy (style-src 'self') blocks, leaving the dialog unstyled. Loaded before
// Zensical's bundle, this script gives such a shadow root the same CSS as a constructed style
// sheet instead, so the CSS still comes only from the theme's own file and nothing inline is
// inserted; then it links the site's corrections (css/search-dialog.css) into the same root,
// where site.css cannot reach. tests/test_zensical_browser.py checks both.
(function () {
  "use strict";
  var corrections = new URL("../../css/search-dialog.css", document.currentScript.src).href;
  var append = ShadowRoot.prototype.appendChild;
  ShadowRoot.prototype.appendChild = function (node) {
    if (!(node instanceof HTMLStyleElement)) return append.apply(this, arguments);
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(node.textContent || "");
    this.adoptedStyleSheets = this.adoptedStyleSheets.concat([sheet]);
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = corrections;
    append.call(this, link);
    return node;
  };
})();
