import { Injectable } from '@nestjs/common';
import { filter, Subject, type Observable } from 'rxjs';
import type { DomainEventMap } from '#contracts';

export type DomainEventName = keyof DomainEventMap;
export interface DomainEventEnvelope<K extends DomainEventName = DomainEventName> {
  name: K;
  payload: DomainEventMap[K];
}

/**
 * In-process bus between feature modules (a signal arrives -> runs correlate
 * it; a timeline event is appended -> the socket gateway fans it out).
 * Durable state is always written to Postgres first; the bus only notifies.
 */
@Injectable()
export class DomainEvents {
  private readonly subject = new Subject<DomainEventEnvelope>();

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.subject.next({ name, payload });
  }

  on<K extends DomainEventName>(name: K): Observable<DomainEventEnvelope<K>> {
    return this.subject.pipe(filter((e): e is DomainEventEnvelope<K> => e.name === name));
  }
}
