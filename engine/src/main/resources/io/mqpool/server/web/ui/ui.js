/*
 * mqpool web UI: live updates, charts and small niceties. The pages are complete without this
 * script (submit and reading work with it off); it only keeps them current.
 *
 * Live updates use the existing JSON API, not server-sent events: the job page long-polls
 * GET /api/jobs/{id}/results?waitMs=... (which already blocks on the job's own signal until a
 * chunk finishes), the jobs and workers pages poll GET /api/jobs and GET /api/workers every two
 * seconds. Why: those endpoints exist, are tested and honour the base path and read-only mode
 * like any request; a long-poll or poll is an ordinary request that any reverse proxy passes on,
 * where an SSE stream is buffered or cut by many proxies; and the server holds no per-tab stream
 * or event fan-out (the truth lives in the store, so a missed poll loses nothing: the next one
 * reads the current state). A dashboard is fine with a second or two of delay.
 */
(function () {
  'use strict';
  var body = document.body;
  var base = body.getAttribute('data-base') || '';
  var SVG = 'http://www.w3.org/2000/svg';

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error(url + ' answered ' + r.status)); });
  }

  /* Replaces the elements matching each selector with those of a fresh copy of this page. */
  function refreshFromPage(selectors) {
    return fetch(location.href, { credentials: 'same-origin' }).then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        selectors.forEach(function (sel) {
          var now = document.querySelector(sel), next = fresh.querySelector(sel);
          if (now && next) { now.replaceWith(document.importNode(next, true)); }
          // Gone from the fresh page, such as "No jobs yet." once there is one: gone here too.
          if (now && !next) { now.remove(); }
        });
      });
  }

  function text(el, value) { if (el && el.textContent !== String(value)) { el.textContent = value; } }
  function later(fn, ms) { setTimeout(function () { if (document.hidden) { later(fn, ms); } else { fn(); } }, ms); }

  // The server's format (Durations.forPeople), so a live update reads as the page did.
  function duration(ms) {
    var s = Math.floor(Math.max(0, ms) / 1000);
    function two(n) { return String(n).padStart(2, '0'); }
    if (s < 10) { return (Math.max(0, ms) / 1000).toFixed(1) + 's'; }
    if (s < 60) { return s + 's'; }
    if (s < 3600) { return Math.floor(s / 60) + 'm' + two(s % 60) + 's'; }
    if (s < 86400) { return Math.floor(s / 3600) + 'h' + two(Math.floor(s % 3600 / 60)) + 'm'; }
    return Math.floor(s / 86400) + 'd' + two(Math.floor(s % 86400 / 3600)) + 'h';
  }
  function millis(ms) { return ms < 1000 ? ms + 'ms' : duration(ms); }
  function rate(r) { return (r >= 100 ? r.toFixed(0) : r.toFixed(1)) + '/s'; }
  function eta(job) {
    if (job.state !== 'RUNNING' || job.total == null || job.ratePerSecond <= 0) { return ''; }
    return duration(Math.round((job.total - job.done) / job.ratePerSecond * 1000));
  }
  function setState(el, state) {
    if (!el) { return; }
    text(el, state);
    el.className = 'state-' + state.toLowerCase();
  }
  function setProgress(el, job) {
    if (!el) { return; }
    el.max = Math.max(1, job.total == null ? job.done : job.total);
    el.value = job.done;
  }

  /* ---- charts: plain SVG bars, no library ---- */
  function drawBars(svg, labels, values, unit) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var w = 600, h = 140, top = 14, bottom = 18, max = Math.max.apply(null, values.concat([0]));
    function add(name, attrs, content) {
      var el = document.createElementNS(SVG, name);
      Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
      if (content != null) { el.textContent = content; }
      svg.appendChild(el);
      return el;
    }
    if (!values.length || max === 0) {
      add('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle', 'class': 'chart-empty' }, 'no data yet');
      return;
    }
    var slot = w / values.length, bw = Math.max(1, Math.min(slot * 0.8, 60));
    values.forEach(function (v, i) {
      var bh = (h - top - bottom) * v / max;
      var rect = add('rect', { x: (i * slot + (slot - bw) / 2).toFixed(1), y: (h - bottom - bh).toFixed(1),
        width: bw.toFixed(1), height: bh.toFixed(1) });
      var title = document.createElementNS(SVG, 'title');
      title.textContent = labels[i] + ': ' + v + ' ' + unit;
      rect.appendChild(title);
    });
    add('line', { x1: 0, y1: h - bottom, x2: w, y2: h - bottom, 'class': 'axis' });
    add('text', { x: 2, y: 11 }, 'max ' + max + ' ' + unit);
    if (values.length <= 12) {
      labels.forEach(function (l, i) { add('text', { x: (i * slot + slot / 2).toFixed(1), y: h - 4, 'text-anchor': 'middle' }, l); });
    } else {
      add('text', { x: 2, y: h - 4 }, labels[0]);
      add('text', { x: w - 2, y: h - 4, 'text-anchor': 'end' }, labels[labels.length - 1]);
    }
  }
  function shortTime(t) { var m = /T(\d\d:\d\d(:\d\d)?)/.exec(t || ''); return m ? m[1] : String(t); }
  function drawChart(svg, data) {
    var series = svg.getAttribute('data-series');
    if (series === 'durations') {
      var d = data.durations || { bucketsMs: [], counts: [] }, b = d.bucketsMs;
      // One count per upper bound, then one for longer than the last; shown from the first to the last bucket used.
      var labels = d.counts.map(function (c, i) { return i < b.length ? '≤ ' + millis(b[i]) : '> ' + millis(b[b.length - 1]); });
      var used = d.counts.map(function (c, i) { return c > 0 ? i : -1; }).filter(function (i) { return i >= 0; });
      var from = used.length ? used[0] : 0, to = used.length ? used[used.length - 1] + 1 : 0;
      drawBars(svg, labels.slice(from, to), d.counts.slice(from, to), 'tasks');
    } else {
      var points = data[series] || [];
      drawBars(svg, points.map(function (p) { return shortTime(p.t); }),
        points.map(function (p) { return p.done; }), 'tasks');
    }
  }
  function refreshCharts() {
    var bySrc = {};
    document.querySelectorAll('svg.chart[data-src]').forEach(function (svg) {
      var src = svg.getAttribute('data-src');
      (bySrc[src] = bySrc[src] || []).push(svg);
    });
    Object.keys(bySrc).forEach(function (src) {
      getJson(src).then(function (data) { bySrc[src].forEach(function (svg) { drawChart(svg, data); }); },
        function () { /* the stats endpoint is not there (yet): the chart stays empty */ });
    });
  }
  function chartsEvery(ms) { refreshCharts(); later(function () { chartsEvery(ms); }, ms); }

  /* ---- submit page: show the chosen task's signature and example ---- */
  function submitPage() {
    var task = document.getElementById('task');
    if (!task) { return; }
    task.addEventListener('change', function () {
      var opt = task.options[task.selectedIndex];
      text(document.getElementById('task-signature'), opt.getAttribute('data-signature'));
      text(document.getElementById('task-example'), opt.getAttribute('data-example'));
    });
  }

  /* ---- job page: long-poll the results endpoint, then refresh the counts ---- */
  function jobPage() {
    var summary = document.getElementById('job-summary');
    if (!summary) { return; }
    var api = summary.getAttribute('data-api');
    var cursor = '0';
    chartsEvery(5000);
    if (summary.getAttribute('data-state') !== 'RUNNING') { return; }
    function show(job) {
      setState(document.getElementById('job-state'), job.state);
      setProgress(document.getElementById('job-progress'), job);
      text(document.getElementById('job-done'), job.done);
      text(document.getElementById('job-total'), job.total == null ? '?' : job.total);
      text(document.getElementById('job-failed'), job.failed);
      text(document.getElementById('job-elapsed'), duration(job.elapsedMs));
      text(document.getElementById('job-rate'), rate(job.ratePerSecond));
      text(document.getElementById('job-eta'), eta(job));
    }
    function poll() {
      var started = Date.now();
      getJson(api + '/results?order=completion&limit=1&waitMs=20000&after=' + encodeURIComponent(cursor))
        .then(function (page) { cursor = page.next || cursor; return getJson(api); })
        .then(function (job) {
          show(job);
          if (job.state !== 'RUNNING') {
            summary.setAttribute('data-state', job.state);
            refreshFromPage(['#job-finished', '#actions', '#results-section']).then(refreshCharts);
            return;
          }
          later(poll, Math.max(0, 500 - (Date.now() - started)));
        }, function () { later(poll, 5000); });
    }
    poll();
  }

  /* ---- jobs page: poll the same page of GET /api/jobs ---- */
  function jobsPage() {
    var table = document.getElementById('jobs');
    if (!table) { return; }
    chartsEvery(15000);
    function rows() { return Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-job-id]')); }
    function update(job, tr) {
      setState(tr.querySelector('.state span'), job.state);
      tr.setAttribute('data-state', job.state);
      setProgress(tr.querySelector('progress.job-progress'), job);
      text(tr.querySelector('.counts'), job.done + ' / ' + (job.total == null ? '?' : job.total) + ', '
        + job.failed + ' failed');
      text(tr.querySelector('.rate'), rate(job.ratePerSecond));
      text(tr.querySelector('.eta'), eta(job));
      text(tr.querySelector('.elapsed'), duration(job.elapsedMs));
    }
    function poll() {
      getJson(table.getAttribute('data-api')).then(function (page) {
        var shown = rows().map(function (tr) { return tr.getAttribute('data-job-id'); });
        var ids = page.jobs.map(function (j) { return j.id; });
        if (shown.join() !== ids.join()) {
          var checked = {};
          table.querySelectorAll('input.select-job:checked').forEach(function (c) { checked[c.value] = true; });
          return refreshFromPage(['#jobs tbody', '#jobs-empty']).then(function () {
            table = document.getElementById('jobs');
            table.querySelectorAll('input.select-job').forEach(function (c) { c.checked = !!checked[c.value]; });
          });
        }
        var byId = {};
        rows().forEach(function (tr) { byId[tr.getAttribute('data-job-id')] = tr; });
        page.jobs.forEach(function (job) { update(job, byId[job.id]); });
      }).then(function () { later(poll, 2000); }, function () { later(poll, 5000); });
    }
    later(poll, 2000);
  }

  /* ---- workers page: poll GET /api/workers ---- */
  function workersPage() {
    var table = document.getElementById('workers');
    if (!table) { return; }
    function poll() {
      getJson(table.getAttribute('data-api')).then(function (workers) {
        var trs = table.querySelectorAll('tbody tr[data-worker-id]');
        var shown = Array.prototype.map.call(trs, function (tr) { return tr.getAttribute('data-worker-id'); });
        if (shown.join() !== workers.map(function (w) { return w.id; }).join()) {
          return refreshFromPage(['#workers tbody']).then(function () { table = document.getElementById('workers'); });
        }
        workers.forEach(function (w, i) {
          var tr = trs[i];
          setState(tr.querySelector('.state span'), w.state);
          text(tr.querySelector('.pid'), w.pid);
          var job = tr.querySelector('.job');
          if ((job.textContent || '') !== (w.job || '')) {
            job.textContent = '';
            if (w.job) {
              var a = document.createElement('a');
              a.href = base + '/jobs/' + encodeURIComponent(w.job);
              a.textContent = w.job;
              job.appendChild(a);
            }
          }
          text(tr.querySelector('.indexes'), w.firstIndex == null ? '' : (w.size === 1 ? String(w.firstIndex)
            : w.firstIndex + '–' + (w.firstIndex + w.size - 1)));
          text(tr.querySelector('.tasks-done'), w.tasksDone);
          text(tr.querySelector('.uptime'), duration(w.uptimeMs));
          text(tr.querySelector('.restarts'), w.restarts);
        });
      }).then(function () { later(poll, 2000); }, function () { later(poll, 5000); });
    }
    later(poll, 2000);
  }

  submitPage();
  jobPage();
  jobsPage();
  workersPage();
}());
