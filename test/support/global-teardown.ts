export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __cabildoDb?: { stop(): Promise<void> } }).__cabildoDb;
  if (db) await db.stop();
}
