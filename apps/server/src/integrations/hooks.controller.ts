import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Delivery } from '#incident';
import { PublicRoute } from '../auth/auth.decorators.js';
import { IngestDeliveryUseCase } from './ingest-delivery.use-case.js';

/**
 * `POST /api/v1/hooks/:id`: webhook deliveries. No bearer token of the API:
 * each integration authenticates its sender with its own token or signature.
 * The body arrives unparsed (a Buffer) so signatures cover the exact bytes.
 */
@ApiTags('webhooks')
@Controller('api/v1/hooks')
export class HooksController {
  constructor(private readonly ingest: IngestDeliveryUseCase) {}

  @Post(':id')
  @HttpCode(200)
  @PublicRoute()
  receive(@Param('id') id: string, @Req() req: Request) {
    return this.ingest.execute(id, deliveryFrom(req));
  }
}

function deliveryFrom(req: Request): Delivery {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') query[name] = first;
  }
  // A token in the query string must not reach the request log or a problem document.
  if (query['token'] !== undefined) {
    req.url = redactToken(req.url);
    req.originalUrl = redactToken(req.originalUrl);
  }
  return { body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), headers, query, receivedAt: new Date() };
}

const redactToken = (url: string) => url.replace(/([?&]token=)[^&]*/g, '$1REDACTED');
