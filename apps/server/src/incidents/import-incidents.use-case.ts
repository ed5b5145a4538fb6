import { Injectable } from '@nestjs/common';
import type { Principal } from '#access';
import { ValidationError, type ImportIncidentsResultDto } from '#contracts';
import { defaultActionItemDueAt } from '#debrief';
import { IncidentRecords, parseIncidentCsv, parseIncidentJson, type ImportedIncident } from '#incident';
import { IncidentsService } from './incidents.service.js';

/** An import request as it arrived: the parsed JSON or the CSV text. */
export class ImportIncidentsCommand {
  constructor(
    readonly principal: Principal,
    readonly team: string,
    readonly contentType: string,
    readonly body: unknown,
  ) {}

  /** Every row validated, or one error listing every bad row and field. */
  rows(): ImportedIncident[] {
    const type = this.contentType.split(';')[0]!.trim().toLowerCase();
    if (type === 'text/csv') {
      if (typeof this.body !== 'string') throw new ValidationError('The CSV body is empty', [{ path: '(root)', message: 'must be CSV text with a header row' }]);
      return parseIncidentCsv(this.body);
    }
    if (type === 'application/json' || type.endsWith('+json')) return parseIncidentJson(this.body);
    throw new ValidationError(`Unsupported content type '${type || '(none)'}'`, [{ path: 'content-type', message: 'must be application/json or text/csv' }]);
  }
}

/** Imports incident history all-or-nothing, idempotent on externalId. */
@Injectable()
export class ImportIncidentsUseCase {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly records: IncidentRecords,
  ) {}

  async execute(command: ImportIncidentsCommand): Promise<ImportIncidentsResultDto> {
    await this.incidents.requireTeam(command.principal, command.team);
    const rows = command.rows();
    return this.records.importIncidents(command.team, rows, (severity, from) => defaultActionItemDueAt(severity, from));
  }
}
