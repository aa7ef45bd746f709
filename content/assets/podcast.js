/* Podcast pages. Without JavaScript every timestamp is a link to the MP3 at
   that time (#t= media fragment) and the feed address is a plain field. With
   it, timestamps seek the page's player, the chapter and transcript line being
   played is marked, and a button copies the feed address. */
(function () {
  function player(el) {
    var box = el.closest("[data-player]");
    return document.getElementById(box ? box.dataset.player : "") || document.querySelector("audio.podcast-audio");
  }

  // With preload="none" nothing is loaded yet, and a browser may ignore a time set before the
  // metadata arrives: then start playing (this click allows it) and jump once the metadata is there.
  function seek(audio, t) {
    if (audio.readyState >= 1) {
      audio.currentTime = t;
    } else {
      audio.addEventListener("loadedmetadata", function () { audio.currentTime = t; }, { once: true });
    }
    var playing = audio.play();
    if (playing && playing.catch) playing.catch(function () {});
  }

  function seekLinks() {
    document.querySelectorAll("a.podcast-seek[data-seek]").forEach(function (a) {
      if (a.dataset.ready) return;
      a.dataset.ready = "1";
      a.addEventListener("click", function (e) {
        var audio = player(a);
        if (!audio || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
        e.preventDefault();
        seek(audio, parseFloat(a.dataset.seek));
        audio.focus();
      });
    });
  }

  function followPlayback() {
    document.querySelectorAll("audio.podcast-audio").forEach(function (audio) {
      if (audio.dataset.ready) return;
      audio.dataset.ready = "1";
      var lists = document.querySelectorAll('[data-player="' + audio.id + '"]');
      audio.addEventListener("timeupdate", function () {
        var now = audio.currentTime;
        lists.forEach(function (list) {
          var links = list.querySelectorAll("a.podcast-seek");
          var current = null;
          links.forEach(function (a) { if (parseFloat(a.dataset.seek) <= now + 0.25) current = a; });
          links.forEach(function (a) {
            var row = a.closest("li, p");
            if (a === current) { row.setAttribute("aria-current", "time"); }
            else { row.removeAttribute("aria-current"); }
          });
        });
      });
    });
  }

  function copyButtons() {
    document.querySelectorAll("button.podcast-copy").forEach(function (button) {
      if (button.dataset.ready || !navigator.clipboard) return;
      button.dataset.ready = "1";
      button.hidden = false;
      var status = button.parentNode.querySelector(".podcast-copy-status");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.url).then(
          function () { status.textContent = button.dataset.copied; },
          function () { status.textContent = button.dataset.failed; });
      });
    });
    document.querySelectorAll("input.podcast-feed-url").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  }

  function setup() { seekLinks(); followPlayback(); copyButtons(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
