/** Rewrites every server-rendered UTC <time data-local> in the viewer's time zone; UTC stays in the tooltip. */
const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const SAME_DAY = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function localizeTimes(root: ParentNode = document): void {
  const today = new Date().toDateString();
  for (const el of root.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    const d = new Date(el.dateTime);
    if (Number.isNaN(d.getTime())) continue;
    el.textContent = d.toDateString() === today ? SAME_DAY.format(d) : FORMAT.format(d);
  }
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h) return `${h}h ${pad(m)}m`;
  if (m) return s ? `${m}m ${pad(s)}s` : `${m}m`;
  return `${s}s`;
}

/** Exercise clocks and countdowns tick in the browser between server updates. */
export function startClocks(): void {
  const loadedAt = Date.now();
  setInterval(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-clock]')) {
      if (el.dataset.running !== 'true') continue;
      const base = Number(el.dataset.elapsedMs ?? 0);
      const since = Number(el.dataset.renderedAt ?? loadedAt);
      el.textContent = formatDuration(base + Date.now() - since);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-countdown]')) {
      const left = new Date(el.dataset.countdown ?? '').getTime() - Date.now();
      if (Number.isNaN(left)) continue;
      el.textContent = left > 0 ? `in ${formatDuration(left)}` : 'now';
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-elapsed-since]')) {
      const since = new Date(el.dataset.elapsedSince ?? '').getTime();
      if (!Number.isNaN(since)) el.textContent = formatDuration(Date.now() - since);
    }
  }, 1000);
}
