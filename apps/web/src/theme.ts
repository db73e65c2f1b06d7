import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A muted institutional blue: readable on field laptops in daylight, no brand flourish.
const custodian: MantineColorsTuple = [
  '#eef3f9', '#dce4ee', '#b5c7dc', '#8ca8ca', '#6a8dbb', '#557db2', '#4874af', '#39639a', '#30588a', '#234b7a',
];

export const theme = createTheme({
  primaryColor: 'custodian',
  colors: { custodian },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
});
