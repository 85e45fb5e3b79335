/*
 * The network of the lesson in JavaScript: the numbers behind the "Try it yourself" widget.
 *
 * Pure functions, no DOM: the browser gets `window.NNCore` (load this file before widget.js),
 * Node gets the same object from `require("./nn.js")`.
 *
 *     var net = NNCore.decodeWeights(window.NN_WEIGHTS);          // weights.js, network/export.py
 *     var x = NNCore.prepare(gray, width, height, "my image");     // 784 floats, or a DigitError
 *     NNCore.trace(net, x).prediction;
 *
 * Truth: `prepare`/`preprocess` below are a line-by-line port of network/digits.py (load_image and
 * preprocess, including Pillow's BOX resampling in float32 and NumPy's pairwise sums and
 * round-half-to-even), and `trace` is network.Network.trace (float64, the same sigmoid).
 * tests/test_widget.py checks both against Python in headless Chromium (and this file in Node).
 */
(function () {
  "use strict";

  var FORMAT = "nn-lesson-weights/1";   // what network/export.py writes into weights.js
  var STRIP = 8;                        // input neurons drawn per run of pixels (scenes/forward.py)

  /** A drawing or image the preprocessing refuses; `message` is the same line Python gives. */
  function DigitError(message) {
    this.name = "DigitError";
    this.message = message;
  }
  DigitError.prototype = Object.create(Error.prototype);
  DigitError.prototype.constructor = DigitError;

  // ---------------------------------------------------------------------------------------------
  // Weights: window.NN_WEIGHTS as written by network/export.py
  // ---------------------------------------------------------------------------------------------
  var MAX_PARAM = 1e6;   // network/model.py MAX_PARAM: beyond it the sums overflow

  function decodeBytes(b64, expected, what) {
    var bin;
    try {
      bin = typeof atob === "function" ? atob(b64) : Buffer.from(b64, "base64").toString("binary");
    } catch (e) {
      throw new Error("NN_WEIGHTS: " + what + " is not base64 text");
    }
    if (bin.length !== expected * 8) {
      throw new Error("NN_WEIGHTS: " + what + " holds " + bin.length / 8 + " numbers, expected " + expected);
    }
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function toFloat64(bytes, what) {
    var view = new DataView(bytes.buffer), n = bytes.length / 8, out = new Float64Array(n);
    for (var k = 0; k < n; k++) {
      var v = view.getFloat64(k * 8, true);
      if (!isFinite(v)) throw new Error("NN_WEIGHTS: " + what + " holds NaN or infinite values; refused");
      if (Math.abs(v) > MAX_PARAM) {
        throw new Error("NN_WEIGHTS: " + what + " holds " + v + "; weights beyond \u00b1" + MAX_PARAM + " are refused");
      }
      out[k] = v;
    }
    return out;
  }

  /** SHA-256 (FIPS 180-4) of a list of byte arrays taken as one message, as lowercase hex: how the
   *  widget checks `params_sha256` without crypto.subtle (which file:// and plain http lack). */
  function sha256(parts) {
    var K = [
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
    var total = 0, i, j;
    for (i = 0; i < parts.length; i++) total += parts[i].length;
    var padded = Math.ceil((total + 9) / 64) * 64, msg = new Uint8Array(padded), at = 0;
    for (i = 0; i < parts.length; i++) { msg.set(parts[i], at); at += parts[i].length; }
    msg[total] = 0x80;
    var bits = total * 8, dv = new DataView(msg.buffer);
    dv.setUint32(padded - 8, Math.floor(bits / 0x100000000));
    dv.setUint32(padded - 4, bits >>> 0);
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var off = 0; off < padded; off += 64) {
      for (j = 0; j < 16; j++) w[j] = dv.getUint32(off + 4 * j);
      for (j = 16; j < 64; j++) {
        var s0 = rotr(w[j - 15], 7) ^ rotr(w[j - 15], 18) ^ (w[j - 15] >>> 3);
        var s1 = rotr(w[j - 2], 17) ^ rotr(w[j - 2], 19) ^ (w[j - 2] >>> 10);
        w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (j = 0; j < 64; j++) {
        var t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H.map(function (x) { return ("0000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  /** The network from NN_WEIGHTS: sizes, W[l] (row-major, sizes[l+1] x sizes[l]), b[l]. */
  function decodeWeights(data) {
    if (!data || data.format !== FORMAT || data.dtype !== "float64") {
      throw new Error("NN_WEIGHTS: not a weights.js written by `python -m network.export`");
    }
    var sizes = data.sizes, W = [], b = [], maxAbs = [], raw = [];
    var whole = Array.isArray(sizes) && sizes.length >= 2 && sizes.every(function (n) {
      return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 100000;
    });
    if (!whole || sizes[0] !== 784 || sizes[sizes.length - 1] !== 10 || !Array.isArray(data.layers) ||
        data.layers.length !== sizes.length - 1) {
      throw new Error("NN_WEIGHTS: expected 784 inputs, 10 outputs and one W, b per layer, got sizes " +
        JSON.stringify(sizes));
    }
    for (var l = 0; l < sizes.length - 1; l++) {
      raw.push(decodeBytes(data.layers[l].W, sizes[l + 1] * sizes[l], "W" + l));
      raw.push(decodeBytes(data.layers[l].b, sizes[l + 1], "b" + l));
    }
    var actual = sha256(raw);  // network/export.py params_sha256: the same bytes, W0, b0, W1, ...
    if (actual !== data.params_sha256) {
      throw new Error("NN_WEIGHTS: the weights do not match their params_sha256 (" +
        String(data.params_sha256).slice(0, 12) + " written, " + actual.slice(0, 12) +
        " found): weights.js was changed or damaged; write it again with `python -m network.export`");
    }
    for (l = 0; l < sizes.length - 1; l++) {
      W.push(toFloat64(raw[2 * l], "W" + l));
      b.push(toFloat64(raw[2 * l + 1], "b" + l));
      var m = 0;
      for (var i = 0; i < W[l].length; i++) m = Math.max(m, Math.abs(W[l][i]));
      maxAbs.push(m || 1);
    }
    return {sizes: sizes.slice(), W: W, b: b, maxAbs: maxAbs, sha256: data.params_sha256};
  }

  // ---------------------------------------------------------------------------------------------
  // Forward pass: network.Network.trace
  // ---------------------------------------------------------------------------------------------
  /** The logistic function, as network.model.sigmoid computes it (no overflow for large |z|). */
  function sigmoid(z) {
    var e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  /**
   * One input through the network, keeping per layer the weighted sums (without bias), z = W a + b
   * and the activations: {activations: [a0, a1, ...], sums: [...], z: [...], output, prediction}.
   */
  function trace(net, x) {
    if (!x || x.length !== net.sizes[0]) {
      throw new Error("trace: expected " + net.sizes[0] + " input values, got " + (x ? x.length : x));
    }
    var acts = [Float64Array.from(x)], sums = [], zs = [];
    for (var l = 0; l < net.W.length; l++) {
      var W = net.W[l], bias = net.b[l], a = acts[l], m = net.sizes[l], n = net.sizes[l + 1];
      var s = new Float64Array(n), z = new Float64Array(n), out = new Float64Array(n);
      for (var j = 0; j < n; j++) {
        var acc = 0, off = j * m;
        for (var i = 0; i < m; i++) acc += W[off + i] * a[i];
        s[j] = acc;
        z[j] = acc + bias[j];
        out[j] = sigmoid(z[j]);
      }
      sums.push(s); zs.push(z); acts.push(out);
    }
    var output = acts[acts.length - 1], best = 0;
    for (var k = 1; k < output.length; k++) if (output[k] > output[best]) best = k;
    return {activations: acts, sums: sums, z: zs, output: output, prediction: best};
  }

  // ---------------------------------------------------------------------------------------------
  // Preprocessing: network/digits.py, operation by operation
  // ---------------------------------------------------------------------------------------------
  /** Python's round() on a float: halves go to the even neighbour. */
  function roundHalfEven(x) {
    var r = Math.floor(x), d = x - r;
    if (d > 0.5) return r + 1;
    if (d < 0.5) return r;
    return r % 2 === 0 ? r : r + 1;
  }

  /** NumPy's pairwise summation of a[lo:lo+n] (what ndarray.sum() does for float64). */
  function pairwise(a, lo, n) {
    var i, res;
    if (n < 8) {
      res = 0;
      for (i = 0; i < n; i++) res += a[lo + i];
      return res;
    }
    if (n <= 128) {
      var r0 = a[lo], r1 = a[lo + 1], r2 = a[lo + 2], r3 = a[lo + 3],
          r4 = a[lo + 4], r5 = a[lo + 5], r6 = a[lo + 6], r7 = a[lo + 7];
      for (i = 8; i < n - (n % 8); i += 8) {
        r0 += a[lo + i]; r1 += a[lo + i + 1]; r2 += a[lo + i + 2]; r3 += a[lo + i + 3];
        r4 += a[lo + i + 4]; r5 += a[lo + i + 5]; r6 += a[lo + i + 6]; r7 += a[lo + i + 7];
      }
      res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) res += a[lo + i];
      return res;
    }
    var n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2);
  }
  function npSum(a) { return 0 + pairwise(a, 0, a.length); }

  /** np.median: the middle value, or the mean of the two middle values. */
  function median(values) {
    var s = Float64Array.from(values).sort(), n = s.length;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]]) of an h x w row-major image. */
  function border(g, w, h) {
    var out = [], x, y;
    for (x = 0; x < w; x++) out.push(g[x]);
    for (x = 0; x < w; x++) out.push(g[(h - 1) * w + x]);
    for (y = 0; y < h; y++) out.push(g[y * w]);
    for (y = 0; y < h; y++) out.push(g[y * w + w - 1]);
    return out;
  }

  /** Pillow's precompute_coeffs for the BOX filter (Resample.c), in double precision. */
  function boxCoeffs(inSize, outSize) {
    var scale = inSize / outSize, filterscale = Math.max(scale, 1), support = 0.5 * filterscale;
    var out = [];
    for (var xx = 0; xx < outSize; xx++) {
      var center = (xx + 0.5) * scale, ss = 1 / filterscale;
      var xmin = Math.max(0, Math.trunc(center - support + 0.5));
      var xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
      var k = new Float64Array(xmax), ww = 0;
      for (var x = 0; x < xmax; x++) {
        var t = (x + xmin - center + 0.5) * ss;
        k[x] = t > -0.5 && t <= 0.5 ? 1 : 0;
        ww += k[x];
      }
      if (ww !== 0) for (x = 0; x < xmax; x++) k[x] /= ww;
      out.push({min: xmin, k: k});
    }
    return out;
  }

  /** One BOX pass along rows (horizontal) of rows first..first+rows-1 of a w-wide float32 image. */
  function passHorizontal(img, w, first, rows, coeffs) {
    var nw = coeffs.length, out = new Float32Array(nw * rows), xx, yy, x, c, ss;
    for (yy = 0; yy < rows; yy++) {
      for (xx = 0; xx < nw; xx++) {
        c = coeffs[xx]; ss = 0;
        for (x = 0; x < c.k.length; x++) ss += img[(yy + first) * w + x + c.min] * c.k[x];
        out[yy * nw + xx] = ss;       // stored as float32, as Pillow stores it
      }
    }
    return out;
  }

  /** One BOX pass along columns (vertical) of a w-wide float32 image; row bounds shifted by `shift`. */
  function passVertical(img, w, shift, coeffs) {
    var nh = coeffs.length, out = new Float32Array(w * nh), xx, yy, y, c, ss;
    for (yy = 0; yy < nh; yy++) {
      c = coeffs[yy];
      for (xx = 0; xx < w; xx++) {
        ss = 0;
        for (y = 0; y < c.k.length; y++) ss += img[(y + c.min - shift) * w + xx] * c.k[y];
        out[yy * w + xx] = ss;
      }
    }
    return out;
  }

  /**
   * Image.fromarray(float32, "F").resize((nw, nh), BOX) as Pillow 13 computes it (Resample.c):
   * two passes in double precision, float32 in between; the vertical pass goes first when the
   * height shrinks by more than twice as many pixels as the width.
   */
  function resizeBox(img, w, h, nw, nh) {
    var needH = nw !== w, needV = nh !== h;
    var horizontalFirst = !(h - nh > 0 && h - nh > (w - nw) * 2);
    if (!needH && !needV) return Float32Array.from(img);
    var vc = needV ? boxCoeffs(h, nh) : null, hc = needH ? boxCoeffs(w, nw) : null;
    if (horizontalFirst) {
      var first = 0, rows = h;
      if (needV) { first = vc[0].min; rows = vc[nh - 1].min + vc[nh - 1].k.length - first; }
      var tmp = needH ? passHorizontal(img, w, first, rows, hc) : img;
      return needV ? passVertical(tmp, needH ? nw : w, needH ? first : 0, vc) : tmp;
    }
    var mid = needV ? passVertical(img, w, 0, vc) : img;
    return needH ? passHorizontal(mid, w, 0, nh, hc) : mid;
  }

  /**
   * network.digits.preprocess: any grayscale image (values in [0, 1], row-major, w x h) made
   * MNIST-like: ink bright on black, cropped to the ink, fit into 20x20 keeping aspect ratio,
   * centred by centre of mass in 28x28. Returns a Float64Array(784); throws DigitError.
   */
  function preprocess(gray, w, h, name) {
    name = name === undefined ? "<image>" : name;
    var n = w * h, i, x, y;
    if (Math.min(w, h) < 8) throw new DigitError(name + ": " + w + "x" + h + " px is too small; need at least 8x8");
    var ink = new Float64Array(n);
    if (median(border(gray, w, h)) > 0.5) for (i = 0; i < n; i++) ink[i] = 1.0 - gray[i];
    else for (i = 0; i < n; i++) ink[i] = gray[i];
    var background = median(border(ink, w, h)), top = -Infinity;
    for (i = 0; i < n; i++) {
      var v = ink[i] - background;
      ink[i] = v > 0 ? v : 0;           // np.clip(ink - background, 0, None)
      if (ink[i] > top) top = ink[i];
    }
    if (top < 0.15) throw new DigitError(name + ": blank image: no stroke stands out from the background");
    var r0 = h, r1 = -1, c0 = w, c1 = -1, count = 0;
    for (y = 0; y < h; y++) {
      for (x = 0; x < w; x++) {
        i = y * w + x;
        ink[i] /= top;
        if (ink[i] > 0.2) {
          count++;
          if (y < r0) r0 = y;
          if (y > r1) r1 = y;
          if (x < c0) c0 = x;
          if (x > c1) c1 = x;
        }
      }
    }
    var ch = r1 - r0 + 1, cw = c1 - c0 + 1;
    if (Math.max(ch, cw) < 4 || count < 6) {
      throw new DigitError(name + ": the stroke covers only " + count + " px (" + cw + "x" + ch + "); too small to read");
    }
    var crop = new Float32Array(cw * ch);
    for (y = 0; y < ch; y++) for (x = 0; x < cw; x++) crop[y * cw + x] = ink[(y + r0) * w + x + c0];
    var scale = 20.0 / Math.max(ch, cw);
    var nh = Math.max(1, roundHalfEven(ch * scale)), nw = Math.max(1, roundHalfEven(cw * scale));
    var small = resizeBox(crop, cw, ch, nw, nh);
    var out = new Float64Array(784), t0 = Math.floor((28 - nh) / 2), l0 = Math.floor((28 - nw) / 2);
    for (y = 0; y < nh; y++) {
      for (x = 0; x < nw; x++) out[(t0 + y) * 28 + l0 + x] = Math.min(Math.max(small[y * nw + x], 0), 1);
    }
    // Shift so the centre of mass lands on the centre, as MNIST did.
    var ys = new Float64Array(784), xs = new Float64Array(784);
    for (i = 0; i < 784; i++) { ys[i] = Math.floor(i / 28) * out[i]; xs[i] = (i % 28) * out[i]; }
    var total = npSum(out), cy = npSum(ys) / total, cx = npSum(xs) / total;
    var dy = Math.min(Math.max(roundHalfEven(13.5 - cy), -t0), 28 - nh - t0);
    var dx = Math.min(Math.max(roundHalfEven(13.5 - cx), -l0), 28 - nw - l0);
    var res = new Float64Array(784);
    for (y = 0; y < 28; y++) {
      for (x = 0; x < 28; x++) res[((y + dy + 28) % 28) * 28 + (x + dx + 28) % 28] = out[y * 28 + x];
    }
    return res;
  }

  /**
   * network.digits.load_image after the file is read: a 28x28 light-on-dark image is taken as it
   * is (already MNIST-like), anything else goes through `preprocess`.
   */
  function prepare(gray, w, h, name) {
    if (w === 28 && h === 28) {
      var b = border(gray, 28, 28), bmax = -Infinity, gmax = -Infinity, i;
      for (i = 0; i < b.length; i++) bmax = Math.max(bmax, b[i]);
      for (i = 0; i < 784; i++) gmax = Math.max(gmax, gray[i]);
      if (bmax < 0.1 && gmax > 0.15) return Float64Array.from(gray);
    }
    return preprocess(gray, w, h, name);
  }

  /** RGBA bytes (canvas ImageData) as Pillow's convert("L") / 255 reads them (opaque pixels). */
  function grayFromRGBA(data, w, h) {
    var g = new Float64Array(w * h);
    for (var i = 0, p = 0; i < w * h; i++, p += 4) {
      g[i] = ((data[p] * 19595 + data[p + 1] * 38470 + data[p + 2] * 7471 + 0x8000) >> 16) / 255;
    }
    return g;
  }

  // ---------------------------------------------------------------------------------------------
  // Which neurons the diagram draws: the scenes' own choice
  // ---------------------------------------------------------------------------------------------
  /** scenes/forward.py input_strips: two runs of 8 pixels from the two rows crossing most ink. */
  function inputStrips(pixels) {
    var rowSums = [], r, c;
    for (r = 0; r < 28; r++) rowSums.push({r: r, s: pairwise(pixels, r * 28, 28)});
    rowSums.sort(function (p, q) { return q.s - p.s || p.r - q.r; });   // stable argsort(-sums)
    var r1 = rowSums[0].r, r2 = null;
    for (var k = 0; k < 28 && r2 === null; k++) if (Math.abs(rowSums[k].r - r1) >= 4) r2 = rowSums[k].r;
    var out = [];
    [Math.min(r1, r2), Math.max(r1, r2)].forEach(function (row) {
      var sum = 0, count = 0;
      for (c = 0; c < 28; c++) if (pixels[row * 28 + c] > 0.1) { sum += c; count++; }
      var mid = count ? Math.trunc(sum / count) : 14;
      var start = Math.min(Math.max(mid - STRIP / 2, 0), 28 - STRIP);
      for (c = start; c < start + STRIP; c++) out.push(row * 28 + c);
    });
    return out;
  }

  /** nn_mobjects.shown_indices: all neurons when they fit, else the first and last keep/2. */
  function shownIndices(n, keep) {
    keep = keep || 16;
    var out = [], i;
    if (n <= keep) { for (i = 0; i < n; i++) out.push(i); return out; }
    for (i = 0; i < keep / 2; i++) out.push(i);
    for (i = n - keep / 2; i < n; i++) out.push(i);
    return out;
  }

  var NNCore = {
    FORMAT: FORMAT, STRIP: STRIP, DigitError: DigitError,
    decodeWeights: decodeWeights, sha256: sha256, MAX_PARAM: MAX_PARAM, sigmoid: sigmoid, trace: trace,
    preprocess: preprocess, prepare: prepare, grayFromRGBA: grayFromRGBA,
    roundHalfEven: roundHalfEven, npSum: npSum, median: median, resizeBox: resizeBox,
    inputStrips: inputStrips, shownIndices: shownIndices
  };
  if (typeof window !== "undefined") window.NNCore = NNCore;
  if (typeof module !== "undefined" && module.exports) module.exports = NNCore;
})();
