import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import type { Principal } from '#access';
import { DomainError, LIVE_RUNS_NAMESPACE, type LiveJoinAck, type LiveLeaveAck } from '#contracts';
import { bearerFrom, TokenAuthenticator } from '../auth/token-authenticator.service.js';
import { WebSessionService } from '../web/session/web-session.service.js';
import { LiveAdapter } from './live-adapter.service.js';
import { LiveRunsService, type RunsNamespace } from './live-runs.service.js';

type RunsSocket = Socket & { data: { principal: Principal } };

/**
 * Live run events on socket.io namespace `/runs` (event map in
 * libs/contracts/src/live-events.ts). Connections authenticate with an API
 * token, like the REST API, or with the signed-in browser's session cookie
 * (the run room page); each run is a room.
 */
@WebSocketGateway({ namespace: LIVE_RUNS_NAMESPACE })
export class RunsGateway implements OnGatewayInit<RunsNamespace> {
  constructor(
    private readonly live: LiveRunsService,
    private readonly adapter: LiveAdapter,
    private readonly authenticator: TokenAuthenticator,
    private readonly webSessions: WebSessionService,
  ) {}

  afterInit(nsp: RunsNamespace): void {
    this.adapter.install(nsp.server);
    nsp.use((socket, next) => {
      const { token } = (socket.handshake.auth ?? {}) as { token?: unknown };
      const secret = typeof token === 'string' && token ? token : bearerFrom(socket.handshake.headers.authorization);
      this.principalOf(secret, socket.handshake.headers).then(
        (principal) => {
          socket.data.principal = principal;
          next();
        },
        (error: unknown) => {
          const failure = new Error(error instanceof DomainError ? error.message : 'Authentication failed') as Error & { data?: unknown };
          failure.data = { code: error instanceof DomainError ? error.code : 'unauthenticated' };
          next(failure);
        },
      );
    });
    this.live.attach(nsp);
  }

  /** A token when one is sent (a bad one is refused, never downgraded to the cookie); otherwise the web session cookie. */
  private async principalOf(secret: string | undefined, headers: Socket['handshake']['headers']): Promise<Principal> {
    if (!secret) {
      const signedIn = await this.webSessions.fromCookieHeader({ headers });
      if (signedIn) return signedIn.principal;
    }
    return this.authenticator.authenticate(secret);
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: RunsSocket, @MessageBody() body: unknown): Promise<LiveJoinAck> {
    return this.live.join(socket.data.principal, socket, body);
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: RunsSocket, @MessageBody() body: unknown): Promise<LiveLeaveAck> {
    return this.live.leave(socket, body);
  }
}
