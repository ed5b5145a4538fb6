import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '#access';
import type { Role } from '#contracts';

export const REQUIRED_ROLE = 'firedrill:required-role';
export const PUBLIC_ROUTE = 'firedrill:public';

/** Minimum role for a route (roles are ordered admin > facilitator > responder > viewer). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** A /api/v1 route that authenticates another way (e.g. signed webhooks). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal as Principal;
});
