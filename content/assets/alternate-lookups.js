/* Material's language-selector script requests sitemap.xml beside every <link rel="alternate">
   of a page (hreflang alternates and feeds alike) to map pages between languages. The i18n
   plugin's alternates already point at the same page in each language, so those lookups only
   made 404s (and, with absolute hreflang addresses, requests to the public host from any
   preview). Loaded in the head, before the theme's bundle, this answers them with an empty
   sitemap, the case the theme's own code handles, before any request leaves the page. The
   site's own sitemap.xml at its root (instant navigation) is left alone. */
(function () {
  var own = new URL("../sitemap.xml", document.currentScript.src).href;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var u = new URL(url, location.href);
    if (/\/sitemap\.xml$/.test(u.pathname) && u.href !== own) {
      arguments[1] = "data:application/xml,%3Curlset%2F%3E";
    }
    return open.apply(this, arguments);
  };
})();
