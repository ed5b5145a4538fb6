import { Injectable } from '@nestjs/common';
import { IntegrationRepository, type Integration } from '#incident';

const TTL_MS = 5_000;

/**
 * Integrations looked up by webhook deliveries, kept for a few seconds: a
 * sender posting hundreds of alerts a second would otherwise cost one extra
 * query per delivery. Deleting through this process evicts at once; another
 * replica notices within TTL_MS.
 */
@Injectable()
export class IntegrationCache {
  private readonly entries = new Map<string, { integration: Integration | null; expires: number }>();

  constructor(private readonly integrations: IntegrationRepository) {}

  async find(id: string): Promise<Integration | null> {
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.expires > now) return hit.integration;
    const integration = await this.integrations.find(id);
    // Unknown ids are not kept: the map must not grow with whatever ids strangers try.
    if (integration) this.entries.set(id, { integration, expires: now + TTL_MS });
    else this.entries.delete(id);
    return integration;
  }

  evict(id: string): void {
    this.entries.delete(id);
  }
}
