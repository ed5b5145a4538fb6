import { Module } from '@nestjs/common';
import { SignalsModule } from '../../signals/signals.module.js';
import { ResponseTimeMetrics } from './response-time.metrics.js';

/** Response-time histograms (TTD/TTA/TTM/TTR) on /metrics. */
@Module({ imports: [SignalsModule], providers: [ResponseTimeMetrics], exports: [ResponseTimeMetrics] })
export class RunMetricsModule {}
