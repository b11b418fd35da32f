// Fund-flow page: draws the trace as an ECharts graph, one column per tier (victim at the left,
// cash-outs at the right), links labelled with the traced amount and drawn wider for more money.
(function () {
  const data = JSON.parse(document.body.dataset.chart || '{"nodes":[],"links":[]}');
  const el = document.getElementById('flow-chart');
  if (!el) return;
  const maxFen = Math.max(1, ...data.links.map(l => l.fen));
  const rows = {};
  data.nodes.forEach(n => { rows[n.column] = Math.max(rows[n.column] || 0, n.row + 1); });
  // The layout is scaled to fit the box, so the box follows the busiest column: a thin chain gets
  // a short box instead of being shrunk into a strip.
  const busiest = Math.max(1, ...Object.values(rows));
  el.style.height = Math.min(900, Math.max(260, 90 * busiest + 160)) + 'px';
  const columns = Math.max(1, ...data.nodes.map(n => n.column));
  // Rows spread to the box's shape (the fit keeps the aspect ratio), never closer than 90 units.
  const yStep = Math.max(90, (el.clientHeight / Math.max(1, el.clientWidth)) * columns * 240 * 0.8 / busiest);
  const chart = echarts.init(el);
  // ECharts renders tooltips as HTML: every name and label from the data is text and is escaped, so an
  // account id written as markup (a cash: terminal, a payment id) shows as characters and never runs.
  const esc = (v) => String(v == null ? '' : v).replace(/[&<>"'`]/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const colour = (n) => n.cash ? '#6d4c41' : n.column === 0 ? '#2e7d32' : ['#c62828', '#ef6c00', '#f9a825', '#8e24aa', '#1565c0', '#00838f'][(n.column - 1) % 6];
  chart.setOption({
    tooltip: {
      formatter: (p) => p.dataType === 'edge'
        ? esc(p.data.sourceName) + ' → ' + esc(p.data.targetName) + '<br>' + esc(p.data.amount)
        : esc(p.data.name) + '<br>' + esc(p.data.tier) + (p.data.column > 0 ? '<br>' + esc(p.data.received) : '')
    },
    series: [{
      type: 'graph', layout: 'none', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      label: { show: true, position: 'bottom', formatter: (p) => p.data.tier + '\n' + p.data.name, fontSize: 11 },
      edgeLabel: { show: true, formatter: (p) => p.data.amount, fontSize: 11 },
      data: data.nodes.map(n => ({
        id: n.id, name: n.name, tier: n.tier, column: n.column, received: n.received,
        x: n.column * 240, y: (n.row - (rows[n.column] - 1) / 2) * yStep,
        symbolSize: n.column === 0 ? 26 : 20, itemStyle: { color: colour(n) }
      })),
      links: data.links.map(l => {
        const s = data.nodes.find(n => n.id === l.source), t = data.nodes.find(n => n.id === l.target);
        return { source: l.source, target: l.target, amount: l.amount, sourceName: s.name, targetName: t.name,
          lineStyle: { width: 1 + 7 * l.fen / maxFen, curveness: 0.1, opacity: 0.8 } };
      })
    }]
  });
  window.addEventListener('resize', () => chart.resize());
})();
