import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Fixed-window counters in PostgreSQL: shared by every API process and independent of Redis. */
@Injectable()
export class LoginRateLimitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one attempt in the window and returns the window's count including it. */
  async hit(bucket: string, windowStart: Date): Promise<number> {
    const rows: { attempts: number }[] = await this.dataSource.query(
      `INSERT INTO login_rate_limit (bucket, window_start, attempts) VALUES ($1, $2, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET attempts = login_rate_limit.attempts + 1
       RETURNING attempts`,
      [bucket, windowStart],
    );
    return rows[0].attempts;
  }

  async purgeBefore(cutoff: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_rate_limit WHERE window_start < $1`, [cutoff]);
  }
}
