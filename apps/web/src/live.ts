import { io } from 'socket.io-client';
import { localizeTimes } from './time.js';

const POLL_MS = 2000;

/**
 * Keeps a `[data-live-region]` current: the server renders the region again
 * (`?partial=1`) whenever the tabletop changes. socket.io says when; if the
 * socket is down, the page polls every 2 s instead. No rendering logic here.
 */
export function startLiveRegion(region: HTMLElement): void {
  const sessionId = region.dataset.sessionId!;
  let refreshing = false;
  let again = false;

  const refresh = async () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const res = await fetch(`${location.pathname}?partial=1`, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (res.ok) {
        const html = await res.text();
        const focusedId = (document.activeElement as HTMLElement | null)?.closest('[data-testid]')?.getAttribute('data-testid');
        region.innerHTML = html;
        region.dataset.renderedAt = String(Date.now());
        for (const el of region.querySelectorAll<HTMLElement>('[data-clock]')) el.dataset.renderedAt = String(Date.now());
        localizeTimes(region);
        if (focusedId) region.querySelector<HTMLElement>(`[data-testid="${focusedId}"] button, [data-testid="${focusedId}"]`)?.focus();
      } else if (res.redirected || res.status === 401 || res.status === 303) {
        location.reload();
      }
    } catch {
      /* offline for a moment; the next change or poll retries */
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };

  let poll: number | null = window.setInterval(() => void refresh(), POLL_MS);
  const socket = io('/tabletops', { transports: ['websocket', 'polling'], withCredentials: true });
  socket.on('connect', () => {
    socket.emit('join', { sessionId }, (ack: { ok: boolean }) => {
      if (ack?.ok && poll !== null) {
        window.clearInterval(poll);
        poll = null;
      }
      void refresh();
    });
  });
  socket.on('changed', () => void refresh());
  socket.on('disconnect', () => {
    if (poll === null) poll = window.setInterval(() => void refresh(), POLL_MS);
  });
  (window as unknown as { __liveRefresh?: () => Promise<void> }).__liveRefresh = refresh;
}

/**
 * Forms marked `data-enhance` post in the background and refresh the live
 * region, so a participant does not lose their place; plain POST otherwise.
 */
export function enhanceForms(): void {
  document.addEventListener('submit', async (event) => {
    const form = event.target as HTMLFormElement;
    if (!form.matches('[data-enhance]')) return;
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>), credentials: 'same-origin', redirect: 'follow' });
      if (!res.ok) {
        // Let the server's own error page explain it.
        form.submit();
        return;
      }
      for (const field of form.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input:not([type="hidden"])')) field.value = '';
      for (const select of form.querySelectorAll<HTMLSelectElement>('select[data-reset]')) select.selectedIndex = 0;
      await (window as unknown as { __liveRefresh?: () => Promise<void> }).__liveRefresh?.();
    } finally {
      if (button) button.disabled = false;
    }
  });
}
