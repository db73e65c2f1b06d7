import type { Db } from './platform/db/connect';
import { SYSTEM_ACTOR } from './platform/access/actor';
import { oneTimePassword } from './platform/auth/passwords';
import { createUser } from './modules/users/user.service';

/** Creates the first administrator with a one-time password that must be changed at first login. */
export async function createFirstAdministrator(db: Db): Promise<{ username: string; password: string } | null> {
  const any = await db.selectFrom('app_user').select('id').where('username', '!=', 'system').limit(1).executeTakeFirst();
  if (any) return null;
  const password = oneTimePassword();
  await db.transaction().execute((tx) =>
    createUser(tx, { actor: SYSTEM_ACTOR, requestId: 'bootstrap' }, {
      username: 'admin', displayName: 'Administrator', roles: ['ADMINISTRATOR'], clearance: 'SECRET', password, mustChangePassword: true,
    }));
  return { username: 'admin', password };
}

export function printCredentials(c: { username: string; password: string }, url?: string): void {
  const lines = [
    'First administrator created. This password is shown once and must be changed at first login:',
    `    user:     ${c.username}`,
    `    password: ${c.password}`,
    ...(url ? [`    sign in:  ${url}`] : []),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
