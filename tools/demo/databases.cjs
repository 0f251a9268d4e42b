// The demo on PostgreSQL: one fresh database per service on the server of the given URL (each service
// owns its tables and its migrations table). Prints `service=url` lines.
const { Client } = require('pg');

async function main() {
  const [base, ...services] = process.argv.slice(2);
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const prefix = (new URL(base).pathname.slice(1) || 'archive365').replace(/[^a-z0-9_]/gi, '_');
  try {
    for (const service of services) {
      const name = `${prefix}_demo_${service.replace(/-/g, '_')}`;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      console.log(`${service}=${url}`);
    }
  } finally {
    await admin.end();
  }
}

main().catch((error) => {
  console.error(`demo: could not prepare the databases at DATABASE_URL: ${error.message}`);
  process.exit(1);
});
