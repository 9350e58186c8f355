// "Who is responsible for me?" in the browser. Everything the citizen types, and their
// position, stays on this device: the script only fetches static data files of this site.
// Follows the ARIA combobox pattern (input + listbox, aria-activedescendant); results are
// announced through a polite live region. Without script, the page lists every office.
(function () {
  "use strict";
  var STORE = "servicefinder.place";
  var cache = {};

  function fold(text) {  // same rule as generator/lookup_data.py: fold()
    text = text.toLowerCase().replace(/ß/g, "ss");
    [["ä", "a"], ["ö", "o"], ["ü", "u"], ["ae", "a"], ["oe", "o"], ["ue", "u"]].forEach(function (p) {
      text = text.split(p[0]).join(p[1]);
    });
    return text.normalize("NFKD").replace(/[^\p{L}\p{N} ]/gu, "").trim();
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function Lookup(root) {
    this.root = root;
    this.kind = root.dataset.kind;
    this.mode = root.dataset.mode;
    this.t = JSON.parse(root.dataset.labels);
    // "all" mode: the page lists its services itself, so a new service title changes
    // that one page and not the lookup data every service page refers to
    this.services = JSON.parse(root.dataset.services || "[]");
    this.manifestUrl = new URL(root.dataset.manifest, location.href);
    this.siteRoot = new URL("../../", this.manifestUrl);
    this.input = root.querySelector("[role=combobox]");
    this.listbox = root.querySelector("[role=listbox]");
    this.status = root.querySelector("[data-sf-status]");
    this.answer = root.querySelector("[data-sf-answer]");
    // office data is in the source language: marked as such on pages in another language
    var src = root.dataset.sourceLang;
    this.srcDir = root.dataset.sourceDir || "ltr";
    this.src = src && src !== document.documentElement.lang ? src : null;
    this.options = [];
    this.active = -1;
    root.hidden = false;
    this.bind();
    this.restore();
  }

  Lookup.prototype.load = function (file) {
    var url = new URL(file, this.manifestUrl).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[url];
  };

  Lookup.prototype.manifest = function () { return this.load(this.manifestUrl.href); };

  Lookup.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.suggest(); });
    this.input.addEventListener("keydown", function (e) { self.keydown(e); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.root.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      if (self.active >= 0) return self.choose(self.options[self.active]);
      self.submit();
    });
    this.listbox.addEventListener("mousedown", function (e) { e.preventDefault(); });
    this.listbox.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) self.choose(self.options[Number(li.dataset.index)]);
    });
    var locate = this.root.querySelector("[data-sf-locate]");
    if (locate && "geolocation" in navigator) {
      locate.addEventListener("click", function () { self.locate(); });
    } else if (locate) {
      locate.parentNode.hidden = true;
    }
  };

  // --- suggestions (combobox) -------------------------------------------------------------

  Lookup.prototype.suggest = function () {
    var self = this, q = fold(this.input.value);
    if (/^\d+$/.test(q) || q.length < 2) {
      this.close();
      if (/^\d{5}$/.test(q)) this.postcode(q, false);  // typing: focus stays put
      return;
    }
    this.manifest().then(function (m) {
      var file = m.names[q[0]];
      return file ? self.load(file) : [];
    }).then(function (names) {
      if (fold(self.input.value) !== q) return;  // typed on meanwhile
      var seen = {}, found = [];
      names.forEach(function (n) {
        var hit = n[0].indexOf(q) === 0 || n[0].indexOf(" " + q) >= 0;
        if (hit && !seen[n[1] + n[2]] && found.length < 8) {
          seen[n[1] + n[2]] = true;
          found.push({label: n[1], ars: n[2], district: n[3], postcodes: n[4]});
        }
      });
      self.open(found);
    }).catch(function () { self.close(); });
  };

  Lookup.prototype.open = function (found) {
    var self = this;
    this.options = found;
    this.active = -1;
    this.listbox.textContent = "";
    found.forEach(function (f, i) {
      self.listbox.appendChild(el("li", {
        role: "option", id: self.listbox.id + "-" + i, "data-index": String(i),
        "aria-selected": "false", text: f.label + " – " + f.district
      }));
    });
    var any = found.length > 0;
    this.listbox.hidden = !any;
    this.input.setAttribute("aria-expanded", String(any));
    this.input.removeAttribute("aria-activedescendant");
    this.say(any ? fmt(this.t.suggestions, {n: found.length}) : "");
  };

  Lookup.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Lookup.prototype.keydown = function (e) {
    var n = this.options.length;
    if (e.key === "Escape") { this.close(); return; }
    if (this.listbox.hidden || !n || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    this.active = e.key === "ArrowDown" ? (this.active + 1) % n : (this.active - 1 + n) % n;
    var items = this.listbox.children;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", String(i === this.active));
    }
    this.input.setAttribute("aria-activedescendant", items[this.active].id);
  };

  Lookup.prototype.choose = function (option) {
    this.input.value = option.label;
    this.close();
    this.show({ars: option.ars, name: option.label, district: option.district});
  };

  // --- answers ------------------------------------------------------------------------------

  Lookup.prototype.submit = function () {
    var self = this, raw = this.input.value.trim(), q = fold(raw);
    if (/^\d{5}$/.test(q)) return this.postcode(q, true);
    if (!q || /\d/.test(q)) return this.problem(this.t.bad_input, true);
    this.manifest().then(function (m) {
      return m.names[q[0]] ? self.load(m.names[q[0]]) : [];
    }).then(function (names) {
      var exact = names.filter(function (n) { return n[0] === q; });
      var places = {};
      exact.forEach(function (n) { places[n[2]] = {ars: n[2], name: n[1], district: n[3]}; });
      var list = Object.keys(places).map(function (k) { return places[k]; });
      if (list.length === 1) return self.show(list[0], null, true);
      if (list.length > 1) return self.offer(fmt(self.t.choose_name, {q: raw}), list, true);
      self.problem(fmt(self.t.unknown_name, {q: raw}));
    });
  };

  Lookup.prototype.postcode = function (code, focus) {
    var self = this;
    this.manifest().then(function (m) {
      var shard = m.postcodes[code.slice(0, 2)];
      return shard ? self.load(shard) : {};
    }).then(function (shard) {
      var entries = shard[code] || [];
      var list = entries.map(function (e) { return {ars: e[0], name: e[1], district: e[2]}; });
      if (!list.length) return self.problem(fmt(self.t.unknown_postcode, {code: code}), focus);
      if (list.length === 1) return self.show(list[0], null, focus);
      self.offer(fmt(self.t.choose_postcode, {code: code}), list, focus);
    });
  };

  Lookup.prototype.offer = function (question, list, focus) {
    // several municipalities share this postcode or name: the citizen chooses
    var self = this;
    var heading = el("h3", {tabindex: "-1", text: question});
    var ul = el("ul", {"class": "sf-lookup__choices"});
    list.forEach(function (place) {
      var button = el("button", {type: "button", text: place.name + " – " + place.district});
      button.addEventListener("click", function () { self.show(place, null, true); });
      ul.appendChild(el("li", {}, [button]));
    });
    this.answer.textContent = "";
    this.answer.appendChild(heading);
    this.answer.appendChild(ul);
    this.say(question);
    if (focus) heading.focus();
  };

  Lookup.prototype.show = function (place, note, focus) {
  // focus moves to the answer only after an explicit action, never while typing
    var self = this;
    this.manifest().then(function (m) { return self.load(m.offices); }).then(function (data) {
      self.answer.textContent = "";
      if (note) self.answer.appendChild(el("p", {"class": "sf-note", text: note}));
      var title = fmt(self.t.responsible_for, {place: place.name + " (" + place.district + ")"});
      var heading = el("h3", {tabindex: "-1", text: title});
      self.answer.appendChild(heading);
      var names = [];
      if (self.mode === "all") {
        var ul = el("ul", {"class": "sf-lookup__services"});
        self.services.forEach(function (s) {
          var offices = self.resolve(data, s.kind, place.ars);
          names.push(s.title);
          ul.appendChild(el("li", {}, [
            el("a", {href: new URL(s.url, self.siteRoot).href, text: s.title}),
            el("span", {text: ": "}),
            offices.length ? self.officeLinks(data, offices) : el("span", self.marked({text: data.fallback.name}))
          ]));
        });
        self.answer.appendChild(ul);
      } else {
        var offices = self.resolve(data, self.kind, place.ars);
        offices.forEach(function (id) {
          names.push(data.offices[id].name);
          self.answer.appendChild(self.card(data.offices[id]));
        });
        if (!offices.length) {
          self.answer.appendChild(self.fallback(data, self.t.no_office));
          names.push(data.fallback.name);
        }
      }
      self.answer.appendChild(self.controls(place));
      self.remember(place);
      self.say(title + " " + names.join("; "));
      if (focus) heading.focus();
    });
  };

  Lookup.prototype.resolve = function (data, kind, ars) {
    // the most specific area wins, as in generator/resolve.py: responsible_at()
    var best = -1, ids = [];
    (data.kinds[kind] || []).forEach(function (entry) {
      var prefix = entry[0];
      if (ars.indexOf(prefix) !== 0) return;
      if (prefix.length > best) { best = prefix.length; ids = []; }
      if (prefix.length === best && ids.indexOf(entry[1]) < 0) ids.push(entry[1]);
    });
    return ids.sort();
  };

  Lookup.prototype.officeLinks = function (data, ids) {
    var self = this, span = el("span");
    ids.forEach(function (id, i) {
      if (i) span.appendChild(document.createTextNode(", "));
      span.appendChild(el("a", self.marked({href: new URL(data.offices[id].url, self.siteRoot).href,
                                text: data.offices[id].name})));
    });
    return span;
  };

  Lookup.prototype.marked = function (attrs) {
    if (this.src) {
      attrs.lang = this.src; attrs.dir = this.srcDir;
      attrs.hreflang = attrs.href ? this.src : undefined;
    }
    if (attrs.hreflang === undefined) delete attrs.hreflang;
    return attrs;
  };

  Lookup.prototype.card = function (o) {
    var t = this.t, self = this;
    var div = el("div", {"class": "sf-authority"}, [
      el("h4", {}, [el("a", this.marked({href: new URL(o.url, this.siteRoot).href, text: o.name}))]),
      el("p", this.marked({"class": "sf-address", text: o.street + ", " + o.city}))
    ]);
    var ul = el("ul", {"class": "sf-contact"});
    if (o.phone) ul.appendChild(el("li", {}, [el("span", {text: t.phone + ": "}),
      el("a", {href: "tel:" + o.phone.replace(/[^+\d]/g, ""), dir: "ltr", text: o.phone})]));
    if (o.email) ul.appendChild(el("li", {}, [el("span", {text: t.email + ": "}),
      el("a", {href: "mailto:" + o.email, dir: "ltr", text: o.email})]));
    div.appendChild(ul);
    if (o.hours.length) {
      var hours = el("ul", {"class": "sf-hours", "aria-label": t.hours});
      o.hours.forEach(function (h) { hours.appendChild(el("li", self.marked({text: h[0] + ": " + h[1]}))); });
      div.appendChild(el("p", {text: t.hours + ":"}));
      div.appendChild(hours);
    }
    if (o.note) div.appendChild(el("p", this.marked({text: o.note})));
    if (o.example) div.appendChild(el("p", {"class": "sf-example"}, [el("strong", {text: t.example})]));
    return div;
  };

  Lookup.prototype.fallback = function (data, intro) {
    var f = data.fallback;
    var div = el("div", {"class": "sf-fallback"}, [
      el("p", {text: intro}),
      el("p", {}, [el("strong", this.marked({text: f.name}))])
    ]);
    // the 115 text in the page's language where the page is not in the source language
    var text = this.src && this.t.fallback_text ? this.t.fallback_text : f.text;
    if (text) div.appendChild(el("p", {text: text}));
    if (f.phone) div.appendChild(el("p", {}, [el("span", {text: this.t.phone + ": "}),
      el("a", {href: "tel:" + f.phone.replace(/[^+\d]/g, ""), dir: "ltr", text: f.phone})]));
    return div;
  };

  Lookup.prototype.problem = function (message, focus) {
    var self = this;
    this.manifest().then(function (m) { return self.load(m.offices); }).then(function (data) {
      self.answer.textContent = "";
      var p = el("p", {"class": "sf-lookup__problem", tabindex: "-1", text: message});
      self.answer.appendChild(p);
      self.answer.appendChild(self.fallback(data, self.t.fallback_intro));
      self.say(message + " " + self.t.fallback_intro + " " + data.fallback.name);
      if (focus !== false) p.focus();
    });
  };

  Lookup.prototype.controls = function (place) {
    var self = this;
    var change = el("button", {type: "button", text: this.t.change});
    change.addEventListener("click", function () { self.input.focus(); self.input.select(); });
    var forget = el("button", {type: "button", text: this.t.forget});
    forget.addEventListener("click", function () {
      try { localStorage.removeItem(STORE); } catch (e) { /* storage blocked */ }
      self.answer.textContent = "";
      self.input.value = "";
      self.say(self.t.forgotten);
      self.input.focus();
    });
    return el("p", {"class": "sf-lookup__controls"}, [change, document.createTextNode(" "), forget]);
  };

  // --- memory and position ------------------------------------------------------------------

  Lookup.prototype.remember = function (place) {
    try { localStorage.setItem(STORE, JSON.stringify(place)); } catch (e) { /* blocked */ }
  };

  Lookup.prototype.restore = function () {
    var place = null;
    try { place = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { place = null; }
    if (place && place.ars) this.show(place, fmt(this.t.remembered, {place: place.name}));
  };

  Lookup.prototype.locate = function () {
    var self = this;
    this.say(this.t.locating);
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude, lon = pos.coords.longitude;
      self.manifest().then(function (m) {
        var files = [];
        for (var dy = -1; dy <= 1; dy++) {
          for (var dx = -1; dx <= 1; dx++) {
            var key = (Math.floor(lat) + dy) + "_" + (Math.floor(lon) + dx);
            if (m.geo[key]) files.push(self.load(m.geo[key]));
          }
        }
        return Promise.all(files);
      }).then(function (tiles) {
        var best = null, bestD = Infinity, k = Math.cos(lat * Math.PI / 180);
        tiles.forEach(function (tile) {
          tile.forEach(function (p) {
            var d = Math.pow(p[3] - lat, 2) + Math.pow((p[4] - lon) * k, 2);
            if (d < bestD) { bestD = d; best = p; }
          });
        });
        if (!best) return self.problem(self.t.no_place_near);
        var place = {ars: best[0], name: best[1], district: best[2]};
        self.input.value = place.name;
        self.show(place, fmt(self.t.nearest, {place: place.name}), true);
      });
    }, function () {
      self.problem(self.t.no_position);
    }, {timeout: 15000, maximumAge: 600000});
  };

  Lookup.prototype.say = function (text) {
    // clear first, so the same message is announced again
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  };

  document.querySelectorAll("[data-sf-lookup]").forEach(function (root) { new Lookup(root); });
})();
