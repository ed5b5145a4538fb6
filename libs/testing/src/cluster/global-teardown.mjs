// Plain JavaScript for the same reason as global-setup.mjs.
import { readFileSync, rmSync } from 'node:fs';
import { markerPath, runCluster } from './global-setup.mjs';

/**
 * Global teardown of the jest `cluster` project: stops the local cluster when
 * this test run started it. A cluster that was already running (e.g.
 * `npm run cluster:up`) is left alone; FIREDRILL_KEEP_CLUSTER=1 keeps ours.
 */
export default async function globalTeardown() {
  let marker;
  try {
    marker = JSON.parse(readFileSync(markerPath(), 'utf8'));
  } catch {
    return;
  }
  rmSync(markerPath(), { force: true }); // the next run decides afresh
  if (!marker.startedByUs || process.env.FIREDRILL_KEEP_CLUSTER === '1') return;
  runCluster(['down'], true);
}
