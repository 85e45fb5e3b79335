/*
 * "Try it yourself": draw a digit and watch the lesson's own network read it.
 *
 * Plain JavaScript, no dependencies, works from file://. The page loads weights.js (written by
 * `python -m network.export`, never edited by hand), nn.js (the network: weights, preprocessing,
 * forward pass), then this file and widget.css, and calls
 *
 *     NNWidget.mount(document.getElementById("nn-widget"), window.NN_WEIGHTS)
 *
 * This file is only the UI (DOM, drawing pad, diagram, events); every number comes from
 * window.NNCore (nn.js), which tests/test_widget.py checks against Python.
 */
(function () {
  "use strict";

  var core = window.NNCore || null;   // nn.js; without it mount() says so
  var C = core || {};
  var DigitError = C.DigitError, decodeWeights = C.decodeWeights, trace = C.trace, prepare = C.prepare,
      grayFromRGBA = C.grayFromRGBA, inputStrips = C.inputStrips, shownIndices = C.shownIndices;

  var NAME = "your drawing";        // how refusals name the drawing ("<name>: blank image: ...")
  var PAD = 280;                    // the drawing canvas bitmap is PAD x PAD pixels
  var BRUSH = 22;                   // stroke width in bitmap pixels
  var STRIP = C.STRIP;              // input neurons drawn per run of pixels (scenes/forward.py)
  var COLORS = {positive: "#58C4DD", negative: "#FC6255", green: "#83C167", highlight: "#F7D96F",
                grey: "#BBBBBB", dim: "#888888"};
  var SVGNS = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------------------------------------
  // The widget
  // ---------------------------------------------------------------------------------------------
  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmt(v, digits) {
    var s = v.toFixed(digits === undefined ? 2 : digits);
    if (/^-0\.?0*$/.test(s)) s = s.slice(1);
    return s.replace("-", "\u2212");
  }

  /**
   * One mounted widget. Test hook (also handy in the console):
   *   w.loadPixels(gray, width, height[, name])  any grayscale image, as NN_DIGIT=<image> reads it
   *   w.loadInput(pixels784)                     a ready 28x28 input (showcase digits, MNIST)
   *   w.clear(), w.select(layer, index), w.padPNG(), w.state()
   */
  function Widget(root, net) {
    this.net = net;
    this.root = root;
    this.result = null;       // {ok, message, input, trace, source}
    this.selected = null;     // {layer, index}
    this.dirty = false;
    this.drawing = false;
    this.build();
    this.clear();
  }

  Widget.prototype.build = function () {
    var self = this;
    var box = el("div", "nnw", null);
    var grid = el("div", "nnw-grid", box);

    var draw = el("div", "nnw-panel nnw-draw", grid);
    el("div", "nnw-label", draw, "Draw a digit, 0 to 9");
    this.pad = el("canvas", "nnw-pad", draw);
    this.pad.width = this.pad.height = PAD;
    this.pad.setAttribute("aria-label", "drawing area: draw a digit with mouse, finger or pen");
    this.ctx = this.pad.getContext("2d", {alpha: false, willReadFrequently: true});
    var tools = el("div", "nnw-tools", draw);
    this.clearButton = el("button", "nnw-button", tools, "Clear");
    this.clearButton.type = "button";
    this.clearButton.addEventListener("click", function () { self.clear(); });
    this.saveLink = el("a", "nnw-button nnw-save", tools, "Save as PNG");
    this.saveLink.download = "my_digit.png";
    this.saveLink.href = "#";
    this.saveLink.title = "the same image through Python: NN_DIGIT=my_digit.png manim -pql scenes/forward.py ForwardPass";
    this.saveLink.addEventListener("click", function () { self.saveLink.href = self.padPNG(); });

    var seen = el("div", "nnw-panel nnw-seen", grid);
    el("div", "nnw-label", seen, "What the network reads: 28\u00d728");
    this.inputCanvas = el("canvas", "nnw-input", seen);
    this.inputCanvas.width = this.inputCanvas.height = 28 * 8;
    var answer = el("div", "nnw-answer", seen);
    this.answerDigit = el("div", "nnw-answer-digit", answer, "?");
    this.answerText = el("div", "nnw-answer-text", answer, "");

    var netPanel = el("div", "nnw-panel nnw-net", grid);
    this.buildDiagram(netPanel);

    var info = el("div", "nnw-panel nnw-info", grid);
    this.infoText = el("div", "nnw-info-text", info);
    this.weightBox = el("div", "nnw-weights", info);
    el("div", "nnw-label", this.weightBox, "its 784 weights as 28\u00d728");
    this.weightCanvas = el("canvas", "nnw-weight-img", this.weightBox);
    this.weightCanvas.width = this.weightCanvas.height = 28;
    var legend = el("div", "nnw-legend", this.weightBox);
    el("span", "nnw-pos-green", legend, "green +");
    legend.appendChild(document.createTextNode(" "));
    el("span", "nnw-neg", legend, "red \u2212");

    this.root.appendChild(box);
    this.bindPad();
  };

  Widget.prototype.buildDiagram = function (parent) {
    var self = this, sizes = this.net.sizes, L = sizes.length;
    var W = 640, H = 410, top = 22, left = 100, right = 560, colX = [];
    for (var l = 0; l < L; l++) colX.push(left + (right - left) * l / (L - 1));
    var slots = Math.max.apply(null, sizes.map(function (n) { return Math.min(n, 16) + (n > 16 ? 1 : 0); }));
    var step = (H - 2 * top - 14) / slots, radius = Math.min(9, step * 0.38);
    this.diagram = {step: step, radius: radius, colX: colX, top: top, H: H};
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, class: "nnw-svg", role: "img",
                        "aria-label": "the network, layer sizes " + sizes.join(", ")}, parent);
    this.svg = s;
    this.edgeGroup = svg("g", {class: "nnw-edges"}, s);
    var nodeGroup = svg("g", {class: "nnw-nodes"}, s);
    this.columns = sizes.map(function (n, l) {
      var shown = shownIndices(n), col = {n: n, count: shown.length + (shown.length < n ? 1 : 0), nodes: []};
      col.nodes = shown.map(function (index) {
        var node = {layer: l, index: index, slot: 0};
        node.g = svg("g", {class: "nnw-node", tabindex: "0"}, nodeGroup);
        node.circle = svg("circle", {r: radius, class: "nnw-neuron"}, node.g);
        node.hit = svg("rect", {width: 64, height: step, class: "nnw-hit"}, node.g);   // easy to tap
        var pick = function () { self.select(node.layer, node.index); };
        node.g.addEventListener("pointerenter", function (e) { if (e.pointerType === "mouse") pick(); });
        node.g.addEventListener("pointerdown", pick);
        node.g.addEventListener("focus", pick);
        return node;
      });
      if (shown.length < n) {
        col.dots = svg("text", {class: "nnw-dots", "text-anchor": "middle", x: colX[l]}, nodeGroup);
        col.dots.textContent = "\u22ee";
      }
      return col;
    });
    // Input: index labels (the pixel's place in the 784-vector) and a brace with the layer's size.
    this.indexLabels = this.columns[0].nodes.map(function () {
      return svg("text", {class: "nnw-index", "text-anchor": "end"}, nodeGroup);
    });
    var y0 = this.slotY(0, 0) - radius, y1 = this.slotY(0, this.columns[0].count - 1) + radius;
    var bx = 50, half = (y1 - y0) / 2;
    svg("path", {class: "nnw-brace", d: "M" + bx + " " + y0 + " q-7 0 -7 8 v" + (half - 12) +
      " q0 4 -5 4 q5 0 5 4 v" + (half - 12) + " q0 8 7 8"}, nodeGroup);
    var size = svg("text", {class: "nnw-size", x: bx - 17, y: (y0 + y1) / 2 + 6, "text-anchor": "end"}, nodeGroup);
    size.textContent = String(sizes[0]);
    // Outputs: the digit and its activation.
    this.outputLabels = this.columns[L - 1].nodes.map(function (node) {
      var text = svg("text", {class: "nnw-out", x: colX[L - 1] + radius + 8}, nodeGroup);
      var lab = svg("tspan", {class: "nnw-out-digit"}, text);
      lab.textContent = String(node.index);
      var val = svg("tspan", {class: "nnw-out-value", dx: 7}, text);
      return {node: node, text: text, digit: lab, value: val};
    });
    sizes.forEach(function (n, l) {
      var c = svg("text", {class: "nnw-caption", x: colX[l], y: H - 4, "text-anchor": "middle"}, s);
      c.textContent = l === 0 ? "input" : l === L - 1 ? "output" : "hidden " + l;
    });
    for (l = 1; l < L; l++) this.layoutColumn(l, this.columns[l].nodes.map(function (nd) { return nd.index; }));
    this.layoutColumn(0, shownIndices(sizes[0]));
  };

  /** y of slot k in column l: every column uses the same spacing, centred vertically. */
  Widget.prototype.slotY = function (l, k) {
    var d = this.diagram, count = this.columns[l].count;
    return d.top + (d.H - 2 * d.top - 14) / 2 + (k - (count - 1) / 2) * d.step;
  };

  /** Place a column's drawn neurons (sorted indices) around its ellipsis; redraw edges for inputs. */
  Widget.prototype.layoutColumn = function (l, indices) {
    var self = this, col = this.columns[l], d = this.diagram;
    var idx = indices.slice().sort(function (a, b) { return a - b; });
    if (col.shown && col.shown.join() === idx.join()) return;
    col.shown = idx;
    var split = Math.floor(idx.length / 2);
    for (var k = 1; k < idx.length; k++) if (idx[k] !== idx[k - 1] + 1) { split = k; break; }
    col.nodes.forEach(function (node, k) {
      node.index = idx[k];
      node.slot = idx.length === col.n || k < split ? k : k + 1;
      node.x = d.colX[l];
      node.y = self.slotY(l, node.slot);
      node.circle.setAttribute("cx", node.x); node.circle.setAttribute("cy", node.y);
      node.hit.setAttribute("x", node.x - 32); node.hit.setAttribute("y", node.y - d.step / 2);
    });
    if (col.dots) col.dots.setAttribute("y", this.slotY(l, split) + 7);
    if (l === 0) {
      this.shownInputs = idx;
      col.nodes.forEach(function (node, k) {
        var t = self.indexLabels[k];
        t.setAttribute("x", node.x - d.radius - 5);
        t.setAttribute("y", node.y + 4);
        t.textContent = String(node.index);
      });
    }
    if (l === this.columns.length - 1) {
      this.outputLabels.forEach(function (lab) {
        lab.text.setAttribute("y", lab.node.y + 5);
      });
    }
    if (this.columns.every(function (c) { return c.shown; })) this.drawEdges();
  };

  /** Edges between drawn neurons: blue +, red -, width and opacity by |w| / the layer's largest. */
  Widget.prototype.drawEdges = function () {
    var g = this.edgeGroup, net = this.net, r = this.diagram.radius;
    while (g.firstChild) g.removeChild(g.firstChild);
    this.edges = [];
    for (var l = 0; l < net.W.length; l++) {
      var from = this.columns[l].nodes, to = this.columns[l + 1].nodes, m = net.sizes[l];
      for (var a = 0; a < to.length; a++) {
        for (var b = 0; b < from.length; b++) {
          var w = net.W[l][to[a].index * m + from[b].index], strength = Math.abs(w) / net.maxAbs[l];
          var line = svg("line", {x1: from[b].x + r, y1: from[b].y, x2: to[a].x - r, y2: to[a].y,
                                  stroke: w > 0 ? COLORS.positive : COLORS.negative,
                                  "stroke-width": (2.2 * strength).toFixed(3),
                                  "stroke-opacity": (0.15 + 0.85 * strength).toFixed(3),
                                  "data-layer": l, "data-to": to[a].index, "data-from": from[b].index}, g);
          this.edges.push({line: line, layer: l, to: to[a].index, from: from[b].index,
                           opacity: 0.15 + 0.85 * strength});
        }
      }
    }
    this.showSelection();
  };

  Widget.prototype.bindPad = function () {
    var self = this, pad = this.pad, last = null;
    function point(e) {
      var r = pad.getBoundingClientRect();
      return {x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height};
    }
    function segment(p, q) {
      var c = self.ctx;
      c.beginPath();
      c.moveTo(p.x, p.y);
      c.lineTo(q.x, q.y);
      c.stroke();
      self.schedule();
    }
    pad.addEventListener("pointerdown", function (e) {
      if ((e.button !== 0 && e.pointerType === "mouse") || self.drawing) return;   // one pointer at a time
      e.preventDefault();
      self.pointerId = e.pointerId;
      pad.setPointerCapture(e.pointerId);
      self.lastPointer = e.pointerType;
      self.drawing = true;
      last = point(e);
      // A tap without movement draws nothing (in every browser: a zero-length line has no ink),
      // so a lone dot is a blank pad and gets Python's blank-image message, not a blown-up blob.
    });
    pad.addEventListener("pointermove", function (e) {
      if (!self.drawing || e.pointerId !== self.pointerId) return;
      var events = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
      if (!events.length) events = [e];
      events.forEach(function (ev) { var p = point(ev); segment(last, p); last = p; });
    });
    function end(e) {
      if (!self.drawing || e.pointerId !== self.pointerId) return;
      self.drawing = false;
      self.update();
    }
    pad.addEventListener("pointerup", end);
    pad.addEventListener("pointercancel", end);
  };

  /** Recompute at the next frame (many pointer events arrive per frame while drawing). */
  Widget.prototype.schedule = function () {
    var self = this;
    if (this.dirty) return;
    this.dirty = true;
    requestAnimationFrame(function () { if (self.dirty) self.update(); });
  };

  /** Read the pad, preprocess, run the network, redraw. */
  Widget.prototype.update = function () {
    this.dirty = false;
    var data = this.ctx.getImageData(0, 0, PAD, PAD).data;
    this.run(grayFromRGBA(data, PAD, PAD), PAD, PAD, NAME, "drawing");
  };

  Widget.prototype.run = function (gray, w, h, name, source) {
    var input;
    try {
      input = prepare(gray, w, h, name);
    } catch (err) {
      if (!(err instanceof DigitError)) throw err;
      this.show({ok: false, message: err.message, source: source});
      return;
    }
    this.show({ok: true, input: input, trace: trace(this.net, input), source: source});
  };

  Widget.prototype.show = function (result) {
    this.result = result;
    var ok = result.ok, acts = ok ? result.trace.activations : null;
    this.layoutColumn(0, ok ? inputStrips(result.input) : shownIndices(this.net.sizes[0]));
    this.columns.forEach(function (col, l) {
      col.nodes.forEach(function (node) {
        node.circle.style.fillOpacity = ok ? acts[l][node.index] : 0;
      });
    });
    var out = ok ? result.trace.output : null, pred = ok ? result.trace.prediction : -1;
    this.outputLabels.forEach(function (lab) {
      var k = lab.node.index;
      lab.value.textContent = ok ? fmt(out[k]) : "\u2013";
      var cls = k === pred ? " nnw-best" : "";
      lab.digit.setAttribute("class", "nnw-out-digit" + cls);
      lab.value.setAttribute("class", "nnw-out-value" + cls);
    });
    this.columns[this.columns.length - 1].nodes.forEach(function (node) {
      node.circle.setAttribute("class", "nnw-neuron" + (node.index === pred ? " nnw-best" : ""));
    });
    this.root.querySelector(".nnw").classList.toggle("nnw-refused", !ok);
    if (ok) {
      this.answerDigit.textContent = String(pred);
      this.answerText.textContent = "the network's answer: the brightest output (" + fmt(out[pred]) + ")";
    } else {
      this.answerDigit.textContent = "?";
      this.answerText.textContent = result.message;
    }
    this.drawInput();
    this.showSelection();
  };

  Widget.prototype.drawInput = function () {
    var c = this.inputCanvas.getContext("2d"), s = this.inputCanvas.width / 28, r = this.result;
    c.fillStyle = "#000";
    c.fillRect(0, 0, this.inputCanvas.width, this.inputCanvas.height);
    c.strokeStyle = "rgba(136,136,136,0.35)";
    c.lineWidth = 1;
    for (var i = 0; i < 784; i++) {
      var x = (i % 28) * s, y = Math.floor(i / 28) * s;
      if (r.ok && r.input[i] > 0) {
        var v = Math.round(r.input[i] * 255);
        c.fillStyle = "rgb(" + v + "," + v + "," + v + ")";
        c.fillRect(x, y, s, s);
      }
      c.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
    }
    if (r.ok) {   // yellow boxes around the pixels drawn as input neurons, as in ForwardPass
      c.strokeStyle = COLORS.highlight;
      c.lineWidth = 2;
      for (var k = 0; k < this.shownInputs.length; k += STRIP) {
        var p = this.shownInputs[k];
        c.strokeRect((p % 28) * s + 1, Math.floor(p / 28) * s + 1, STRIP * s - 2, s - 2);
      }
    }
  };

  /** Show what one neuron computes: weighted sum, bias, activation (and weights for layer 1). */
  Widget.prototype.select = function (layer, index) {
    this.selected = {layer: layer, index: index};
    this.showSelection();
    return this.selectionText();
  };

  Widget.prototype.selectionText = function () {
    var sel = this.selected, r = this.result;
    if (!sel) return "Hover over or tap a neuron to see what it computes.";
    var l = sel.layer, j = sel.index;
    if (l === 0) {
      var row = Math.floor(j / 28), col = j % 28;
      var head = "Input neuron " + j + " = the pixel in row " + row + ", column " + col + ".";
      return r && r.ok ? head + "\nActivation: " + fmt(r.input[j]) + " (the pixel's brightness)" : head;
    }
    var what = l === this.net.sizes.length - 1 ? "Output neuron " + j + " (the digit " + j + ")"
                                              : "Neuron " + j + " of hidden layer " + l;
    var bias = this.net.b[l - 1][j];
    if (!r || !r.ok) return what + ".\nBias b = " + fmt(bias) + ". Draw a digit to see its weighted sum.";
    var sum = r.trace.sums[l - 1][j], z = r.trace.z[l - 1][j], a = r.trace.activations[l][j];
    return what + ".\nWeighted sum w\u2081a\u2081 + \u2026 + w\u2099a\u2099 = " + fmt(sum) +
      "\nBias b = " + fmt(bias) +
      "\nActivation \u03c3(" + fmt(sum) + (bias < 0 ? " \u2212 " : " + ") + fmt(Math.abs(bias)) + ") = \u03c3(" +
      fmt(z) + ") = " + fmt(a);
  };

  Widget.prototype.showSelection = function () {
    if (!this.infoText) return;
    var sel = this.selected;
    this.infoText.textContent = this.selectionText();
    this.columns.forEach(function (col) {
      col.nodes.forEach(function (node) {
        node.g.classList.toggle("nnw-selected", !!sel && node.layer === sel.layer && node.index === sel.index);
      });
    });
    (this.edges || []).forEach(function (e) {   // as NetworkDiagram.highlight: only its own edges stay bright
      var own = sel && (sel.layer > 0 ? e.layer === sel.layer - 1 && e.to === sel.index
                                      : e.layer === 0 && e.from === sel.index);
      var dim = sel && !own;
      e.line.setAttribute("stroke-opacity", (dim ? e.opacity * 0.08 : e.opacity).toFixed(3));
    });
    var showWeights = !!sel && sel.layer === 1;
    this.weightBox.style.display = showWeights ? "" : "none";
    if (showWeights) this.drawWeights(sel.index);
  };

  /** A first-layer neuron's 784 weights as 28x28, green + / red -, opacity by |w| / its largest. */
  Widget.prototype.drawWeights = function (j) {
    var w = this.net.W[0], c = this.weightCanvas.getContext("2d"), img = c.createImageData(28, 28), m = 0, i;
    for (i = 0; i < 784; i++) m = Math.max(m, Math.abs(w[j * 784 + i]));
    var pos = [0x83, 0xC1, 0x67], neg = [0xFC, 0x62, 0x55];
    for (i = 0; i < 784; i++) {
      var v = w[j * 784 + i], t = Math.abs(v) / (m || 1), col = v > 0 ? pos : neg;
      img.data[4 * i] = Math.round(col[0] * t);
      img.data[4 * i + 1] = Math.round(col[1] * t);
      img.data[4 * i + 2] = Math.round(col[2] * t);
      img.data[4 * i + 3] = 255;
    }
    c.putImageData(img, 0, 0);
  };

  /** Empty the pad (the canvas stays opaque black: what you see is what the network reads). */
  Widget.prototype.clear = function () {
    var c = this.ctx;
    c.globalCompositeOperation = "source-over";
    c.fillStyle = "#000";
    c.fillRect(0, 0, PAD, PAD);
    c.strokeStyle = "#fff";
    c.lineWidth = BRUSH;
    c.lineCap = "round";
    c.lineJoin = "round";
    this.update();
  };

  /** Any grayscale image (values 0..1, row-major), read as NN_DIGIT=<that image> would read it. */
  Widget.prototype.loadPixels = function (gray, width, height, name) {
    this.run(Float64Array.from(gray), width, height, name === undefined ? NAME : name, "image");
    return this.state();
  };

  /** A ready 784-vector (a showcase digit, an MNIST image / 255): no preprocessing, as NN_DIGIT does. */
  Widget.prototype.loadInput = function (pixels) {
    if (pixels.length !== 784) throw new Error("loadInput: expected 784 values, got " + pixels.length);
    var x = Float64Array.from(pixels);
    this.show({ok: true, input: x, trace: trace(this.net, x), source: "input"});
    return this.state();
  };

  /** The pad as a PNG data URL: save it and give it to Python (NN_DIGIT=...) to compare. */
  Widget.prototype.padPNG = function () { return this.pad.toDataURL("image/png"); };

  /** Plain arrays of everything shown, for tests and the console. */
  Widget.prototype.state = function () {
    if (this.dirty) this.update();
    var r = this.result, arr = function (a) { return Array.prototype.slice.call(a); };
    var out = {ok: r.ok, source: r.source, message: r.ok ? null : r.message, pointer: this.lastPointer || null,
               selected: this.selected, info: this.infoText.textContent,
               shownInputs: this.shownInputs.slice()};
    if (r.ok) {
      out.input = arr(r.input);
      out.activations = r.trace.activations.map(arr);
      out.sums = r.trace.sums.map(arr);
      out.z = r.trace.z.map(arr);
      out.output = arr(r.trace.output);
      out.prediction = r.trace.prediction;
      out.answer = this.answerDigit.textContent;
      out.shownValues = this.outputLabels.map(function (lab) { return lab.value.textContent; });
    }
    return out;
  };

  // ---------------------------------------------------------------------------------------------
  var instances = [], cache = [];

  /** Say in `element`, instead of the widget, why it cannot run. */
  function fail(element, message) {
    element.textContent = "";
    el("p", "nnw-error", element, message);
    element.classList.add("nnw-host");
  }

  /** Build the widget inside `element` with the weights from weights.js; returns the instance. */
  function mount(element, weights) {
    if (!element) throw new Error("NNWidget.mount: no element to mount into");
    if (!core) {
      fail(element, "The network's code is missing: nn.js did not load (the page must load it before widget.js).");
      return null;
    }
    var net = null;
    for (var i = 0; i < cache.length; i++) if (cache[i].data === weights) net = cache[i].net;
    try {
      if (!net) { net = decodeWeights(weights); cache.push({data: weights, net: net}); }
    } catch (err) {
      fail(element, weights ? String(err.message) :
        "The network's weights are missing: weights.js did not load (write it with `python -m network.export OUT_DIR`).");
      return null;
    }
    element.textContent = "";
    element.classList.add("nnw-host");
    var w = new Widget(element, net);
    instances.push(w);
    return w;
  }

  // The network's functions stay reachable here too (NNWidget.trace is NNCore.trace).
  window.NNWidget = {
    mount: mount, instances: instances, NAME: NAME, PAD: PAD, core: core,
    DigitError: DigitError, decodeWeights: decodeWeights, trace: trace, sigmoid: C.sigmoid,
    preprocess: C.preprocess, prepare: prepare, grayFromRGBA: grayFromRGBA, inputStrips: inputStrips
  };
})();
