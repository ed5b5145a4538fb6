import { Inject, Injectable } from '@nestjs/common';
import {
  BlastRadiusGuard,
  ConfigChangeInjector,
  FaultReconciler,
  InjectionRecordRepository,
  PodKillInjector,
  ProxyFaultInjector,
  type FaultEvent,
  type FaultInjector,
} from '#chaos';
import type { FiredrillConfig } from '#config';
import { CONFIG } from '../../core/config.token.js';
import { ClusterAccess } from '../cluster-access.service.js';

/** Builds the reconciler with every fault kind, the safety policy and an event sink. */
@Injectable()
export class FaultEngineFactory {
  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    private readonly cluster: ClusterAccess,
    private readonly records: InjectionRecordRepository,
  ) {}

  guard(): BlastRadiusGuard {
    return new BlastRadiusGuard(this.cluster, { chaosAnnotation: this.config.chaosAnnotation, ownNamespace: this.config.namespace });
  }

  /** The injectors are stateless: built once, shared by the reconciler and the sweeper. */
  private all?: FaultInjector[];

  injectors(): FaultInjector[] {
    const image = this.config.proxyImage;
    this.all ??= [new PodKillInjector(), new ConfigChangeInjector(), new ProxyFaultInjector('latency', { image }), new ProxyFaultInjector('httpFault', { image })];
    return this.all;
  }

  reconciler(onEvent: (event: FaultEvent) => Promise<void>): FaultReconciler {
    return new FaultReconciler(this.cluster, this.records, this.injectors(), this.guard(), { onEvent, maxAttempts: 5, baseDelayMs: 200 });
  }
}
