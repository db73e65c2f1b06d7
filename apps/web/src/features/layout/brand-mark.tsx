import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';

export function BrandMark() {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={30} radius="sm" color="custodian" variant="filled"><IconShieldCheck size={18} /></ThemeIcon>
      <Text fw={700} size="lg" lts={0.5}>Custodian</Text>
    </Group>
  );
}
