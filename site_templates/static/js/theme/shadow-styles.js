// Zensical only (loaded by partials/javascripts/base.html when Zensical builds the site).
// Zensical's search dialog lives in a shadow root and brings its CSS as a <style> element,
// which the site's policy (style-src 'self') blocks, leaving the dialog unstyled. Loaded before
// Zensical's bundle, this script gives such a shadow root the same CSS as a constructed style
// sheet instead: the CSS still comes only from the theme's own file, and nothing inline is
// inserted. tests/test_zensical.py checks every page for policy violations.
(function () {
  "use strict";
  var append = ShadowRoot.prototype.appendChild;
  ShadowRoot.prototype.appendChild = function (node) {
    if (node instanceof HTMLStyleElement) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(node.textContent || "");
      this.adoptedStyleSheets = this.adoptedStyleSheets.concat([sheet]);
      return node;
    }
    return append.apply(this, arguments);
  };
})();
