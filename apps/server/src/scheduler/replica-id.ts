import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** Names this process in claims and decisions, so logs show which replica acted. */
export function newReplicaId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** DI token for this process's replica id. */
export const REPLICA_ID = Symbol('ReplicaId');
