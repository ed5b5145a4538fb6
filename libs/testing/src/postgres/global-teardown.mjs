export default async function globalTeardown() {
  await globalThis.__FIREDRILL_TEST_PG__?.stop();
}
