// NISTCOM: the NIST comment convention inside a WSQ COM segment — "NIST_COM n" then one
// "KEY value" line per attribute (PIX_WIDTH, PIX_HEIGHT, PIX_DEPTH, PPI, LOSSY, ...).

export function parseNistcom(text: string): Map<string, string> | undefined {
  if (!text.startsWith('NIST_COM')) return undefined;
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

export function formatNistcom(attrs: [string, string][]): string {
  const lines = attrs.map(([k, v]) => `${k} ${v}`);
  return [`NIST_COM ${lines.length + 1}`, ...lines].join('\n');
}
