import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { TABLETOPS_NAMESPACE, TabletopLiveService, type TabletopJoinAck } from './tabletop-live.service.js';

/**
 * Live tabletop updates on namespace `/tabletops`. A connection proves who
 * it is with an API token (`auth.token`), a participant token
 * (`auth.participantToken`) or the browser's cookies; `join {sessionId}`
 * puts it in the session's room and every change emits `changed`.
 */
@WebSocketGateway({ namespace: TABLETOPS_NAMESPACE })
export class TabletopsGateway implements OnGatewayInit<Namespace> {
  constructor(private readonly live: TabletopLiveService) {}

  afterInit(nsp: Namespace): void {
    nsp.use((socket, next) => {
      this.live.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(error instanceof Error ? error : new Error('Authentication failed')),
      );
    });
    this.live.attach(nsp);
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<TabletopJoinAck> {
    return this.live.join(socket, body);
  }
}
