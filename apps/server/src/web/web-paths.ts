import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository (or install) root: the nearest folder up with Firedrill's package.json. */
export function projectRoot(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && readFileSync(pkg, 'utf8').includes('"name": "firedrill"')) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Templates: copied next to the build by scripts/build-web.mjs, read from the source tree otherwise. */
export function viewsDir(root = projectRoot()): string {
  const built = path.join(root, 'dist/apps/server/views');
  return existsSync(built) ? built : path.join(root, 'apps/server/views');
}

/** Browser bundles built by scripts/build-web.mjs. */
export function assetsDir(root = projectRoot()): string {
  return path.join(root, 'dist/public');
}
