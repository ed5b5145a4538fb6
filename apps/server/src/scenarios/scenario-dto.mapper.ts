import type { ScenarioVersionSummary, StoredScenario } from '#scenario';

export const toVersionDto = (v: ScenarioVersionSummary) => ({
  kind: v.kind,
  name: v.name,
  team: v.team,
  version: v.version,
  sha256: v.sha256,
  source: v.source,
  file: v.file,
  createdAt: v.createdAt.toISOString(),
});

export const toListItemDto = (s: StoredScenario) => ({
  ...toVersionDto(s),
  title: s.document.metadata.title ?? null,
});

export const toScenarioDto = (s: StoredScenario) => ({
  ...toVersionDto(s),
  yaml: s.yaml,
  document: s.document,
});
