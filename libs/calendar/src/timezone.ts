import { IANAZone } from 'luxon';

/** True for an IANA time zone name this runtime knows (e.g. Europe/Berlin, UTC). */
export function isTimeZone(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && IANAZone.isValidZone(name);
}

export const TIME_ZONE_HINT = 'use an IANA name such as Europe/Berlin, America/New_York or UTC';
