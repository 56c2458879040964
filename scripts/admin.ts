/**
 * Administration CLI (`npm run admin -- <command>`), run against the configured store (same env as the server):
 *
 *   create-admin --username <name> --unit <rootUnitId> [--unit-name <名称>] [--display-name <name>] [--password-stdin]
 *       Creates the first admin: the root unit (a city) when it does not exist, the account, and the `admin`
 *       role at that unit. Without --password-stdin a password is generated and printed ONCE; nothing else
 *       secret is printed. There is no default password anywhere.
 *   verify-audit
 *       Walks the audit hash chain; prints the verdict as JSON and exits 1 when an entry was edited,
 *       deleted or reordered (naming the first one).
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../server/config/load.js';
import { openStore } from '../server/store/index.js';
import { createSecurityServices } from '../server/identity/services.js';
import { systemContext } from '../server/identity/context.js';
import { generatePassword } from '../server/identity/password.js';
import { userSubject } from '../server/identity/principal.js';
import { verifyAuditChain } from '../server/audit/verify.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const store = await openStore(config);
  try {
    if (command === 'verify-audit') {
      const verdict = await verifyAuditChain(store);
      process.stdout.write(JSON.stringify(verdict, null, 2) + '\n');
      return verdict.ok ? 0 : 1;
    }
    if (command === 'create-admin') {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          unit: { type: 'string' },
          'unit-name': { type: 'string' },
          'display-name': { type: 'string' },
          'password-stdin': { type: 'boolean', default: false },
        },
      });
      if (!values.username || !values.unit) {
        process.stderr.write('usage: create-admin --username <name> --unit <rootUnitId> [--unit-name <名称>] [--display-name <name>] [--password-stdin]\n');
        return 2;
      }
      const security = await createSecurityServices(store, { settings: { authzRefreshMs: 0 } });
      const ctx = systemContext('cli:create-admin');
      if (!security.org.tree.get(values.unit)) {
        await security.org.create({ id: values.unit, name: values['unit-name'] ?? values.unit, kind: 'city', parentId: null }, ctx);
      }
      const password = values['password-stdin'] ? await readStdin() : generatePassword();
      const user = await security.users.create(
        { username: values.username, displayName: values['display-name'] ?? values.username, unitId: values.unit, password },
        ctx,
      );
      await security.authz.assign(userSubject(user._id), 'admin', values.unit, ctx);
      security.stop();
      process.stdout.write(`created admin ${user.username} (${user._id}) with role admin at unit ${values.unit}\n`);
      if (!values['password-stdin']) process.stdout.write(`generated password (shown once, store it now): ${password}\n`);
      return 0;
    }
    process.stderr.write('commands: create-admin, verify-audit\n');
    return 2;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`admin: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
