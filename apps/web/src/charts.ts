import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);

const INK = '#16181d';
const ACCENT = '#1f5fbf';
const DANGER = '#b3261e';
const MUTED = '#5b6270';
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

interface ProbeChart {
  label: string;
  points: { at: string; value: number; ok: boolean }[];
}
interface TrendChart {
  title: string;
  unit: 'seconds';
  labels: string[];
  series: { label: string; values: (number | null)[]; dashed?: boolean }[];
}

const charts = new WeakMap<HTMLCanvasElement, Chart>();

function replace(canvas: HTMLCanvasElement, make: () => Chart): void {
  charts.get(canvas)?.destroy();
  charts.set(canvas, make());
}

/**
 * Draws every `canvas[data-probe-chart]` and `canvas[data-trend-chart]` under
 * `root` from the JSON the server put in the attribute. Failing probe results
 * are drawn as crosses, not only in red; the text next to each chart says it too.
 */
export function drawCharts(root: ParentNode = document): void {
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-probe-chart]')) {
    const data = JSON.parse(canvas.dataset.probeChart ?? 'null') as ProbeChart | null;
    if (!data) continue;
    replace(
      canvas,
      () =>
        new Chart(canvas, {
          type: 'line',
          data: {
            labels: data.points.map((p) => TIME.format(new Date(p.at))),
            datasets: [
              {
                label: data.label,
                data: data.points.map((p) => p.value),
                borderColor: ACCENT,
                pointStyle: data.points.map((p) => (p.ok ? 'circle' : 'crossRot')),
                pointRadius: data.points.map((p) => (p.ok ? 2 : 6)),
                pointBorderColor: data.points.map((p) => (p.ok ? ACCENT : DANGER)),
                tension: 0.2,
              },
            ],
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { x: { ticks: { maxTicksLimit: 4, color: MUTED } }, y: { ticks: { maxTicksLimit: 4, color: MUTED } } },
          },
        }),
    );
  }
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-trend-chart]')) {
    const data = JSON.parse(canvas.dataset.trendChart ?? 'null') as TrendChart | null;
    if (!data) continue;
    replace(
      canvas,
      () =>
        new Chart(canvas, {
          type: 'line',
          data: {
            labels: data.labels,
            datasets: data.series.map((s) => ({
              label: s.label,
              data: s.values.map((v) => (v === null ? null : Math.round((v / 60) * 10) / 10)),
              borderColor: s.dashed ? MUTED : ACCENT,
              borderDash: s.dashed ? [6, 4] : [],
              pointStyle: s.dashed ? 'rectRot' : 'circle',
              pointRadius: 4,
              spanGaps: true,
            })),
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: {
              legend: { labels: { color: INK, usePointStyle: true } },
              tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.formattedValue} min` } },
            },
            scales: {
              y: { beginAtZero: true, title: { display: true, text: 'minutes', color: MUTED }, ticks: { color: MUTED } },
              x: { ticks: { color: MUTED } },
            },
          },
        }),
    );
  }
}
