import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StaffRecipient } from '@health/core';

/** The staff half of `NotificationRecipients`: who a staff notification is addressed to. */
@Injectable()
export class StaffRecipients {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when no such user exists in the organisation; a disabled user is not active. */
  async staff(orgId: string, userId: string): Promise<StaffRecipient | null> {
    const rows: { displayName: string; active: boolean }[] = await this.dataSource.query(
      `SELECT display_name AS "displayName", status = 'active' AS active FROM staff_user WHERE org_id = $1 AND id = $2`,
      [orgId, userId],
    );
    return rows[0] ?? null;
  }
}

/** `StaffRecipients` alone, for processes that run notifications without the rest of IAM (the worker). */
@Module({ providers: [StaffRecipients], exports: [StaffRecipients] })
export class StaffRecipientsModule {}
