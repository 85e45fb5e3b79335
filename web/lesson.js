/* The lesson page: chapters in order, one clip per section and language (its own picture timing
   and, in a voiced build, its speech muxed in) with its captions (<track>), the language, and a
   presenter mode that steps section by section and stops each clip at its section's end. Reads
   window.LESSON, written into index.html by the build. */
(function () {
  "use strict";
  var L = window.LESSON;
  var steps = [];                       // every section of every chapter, in order
  L.chapters.forEach(function (ch) {
    ch.sections.forEach(function (s) { steps.push({ ch: ch, s: s }); });
  });
  var $ = function (id) { return document.getElementById(id); };
  var video = $("player");
  var state = { index: 0, lang: L.langs[0].code, presenting: false, notes: false };

  // -- chapter list -------------------------------------------------------------------------
  var nav = $("chapters");
  var ol = document.createElement("ol");
  L.chapters.forEach(function (ch) {
    var li = document.createElement("li");
    li.className = "chapter";
    var a = document.createElement("button");
    a.type = "button";
    a.className = "chapter-link";
    a.textContent = ch.title;
    a.addEventListener("click", function () { go(firstStepOf(ch), true); });
    li.appendChild(a);
    var inner = document.createElement("ol");
    ch.sections.forEach(function (s) {
      var si = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "section-link";
      b.dataset.step = String(steps.findIndex(function (x) { return x.s === s; }));
      b.textContent = s.name.replace(/_/g, " ");
      b.addEventListener("click", function () { go(Number(b.dataset.step), true); });
      si.appendChild(b);
      inner.appendChild(si);
    });
    li.appendChild(inner);
    ol.appendChild(li);
  });
  nav.appendChild(ol);

  function firstStepOf(ch) {
    return steps.findIndex(function (x) { return x.ch === ch; });
  }

  // -- languages ----------------------------------------------------------------------------
  var select = $("lang");
  L.langs.forEach(function (l) {
    var o = document.createElement("option");
    o.value = l.code;
    o.textContent = l.name;
    select.appendChild(o);
  });
  select.addEventListener("change", function () { setLang(select.value); });
  video.textTracks.addEventListener("addtrack", function () { setLang(state.lang); });

  // The page's own words and font follow the caption language (its table in narration/<code>.toml).
  function applyLanguage(table) {
    if (!table) return;
    document.documentElement.lang = table.code;
    if (table.font) document.body.style.fontFamily = table.font;
    var labels = table.labels || {};
    document.querySelectorAll("[data-label]").forEach(function (el) {
      var word = labels[el.dataset.label];
      if (word) el.textContent = word;
    });
    document.querySelectorAll("[data-label-aria]").forEach(function (el) {
      var word = labels[el.dataset.labelAria];
      if (word) el.setAttribute("aria-label", word);
    });
  }

  // Each language has its own clips (its own pacing, its own speech): a change of language
  // loads that language's clip of the same section, at the same share of the way through.
  function setLang(code) {
    var changed = state.lang !== code;
    state.lang = code;
    select.value = code;
    for (var i = 0; i < video.textTracks.length; i++) {
      var t = video.textTracks[i];
      t.mode = t.language === code ? "showing" : "disabled";
    }
    document.body.dataset.lang = code;
    applyLanguage(L.langs.find(function (l) { return l.code === code; }));
    var link = $("download");
    link.href = L.videos[code];
    link.textContent = L.videos[code];
    if (changed && steps.length) {
      var playing = !video.paused, share = video.duration ? video.currentTime / video.duration : 0;
      go(state.index, playing, share);
    }
    renderNotes();
  }

  // From disk (file://) Chromium refuses to load a .vtt beside the page (each file is its own
  // origin), so the same cues go into the <track> as a data: URL; from a server, the .vtt files.
  var fromDisk = location.protocol === "file:";
  function stamp(t) {
    var ms = Math.round(t * 1000), h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60;
    var s = Math.floor(ms / 1000) % 60, r = ms % 1000;
    var p = function (n, w) { return String(n).padStart(w, "0"); };
    return p(h, 2) + ":" + p(m, 2) + ":" + p(s, 2) + "." + p(r, 3);
  }
  function vttDataUrl(cues) {
    var text = "WEBVTT\n\n" + cues.map(function (c) {
      return stamp(c[0]) + " --> " + stamp(c[1]) + "\n" + c[2].replace(/-->/g, "->") + "\n";
    }).join("\n");
    return "data:text/vtt;charset=utf-8," + encodeURIComponent(text);
  }

  // -- playing one section ------------------------------------------------------------------
  function go(i, play, share) {
    if (i < 0 || i >= steps.length) return;
    state.index = i;
    var step = steps[i];
    video.pause();
    while (video.firstChild) video.removeChild(video.firstChild);
    // The clip's own language's captions only: another language's lines have another timing.
    var lang = L.langs.find(function (l) { return l.code === state.lang; });
    var c = step.s.captions[state.lang];
    if (c && lang) {
      var tr = document.createElement("track");
      tr.kind = "subtitles";
      tr.srclang = lang.code;
      tr.label = lang.name;
      tr.src = fromDisk ? vttDataUrl(c.cues) : c.vtt;
      tr.default = true;
      video.appendChild(tr);
    }
    video.src = step.s.clips[state.lang];
    $("player-error").hidden = true;
    video.load();
    if (share) {
      video.addEventListener("loadedmetadata", function once() {
        video.removeEventListener("loadedmetadata", once);
        video.currentTime = share * video.duration;
      });
    }
    setLang(state.lang);
    $("hint").hidden = true;
    $("chapter-no").textContent = (step.ch.index + 1) + " / " + L.chapters.length;
    $("chapter-title").textContent = step.ch.title;
    $("section-name").textContent = step.s.name.replace(/_/g, " ");
    $("counter").textContent = (i + 1) + " / " + steps.length;
    document.querySelectorAll(".section-link").forEach(function (b) {
      b.classList.toggle("current", Number(b.dataset.step) === i);
    });
    document.querySelectorAll(".chapter").forEach(function (li, k) {
      li.classList.toggle("current", k === step.ch.index);
    });
    document.body.dataset.step = String(i);
    renderNotes();
    if (play) {
      var p = video.play();
      if (p && p.catch) p.catch(function () { /* autoplay refused: the viewer presses play */ });
    }
  }

  // A clip that cannot be played (missing, not uploaded, not a video) is named, never a silent
  // black box.
  video.addEventListener("error", function () {
    var file = steps[state.index].s.clips[state.lang] || "(no clip for this language)";
    var err = $("player-error");
    err.textContent = "This section's video could not be played: " + file +
      " is missing or is not a video the browser can read.";
    err.hidden = false;
  });

  // A section's clip ends where the section ends; in presenter mode the page waits there for
  // the next key, otherwise it goes on to the next section.
  video.addEventListener("timeupdate", function () {
    var d = steps[state.index].s.duration[state.lang];
    if (state.presenting && d && video.currentTime >= d - 0.02 && !video.paused) video.pause();
  });
  video.addEventListener("ended", function () {
    if (state.presenting) { $("hint").hidden = state.index >= steps.length - 1; return; }
    if (state.index < steps.length - 1) go(state.index + 1, true);
  });
  video.addEventListener("timeupdate", renderNow);

  // -- speaker notes ------------------------------------------------------------------------
  function currentCues() {
    var c = steps[state.index].s.captions[state.lang];
    return c ? c.cues : [];
  }
  function renderNotes() {
    var list = $("notes-lines");
    list.textContent = "";
    currentCues().forEach(function (cue) {
      var li = document.createElement("li");
      li.textContent = cue[2];
      list.appendChild(li);
    });
    renderNow();
  }
  function renderNow() {
    var t = video.currentTime || 0, cues = currentCues(), now = "";
    var items = $("notes-lines").children;
    cues.forEach(function (cue, k) {
      var on = t >= cue[0] && t < cue[1];
      if (on) now = cue[2];
      if (items[k]) items[k].classList.toggle("now", on);
    });
    if (!now && cues.length) {          // between lines: the next one to say
      var next = cues.find(function (c) { return c[0] >= t; }) || cues[cues.length - 1];
      now = next[2];
    }
    $("notes-now").textContent = now || "(no caption in this section)";
  }
  function toggleNotes(on) {
    state.notes = on === undefined ? !state.notes : on;
    $("notes").hidden = !state.notes;
    document.body.classList.toggle("notes-on", state.notes);
    $("notes-toggle").classList.toggle("on", state.notes);
    renderNotes();
  }
  $("notes-toggle").addEventListener("click", function () { toggleNotes(); });

  // -- presenter mode -----------------------------------------------------------------------
  function present(on) {
    state.presenting = on;
    document.body.classList.toggle("presenting", on);
    $("present").classList.toggle("on", on);
    video.controls = !on;
    if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().catch(function () { /* not allowed: stay windowed */ });
    }
    if (!on && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () {});
    }
  }
  $("present").addEventListener("click", function () { present(!state.presenting); });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && state.presenting) present(false);
  });
  $("prev").addEventListener("click", function () { go(state.index - 1, true); });
  $("next").addEventListener("click", function () { go(state.index + 1, true); });

  // Keys a focused control uses are its own: Space and Enter press a button or follow a link,
  // a list or text field takes every key, a video with its controls plays and seeks.
  function ownsKey(el, k) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName;
    if (tag === "SELECT" || tag === "TEXTAREA" || tag === "INPUT" || el.isContentEditable) return true;
    if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || el.getAttribute("role") === "button") {
      return k === " " || k === "Enter";
    }
    if (tag === "VIDEO" && el.controls) return k === " " || k === "ArrowLeft" || k === "ArrowRight";
    return false;
  }

  document.addEventListener("keydown", function (e) {
    var k = e.key;
    if (ownsKey(e.target, k) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (k === "ArrowRight" || k === "PageDown" || (state.presenting && k === " ")) {
      go(state.index + 1, true);
    } else if (k === "ArrowLeft" || k === "PageUp") {
      go(state.index - 1, true);
    } else if (k === "p" || k === "P" || k === "F5") {
      present(!state.presenting);
    } else if (k === "Escape" && state.presenting) {
      present(false);
    } else if (k === "n" || k === "N") {
      toggleNotes();
    } else if (k === "l" || k === "L") {
      var codes = L.langs.map(function (l) { return l.code; });
      setLang(codes[(codes.indexOf(state.lang) + 1) % codes.length]);
    } else if (k === "Home") {
      go(0, true);
    } else {
      return;
    }
    e.preventDefault();
  });

  // -- the "Try it" widget, when the build shipped it -----------------------------------------
  if (window.NNWidget) {
    $("try-it").hidden = false;
    window.NNWidget.mount($("nn-widget"), window.NN_WEIGHTS);
  }

  window.lessonPlayer = {
    steps: steps, state: state, go: go, setLang: setLang, present: present, toggleNotes: toggleNotes,
  };
  go(0, false);
})();
