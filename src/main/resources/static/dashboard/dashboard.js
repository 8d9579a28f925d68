// Charts of the portfolio dashboard, drawn by Chart.js (served by the application) from the
// report the page carries in data-portfolio; the print button and the filters' reset.
(function () {
  'use strict';
  const GROUPED = new Intl.NumberFormat('vi-VN');

  function draw() {
    const holder = document.getElementById('charts');
    if (!holder || typeof Chart === 'undefined') return;
    const report = JSON.parse(holder.dataset.portfolio || '{}');
    const stageLabels = JSON.parse(holder.dataset.stages || '{}');
    if (!report.total) return;
    const total = report.total;
    Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';
    Chart.defaults.animation = false; // drawn at once: printing and screenshots see the final picture
    const money = { ticks: { callback: (v) => GROUPED.format(v) } };

    const stages = Object.keys(total.stages).filter((s) => total.stages[s] > 0);
    new Chart(document.getElementById('chart-stages'), {
      type: 'bar',
      data: {
        labels: stages.map((s) => stageLabels[s] || s),
        datasets: [{ label: 'Số tiểu dự án / sub-projects', data: stages.map((s) => total.stages[s]),
          backgroundColor: '#2f6f9f' }]
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } }
    });

    const lines = report.lines || [];
    const name = (line) => Object.values(line.group).map((g) => g.name || g.code).join(' · ') || 'Tất cả / all';
    new Chart(document.getElementById('chart-money'), {
      type: 'bar',
      data: {
        labels: lines.map(name),
        datasets: [
          { label: 'Đề nghị / requested', data: lines.map((l) => l.figures.requested), backgroundColor: '#9ecae1' },
          { label: 'Đã duyệt / approved', data: lines.map((l) => l.figures.approved), backgroundColor: '#3182bd' },
          { label: 'Đã giải ngân / disbursed', data: lines.map((l) => l.figures.disbursed), backgroundColor: '#31a354' }
        ]
      },
      options: { scales: { y: money },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + GROUPED.format(c.raw) + ' ₫' } } } }
    });

    new Chart(document.getElementById('chart-people'), {
      type: 'bar',
      data: {
        labels: ['Dự kiến / planned', 'Thực tế / reached'],
        datasets: [
          { label: 'Nữ / women', data: [total.beneficiariesWomen, total.womenReached], backgroundColor: '#c51b8a' },
          { label: 'Nam / men', data: [total.beneficiariesMen, total.menReached], backgroundColor: '#3182bd' }
        ]
      }
    });

    new Chart(document.getElementById('chart-contribution'), {
      type: 'doughnut',
      data: {
        labels: ['Tiền mặt / cash', 'Ngày công / labour', 'Vật tư / materials'],
        datasets: [{ data: [total.contributionCash, total.contributionLabour, total.contributionMaterials],
          backgroundColor: ['#31a354', '#fd8d3c', '#756bb1'] }]
      },
      options: { plugins: { tooltip: { callbacks: { label: (c) => c.label + ': ' + GROUPED.format(c.raw) + ' ₫' } } } }
    });
    const costCanvas = document.getElementById('chart-cost-per-unit');
    const bySector = JSON.parse((costCanvas && costCanvas.dataset.sectors) || '{}');
    // units differ from sector to sector: each bar is named with its own
    const sectors = (bySector.lines || []).filter((l) => l.figures.outputs.outputUnit
      && l.figures.outputs.grantPerUnitPlanned != null);
    new Chart(costCanvas, {
      type: 'bar',
      data: {
        // two lines a label: the sector, then its unit
        labels: sectors.map((l) => [l.group.sector.name || l.group.sector.code, '₫/' + l.figures.outputs.outputUnit]),
        datasets: [
          { label: 'Vốn/đơn vị dự kiến / grant per unit planned',
            data: sectors.map((l) => l.figures.outputs.grantPerUnitPlanned), backgroundColor: '#9ecae1' },
          { label: 'Đối ứng/đơn vị dự kiến / contribution per unit planned',
            data: sectors.map((l) => l.figures.outputs.contributionPerUnitPlanned), backgroundColor: '#fd8d3c' },
          { label: 'Vốn/đơn vị thực tế / grant per unit achieved',
            data: sectors.map((l) => l.figures.outputs.grantPerUnitAchieved), backgroundColor: '#31a354' }
        ]
      },
      options: { indexAxis: 'y', scales: { x: money },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + GROUPED.format(c.raw) + ' ₫' } } } }
    });
    holder.dataset.drawn = 'true';
  }

  document.addEventListener('DOMContentLoaded', () => {
    draw();
    const print = document.getElementById('print');
    if (print) print.addEventListener('click', () => window.print());
    const province = document.querySelector('select[name=province]');
    if (province) {
      province.addEventListener('change', () => {
        ['district', 'commune'].forEach((n) => { const s = document.querySelector('select[name=' + n + ']'); if (s) s.value = ''; });
        province.form.submit();
      });
    }
    const district = document.querySelector('select[name=district]');
    if (district) {
      district.addEventListener('change', () => {
        const s = document.querySelector('select[name=commune]');
        if (s) s.value = '';
        district.form.submit();
      });
    }
  });
})();
