import { checkBlameless, checkBlamelessDeep } from './blameless-check.js';

const rules = (text: string) => checkBlameless(text).map((f) => f.rule);

describe('blameless check', () => {
  it.each([
    ['Root cause: human error during the failover.', 'human-error'],
    ['It was operator error.', 'human-error'],
    ["This was Dave's fault.", 'fault-of-person'],
    ['The blame lies with Carol for the outage.', 'fault-of-person'],
    ['Bob forgot to renew the TLS certificate.', 'person-blame-verb'],
    ['Alice failed to check the dashboard before deploying.', 'person-blame-verb'],
    ['John broke the payment flow with his change.', 'person-blame-verb'],
    ['@mallory ignored the page for twenty minutes.', 'person-blame-verb'],
    ['She should have known that the flag was global.', 'hindsight'],
    ['The on-call engineer was careless with the migration.', 'judgement-of-person'],
    ['A negligent rollout took the API down.', 'judgement-of-person'],
  ])('flags "%s"', (sentence, rule) => {
    expect(rules(sentence)).toContain(rule);
  });

  it.each([
    'The deploy failed because the health check timed out.',
    'Alice restored the backup at 10:42.',
    'Bob paged the database team and they failed over to the replica.',
    'The migration failed to acquire a lock and timed out.',
    'Kafka broke under the load of the replay.',
    'The error budget for the quarter was exhausted.',
    'We rolled back the release at 11:05 and latency recovered.',
  ])('does not flag "%s"', (sentence) => {
    expect(checkBlameless(sentence)).toEqual([]);
  });

  it('returns the sentence and a system-focused rewording', () => {
    const [finding] = checkBlameless('The cert expired at 09:00. Bob forgot to renew the certificate. Nobody noticed.', 'rootCause.description');
    expect(finding).toMatchObject({ field: 'rootCause.description', sentence: 'Bob forgot to renew the certificate.', rule: 'person-blame-verb' });
    expect(finding!.suggestion).toMatch(/No reminder or automation ensured that we renew the certificate/);
  });

  it('walks nested sections and names the field of each finding', () => {
    const findings = checkBlamelessDeep({ rootCause: { fiveWhys: ['The job ran twice.', 'Because of human error.'] }, wentWell: ['Alice restored the backup.'] });
    expect(findings.map((f) => f.field)).toEqual(['rootCause.fiveWhys[1]']);
  });
});
