/** Field paths as shown to users: `spec.steps[2].at`, `spec.targets["app.io/x"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const segment = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  if (!parent) return segment.startsWith('"') ? `[${segment}]` : segment;
  return segment.startsWith('"') ? `${parent}[${segment}]` : `${parent}.${segment}`;
}

/** The enclosing path, or undefined at the root. */
export function parentPath(path: string): string | undefined {
  if (!path) return undefined;
  const m = /^(.*?)(?:\.[A-Za-z0-9_-]+|\[[^\]]*\])$/.exec(path);
  return m ? m[1] : '';
}
