import type { DocumentKind, ScenarioDocument } from '../types.js';

/** Where a version came from: saved through the API, or loaded from the scenarios directory in git. */
export type ScenarioSource = 'api' | 'git';

/** One stored version of a scenario, tabletop or schedule. */
export interface StoredScenario {
  kind: DocumentKind;
  name: string;
  /** `metadata.team` of this version. */
  team: string;
  version: number;
  /** The document's own source text, exactly as received. */
  yaml: string;
  document: ScenarioDocument;
  /** SHA-256 (hex) of `yaml`; equal text is never stored twice in a row. */
  sha256: string;
  source: ScenarioSource;
  /** Path of the file it was loaded from (git), or null. */
  file: string | null;
  createdAt: Date;
}

/** A version without its text, for version lists. */
export type ScenarioVersionSummary = Omit<StoredScenario, 'yaml' | 'document'>;

export interface SaveScenarioOptions {
  yaml: string;
  source: ScenarioSource;
  file?: string | null;
}

export interface SavedScenario {
  kind: DocumentKind;
  name: string;
  version: number;
  /** False when the text equals the latest version's: that version is returned and nothing is written. */
  created: boolean;
}

export interface ScenarioListQuery {
  kind?: DocumentKind;
  team?: string;
  limit: number;
  offset: number;
}

/**
 * Versioned storage of validated documents, keyed by (kind, name). Every save
 * of changed text appends version n+1; history is never rewritten.
 */
export abstract class ScenarioStore {
  /** Appends a version unless `yaml` equals the latest version's text. Concurrent saves of one name are serialised. */
  abstract save(doc: ScenarioDocument, options: SaveScenarioOptions): Promise<SavedScenario>;
  /** The newest version, or null when the name is unknown. */
  abstract latest(kind: DocumentKind, name: string): Promise<StoredScenario | null>;
  /** Version `n`, or null. */
  abstract version(kind: DocumentKind, name: string, n: number): Promise<StoredScenario | null>;
  /** The newest version of each document, ordered by kind then name; `team` filters on the newest version's team. */
  abstract list(query: ScenarioListQuery): Promise<{ items: StoredScenario[]; total: number }>;
  /** Every version, newest first; empty when the name is unknown. */
  abstract versions(kind: DocumentKind, name: string): Promise<ScenarioVersionSummary[]>;
}
