// Parameters of the API, validated at the boundary: a bad one is a 400 with a JSON error body.
import { z } from 'zod';

/** A Temporal workflow id as our runs name them (bring-up ids, child ids with `/`). */
export const deploymentIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\p{L}\p{N}._:/@+-]+$/u, 'letters, digits and . _ : / @ + - only');

export const logsQuerySchema = z.strictObject({
  lines: z.coerce.number().int().min(1).max(1000).default(100),
  pod_name: z.string().min(1).max(255).optional(),
});

export type LogsQuery = z.infer<typeof logsQuerySchema>;
