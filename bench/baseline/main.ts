/** Starts the baseline (server.ts) on PORT against DATABASE_URL / DATABASE_SCHEMA with a plain pg pool. */
import { Pool } from 'pg';
import { BaselineDb, buildBaseline } from './server';

export function pgBaselineDb(pool: Pool): BaselineDb {
  return {
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    async transaction(run) {
      const client = await pool.connect();
      try {
        await client.query('START TRANSACTION');
        const result = await run(async (text, params) => (await client.query(text, params as unknown[])).rows);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}

async function main() {
  const schema = process.env.DATABASE_SCHEMA;
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    options: schema ? `-c search_path=${schema},public` : undefined,
  });
  const app = buildBaseline({ db: pgBaselineDb(pool), secret: process.env.SESSION_SECRET!, powMaxNumber: Number(process.env.SPAM_POW_MAX_NUMBER ?? 50_000) });
  await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

if (require.main === module) void main();
