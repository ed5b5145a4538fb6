import { io, type Socket } from 'socket.io-client';
import type {
  LiveClientToServerEvents,
  LiveJoinAck,
  LiveRunSummary,
  LiveServerToClientEvents,
  LiveTimelineEvent,
} from '../../../libs/contracts/src/live-events.js';
import { drawCharts } from './charts.js';
import { localizeTimes } from './time.js';

const POLL_MS = 3000;
const FINAL = ['completed', 'aborted', 'failed'];

/**
 * The run room stays current without a reload: socket.io `/runs` (signed in
 * by the session cookie) says when the timeline grows; the page then asks
 * the server for the room's parts again (`?partial=1`) and swaps each
 * `[data-live-part]`. When the socket is down, the page polls instead.
 */
export function startRunRoom(root: HTMLElement): void {
  const runId = root.dataset.runId!;
  let lastEventId = root.dataset.lastEventId || undefined;
  let refreshing = false;
  let again = false;

  const refresh = async () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const res = await fetch(`/runs/${runId}?partial=1`, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (res.redirected || res.status === 401) return location.reload();
      if (!res.ok) return;
      const holder = document.createElement('template');
      holder.innerHTML = await res.text();
      for (const part of holder.content.querySelectorAll<HTMLElement>('[data-live-part]')) {
        for (const target of root.querySelectorAll<HTMLElement>(`[data-live-part="${part.dataset.livePart}"]`)) {
          target.innerHTML = part.innerHTML;
          for (const el of target.querySelectorAll<HTMLElement>('[data-clock]')) el.dataset.renderedAt = String(Date.now());
          localizeTimes(target);
          drawCharts(target);
        }
      }
      // The run ended by itself or was aborted elsewhere: the forms no longer apply.
      const status = root.querySelector<HTMLElement>('[data-live-part="status"] [data-open]');
      if (root.dataset.open === 'true' && status?.dataset.open === 'false') location.reload();
    } catch {
      /* offline for a moment; the next push or poll retries */
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };

  root.dataset.live = 'polling';
  let poll: number | null = window.setInterval(() => void refresh(), POLL_MS);
  const stopPolling = () => {
    if (poll !== null) window.clearInterval(poll);
    poll = null;
    root.dataset.live = 'socket';
  };
  const socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> = io('/runs', {
    transports: ['websocket', 'polling'],
    withCredentials: true,
  });
  socket.on('connect', () => {
    socket.emit('join', lastEventId ? { runId, lastEventId } : { runId }, (ack: LiveJoinAck) => {
      if (!ack.ok) return;
      stopPolling();
      seen(ack.events);
      void refresh();
    });
  });
  const seen = (events: LiveTimelineEvent[]) => {
    for (const e of events) if (!lastEventId || BigInt(e.id) > BigInt(lastEventId)) lastEventId = e.id;
  };
  socket.on('timeline', (event: LiveTimelineEvent) => {
    if (lastEventId && BigInt(event.id) <= BigInt(lastEventId)) return;
    seen([event]);
    void refresh();
  });
  socket.on('run', (run: LiveRunSummary) => {
    if (FINAL.includes(run.state)) void refresh();
  });
  socket.on('disconnect', () => {
    root.dataset.live = 'polling';
    if (poll === null) poll = window.setInterval(() => void refresh(), POLL_MS);
  });
  (window as unknown as { __liveRefresh?: () => Promise<void> }).__liveRefresh = refresh;
  drawCharts(root);
  installComposer(root);
}

/** Picking a template fills the text box, ready to edit; without JavaScript the server uses the template's text. */
function installComposer(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('[data-status-composer]');
  const select = form?.querySelector<HTMLSelectElement>('select[name="template"]');
  const text = form?.querySelector<HTMLTextAreaElement>('textarea[name="text"]');
  if (!select || !text) return;
  select.addEventListener('change', () => {
    const option = select.selectedOptions[0];
    if (option?.dataset.text) text.value = option.dataset.text;
  });
}
