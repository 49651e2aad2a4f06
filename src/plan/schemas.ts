import { z } from 'zod';

// Formats of single values, as zod schemas so the CLI, the sample writer and the rules agree.

/** RFC 1123 host name label: 1–63 letters, digits or '-', not starting or ending with '-'. */
export const hostnameSchema = z
  .string()
  .max(63)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/);

/** Fully qualified domain name (NTP servers may be names): dot-separated RFC 1123 labels, not all-numeric. */
export const fqdnSchema = z
  .string()
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$/,
  );

/** Linux interface names (ens224, eth0.100, bond_1): at most 15 characters. */
export const nicNameSchema = z
  .string()
  .max(15)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

export const vlanIdSchema = z.coerce.number().int().min(0).max(4094);

export const hostCountSchema = z.coerce.number().int().min(3).max(16);
