import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import {
  ActionItemListSchema,
  CreateActionItemSchema,
  UpdateActionItemSchema,
  type ActionItemList,
  type CreateActionItem,
  type UpdateActionItem,
} from './action-items.dto.js';
import { ActionItemsService } from './action-items.service.js';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller('api/v1/action-items')
export class ActionItemsController {
  constructor(private readonly items: ActionItemsService) {}

  @Post()
  @RequireRole('responder')
  @ApiZodBody(CreateActionItemSchema)
  create(@CurrentPrincipal() p: Principal, @ValidBody(CreateActionItemSchema) body: CreateActionItem) {
    return this.items.create(p, body);
  }

  /** `?overdue=true&team=payments` lists open items past their due date. */
  @Get()
  list(@CurrentPrincipal() p: Principal, @ValidQuery(ActionItemListSchema) q: ActionItemList) {
    return this.items.list(p, q);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.items.get(p, id);
  }

  @Patch(':id')
  @RequireRole('responder')
  @ApiZodBody(UpdateActionItemSchema)
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(UpdateActionItemSchema) body: UpdateActionItem) {
    return this.items.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('responder')
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.items.delete(p, id);
  }
}
