/** The follow-up record a recording belongs to, as far as recordings need to know it. */
export interface FollowUpRecordRef {
  id: string;
  clientId: string;
  taskId: string;
}

/**
 * How recordings find the record they are attached to, inside the caller's organisation. Also the
 * injection token: `RecordingsModule` binds it to a query of its own; the follow-ups module may
 * bind its records service instead.
 */
export abstract class FollowUpRecordAccess {
  /** The record, or null when it does not exist in that organisation. */
  abstract findRecord(orgId: string, recordId: string): Promise<FollowUpRecordRef | null>;
}
