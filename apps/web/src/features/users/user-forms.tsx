import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { CLEARANCE_LEVELS, ROLES, type User, type UserCreated } from '@custodian/contracts';
import { ApiError } from '../../api/client';
import { humanize } from '../persons/badges';
import { useCreateUser, useSetClearance, useSetRoles } from './user-api';
import { ErrorAlert } from '../layout/page';

const roleOptions = ROLES.map((r) => ({ value: r, label: humanize(r) }));
const clearanceOptions = CLEARANCE_LEVELS.map((c) => ({ value: c, label: c }));
const SECRET_NOTE = 'SECRET takes effect only when a second administrator approves it.';

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [clearance, setClearance] = useState<string | null>('RESTRICTED');
  const [created, setCreated] = useState<UserCreated | null>(null);
  const fields = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const close = () => { setCreated(null); setUsername(''); setDisplayName(''); setRoles([]); create.reset(); onClose(); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ id: '', body: { username: username.trim(), displayName: displayName.trim(), roles, clearance } }, { onSuccess: setCreated });
  };
  return (
    <Modal opened={opened} onClose={close} title="New user" centered>
      {created ? (
        <Stack gap="sm" data-testid="one-time-password">
          <Text size="sm">Account <b>{created.username}</b> created. Give this one-time password to the person in a safe way; it is shown only now.
            They choose their own and set up an authenticator app at first sign-in.</Text>
          <Group gap="xs"><Code fz="lg">{created.oneTimePassword}</Code>
            <CopyButton value={created.oneTimePassword ?? ''}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
          </Group>
          {created.pendingClearance && <Alert color="yellow" variant="light">Clearance is {created.clearance} until a second administrator approves {created.pendingClearance}.</Alert>}
          <Group justify="flex-end"><Button onClick={close}>Done</Button></Group>
        </Stack>
      ) : (
        <Stack component="form" onSubmit={submit} gap="sm">
          <ErrorAlert error={create.error} />
          <TextInput label="User name" name="new-username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)}
            description="lower-case letters, digits, dot, dash" error={fields.username} />
          <TextInput label="Full name" name="new-display-name" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={fields.displayName} />
          <MultiSelect label="Roles" placeholder={roles.length ? undefined : 'Choose roles'} data={roleOptions} value={roles} onChange={setRoles} required error={fields.roles} searchable />
          <Select label="Clearance" data={clearanceOptions} value={clearance} onChange={setClearance} allowDeselect={false}
            description={clearance === 'SECRET' ? SECRET_NOTE : undefined} error={fields.clearance} />
          <Group justify="flex-end"><Button variant="default" onClick={close}>Cancel</Button><Button type="submit" loading={create.isPending}>Create user</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

export function EditAccessModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const setRolesM = useSetRoles();
  const setClearanceM = useSetClearance();
  const [roles, setRoles] = useState<string[]>(user?.roles ?? []);
  const [clearance, setClearance] = useState<string | null>(user?.clearance ?? null);
  if (!user) return null;
  const error = setRolesM.error ?? setClearanceM.error;
  const save = async () => {
    const sameRoles = [...roles].sort().join() === [...user.roles].sort().join();
    if (!sameRoles) await setRolesM.mutateAsync({ id: user.id, body: { roles } });
    if (clearance && clearance !== user.clearance) await setClearanceM.mutateAsync({ id: user.id, body: { clearance } });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={`Access of ${user.username}`} centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">A change signs the user out everywhere.</Text>
        <ErrorAlert error={error} />
        <MultiSelect label="Roles" data={roleOptions} value={roles} onChange={setRoles} searchable />
        <Select label="Clearance" data={clearanceOptions} value={clearance} onChange={setClearance} allowDeselect={false}
          description={clearance === 'SECRET' && user.clearance !== 'SECRET' ? SECRET_NOTE : undefined} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => { save().catch(() => undefined); }} loading={setRolesM.isPending || setClearanceM.isPending}>Save</Button></Group>
      </Stack>
    </Modal>
  );
}
