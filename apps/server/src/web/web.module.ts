import { Inject, Module, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express from 'express';
import type { FiredrillConfig } from '#config';
import { CONFIG } from '../core/config.token.js';
import { GamedaysModule } from '../gamedays/gamedays.module.js';
import { IncidentHistoryModule } from '../incidents/incident-history.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { TabletopsModule } from '../tabletops/tabletops.module.js';
import { AssetsController } from './pages/assets.controller.js';
import { AuthPagesController } from './pages/auth-pages.controller.js';
import { DashboardPageController } from './pages/dashboard-page.controller.js';
import { DebriefPageController } from './pages/debrief-page.controller.js';
import { RunRoomPageController } from './pages/run-room-page.controller.js';
import { ScenarioPagesController } from './pages/scenario-pages.controller.js';
import { ScorecardPageController } from './pages/scorecard-page.controller.js';
import { TabletopPagesController } from './pages/tabletop-pages.controller.js';
import { WebSessionModule } from './session/web-session.module.js';
import { WebAuth } from './web-auth.service.js';
import { WebErrorFilter } from './web-error.filter.js';
import { ViewEngine } from './view-engine.js';
import { viewsDir } from './web-paths.js';

const PAGES = [AuthPagesController, DashboardPageController, TabletopPagesController, RunRoomPageController, ScenarioPagesController, ScorecardPageController, DebriefPageController];

/**
 * The web UI: server-rendered pages (Handlebars, isolated instance) under `/`,
 * progressively enhanced by the bundles in dist/public (served at /assets).
 * Pages sign in with a server-side session, never with the API's bearer token.
 */
@Module({
  imports: [WebSessionModule, RunsModule, ScenariosModule, TabletopsModule, GamedaysModule, IncidentHistoryModule],
  controllers: [...PAGES, AssetsController],
  providers: [{ provide: ViewEngine, useFactory: () => new ViewEngine(viewsDir()) }, WebAuth, WebErrorFilter],
})
export class WebModule implements NestModule, OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly views: ViewEngine,
    @Inject(CONFIG) private readonly config: FiredrillConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // Page forms are urlencoded; the API never sees this parser.
    consumer.apply(express.urlencoded({ extended: false, limit: this.config.bodyLimitBytes }), securityHeaders).forRoutes(...PAGES);
  }

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<express.Express>();
    app.engine('hbs', this.views.express);
    app.set('views', viewsDir());
    app.set('view engine', 'hbs');
  }
}

function securityHeaders(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'");
  next();
}
