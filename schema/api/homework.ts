/** Homework uploads (portal) and the booking's files (admin). */
import * as v from 'valibot';
import { Id } from './common.ts';

export const MilestoneParams = v.object({ id: Id, milestoneId: Id });
export const ArtifactParams = v.object({ id: Id, artifactId: Id });

/** One uploaded file; `download_url` is a signed link valid until `download_expires_at` (minutes). */
export const ArtifactOut = v.object({
  id: Id,
  milestone_id: Id,
  filename: v.string(),
  content_type: v.string(),
  kind: v.picklist(['pdf', 'jpg', 'png', 'heic', 'webp', 'mp3', 'm4a', 'mp4', 'txt', 'docx']),
  size_bytes: v.number(),
  uploaded_at: v.string(),
  download_url: v.string(),
  download_expires_at: v.string(),
});
export type ArtifactOut = v.InferOutput<typeof ArtifactOut>;

export const ArtifactList = v.object({ artifacts: v.array(ArtifactOut), max_bytes: v.number() });
export type ArtifactList = v.InferOutput<typeof ArtifactList>;
