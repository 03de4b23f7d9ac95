import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan, Not } from 'typeorm';
import { RefreshToken } from '../entities/refresh-token.entity';

@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(RefreshToken);
  }

  async insert(
    values: Pick<RefreshToken, 'orgId' | 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repo(manager).insert(values);
  }

  /** Locks the row so two refreshes with one token cannot both rotate it. */
  findByHashForUpdate(manager: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return this.repo(manager).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.repo().findOneBy({ tokenHash });
  }

  async markRotated(manager: EntityManager, id: string): Promise<void> {
    await this.repo(manager).update({ id }, { rotatedAt: new Date() });
  }

  async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every session of a user, except `keepFamilyId` (the session changing its own password). */
  async revokeAllOfUser(userId: string, keepFamilyId?: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update(
      { userId, revokedAt: IsNull(), ...(keepFamilyId ? { familyId: Not(keepFamilyId) } : {}) },
      { revokedAt: new Date() },
    );
  }

  /** Expired tokens are useless, also for reuse detection. */
  async deleteExpiredOfUser(userId: string): Promise<void> {
    await this.repo().delete({ userId, expiresAt: LessThan(new Date()) });
  }
}
