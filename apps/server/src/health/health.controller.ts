import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DatabaseService } from '../database/database.service.js';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(private readonly database: DatabaseService) {}

  /** Liveness: the process answers. Never touches the database. */
  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: database reachable and every migration applied. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database: string; reason?: string }> {
    const check = await this.database.check();
    res.status(check.ok ? 200 : 503);
    return check.ok ? { status: 'ready', database: 'ok' } : { status: 'not ready', database: 'unavailable', reason: check.reason };
  }
}
