import { z } from 'zod';

type Shape = Record<string, z.ZodType>;
type PatchShape<S extends Shape> = { [K in keyof S]: z.ZodOptional<z.ZodType<z.output<S[K]>, z.input<S[K]>>> };

// A patch names only what it changes: defaults are stripped, or an omitted list would wipe the stored one.
export function patchOf<S extends Shape>(shape: S): z.ZodObject<PatchShape<S>> {
  const entries = Object.entries(shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.def.innerType as z.ZodType) : v).optional()]);
  return z.object(Object.fromEntries(entries) as PatchShape<S>).strict();
}
