import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/config.js';
import { createRuntime } from '../../runtime/runtime.js';
import { createApiKey, CourierNotFoundError, roles, type Role } from '../../db/repositories/api-keys.js';
import { ensureOrganisation, findOrganisationBySlug } from '../../db/repositories/organisations.js';
import { createLogger } from '../../observability/logger.js';
import { zodFlag } from '../flags.js';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'expected lower-case letters, digits and dashes, e.g. acme-logistics' });

export function register(program: Command): void {
  const keys = commandGroup(program, 'keys', 'Manage API keys.');
  keys
    .command('create')
    .description('Create an API key and print it once (the organisation is created if it does not exist).')
    .requiredOption('--org <slug>', 'organisation slug', zodFlag(slug))
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`, zodFlag(z.enum(roles, { message: `expected one of ${roles.join(', ')}` })))
    .option('--courier <id>', 'the courier a courier key is bound to (required with --role courier)', zodFlag(z.string().uuid({ message: 'expected a courier id (UUID)' })))
    .option('--name <name>', 'a label for the key', '')
    .option('--json', 'print JSON')
    .action(async (options: { org: string; role: Role; courier?: string; name: string; json?: boolean }, command: Command) => {
      if ((options.role === 'courier') !== (options.courier !== undefined)) {
        command.error('error: --courier is required with --role courier and not allowed with other roles', { exitCode: 2 });
      }
      const config = loadConfig();
      const runtime = await createRuntime(config, { purpose: 'lastmile keys create', migrate: true, logger: createLogger('warn') });
      try {
        const existed = await findOrganisationBySlug(runtime.db, options.org);
        const organisation = existed ?? (await ensureOrganisation(runtime.db, options.org));
        const key = await createApiKey(runtime.db, { organisationId: organisation.id, role: options.role, courierId: options.courier, name: options.name });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ id: key.id, organisation: organisation.slug, role: key.role, courier_id: key.courier_id, token: key.token })}\n`);
        } else {
          if (!existed) process.stderr.write(`Created organisation "${organisation.slug}".\n`);
          process.stderr.write(`Created ${key.role} key ${key.id}. The key is shown only once:\n`);
          process.stdout.write(`${key.token}\n`);
        }
      } catch (error) {
        if (error instanceof CourierNotFoundError) throw new CliError(`courier ${options.courier} does not exist in organisation ${options.org}`);
        throw error;
      } finally {
        await runtime.close();
      }
    });
}
