// Draws one gang (GET /api/v1/gangs/{id}) as a force-directed graph, one colour per role.
(function () {
  'use strict';
  const body = document.body;
  const id = body.dataset.gang;
  const el = document.getElementById('gang-chart');
  if (!id || !el || typeof echarts === 'undefined') {
    return;
  }
  const roles = ['dealer', 'holder', 'farm', 'infrastructure', 'caller', 'card', 'mule', 'account'];
  const label = (r) => body.dataset['role' + r.charAt(0).toUpperCase() + r.slice(1)] || r;
  fetch(body.dataset.api + encodeURIComponent(id), { headers: { 'Accept': 'application/json' } })
    .then((r) => r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)))
    .then((gang) => {
      const nodes = gang.members.map((m) => ({
        id: m.kind + ':' + m.value,
        name: m.value + (m.tier ? ' (' + m.tier + ')' : ''),
        category: Math.max(0, roles.indexOf(m.role)),
        symbolSize: m.role === 'dealer' || m.role === 'farm' ? 26 : m.role === 'mule' || m.role === 'caller' ? 18 : 10,
      }));
      const links = gang.links.map((l) => ({ source: l.a, target: l.b, value: l.amount || '' }));
      const chart = echarts.init(el);
      chart.setOption({
        tooltip: {},
        legend: [{ data: roles.map(label) }],
        series: [{
          type: 'graph', layout: 'force', roam: true, draggable: true,
          label: { show: true, position: 'right', fontSize: 10 },
          force: { repulsion: 120, edgeLength: 60 },
          categories: roles.map((r) => ({ name: label(r) })),
          data: nodes, links: links,
        }],
      });
      el.dataset.drawn = String(nodes.length);
    })
    .catch((e) => { el.textContent = String(e); });
})();
