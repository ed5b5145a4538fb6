export interface PostmortemTemplate {
  teamSlug: string;
  name: string;
  source: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Port: teams' own postmortem templates (libs/persistence). */
export abstract class PostmortemTemplateRepository {
  abstract find(teamSlug: string, name: string): Promise<PostmortemTemplate | null>;
  /** Inserts or replaces the template called `name`. */
  abstract save(teamSlug: string, name: string, source: string): Promise<PostmortemTemplate>;
  abstract list(teamSlug: string): Promise<PostmortemTemplate[]>;
  abstract delete(teamSlug: string, name: string): Promise<boolean>;
}
