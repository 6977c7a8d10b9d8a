// Charts on Chart.js (vendor/chart.js, loaded by the page before this module runs). Each chart comes with
// the same numbers as a table under "Show the numbers", for screen readers, keyboards and copying.
import { h } from './dom.js';
import { number } from './format.js';

const palette = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5'];

function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * A bar or line chart with its table.
 * @param {{title: string, labels: string[], series: {label: string, values: number[]}[], type?: 'bar'|'line', id?: string, stacked?: boolean}} chart
 */
export function chart({ title, labels, series, type = 'bar', id, stacked = false }) {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: chart; the numbers are in the table below it` });
  const figure = h('figure', { class: 'chart', id },
    h('figcaption', {}, title),
    h('div', { class: 'chart-area' }, canvas),
    h('details', {}, h('summary', {}, 'Show the numbers'), table(title, labels, series)));

  const instance = new globalThis.Chart(canvas, {
    type,
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderWidth: type === 'line' ? 2 : 0,
        pointRadius: type === 'line' ? 2 : 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: navigator.language,
      plugins: { legend: { labels: {} } },
      scales: {
        x: { stacked, ticks: {}, grid: {} },
        y: { stacked, beginAtZero: true, ticks: { precision: 0 }, grid: {} },
      },
    },
  });
  paint(instance);
  followColorScheme(instance, canvas);
  figure.chart = instance;
  return figure;
}

// Colours come from the page's CSS variables, so charts match light and dark.
function paint(instance) {
  const text = cssColor('--text-muted');
  const grid = cssColor('--border');
  instance.data.datasets.forEach((dataset, i) => {
    dataset.backgroundColor = cssColor(palette[i % palette.length]);
    dataset.borderColor = dataset.backgroundColor;
  });
  const { options } = instance;
  options.plugins.legend.labels.color = text;
  for (const axis of [options.scales.x, options.scales.y]) {
    axis.ticks.color = text;
    axis.grid.color = grid;
  }
  instance.update('none');
}

const scheme = matchMedia('(prefers-color-scheme: dark)');

function followColorScheme(instance, canvas) {
  const repaint = () => {
    if (canvas.isConnected) paint(instance);
    else {
      scheme.removeEventListener('change', repaint);
      instance.destroy();
    }
  };
  scheme.addEventListener('change', repaint);
}

function table(title, labels, series) {
  return h('table', { class: 'numbers' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), series.map(s => h('th', { scope: 'col' }, s.label)))),
    h('tbody', {}, labels.map((label, row) => h('tr', {},
      h('th', { scope: 'row' }, label),
      series.map(s => h('td', { class: 'num' }, number(s.values[row])))))));
}
