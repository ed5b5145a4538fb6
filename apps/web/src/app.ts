import { drawCharts } from './charts.js';
import { installConfirms } from './confirm.js';
import { enhanceForms, startLiveRegion } from './live.js';
import { startRunRoom } from './run-room.js';
import { localizeTimes, startClocks } from './time.js';

localizeTimes();
startClocks();
installConfirms();
enhanceForms();
for (const region of document.querySelectorAll<HTMLElement>('[data-live-region][data-live-kind]')) startLiveRegion(region);
const room = document.querySelector<HTMLElement>('[data-run-room]');
if (room) startRunRoom(room);
else drawCharts();
