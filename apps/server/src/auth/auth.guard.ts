import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { requireRole } from '#access';
import type { Role } from '#contracts';
import type { Request } from 'express';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators.js';
import { bearerFrom, TokenAuthenticator } from './token-authenticator.service.js';

/**
 * Every /api/v1/** route needs a bearer token. Routes declare the minimum role
 * with @RequireRole; without it, any valid token (viewer and up) may read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: unknown }>();
    if (!request.path.startsWith('/api/v1/')) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const principal = await this.authenticator.authenticate(bearerFrom(request.headers.authorization));
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'viewer';
    requireRole(principal, required);
    return true;
  }
}
