/* Filters of the recommendations overview. Without JavaScript the page is a
   plain grouped list and the form stays hidden. Choices are kept in the URL
   (?theme=...&status=...) so a filtered view can be shared or linked. */
(function () {
  function setup() {
    var form = document.querySelector("form.rec-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var items = Array.prototype.slice.call(document.querySelectorAll(".rec-item"));
    var sections = Array.prototype.slice.call(document.querySelectorAll(".rec-theme"));
    var count = form.querySelector(".rec-filter-count");
    var empty = form.querySelector(".rec-filter-empty");
    var params = new URLSearchParams(window.location.search);
    ["theme", "group", "status"].forEach(function (name) {
      var v = params.get(name);
      if (v !== null && form.elements[name]) form.elements[name].value = v;
    });
    function apply(updateUrl) {
      var theme = form.elements.theme.value, group = form.elements.group.value, status = form.elements.status.value;
      var shown = 0;
      items.forEach(function (li) {
        var ok = (!theme || li.dataset.theme === theme) && (!status || li.dataset.status === status) &&
          (!group || (" " + li.dataset.groups + " ").indexOf(" " + group + " ") >= 0);
        li.hidden = !ok;
        if (ok) shown++;
      });
      sections.forEach(function (s) {
        s.hidden = !s.querySelector(".rec-item:not([hidden])");
        // the theme's heading stands before its section (a Markdown heading, for the table of contents)
        var heading = document.getElementById(s.getAttribute("aria-labelledby"));
        if (heading) heading.hidden = s.hidden;
      });
      // the sentence in the plural form of the page's language (CLDR rules, as in the catalogs)
      var category = new Intl.PluralRules(document.documentElement.lang || "en").select(shown);
      var key = "shown" + category.charAt(0).toUpperCase() + category.slice(1);
      var template = form.dataset[key] || form.dataset.shownOther;
      count.textContent = template.replace("{shown}", shown).replace("{total}", form.dataset.total);
      empty.hidden = shown !== 0;
      if (updateUrl) {
        var q = new URLSearchParams();
        if (theme) q.set("theme", theme);
        if (group) q.set("group", group);
        if (status) q.set("status", status);
        var qs = q.toString();
        history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
      }
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply(false);
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
