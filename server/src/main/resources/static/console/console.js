// Live console: polls the JSON summary every 2 s and updates the cards and ECharts charts.
// Tables are refreshed separately by htmx from server-rendered fragments.
(function () {
  const b = document.body.dataset;
  const LABELS = { rate: b.rate, levels: [b.low, b.medium, b.high, b.critical], live: b.live };
  const rate = echarts.init(document.getElementById('rate-chart'));
  const levels = echarts.init(document.getElementById('level-chart'));
  const levelColors = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828'];
  rate.setOption({
    grid: { left: 50, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0 },
    series: [{ name: LABELS.rate, type: 'line', showSymbol: false, areaStyle: { opacity: 0.15 }, data: [] }]
  });
  levels.setOption({
    grid: { left: 60, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: LABELS.levels },
    yAxis: { type: 'value', min: 0 },
    series: [{ type: 'bar', data: [], itemStyle: { color: (p) => levelColors[p.dataIndex] } }]
  });
  const fmt = new Intl.NumberFormat();
  function set(id, v) { const el = document.getElementById(id); if (el) el.textContent = fmt.format(v); }
  async function refresh() {
    try {
      const r = await fetch(LABELS.live, { headers: { 'Accept': 'application/json' } });
      if (!r.ok) return;
      const d = await r.json();
      set('eps', d.events_per_s); set('processed', d.processed); set('warnings', d.warnings);
      set('quarantined', d.quarantined); set('duplicates', d.duplicates);
      rate.setOption({ series: [{ data: d.series }] });
      const l = d.decisions_by_level;
      levels.setOption({ series: [{ data: [l.low, l.medium, l.high, l.critical] }] });
      if (d.demo) {
        const c = document.getElementById('sim-clock');
        if (c && d.demo.simulated_now) c.textContent = d.demo.simulated_now;
        const done = document.getElementById('sim-done');
        if (done) done.hidden = !d.demo.finished;
      }
    } catch (e) { /* the server may be restarting; try again next tick */ }
  }
  refresh();
  setInterval(refresh, 2000);
  window.addEventListener('resize', () => { rate.resize(); levels.resize(); });
})();
