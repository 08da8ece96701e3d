// The shapes JoggAI answers with, as zod schemas. They are lenient wherever the public docs
// leave room (optional rid, null msg, missing lists, unknown status strings), so a harmless
// difference in JoggAI's answer never turns a finished photo into an error.
import { z } from 'zod';

/** `null` or absent both mean "nothing": lists become empty, texts become null. */
const stringList = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);

const optionalText = z
  .string()
  .nullish()
  .transform((text) => text ?? null);

/** Every answer: `{ rid?, code, msg, data }`. `data` is checked per endpoint, and only on code 0. */
export const envelopeSchema = z.object({
  // rid is only a trace id; a differently typed one must not fail the answer.
  rid: z.string().nullish().catch(undefined),
  code: z.number().int(),
  msg: optionalText,
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** `GET /v2/user/whoami`. Missing names become '' so a key is never rejected over a blank profile. */
export const whoamiDataSchema = z.object({
  email: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
  username: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
});
export type WhoamiData = z.infer<typeof whoamiDataSchema>;

/** `GET /v2/user/remaining_quota`. Credits can be fractional (a photo costs 0.2). */
export const remainingQuotaDataSchema = z.object({
  remaining_quota: z.number().finite(),
});
export type RemainingQuotaData = z.infer<typeof remainingQuotaDataSchema>;

/** The statuses the docs list; anything else is kept as a raw string and shown as "unknown". */
export const KNOWN_PHOTO_STATUSES = ['in_progress', 'success', 'error'] as const;
export type KnownPhotoStatus = (typeof KNOWN_PHOTO_STATUSES)[number];

/** `GET /v2/photo_avatar/photo`. `status` is any string on purpose (see KNOWN_PHOTO_STATUSES). */
export const photoDataSchema = z.object({
  // The docs list photo_id but mark nothing as required; the caller knows the ID it asked for.
  photo_id: z.string().nullish(),
  status: z.string(),
  image_url_list: stringList,
  image_key_list: stringList,
  msg: optionalText,
});
export type PhotoData = z.infer<typeof photoDataSchema>;
