import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import { AbortSchema, CorrectionSchema, HaltSchema, ListRunsSchema, MarkSchema, NoteSchema, RoleSchema, TimelineQuerySchema } from './runs.dto.js';
import { RunsService, summary } from './runs.service.js';
import { HaltUseCase } from './use-cases/halt.use-case.js';
import { RunActionsUseCase } from './use-cases/run-actions.use-case.js';
import { StartRunCommand, StartRunSchema, StartRunUseCase } from './use-cases/start-run.use-case.js';

@ApiTags('runs')
@ApiBearerAuth()
@Controller('api/v1/runs')
export class RunsController {
  constructor(
    private readonly start: StartRunUseCase,
    private readonly actions: RunActionsUseCase,
    private readonly runs: RunsService,
  ) {}

  @Post()
  @RequireRole('facilitator')
  @ApiZodBody(StartRunSchema)
  async create(@CurrentPrincipal() p: Principal, @ValidBody(StartRunSchema) body: z.infer<typeof StartRunSchema>) {
    return summary(await this.start.execute(new StartRunCommand(body.scenario, p, body.dryRun ?? false, body.trigger ?? 'api')));
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @ValidQuery(ListRunsSchema) q: z.infer<typeof ListRunsSchema>) {
    return this.runs.list(p, q);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.runs.get(p, id);
  }

  @Get(':id/timeline')
  timeline(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidQuery(TimelineQuerySchema) q: z.infer<typeof TimelineQuerySchema>) {
    return this.runs.timelineOf(p, id, q.after);
  }

  @Post(':id/abort')
  @HttpCode(202)
  @RequireRole('facilitator')
  @ApiZodBody(AbortSchema)
  async abort(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(AbortSchema) body: z.infer<typeof AbortSchema>) {
    return summary(await this.actions.abort(p, id, body.reason));
  }

  @Post(':id/marks')
  @RequireRole('responder')
  @ApiZodBody(MarkSchema)
  mark(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(MarkSchema) body: z.infer<typeof MarkSchema>) {
    return this.actions.mark(p, id, body);
  }

  @Post(':id/roles')
  @RequireRole('responder')
  @ApiZodBody(RoleSchema)
  role(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(RoleSchema) body: z.infer<typeof RoleSchema>) {
    return this.actions.assignRole(p, id, body);
  }

  @Post(':id/notes')
  @RequireRole('responder')
  @ApiZodBody(NoteSchema)
  note(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(NoteSchema) body: z.infer<typeof NoteSchema>) {
    return this.actions.note(p, id, body.text);
  }

  @Patch(':id/signals/:signalId')
  @RequireRole('facilitator')
  @ApiZodBody(CorrectionSchema)
  correct(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('signalId') signalId: string, @ValidBody(CorrectionSchema) body: z.infer<typeof CorrectionSchema>) {
    return this.actions.correct(p, id, signalId, body);
  }
}

@ApiTags('halt')
@ApiBearerAuth()
@Controller('api/v1/halt')
export class HaltController {
  constructor(private readonly halt: HaltUseCase) {}

  @Get()
  state() {
    return this.halt.state();
  }

  /** Anyone who can respond may pull the cord; lifting it takes a facilitator. */
  @Post()
  @RequireRole('responder')
  @ApiZodBody(HaltSchema)
  engage(@CurrentPrincipal() p: Principal, @ValidBody(HaltSchema) body: z.infer<typeof HaltSchema>) {
    return this.halt.engage(p, body.reason);
  }

  @Delete()
  @RequireRole('facilitator')
  lift(@CurrentPrincipal() p: Principal) {
    return this.halt.lift(p);
  }
}
