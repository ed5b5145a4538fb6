import type { FieldIssue } from '#contracts';

/** `file:line:column: path: message`, the format shown by the CLI and kept in `scenarios/invalid/*.expected.txt`. */
export function formatIssue(issue: FieldIssue): string {
  const where = [issue.file ?? '<input>', issue.line ?? 1, issue.column ?? 1].join(':');
  return `${where}: ${issue.path}: ${issue.message}`;
}

export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map(formatIssue).join('\n');
}
