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

/**
 * `GET /v2/user/whoami`. The spec marks `data` and both names optional: code 0 alone says the key
 * was accepted, so missing names become '' and a key is never rejected over a blank profile.
 */
export const whoamiDataSchema = z
  .object({
    email: z
      .string()
      .nullish()
      .transform((text) => text ?? ''),
    username: z
      .string()
      .nullish()
      .transform((text) => text ?? ''),
  })
  .nullish()
  .transform((data) => data ?? { email: '', username: '' });
export type WhoamiData = z.infer<typeof whoamiDataSchema>;

/**
 * `GET /v2/user/remaining_quota`. Credits can be fractional (a photo costs 0.2). The spec marks
 * `data` and `remaining_quota` optional: without them the credits are unknown (null), not an error.
 */
export const remainingQuotaDataSchema = z
  .object({
    remaining_quota: z
      .number()
      .finite()
      .nullish()
      .transform((quota) => quota ?? null),
  })
  .nullish()
  .transform((data) => data ?? { remaining_quota: null });
export type RemainingQuotaData = z.infer<typeof remainingQuotaDataSchema>;

/** The statuses the docs list; anything else is kept as a raw string and shown as "unknown". */
export const KNOWN_PHOTO_STATUSES = ['in_progress', 'success', 'error'] as const;
export type KnownPhotoStatus = (typeof KNOWN_PHOTO_STATUSES)[number];

/**
 * `GET /v2/photo_avatar/photo`. `status` is any string on purpose (see KNOWN_PHOTO_STATUSES).
 * The spec marks `data` and every field in it optional: an answer without `data` or without a
 * status (null here) says nothing about the photo yet, which the client reports as "no news".
 */
export const photoDataSchema = z
  .object({
    // The caller knows the ID it asked for; a different one is judged by the client.
    photo_id: z.string().nullish(),
    status: z
      .string()
      .nullish()
      .transform((status) => (status?.trim() ? status : null)),
    image_url_list: stringList,
    image_key_list: stringList,
    msg: optionalText,
  })
  .nullish()
  .transform((data) => data ?? null);
export type PhotoData = z.infer<typeof photoDataSchema>;
