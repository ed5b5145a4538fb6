import { installConfirms } from './confirm.js';
import { enhanceForms, startLiveRegion } from './live.js';
import { localizeTimes, startClocks } from './time.js';

localizeTimes();
startClocks();
installConfirms();
enhanceForms();
for (const region of document.querySelectorAll<HTMLElement>('[data-live-region][data-live-kind]')) startLiveRegion(region);
