export type TemplateFormat = 'iso19794-2:2005' | 'ansi378' | 'custodian-compact';

/** A minutiae record that cannot be read; `offset` is the byte position where reading failed. */
export class TemplateFormatError extends Error {
  constructor(
    readonly format: TemplateFormat,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`invalid ${format} record at byte ${offset}: ${reason}`);
    this.name = 'TemplateFormatError';
  }
}
